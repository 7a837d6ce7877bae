/**
 * ValidatingAdmissionPolicies evaluated offline, through the CLI, on the Kubernetes docs' own
 * examples (fixtures/admission/, sources in SOURCES.md): findings at the field with the policy's
 * message, severity from the binding's validationActions, policies in `--context` files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings, expectCleanExit, parseReport, positionOf, ROOT, run, runInProcess, tempDir } from './run.js';

const FIXTURES = join(ROOT, 'fixtures/admission');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

async function admissionFindings(args: string[], cwd = ROOT) {
  const result = await runInProcess([...args, '--format', 'json'], { cwd });
  expectCleanExit(result);
  return { status: result.status, findings: allFindings(parseReport(result.stdout)).filter((f) => f.ruleId === 'admission-policy') };
}

describe('admission-policy on the Kubernetes docs examples', () => {
  it('replica limit: the Deployment in the environment=test Namespace is denied; others pass, are not selected, or are undecided', async () => {
    const { status, findings } = await admissionFindings(['fixtures/admission/replica-limit.yaml']);
    const at = positionOf(fixture('replica-limit.yaml'), 'name: too-many');
    expect(status).toBe(1);
    expect(findings.map((f) => [f.severity, f.line, f.column, f.message, f.object])).toEqual([
      ['error', at.line, at.column, 'demo-policy.example.com: failed expression: object.spec.replicas <= 5', { kind: 'Deployment', namespace: 'test', name: 'too-many' }],
    ]);
  });

  it('variables: the messageExpression names the Namespace environment and the Namespace', async () => {
    const { findings } = await admissionFindings(['fixtures/admission/variables.yaml']);
    const at = positionOf(fixture('variables.yaml'), 'name: staging-image');
    expect(findings.map((f) => [f.severity, f.line, f.column, f.message])).toEqual([
      ['error', at.line, at.column, 'image-matches-namespace-environment.policy.example.com: only prod images are allowed in namespace prod-ns'],
    ]);
  });

  it('matchConditions with a Warn binding: a warning, and the Lease and the Role are skipped', async () => {
    const { status, findings } = await admissionFindings(['fixtures/admission/match-conditions.yaml']);
    const at = positionOf(fixture('match-conditions.yaml'), 'name: demo-settings');
    expect(status).toBe(0);
    expect(findings.map((f) => [f.severity, f.line, f.column, f.object?.name])).toEqual([['warn', at.line, at.column, 'demo-settings']]);
  });

  it('parameters are reported as not supported yet, at the binding, and nothing is evaluated', async () => {
    const { findings } = await admissionFindings(['fixtures/admission/params.yaml']);
    const at = positionOf(fixture('params.yaml'), 'paramRef:');
    expect(findings.map((f) => [f.severity, f.line, f.column, f.object?.kind])).toEqual([['warn', at.line, at.column, 'ValidatingAdmissionPolicyBinding']]);
  });
});

describe('admission-policy through the CLI', () => {
  const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: test
spec:
  replicas: 8
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: nginx:1.27
`;
  const cluster = fixture('replica-limit.yaml').split('\n---\n').slice(0, 3).join('\n---\n');

  it('a policy, its binding and the Namespace in a --context file judge the linted files', async () => {
    const dir = tempDir({ 'deploy.yaml': deploy, 'cluster/policies.yaml': cluster });
    const { status, findings } = await admissionFindings(['deploy.yaml', '--context', 'cluster/*.yaml'], dir);
    expect(status).toBe(1);
    expect(findings.map((f) => [f.path, f.line, f.message])).toEqual([['deploy.yaml', positionOf(deploy, 'name: api').line, 'demo-policy.example.com: failed expression: object.spec.replicas <= 5']]);
  });

  it('config `rules: {admission-policy: warn}` demotes the denials; `off` silences them', async () => {
    const warn = tempDir({ 'deploy.yaml': deploy, 'cluster/policies.yaml': cluster, '.gpu-drain-lint.yaml': 'rules:\n  admission-policy: warn\n' });
    expect((await admissionFindings(['deploy.yaml', '--context', 'cluster/*.yaml'], warn)).findings.map((f) => f.severity)).toEqual(['warn']);
    const off = tempDir({ 'deploy.yaml': deploy, 'cluster/policies.yaml': cluster, '.gpu-drain-lint.yaml': 'rules:\n  admission-policy: off\n' });
    expect((await admissionFindings(['deploy.yaml', '--context', 'cluster/*.yaml'], off)).findings).toEqual([]);
  });

  it('a disable-next-line comment suppresses the finding like any other; the suppressed finding does not fail the run', async () => {
    const commented = deploy.replace('  name: api\n', '  # gpu-drain-lint-disable-next-line admission-policy -- canary, approved by the platform team\n  name: api\n');
    const dir = tempDir({ 'deploy.yaml': commented, 'cluster/policies.yaml': cluster });
    const result = await runInProcess(['deploy.yaml', '--context', 'cluster/*.yaml', '--format', 'json'], { cwd: dir });
    const findings = allFindings(parseReport(result.stdout)).filter((f) => f.ruleId === 'admission-policy');
    expect(findings.map((f) => (f as { suppressions?: { kind: string }[] }).suppressions?.[0]?.kind)).toEqual(['inSource']);
    expect(allFindings(parseReport(result.stdout)).filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
  });

  it('an object with a value a TypeScript source computes is not judged; a literal one is', async () => {
    const chart = `import { App, Chart } from 'cdk8s';
import { KubeDeployment } from './imports/k8s';

const app = new App();
const chart = new Chart(app, 'serving');
new KubeDeployment(chart, 'computed', {
  metadata: { name: 'computed', namespace: 'test' },
  spec: { replicas: Number(process.env.REPLICAS), selector: { matchLabels: { app: 'computed' } }, template: { metadata: { labels: { app: 'computed' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
});
new KubeDeployment(chart, 'literal', {
  metadata: { name: 'literal', namespace: 'test' },
  spec: { replicas: 10, selector: { matchLabels: { app: 'literal' } }, template: { metadata: { labels: { app: 'literal' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
});
app.synth();
`;
    const dir = tempDir({ 'chart.ts': chart, 'cluster/policies.yaml': cluster });
    const { findings } = await admissionFindings(['chart.ts', '--context', 'cluster/*.yaml'], dir);
    expect(findings.map((f) => [f.object?.name, f.message])).toEqual([['literal', 'demo-policy.example.com: failed expression: object.spec.replicas <= 5']]);
  });

  it('SARIF lists admission-policy among the rules of the run', async () => {
    const result = await runInProcess(['fixtures/admission/replica-limit.yaml', '--format', 'sarif']);
    expectCleanExit(result, [1]);
    const sarif = JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('admission-policy');
    expect(sarif.runs[0]!.results.filter((r) => r.ruleId === 'admission-policy')).toHaveLength(1);
  });

  it('the built CLI loads the evaluator when an input names a ValidatingAdmissionPolicy (npm run build first)', () => {
    const result = run(['fixtures/admission/variables.yaml', '--format', 'json']);
    expectCleanExit(result, [1]);
    expect(allFindings(parseReport(result.stdout)).filter((f) => f.ruleId === 'admission-policy').map((f) => f.message)).toEqual([
      'image-matches-namespace-environment.policy.example.com: only prod images are allowed in namespace prod-ns',
    ]);
  });
});
