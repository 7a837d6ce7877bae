/**
 * The mistakes planted in fixtures/repository (its README.md lists them) give the intended findings
 * when their real rendering is linted through stdin, as it is before any mapping back to the
 * sources: a change to the fixture or to a rule that moves or drops one fails here, next to the
 * list the render tests rely on. The Helm renderings are the stand-in's recordings (real helm
 * v3.17.2); the Kustomize ones need kubectl (skipped without it) and are checked by the text of
 * the lines they point at, which does not depend on kubectl's version.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport, ROOT, runInProcess, tempDir } from '../cli/run.js';
import { modernKustomize, warnWithoutKustomize } from '../support/kustomize.js';
import { parseTemplateArgs, renderingKey } from '../support/helm-stand-in/key.mjs';

const REPOSITORY = join(ROOT, 'fixtures/repository');
const CHART_ARGS = ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'inference'];

function recordedRendering(args: string[]): string {
  const key = renderingKey(parseTemplateArgs(args), REPOSITORY);
  return readFileSync(join(ROOT, 'test/support/helm-stand-in/recordings', `${key}.out`), 'utf8');
}

/** `rule severity line:column fix-safety` of every finding of the text linted as stdin. */
async function findingsOf(text: string): Promise<string[]> {
  // In a directory without the chart, the stream is not mapped to it: findings stay at rendered lines.
  const result = await runInProcess(['-', '--stdin-filename', 'rendered.yaml', '--format', 'json'], { input: text, cwd: tempDir() });
  const report = parseReport(result.stdout);
  return report.files.flatMap((file) => file.findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column} ${f.fix?.safety ?? 'no-fix'}`));
}

describe('the fixture chart vllm-server, rendered', () => {
  it('gives one finding per planted mistake, at the rendered lines the README lists', async () => {
    expect(await findingsOf(recordedRendering(CHART_ARGS))).toEqual([
      'service-publishes-not-ready warn 15:3 unsafe',
      'pdb-missing warn 29:3 unsafe',
      'rollout-too-aggressive warn 39:5 unsafe',
      'grace-period-default error 53:7 safe',
      'prestop-missing error 55:11 unsafe',
      'engine-shutdown-timeout warn 58:11 no-fix',
      'liveness-gates-on-load warn 94:13 safe',
    ]);
  });

  it('with values-prod.yaml (grace 180 s) loses grace-period-default and keeps the rest at the same lines', async () => {
    expect(await findingsOf(recordedRendering([...CHART_ARGS, '-f', 'charts/vllm-server/values-prod.yaml']))).toEqual([
      'service-publishes-not-ready warn 15:3 unsafe',
      'pdb-missing warn 29:3 unsafe',
      'rollout-too-aggressive warn 39:5 unsafe',
      'prestop-missing error 55:11 unsafe',
      'engine-shutdown-timeout warn 58:11 no-fix',
      'liveness-gates-on-load warn 94:13 safe',
    ]);
  });

  it('puts each rendered finding on the template or values line the README names', () => {
    const rendered = recordedRendering(CHART_ARGS).split('\n');
    const source = (path: string) => readFileSync(join(REPOSITORY, 'charts/vllm-server', path), 'utf8').split('\n');
    const deployment = source('templates/deployment.yaml');
    const values = source('values.yaml');
    // rendered line -> the line a user edits (1-based), the same text once the template is rendered
    expect([rendered[14], source('templates/service.yaml')[8]]).toEqual(['  publishNotReadyAddresses: true', '  publishNotReadyAddresses: true']);
    expect([rendered[38], values[5]]).toEqual(['    type: Recreate', '  type: Recreate']);
    expect([rendered[52], deployment[18], values[28]]).toEqual([
      '      terminationGracePeriodSeconds: 30',
      '      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}',
      'terminationGracePeriodSeconds: 30',
    ]);
    expect([rendered[54], deployment[20]]).toEqual(['        - name: vllm', '        - name: vllm']);
    expect([rendered[57], deployment[23]]).toEqual(['          args:', '          args:']);
    expect([rendered[93], deployment[53]]).toEqual(['            failureThreshold: 3', '            failureThreshold: 3']);
  });
});

describe('the plain manifest', () => {
  it('gives pdb-blocks-drain on its PDB only', async () => {
    expect(await findingsOf(readFileSync(join(REPOSITORY, 'plain/tgi-mistral.yaml'), 'utf8'))).toEqual(['pdb-blocks-drain error 63:3 unsafe']);
  });
});

const hasKubectl = modernKustomize;
warnWithoutKustomize('fixture-renderings.test');

function kustomize(overlay: string): string {
  const result = spawnSync('kubectl', ['kustomize', join(REPOSITORY, 'deploy', overlay)], { encoding: 'utf8', timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Rule ids with the rendered line each points at: kubectl versions may lay the output out differently, the lines' text does not change. */
async function findingsWithLines(text: string): Promise<[string, string][]> {
  const lines = text.split('\n');
  return (await findingsOf(text)).map((finding) => {
    const [ruleId, , position] = finding.split(' ');
    return [ruleId!, lines[Number(position!.split(':')[0]) - 1]!.trim()];
  });
}

describe.skipIf(!hasKubectl)('the fixture overlays, built with kubectl kustomize', () => {
  it('aws: the NodePool is shorter than the patched 300 s grace period', async () => {
    expect(await findingsWithLines(kustomize('overlays/aws'))).toEqual([['nodepool-grace-too-short', 'terminationGracePeriod: 2m']]);
  });

  it('gke: the spot patch makes the workload spot-scheduled with 15 s of notice', async () => {
    expect(await findingsWithLines(kustomize('overlays/gke'))).toEqual([['spot-notice-too-short', 'cloud.google.com/gke-spot: "true"']]);
  });

  it('base: clean', async () => {
    expect(await findingsOf(kustomize('base'))).toEqual([]);
  });

  it('both overlays in one input relate objects of two clusters (what scopes must prevent)', async () => {
    const findings = await findingsOf(`${kustomize('overlays/aws')}---\n${kustomize('overlays/gke')}`);
    expect(findings.filter((f) => f.startsWith('pdb-overlap'))).toHaveLength(2);
  });
});
