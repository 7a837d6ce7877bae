/**
 * `--context <glob>` and config `context:`: manifests read for cross-resource checks (here a PDB
 * in another directory) without being reported on. Runs the CLI's main() in-process.
 */
import { describe, expect, it } from 'vitest';
import { expectCleanExit, fileOf, gpuDeployment, parseReport, positionOf, runInProcess, stylishFindings, tempDir } from './run.js';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.0
          ports:
            - containerPort: 8080
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api-pdb
spec:
  maxUnavailable: 0
  selector:
    matchLabels:
      app: api
`;

/** A context file that would get findings of its own if it were linted (no grace period, no preStop). */
const BROKEN_GPU = gpuDeployment({ name: 'vllm', preStop: false });

function project(extra: Record<string, string> = {}): string {
  return tempDir({ 'deploy.yaml': DEPLOY, 'other/pdb.yaml': PDB, 'other/gpu.yaml': BROKEN_GPU, ...extra });
}

/** The JSON report of a run that must exit 1 with exactly the PDB relation, reported on deploy.yaml. */
async function expectRelationOnDeployment(args: string[], cwd: string): Promise<void> {
  const result = await runInProcess([...args, '--format', 'json'], { cwd });
  expectCleanExit(result, [1]);
  const report = parseReport(result.stdout);
  expect(report.files.map((f) => f.path)).toEqual(['deploy.yaml']);
  const { findings } = fileOf(report, 'deploy.yaml');
  expect(findings.map((f) => f.ruleId)).toEqual(['pdb-blocks-drain']);
  const [finding] = findings;
  // On the workload whose pods the PDB blocks, at its replicas.
  expect({ line: finding!.line, column: finding!.column }).toEqual(positionOf(DEPLOY, 'replicas: 3'));
  expect(finding!.object).toEqual({ kind: 'Deployment', name: 'api' });
  expect(finding!.severity).toBe('error');
  // Names the PDB and the file (and line) it lives in, and the workload with its replicas.
  expect(finding!.message).toContain('PodDisruptionBudget api-pdb (other/pdb.yaml:4)');
  expect(finding!.message).toContain('Deployment api (deploy.yaml:4, 3 replicas)');
  expect(finding!.message).toContain('maxUnavailable: 0 lets no pod go');
  expect(report.errorCount).toBe(1);
}

describe('--context', () => {
  it('reports the relation from a PDB that lives only in a context file on the workload, nothing on the context files', async () => {
    await expectRelationOnDeployment(['deploy.yaml', '--context', 'other/*.yaml'], project());
  });

  it('stylish output lists the finding under deploy.yaml only', async () => {
    const result = await runInProcess(['deploy.yaml', '--context', 'other/*.yaml', '--no-color'], { cwd: project() });
    expectCleanExit(result, [1]);
    const lines = stylishFindings(result.stdout);
    expect(lines).toEqual([{ path: 'deploy.yaml', ...positionOf(DEPLOY, 'replicas: 3'), severity: 'error', ruleId: 'pdb-blocks-drain' }]);
    expect(result.stdout).not.toMatch(/^other\//m);
    expect(result.stdout).toContain('other/pdb.yaml:4');
  });

  it('is repeatable', async () => {
    await expectRelationOnDeployment(['deploy.yaml', '--context', 'other/pdb.yaml', '--context', 'other/gpu.yaml'], project());
  });

  it('without the context the relation is invisible: exit 0, no findings', async () => {
    const result = await runInProcess(['deploy.yaml', '--format', 'json'], { cwd: project() });
    expectCleanExit(result, [0]);
    expect(parseReport(result.stdout).errorCount).toBe(0);
  });

  it('a file given both as input and as context is linted (the PDB is then reported on itself)', async () => {
    const result = await runInProcess(['deploy.yaml', 'other/pdb.yaml', '--context', 'other/*.yaml', '--format', 'json'], { cwd: project() });
    expectCleanExit(result, [1]);
    const report = parseReport(result.stdout);
    expect(fileOf(report, 'deploy.yaml').findings).toEqual([]);
    const pdb = fileOf(report, 'other/pdb.yaml').findings;
    expect(pdb.map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual([`pdb-blocks-drain@${positionOf(PDB, 'maxUnavailable').line}:${positionOf(PDB, 'maxUnavailable').column}`]);
    // The context-only GPU Deployment is still not reported.
    expect(report.files.map((f) => f.path)).not.toContain('other/gpu.yaml');
  });

  it('a context pattern that matches nothing is a warning on stderr, not an error', async () => {
    const result = await runInProcess(['deploy.yaml', '--context', 'missing/*.yaml', '--format', 'json'], { cwd: project() });
    expectCleanExit(result, [0]);
    expect(result.stderr).toContain('missing/*.yaml');
  });
});

describe('config context:', () => {
  it('does the same as --context', async () => {
    const cwd = project({ '.gpu-drain-lint.yaml': 'context: ["other/*.yaml"]\n' });
    await expectRelationOnDeployment(['deploy.yaml'], cwd);
  });

  it('adds to --context', async () => {
    const cwd = project({ '.gpu-drain-lint.yaml': 'context:\n  - other/gpu.yaml\n' });
    await expectRelationOnDeployment(['deploy.yaml', '--context', 'other/pdb.yaml'], cwd);
  });
});
