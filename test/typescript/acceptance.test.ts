/**
 * The cdk8s chart and the Pulumi program in fixtures/typescript define a vLLM Deployment with
 * the default grace period and no preStop, and a PodDisruptionBudget with maxUnavailable: 0.
 * The CLI (main() in-process) reports each at its TypeScript line, and its --fix output
 * type-checks against the minimal cdk8s and Pulumi type stubs beside them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInProcess, tempDir } from '../cli/run.js';

const FIXTURES = join(ROOT, 'fixtures/typescript');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

const SOURCES = [
  {
    path: 'cdk8s/chart.ts',
    findings: ['18:11 grace-period-default', '21:17 prestop-missing', '23:17 engine-shutdown-timeout', '42:9 pdb-blocks-drain'],
  },
  {
    path: 'pulumi/index.ts',
    findings: ['12:7 grace-period-default', '15:13 prestop-missing', '17:13 engine-shutdown-timeout', '35:11 pdb-blocks-drain'],
  },
];

interface JsonReport {
  files: { path: string; findings: { ruleId: string; line: number; column: number; fixable: boolean }[] }[];
}

/** tsc on the fixtures and stubs (not on TypeScript's own lib files, which are never at fault: a third of its time). */
function typeCheck(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--skipDefaultLibCheck'], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function copyOfFixtures(): string {
  const dir = tempDir();
  cpSync(FIXTURES, dir, { recursive: true });
  // Native sleep preStop hooks need Kubernetes 1.30.
  writeFileSync(join(dir, '.gpu-drain-lint.yaml'), 'kubernetesVersion: "1.30"\n');
  return dir;
}

describe('cdk8s and Pulumi sources (issue acceptance)', () => {
  for (const { path, findings } of SOURCES) {
    it(`${path}: reports the default grace period, the missing preStop and the blocking PDB at their TypeScript lines`, async () => {
      const result = await runInProcess(['--format', 'json', join('fixtures/typescript', path)]);
      expect(result.status, result.stderr).toBe(1);
      const [report] = (JSON.parse(result.stdout) as JsonReport).files;
      expect(report!.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(findings);
      expect(report!.findings.find((f) => f.ruleId === 'grace-period-default')!.fixable).toBe(true);
    });
  }

  it('the fixtures and the expected fixed sources type-check against the stubs', () => {
    const { status, output } = typeCheck(FIXTURES);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('--fix writes exactly the expected TypeScript, and the result type-checks', async () => {
    const dir = copyOfFixtures();
    for (const { path } of SOURCES) {
      const result = await runInProcess(['--fix', '--unsafe-fixes', path], { cwd: dir });
      expect(result.stderr).toMatch(/^gpu-drain-lint: fixed \d+ problems? in 1 file\n$/);
      const expected = readFileSync(join(FIXTURES, path.replace(/\.ts$/, '.fixed.ts')), 'utf8');
      expect(readFileSync(join(dir, path), 'utf8')).toBe(expected);
    }
    const { status, output } = typeCheck(dir);
    expect(output).toBe('');
    expect(status).toBe(0);
    // A second --fix changes nothing.
    for (const { path } of SOURCES) {
      const before = readFileSync(join(dir, path), 'utf8');
      await runInProcess(['--fix', '--unsafe-fixes', path], { cwd: dir });
      expect(readFileSync(join(dir, path), 'utf8')).toBe(before);
    }
  });

  it('the stubs are strict enough to catch a wrong fix (so the check above can fail)', () => {
    const dir = copyOfFixtures();
    const chart = join(dir, 'cdk8s/chart.fixed.ts');
    writeFileSync(chart, readFileSync(chart, 'utf8').replace('terminationGracePeriodSeconds: 180', 'terminationGracePeriodSecond: 180'));
    const pulumi = join(dir, 'pulumi/index.fixed.ts');
    writeFileSync(pulumi, readFileSync(pulumi, 'utf8').replace("preStop: { exec: { command: [", "preStop: { exec: { commands: ["));
    const { status, output } = typeCheck(dir);
    expect(status).not.toBe(0);
    expect(output).toContain("'terminationGracePeriodSecond' does not exist");
    expect(output).toContain("'commands' does not exist");
  });
});
