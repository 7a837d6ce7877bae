/**
 * Helm charts and Kustomize overlays in a platform repository (fixtures/repository, whose README
 * lists every planted mistake): charts are rendered with helm (the labelled stand-in of
 * test/support/helm-stand-in, which prints real recorded `helm template` renderings: CI cannot
 * install helm), overlays with the real kubectl (skipped, saying so, where there is none), and
 * every finding is reported at the template, patch or base line a user edits.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modernKustomize, warnWithoutKustomize } from '../support/kustomize.js';
import { allFindings, expectCleanExit, parseReport, ROOT, runInProcess, stylishFindings, tempDir } from './run.js';

/**
 * fixtures/repository, copied to a repository of its own (a `.git` directory): reported paths are
 * relative to the git root, which for the fixture inside this project would be the project's.
 */
const REPOSITORY = tempDir({ '.git/HEAD': 'ref: refs/heads/main\n' });
cpSync(join(ROOT, 'fixtures/repository'), REPOSITORY, { recursive: true });
const STAND_IN = join(ROOT, 'test/support/helm-stand-in');
/** A PATH with node and nothing else: no helm, no kubectl, no kustomize. */
const NODE_ONLY = tempDir();
symlinkSync(process.execPath, join(NODE_ONLY, 'node'));
/** A PATH with the helm stand-in and what this machine has (kubectl). */
const WITH_HELM = { PATH: `${STAND_IN}${delimiter}${process.env.PATH ?? ''}` };
const kubectl = modernKustomize;
warnWithoutKustomize('helm-kustomize.test');

function copyOfRepository(): string {
  const dir = tempDir();
  cpSync(REPOSITORY, dir, { recursive: true });
  return dir;
}

async function lintJson(args: string[], cwd: string, env: Record<string, string | undefined> = WITH_HELM) {
  const result = await runInProcess([...args, '--format', 'json'], { cwd, env });
  expectCleanExit(result);
  return { result, report: parseReport(result.stdout) };
}

const at = (f: { path: string; line: number; column: number; ruleId: string }) => `${f.path}:${f.line}:${f.column} ${f.ruleId}`;

const CHART_FINDINGS = [
  'charts/vllm-server/templates/deployment.yaml:4:9 pdb-missing',
  'charts/vllm-server/templates/deployment.yaml:10:5 rollout-too-aggressive',
  'charts/vllm-server/templates/deployment.yaml:19:38 grace-period-default',
  'charts/vllm-server/templates/deployment.yaml:21:11 prestop-missing',
  'charts/vllm-server/templates/deployment.yaml:24:11 engine-shutdown-timeout',
  'charts/vllm-server/templates/deployment.yaml:54:13 liveness-gates-on-load',
  'charts/vllm-server/templates/service.yaml:9:3 service-publishes-not-ready',
];

describe('a chart, rendered by helm and reported at its templates', () => {
  it('--show-source frames a chart’s finding with the lines of its template, as written', async () => {
    const result = await runInProcess(['--show-source', 'charts/vllm-server'], { cwd: REPOSITORY, env: WITH_HELM });
    expectCleanExit(result);
    const template = readFileSync(join(REPOSITORY, 'charts/vllm-server/templates/deployment.yaml'), 'utf8').split('\n');
    const lines = result.stdout.split('\n');
    const location = lines.indexOf('    --> charts/vllm-server/templates/deployment.yaml:19:38');
    expect(location).toBeGreaterThan(0);
    expect(lines.slice(location + 1, location + 5)).toEqual([
      `    18 | ${template[17]}`,
      `    19 | ${template[18]}`,
      `       | ${' '.repeat(37)}${'^'.repeat('{{ .Values.terminationGracePeriodSeconds }}'.length)}`,
      `    20 | ${template[19]}`,
    ]);
  });

  it('finds every planted mistake at the template line that holds it, never a yaml-syntax error on a template', async () => {
    const { report } = await lintJson(['charts/vllm-server'], REPOSITORY);
    const findings = allFindings(report);
    expect(findings.map(at).sort()).toEqual([...CHART_FINDINGS].sort());
    // A value from values.yaml says where to set it; a literal says nothing more.
    const grace = findings.find((f) => f.ruleId === 'grace-period-default')!;
    expect(grace.message).toMatch(/\(\.Values\.terminationGracePeriodSeconds: set terminationGracePeriodSeconds in values\.yaml\)$/);
    expect(findings.find((f) => f.ruleId === 'rollout-too-aggressive')!.message).toMatch(/set strategy\.type in values\.yaml\)$/);
    expect(findings.find((f) => f.ruleId === 'liveness-gates-on-load')!.message).not.toMatch(/values\.yaml/);
    // A related object is named where it is written.
    expect(findings.find((f) => f.ruleId === 'service-publishes-not-ready')!.message).toContain('(charts/vllm-server/templates/deployment.yaml:4)');
    expect(report.coverage.workloads).toBe(1);
  });

  it('a release config names is rendered with its values files: the production values fix the grace period', async () => {
    const cwd = copyOfRepository();
    writeFileSync(join(cwd, '.gpu-drain-lint.yaml'), 'helm:\n  charts:\n    - path: charts/vllm-server\n      release: vllm-server\n      namespace: inference\n      values: [charts/vllm-server/values-prod.yaml]\n');
    const findings = allFindings((await lintJson(['charts/vllm-server'], cwd)).report);
    expect(findings.map(at).sort()).toEqual(CHART_FINDINGS.filter((f) => !f.includes('grace-period-default')).sort());
    expect(findings.find((f) => f.ruleId === 'pdb-missing')!.message).toContain('runs 4 replicas');
  });

  it('a fix the chart can take is offered as edits of the template or of values.yaml (named by path), in JSON and SARIF', async () => {
    const { report } = await lintJson(['charts/vllm-server'], REPOSITORY);
    const findings = allFindings(report);
    const fixable = findings.filter((f) => f.fixable).map((f) => f.ruleId).sort();
    expect(fixable).toEqual(['grace-period-default', 'liveness-gates-on-load', 'service-publishes-not-ready']);
    const grace = findings.find((f) => f.ruleId === 'grace-period-default')!;
    const values = readFileSync(join(REPOSITORY, 'charts/vllm-server/values.yaml'), 'utf8');
    const [edit] = grace.fix!.edits as ({ path?: string; range: [number, number]; text: string })[];
    expect(edit!.path).toBe('charts/vllm-server/values.yaml');
    expect(values.slice(0, edit!.range[0]) + edit!.text + values.slice(edit!.range[1])).toBe(values.replace('terminationGracePeriodSeconds: 30\n', 'terminationGracePeriodSeconds: 180\n'));
    const liveness = findings.find((f) => f.ruleId === 'liveness-gates-on-load')!;
    expect((liveness.fix!.edits[0] as { path?: string }).path).toBeUndefined();
    const sarif = JSON.parse((await runInProcess(['charts/vllm-server', '--format', 'sarif'], { cwd: REPOSITORY, env: WITH_HELM })).stdout) as {
      runs: { results: { ruleId: string; fixes?: { artifactChanges: { artifactLocation: { uri: string } }[] }[] }[] }[];
    };
    const graceFix = sarif.runs[0]!.results.find((r) => r.ruleId === 'grace-period-default')!.fixes![0]!;
    expect(graceFix.artifactChanges.map((c) => c.artifactLocation.uri)).toEqual(['charts/vllm-server/values.yaml']);
  });

  it('--helm-values given for a run that renders several unlisted charts says it applies to each of them', async () => {
    const cwd = copyOfRepository();
    writeFileSync(join(cwd, '.gpu-drain-lint.yaml'), '');
    const result = await runInProcess(['charts', '--helm-values', 'charts/vllm-server/values-prod.yaml'], { cwd, env: WITH_HELM });
    expect(result.stderr).toContain('gpu-drain-lint: --helm-release and --helm-values apply to each of the 2 charts config helm.charts does not list (charts/broken-deps, charts/vllm-server); list a release per chart there to give each its own\n');
  });

  it('annotations and SARIF name the template, relative to the repository', async () => {
    const github = await runInProcess(['charts/vllm-server', '--format', 'github'], { cwd: REPOSITORY, env: WITH_HELM });
    expect(github.stdout).toMatch(/^::error file=charts\/vllm-server\/templates\/deployment\.yaml,line=19,endLine=19,col=38,.*title=grace-period-default::/m);
    expect(github.stdout).not.toMatch(/stdin|helm template/);
    const sarif = JSON.parse((await runInProcess(['charts/vllm-server', '--format', 'sarif'], { cwd: REPOSITORY, env: WITH_HELM })).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(['charts/vllm-server/templates/deployment.yaml', 'charts/vllm-server/templates/service.yaml']));
  });

  it("helm's own error is a render-failed error on the chart, with helm's message; the rest of the run is linted", async () => {
    const { result, report } = await lintJson(['charts/broken-deps', 'plain'], REPOSITORY);
    expect(result.status).toBe(1);
    const findings = allFindings(report);
    expect(findings.map(at)).toEqual(['charts/broken-deps/Chart.yaml:7:1 render-failed', 'plain/tgi-mistral.yaml:63:3 pdb-blocks-drain']);
    expect(findings[0]!.message).toContain('missing in charts/ directory: redis');
    expect(findings[0]!.severity).toBe('error');
  });

  it('without helm, a chart gets one chart-not-rendered warning saying how to enable it, and does not fail the run', async () => {
    const cwd = copyOfRepository();
    const { result, report } = await lintJson(['charts/vllm-server'], cwd, { PATH: NODE_ONLY });
    expect(result.status).toBe(0);
    const findings = allFindings(report);
    expect(findings.map(at)).toEqual(['charts/vllm-server/Chart.yaml:1:1 chart-not-rendered']);
    expect(findings[0]!.severity).toBe('warn');
    expect(findings[0]!.message).toMatch(/helm is not on PATH \(install helm, or name its path in config helm\.binary\)/);
  });

  it('a library chart holds only helpers: it is neither rendered nor read as YAML', async () => {
    const cwd = tempDir({
      'lib/Chart.yaml': 'apiVersion: v2\nname: common\ntype: library\nversion: 1.0.0\n',
      'lib/templates/_names.tpl': '{{- define "common.name" -}}{{ .Chart.Name }}{{- end }}\n',
      'lib/templates/_labels.yaml': '{{- define "common.labels" -}}\napp: {{ .Chart.Name }}\n{{- end }}\n',
    });
    const { result, report } = await lintJson(['lib'], cwd);
    expect(result.status).toBe(0);
    expect(allFindings(report)).toEqual([]);
  });

  it('a helm binary config names that is not there is a broken invocation: exit 2', async () => {
    const cwd = copyOfRepository();
    writeFileSync(join(cwd, '.gpu-drain-lint.yaml'), 'helm:\n  binary: tools/helm\n');
    const result = await runInProcess(['charts/vllm-server'], { cwd, env: WITH_HELM });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^gpu-drain-lint: config helm\.binary ".*tools\/helm" is not an executable file$/m);
  });

  it('--fix edits a literal in the template and a plain .Values reference in values.yaml, proven by a second render; a second --fix changes nothing', async () => {
    const cwd = copyOfRepository();
    const template = readFileSync(join(cwd, 'charts/vllm-server/templates/deployment.yaml'), 'utf8');
    const values = readFileSync(join(cwd, 'charts/vllm-server/values.yaml'), 'utf8');
    const service = readFileSync(join(cwd, 'charts/vllm-server/templates/service.yaml'), 'utf8');
    const first = await runInProcess(['--fix', 'charts/vllm-server'], { cwd, env: WITH_HELM });
    expectCleanExit(first);
    expect(readFileSync(join(cwd, 'charts/vllm-server/templates/deployment.yaml'), 'utf8')).toBe(template.replace('            failureThreshold: 3\n', '            failureThreshold: 6\n'));
    expect(readFileSync(join(cwd, 'charts/vllm-server/values.yaml'), 'utf8')).toBe(values.replace('terminationGracePeriodSeconds: 30\n', 'terminationGracePeriodSeconds: 180\n'));
    expect(readFileSync(join(cwd, 'charts/vllm-server/templates/service.yaml'), 'utf8')).toBe(service);
    // The template's probe and the values' grace period.
    expect(first.stderr).toBe('gpu-drain-lint: fixed 2 problems in 2 files\n');
    // The report is of the chart as it is now: the two fixed findings are gone.
    expect(first.stdout).not.toMatch(/grace-period-default|liveness-gates-on-load/);
    expect(stylishFindings(first.stdout)).toContainEqual({ path: 'charts/vllm-server/templates/deployment.yaml', line: 21, column: 11, severity: 'error', ruleId: 'prestop-missing' });
    const second = await runInProcess(['--fix', 'charts/vllm-server'], { cwd, env: WITH_HELM });
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(cwd, 'charts/vllm-server/values.yaml'), 'utf8')).toBe(values.replace('terminationGracePeriodSeconds: 30\n', 'terminationGracePeriodSeconds: 180\n'));
  });

  it('--fix --unsafe-fixes also removes a literal line; what the templates compute or a new object is refused, saying why', async () => {
    const cwd = copyOfRepository();
    const service = readFileSync(join(cwd, 'charts/vllm-server/templates/service.yaml'), 'utf8');
    const result = await runInProcess(['--fix', '--unsafe-fixes', 'charts/vllm-server'], { cwd, env: WITH_HELM });
    expectCleanExit(result);
    expect(readFileSync(join(cwd, 'charts/vllm-server/templates/service.yaml'), 'utf8')).toBe(service.replace('  publishNotReadyAddresses: true\n', ''));
    expect(result.stderr).toContain('not applied: append a PodDisruptionBudget with maxUnavailable: 1 for Deployment vllm-server: a new object in a chart needs a template of its own; add it by hand');
    expect(result.stderr).toMatch(/not applied: roll out with maxUnavailable: 1: the fix changes a line the template computes \(charts\/vllm-server\/templates\/deployment\.yaml:10\)/);
  });

  it('--fix-dry-run prints the diff of the template and values.yaml and writes nothing', async () => {
    const cwd = copyOfRepository();
    const values = readFileSync(join(cwd, 'charts/vllm-server/values.yaml'), 'utf8');
    const result = await runInProcess(['--fix-dry-run', 'charts/vllm-server'], { cwd, env: WITH_HELM });
    expectCleanExit(result);
    expect(result.stdout).toContain('--- a/charts/vllm-server/templates/deployment.yaml\n+++ b/charts/vllm-server/templates/deployment.yaml\n');
    expect(result.stdout).toContain('-            failureThreshold: 3\n+            failureThreshold: 6\n');
    expect(result.stdout).toContain('--- a/charts/vllm-server/values.yaml\n+++ b/charts/vllm-server/values.yaml\n');
    expect(result.stdout).toContain('-terminationGracePeriodSeconds: 30\n+terminationGracePeriodSeconds: 180\n');
    expect(readFileSync(join(cwd, 'charts/vllm-server/values.yaml'), 'utf8')).toBe(values);
    // Listed: what would remain, as for a plain file (the two fixed findings are gone, nothing asks for another run).
    const remaining = stylishFindings(result.stdout);
    expect(remaining.map((f) => f.ruleId)).not.toContain('grace-period-default');
    expect(remaining.map((f) => f.ruleId)).not.toContain('liveness-gates-on-load');
    expect(result.stdout).not.toContain('another `--fix` run');
    expect(remaining).toContainEqual({ path: 'charts/vllm-server/templates/deployment.yaml', line: 21, column: 11, severity: 'error', ruleId: 'prestop-missing' });
  });

  it('a helm template stream on stdin is reported at the templates of the chart it names', async () => {
    const stream = spawnSync(join(STAND_IN, 'helm'), ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'inference'], { cwd: REPOSITORY, encoding: 'utf8' }).stdout;
    for (const args of [['-'], ['-', '--stdin-filename', 'charts/vllm-server']]) {
      const result = await runInProcess([...args, '--format', 'json'], { cwd: REPOSITORY, input: stream });
      expect(allFindings(parseReport(result.stdout)).map(at).sort(), args.join(' ')).toEqual([...CHART_FINDINGS].sort());
    }
  });

  it('named one by one (a pre-commit run), a template reports only its own findings; a values file reports the whole chart', async () => {
    const service = allFindings((await lintJson(['charts/vllm-server/templates/service.yaml'], REPOSITORY)).report);
    expect(service.map(at)).toEqual(['charts/vllm-server/templates/service.yaml:9:3 service-publishes-not-ready']);
    const values = allFindings((await lintJson(['charts/vllm-server/values.yaml'], REPOSITORY)).report);
    expect(values.map(at).sort()).toEqual([...CHART_FINDINGS].sort());
  });
});

describe.skipIf(!kubectl)('Kustomize overlays, built with kubectl and reported at their patches and bases', () => {
  it('gpu-drain-lint . on the whole repository: every chart, overlay and plain file at the line a user edits, no yaml-syntax, repository-relative paths', async () => {
    const { result, report } = await lintJson(['.'], REPOSITORY);
    expect(result.status).toBe(1);
    const findings = allFindings(report);
    expect(findings.map(at).sort()).toEqual(
      [
        ...CHART_FINDINGS,
        'charts/broken-deps/Chart.yaml:7:1 render-failed',
        'deploy/overlays/aws/nodepool.yaml:23:7 nodepool-grace-too-short',
        'deploy/overlays/gke/spot-patch.yaml:10:9 spot-notice-too-short',
        'plain/tgi-mistral.yaml:63:3 pdb-blocks-drain',
      ].sort(),
    );
    expect(findings.every((f) => !f.path.startsWith('/') && !f.path.startsWith('..') && !f.path.includes('helm template') && !f.path.includes('kustomize build'))).toBe(true);
    const sarif = JSON.parse((await runInProcess(['.', '--format', 'sarif'], { cwd: REPOSITORY, env: WITH_HELM })).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual([...new Set(findings.map((f) => f.path))].sort());
  });

  it('each overlay root is one scope: findings at the patch or base line, the AWS NodePool judges only the AWS workload', async () => {
    const { report } = await lintJson(['deploy'], REPOSITORY);
    const findings = allFindings(report);
    expect(findings.map(at)).toEqual(['deploy/overlays/aws/nodepool.yaml:23:7 nodepool-grace-too-short', 'deploy/overlays/gke/spot-patch.yaml:10:9 spot-notice-too-short']);
    // The grace period is the AWS patch's 300 s, the Deployment is written in the base.
    expect(findings[0]!.message).toContain('Deployment inference/aws-sglang-qwen (deploy/base/deployment.yaml:4, 300 s');
    expect(findings[0]!.message).not.toContain('gke-');
    // Two clusters: their PDBs never overlap, and the patches are not workloads of their own.
    expect(findings.map((f) => f.ruleId)).not.toContain('pdb-overlap');
    expect(report.coverage.workloads).toBe(2);
  });

  it('a staged patch builds the overlay that reads it and reports only on the patch', async () => {
    const findings = allFindings((await lintJson(['deploy/overlays/gke/spot-patch.yaml'], REPOSITORY)).report);
    expect(findings.map(at)).toEqual(['deploy/overlays/gke/spot-patch.yaml:10:9 spot-notice-too-short']);
    const base = allFindings((await lintJson(['deploy/base/deployment.yaml'], REPOSITORY)).report);
    expect(base.map(at)).toEqual([]);
  });

  it('without kubectl or kustomize, the overlay files are linted as plain manifests, with one notice', async () => {
    const result = await runInProcess(['deploy', '--format', 'json'], { cwd: REPOSITORY, env: { PATH: NODE_ONLY } });
    expectCleanExit(result);
    expect(result.stderr).toMatch(/^gpu-drain-lint: 2 Kustomize overlays are linted as plain manifests, patches apart from what they patch: neither kubectl nor kustomize is on PATH$/m);
    expect(allFindings(parseReport(result.stdout)).map((f) => f.path)).toContain('deploy/overlays/aws/nodepool.yaml');
  });

  /** The fixture with fixable mistakes planted: a liveness probe in the base that gates on load, and grace periods as `grace` says. */
  function overlaysToFix(grace: { base: string; aws: string }): { cwd: string; base: string; aws: string; gke: string } {
    const cwd = copyOfRepository();
    const read = (path: string) => readFileSync(join(cwd, path), 'utf8');
    const base = read('deploy/base/deployment.yaml');
    const aws = read('deploy/overlays/aws/deployment-patch.yaml');
    writeFileSync(
      join(cwd, 'deploy/base/deployment.yaml'),
      base.replace('            periodSeconds: 10\n            failureThreshold: 6\n', '            periodSeconds: 10\n            failureThreshold: 3\n').replace('      terminationGracePeriodSeconds: 180\n', grace.base),
    );
    writeFileSync(join(cwd, 'deploy/overlays/aws/deployment-patch.yaml'), aws.replace('terminationGracePeriodSeconds: 300', grace.aws));
    return { cwd, base, aws, gke: read('deploy/overlays/gke/spot-patch.yaml') };
  }
  const readIn = (cwd: string, path: string) => readFileSync(join(cwd, path), 'utf8');

  it('--fix edits the base and the patch that set the fixed fields, and adds a field no file sets to the base resource, proven by building again; a second --fix changes nothing', async () => {
    const { cwd, base, aws, gke } = overlaysToFix({ base: '', aws: 'terminationGracePeriodSeconds: 30' });
    const first = await runInProcess(['--fix', 'deploy'], { cwd, env: WITH_HELM });
    expectCleanExit(first);
    // The probe both overlays render is fixed once in the base; the grace period the AWS patch sets, in that patch;
    // the GKE overlay's, which no file sets, in the base resource, at the end of the pod spec.
    const fixedBase = base
      .replace('      terminationGracePeriodSeconds: 180\n', '')
      .replace('          effect: NoSchedule\n', '          effect: NoSchedule\n      terminationGracePeriodSeconds: 180\n');
    expect(readIn(cwd, 'deploy/base/deployment.yaml')).toBe(fixedBase);
    expect(readIn(cwd, 'deploy/overlays/aws/deployment-patch.yaml')).toBe(aws.replace('terminationGracePeriodSeconds: 300', 'terminationGracePeriodSeconds: 180'));
    expect(readIn(cwd, 'deploy/overlays/gke/spot-patch.yaml')).toBe(gke);
    // Each overlay reports its probe (in the shared base) and its grace period: four problems, in two files.
    expect(first.stderr).toBe('gpu-drain-lint: fixed 4 problems in 2 files\n');
    // Reported as the overlays now build: the fixed findings are gone.
    expect(first.stdout).not.toMatch(/liveness-gates-on-load|grace-period-default/);
    const second = await runInProcess(['--fix', 'deploy'], { cwd, env: WITH_HELM });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('gpu-drain-lint: no problems fixed\n');
    expect(readIn(cwd, 'deploy/base/deployment.yaml')).toBe(fixedBase);
  });

  it('--fix refuses a field set in both the base and a patch, saying so; the overlay where only the base sets it has it raised in the base', async () => {
    const { cwd, base, aws } = overlaysToFix({ base: '      terminationGracePeriodSeconds: 30\n', aws: 'terminationGracePeriodSeconds: 30' });
    // Concise: the finding's whole message on its line.
    const result = await runInProcess(['--fix', '--format', 'concise', 'deploy'], { cwd, env: WITH_HELM });
    expectCleanExit(result);
    expect(result.stderr).toBe(
      'gpu-drain-lint: kustomize build deploy/overlays/aws: not applied: set terminationGracePeriodSeconds to 180: spec.template.spec.terminationGracePeriodSeconds of Deployment inference/aws-sglang-qwen is set in both deploy/base/deployment.yaml and deploy/overlays/aws/deployment-patch.yaml; change it by hand\n' +
        // Both overlays' probes and the GKE overlay's grace period, all in the base.
        'gpu-drain-lint: fixed 3 problems in 1 file\n',
    );
    // The GKE overlay's grace period comes from the base alone: raised there (the AWS patch still overrides it).
    expect(readIn(cwd, 'deploy/base/deployment.yaml')).toBe(base);
    expect(readIn(cwd, 'deploy/overlays/aws/deployment-patch.yaml')).toBe(aws.replace('terminationGracePeriodSeconds: 300', 'terminationGracePeriodSeconds: 30'));
    expect(result.stdout).toMatch(/^deploy\/overlays\/aws\/deployment-patch\.yaml:10:7: error grace-period-default .*\(not fixed: spec\.template\.spec\.terminationGracePeriodSeconds of Deployment inference\/aws-sglang-qwen is set in both/m);
  });

  it('--fix-dry-run prints the diff of the base and the patch (the base once, though both overlays fix it) and writes nothing', async () => {
    const { cwd } = overlaysToFix({ base: '', aws: 'terminationGracePeriodSeconds: 30' });
    const before = { base: readIn(cwd, 'deploy/base/deployment.yaml'), aws: readIn(cwd, 'deploy/overlays/aws/deployment-patch.yaml') };
    const result = await runInProcess(['--fix-dry-run', 'deploy'], { cwd, env: WITH_HELM });
    expectCleanExit(result);
    expect(result.stdout.match(/^--- a\/.*$/gm)).toEqual(['--- a/deploy/base/deployment.yaml', '--- a/deploy/overlays/aws/deployment-patch.yaml']);
    expect(result.stdout).toContain('+++ b/deploy/base/deployment.yaml\n@@ -55,8 +55,9 @@\n             tcpSocket:\n               port: http\n             periodSeconds: 10\n-            failureThreshold: 3\n+            failureThreshold: 6\n');
    expect(result.stdout).toContain('           effect: NoSchedule\n+      terminationGracePeriodSeconds: 180\n');
    expect(result.stdout).toContain('+++ b/deploy/overlays/aws/deployment-patch.yaml\n@@ -7,4 +7,4 @@\n   replicas: 3\n   template:\n     spec:\n-      terminationGracePeriodSeconds: 30\n+      terminationGracePeriodSeconds: 180\n');
    expect(readIn(cwd, 'deploy/base/deployment.yaml')).toBe(before.base);
    expect(readIn(cwd, 'deploy/overlays/aws/deployment-patch.yaml')).toBe(before.aws);
  });

  it('--fix keeps no change that building the overlay again does not confirm: a JSON 6902 copy of the grace period would change too', async () => {
    const files = {
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tgi\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: ghcr.io/huggingface/text-generation-inference:3.0\n          args: ["--model-id", "mistralai/Mistral-7B-Instruct-v0.3"]\n',
      'overlay/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: grace.yaml\n  - path: copy.yaml\n    target:\n      kind: Deployment\n',
      'overlay/grace.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tgi\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 30\n',
      'overlay/copy.yaml': '- op: copy\n  from: /spec/template/spec/terminationGracePeriodSeconds\n  path: /spec/minReadySeconds\n',
    };
    const cwd = tempDir(files);
    const result = await runInProcess(['--fix', '--format', 'concise', 'overlay'], { cwd, env: WITH_HELM });
    expectCleanExit(result);
    expect(result.stderr).toContain(
      'gpu-drain-lint: kustomize build overlay: not fixed: building the fixed overlay again did not give the fixed objects: spec.minReadySeconds of Deployment tgi would be 180, not 30\n',
    );
    for (const [path, text] of Object.entries(files)) expect(readIn(cwd, path), path).toBe(text);
    expect(result.stdout).toMatch(/^overlay\/grace\.yaml:8:7: error grace-period-default .*\(not fixed: building the fixed overlay again did not give the fixed objects: spec\.minReadySeconds/m);
  });

  it('a broken overlay is a render-failed error on its kustomization, with kustomize\'s message', async () => {
    const cwd = tempDir({ 'overlay/kustomization.yaml': 'resources:\n  - missing.yaml\n' });
    const { report } = await lintJson(['overlay'], cwd);
    const findings = allFindings(report);
    expect(findings.map(at)).toEqual(['overlay/kustomization.yaml:1:1 render-failed']);
    expect(findings[0]!.message).toMatch(/kustomize could not build overlay overlay, so its objects were not linted: .*missing\.yaml/);
  });
});
