/**
 * The GitHub Action: `action.yml` declares what the README promises, the committed bundle
 * `action/index.js` is what `npm run build:action` makes from the sources, and the entry point
 * run as the runner runs it (INPUT_* variables, GITHUB_WORKSPACE as the working directory,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) annotates, summarises, writes SARIF and fails
 * the step at the chosen level.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLES, expectNoCrash, ROOT, runInProcess, tempDir } from '../cli/run.js';
import { expectGithubRequirements, expectValidSarif, parseAnnotations, parseSarif, schemaPresent } from './helpers.js';

const ENTRY = join(ROOT, 'action/index.js');

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

/** The inputs the README documents, used to run the entry point when action.yml itself does not parse. */
const DOCUMENTED_INPUTS: ActionYml['inputs'] = {
  paths: { description: 'paths', default: '.' },
  config: { description: 'config', default: '' },
  baseline: { description: 'baseline', default: '' },
  'fail-level': { description: 'fail level', default: 'error' },
  'max-warnings': { description: 'max warnings', default: '' },
  'sarif-file': { description: 'SARIF file', default: 'gpu-drain-lint.sarif' },
  args: { description: 'extra args', default: '' },
};

let actionYmlError: Error | undefined;
const actionYml: ActionYml = (() => {
  try {
    return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
  } catch (error) {
    actionYmlError = error as Error;
    return { name: '', description: '', inputs: DOCUMENTED_INPUTS, outputs: {}, runs: { using: '', main: '' } };
  }
})();

describe('action.yml', () => {
  it('is valid YAML (GitHub refuses to load the action otherwise)', () => {
    expect(actionYmlError, `action.yml does not parse, so no workflow can use the action: ${actionYmlError?.message}`).toBeUndefined();
  });

  it.skipIf(actionYmlError !== undefined)('declares the inputs, the sarif-file output, and runs action/index.js on node24', () => {
    expect(actionYml.name).toBeTruthy();
    expect(actionYml.description).toBeTruthy();
    expect(Object.keys(actionYml.inputs).sort()).toEqual(['args', 'baseline', 'config', 'fail-level', 'max-warnings', 'paths', 'sarif-file']);
    for (const [name, input] of Object.entries(actionYml.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(input.required ?? false, `${name}: every input has a default`).toBe(false);
    }
    expect(actionYml.inputs['fail-level']!.default).toBe('error');
    expect(actionYml.inputs.paths!.default).toBe('.');
    expect(actionYml.inputs['sarif-file']!.default).toMatch(/\.sarif$/);
    expect(Object.keys(actionYml.outputs)).toEqual(['sarif-file']);
    expect(actionYml.outputs['sarif-file']!.description).toBeTruthy();
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'action/index.js' });
    expect(existsSync(join(ROOT, actionYml.runs.main))).toBe(true);
  });
});

describe('action/index.js', () => {
  it('is current: rebuilding it with the build:action script gives the same bytes', { timeout: 120_000 }, () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build:action']).toBe('node scripts/build-action.mjs');
    const outfile = join(tempDir(), 'index.js');
    const workerOutfile = join(dirname(outfile), 'read-worker.js');
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build-action.mjs'), '--outdir', dirname(outfile)], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    expect(result.status, `the build:action script failed:\n${result.stderr}`).toBe(0);
    const rebuilt = readFileSync(outfile);
    const committed = readFileSync(ENTRY);
    expect(
      Buffer.compare(rebuilt, committed) === 0,
      `action/index.js is stale (${committed.length} bytes, a rebuild gives ${rebuilt.length}): run \`npm run generate\` (or \`npm run build:action\`) and commit action/index.js`,
    ).toBe(true);
    expect(Buffer.compare(readFileSync(workerOutfile), readFileSync(join(ROOT, 'action/read-worker.js'))) === 0, 'action/read-worker.js is stale: run `npm run generate` and commit it').toBe(true);
  });
});

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
  summary: string;
  workspace: string;
}

/**
 * Runs the entry point as the runner does: `node action/index.js` in GITHUB_WORKSPACE, every
 * declared input as INPUT_<NAME> (upper case, hyphens kept) with its default unless given.
 */
/** `copyOf`: a directory the workspace starts as a copy of; `pathPrefix`: a directory put first on PATH (a tool of the runner). */
function runAction(workspaceFiles: Record<string, string>, inputs: Record<string, string> = {}, runner: { copyOf?: string; pathPrefix?: string } = {}): Promise<ActionRun> {
  const workspace = tempDir(workspaceFiles);
  if (runner.copyOf) cpSync(runner.copyOf, workspace, { recursive: true });
  const runnerTemp = tempDir();
  const outputFile = join(runnerTemp, 'github_output');
  const summaryFile = join(runnerTemp, 'step_summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = { PATH: runner.pathPrefix ? `${runner.pathPrefix}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH, HOME: process.env.HOME };
  for (const [name, input] of Object.entries(actionYml.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? input.default ?? '';
  }
  for (const name of Object.keys(inputs)) expect(actionYml.inputs, `no input "${name}" in action.yml`).toHaveProperty(name);
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
  });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [ENTRY], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({
        status,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        output: readFileSync(outputFile, 'utf8'),
        summary: readFileSync(summaryFile, 'utf8'),
        workspace,
      });
    });
  });
}

const broken = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
const fixed = readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8');
/** The fixed example with a Recreate rollout: one warning (rollout-too-aggressive), no errors. */
const warnOnly = fixed.replace(
  '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n',
  '  strategy:\n    type: Recreate\n',
);

/** `sarif-file=<path>` lines of GITHUB_OUTPUT. */
function outputs(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('the action run as GitHub runs it', () => {
  it('annotates a chart at its template lines (the runner\'s helm; here the labelled stand-in), with repository-relative SARIF paths', async () => {
    const run = await runAction({}, { paths: 'charts/vllm-server' }, { copyOf: join(ROOT, 'fixtures/repository'), pathPrefix: join(ROOT, 'test/support/helm-stand-in') });
    expectNoCrash(run.stderr);
    expect(run.status).toBe(1);
    const grace = parseAnnotations(run.stdout).find((a) => a.properties.title === 'grace-period-default');
    expect(grace?.properties).toMatchObject({ file: 'charts/vllm-server/templates/deployment.yaml', line: '19', col: '38' });
    expect(grace?.message).toContain('set terminationGracePeriodSeconds in values.yaml');
    const sarif = parseSarif(readFileSync(join(run.workspace, 'gpu-drain-lint.sarif'), 'utf8'), 'the SARIF file');
    const uris = new Set(sarif.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
    expect(uris).toEqual(new Set(['charts/vllm-server/templates/deployment.yaml', 'charts/vllm-server/templates/service.yaml']));
  });

  it('annotates the broken manifest, appends the job summary, writes valid SARIF and sets the sarif-file output', async () => {
    const run = await runAction({ 'deploy/bad.yaml': broken, 'deploy/good.yaml': fixed }, { paths: 'deploy', 'sarif-file': 'reports/gpu-drain-lint.sarif' });
    expectNoCrash(run.stderr);
    expect(run.status, run.stderr).toBe(1);
    const annotations = parseAnnotations(run.stdout);
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expect(a.properties.file, a.raw).toBe('deploy/bad.yaml');
      expect(['error', 'warning']).toContain(a.level);
    }
    const grace = annotations.find((a) => a.properties.title === 'grace-period-default');
    expect(grace?.raw).toMatch(/^::error file=deploy\/bad\.yaml,line=19,endLine=19,col=5,endColumn=9,title=grace-period-default::/);

    expect(run.summary).toContain('gpu-drain-lint');
    expect(run.summary).toContain('grace-period-default');
    expect(run.summary).toMatch(/in 2 files/);

    const sarifPath = outputs(run.output)['sarif-file'];
    expect(sarifPath, `GITHUB_OUTPUT:\n${run.output}`).toBe(join(run.workspace, 'reports/gpu-drain-lint.sarif'));
    expect(isAbsolute(sarifPath!)).toBe(true);
    const log = parseSarif(readFileSync(sarifPath!, 'utf8'), sarifPath);
    if (schemaPresent) expectValidSarif(log, sarifPath);
    expectGithubRequirements(log);
    const run0 = log.runs[0]!;
    expect(run0.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`file://${run.workspace}/`);
    expect(new Set(run0.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri))).toEqual(new Set(['deploy/bad.yaml']));
    expect(run0.results!.length).toBe(annotations.filter((a) => a.level !== 'notice').length);
  });

  it('uses the defaults: the whole workspace, gpu-drain-lint.sarif at its root', async () => {
    const run = await runAction({ 'bad.yaml': broken, 'nested/good.yaml': fixed });
    expect(run.status, run.stderr).toBe(1);
    const sarifPath = join(run.workspace, actionYml.inputs['sarif-file']!.default!);
    expect(outputs(run.output)['sarif-file']).toBe(sarifPath);
    expect(existsSync(sarifPath)).toBe(true);
    expect(run.summary).toMatch(/in 2 files/);
  });

  it.each([
    // fail-level, manifests, exit code
    ['error', 'broken', 1],
    ['warning', 'broken', 1],
    ['warn', 'broken', 1],
    ['none', 'broken', 0],
    ['error', 'warnings only', 0],
    ['warning', 'warnings only', 1],
    ['warn', 'warnings only', 1],
    ['none', 'warnings only', 0],
    ['error', 'clean', 0],
    ['warning', 'clean', 0],
    ['warn', 'clean', 0],
  ] as const)('fail-level %s with %s manifests exits %i', async (failLevel, kind, code) => {
    const files: Record<string, string> = kind === 'broken' ? { 'bad.yaml': broken, 'good.yaml': fixed } : kind === 'warnings only' ? { 'warn.yaml': warnOnly, 'good.yaml': fixed } : { 'good.yaml': fixed };
    const run = await runAction(files, { 'fail-level': failLevel });
    expectNoCrash(run.stderr);
    expect(run.status, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(code);
    // Findings are annotated whatever the level; the SARIF file is always written.
    if (kind === 'warnings only') expect(parseAnnotations(run.stdout).map((a) => `${a.level} ${a.properties.title}`)).toEqual(['warning rollout-too-aggressive']);
    expect(existsSync(outputs(run.output)['sarif-file']!)).toBe(true);
  });

  it('the baseline input: recorded findings neither annotate nor fail the step (SARIF carries them as suppressed); a new one does', async () => {
    const recorder = tempDir({ 'deploy/bad.yaml': broken });
    const recorded = await runInProcess(['--baseline-write', 'lint/baseline.json', 'deploy'], { cwd: recorder });
    expect(recorded.status, recorded.stderr).toBe(0);
    const baseline = readFileSync(join(recorder, 'lint/baseline.json'), 'utf8');

    const accepted = await runAction({ 'deploy/bad.yaml': broken, 'lint/baseline.json': baseline }, { paths: 'deploy', baseline: 'lint/baseline.json' });
    expectNoCrash(accepted.stderr);
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(parseAnnotations(accepted.stdout).filter((a) => a.level !== 'notice')).toEqual([]);
    expect(accepted.stderr).toMatch(/6 findings matched the baseline lint\/baseline\.json/);
    const results = parseSarif(readFileSync(join(accepted.workspace, 'gpu-drain-lint.sarif'), 'utf8'), 'the SARIF file').runs[0]!.results!;
    expect(results.length).toBe(6);
    for (const result of results) expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'baseline' }]);

    const added = await runAction({ 'deploy/bad.yaml': broken, 'deploy/new.yaml': warnOnly, 'lint/baseline.json': baseline }, { paths: 'deploy', baseline: 'lint/baseline.json', 'fail-level': 'warning' });
    expect(added.status, added.stdout + added.stderr).toBe(1);
    expect(parseAnnotations(added.stdout).filter((a) => a.level !== 'notice').map((a) => `${a.properties.file} ${a.properties.title}`)).toEqual(['deploy/new.yaml rollout-too-aggressive']);
  });

  it('an invalid fail-level fails the step with exit 2 and says why, with a did-you-mean', async () => {
    const run = await runAction({ 'good.yaml': fixed }, { 'fail-level': 'sometimes' });
    expect(run.status).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toMatch(/fail-level.*sometimes/);
    expectNoCrash(run.stderr);
    const misspelt = await runAction({ 'good.yaml': fixed }, { 'fail-level': 'wraning' });
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('fail-level must be "warn", "warning", "error" or "none", got "wraning" (did you mean "warning"?)');
  });

  it('a broken config fails the step with exit 2, an annotation at its file and line, and no SARIF file or output', async () => {
    const config = 'rules:\n  grace-period-default: error\n  prestop-missing: wraning\n';
    const run = await runAction({ 'deploy/bad.yaml': broken, 'lint/config.yaml': config }, { paths: 'deploy', config: 'lint/config.yaml' });
    expectNoCrash(run.stderr);
    expect(run.status).toBe(2);
    const errors = parseAnnotations(run.stdout).filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.properties).toEqual({ file: 'lint/config.yaml', line: '3', col: '20', title: 'gpu-drain-lint' });
    expect(errors[0]!.message).toContain('did you mean "warning"?');
    expect(existsSync(join(run.workspace, 'gpu-drain-lint.sarif'))).toBe(false);
    expect(outputs(run.output)).not.toHaveProperty('sarif-file');
    expect(run.stderr).toContain('no SARIF written: the run failed');
  });

  it('max-warnings fails the step when there are more warnings than allowed', async () => {
    const over = await runAction({ 'warn.yaml': warnOnly }, { 'max-warnings': '0' });
    expect(over.status, over.stderr).toBe(1);
    const within = await runAction({ 'warn.yaml': warnOnly }, { 'max-warnings': '1' });
    expect(within.status, within.stderr).toBe(0);
  });

  it('passes the config input and extra args (quoted words kept together)', async () => {
    const files = {
      'deploy/vllm.yaml': warnOnly,
      'lint/off.yaml': 'rules:\n  rollout-too-aggressive: "off"\n',
      'lint dir/strict.yaml': 'rules:\n  rollout-too-aggressive: error\n',
    };
    expect(warnOnly).toContain('type: Recreate');
    const off = await runAction(files, { paths: 'deploy', config: 'lint/off.yaml', 'fail-level': 'warning' });
    expect(off.status, off.stdout + off.stderr).toBe(0);
    expect(parseAnnotations(off.stdout)).toEqual([]);
    // A quoted path with a space in args is one argument.
    const strict = await runAction(files, { paths: 'deploy', args: "--config 'lint dir/strict.yaml'" });
    expect(strict.status, strict.stdout + strict.stderr).toBe(1);
    expect(parseAnnotations(strict.stdout).map((a) => `${a.level} ${a.properties.title}`)).toEqual(['error rollout-too-aggressive']);
  });
});
