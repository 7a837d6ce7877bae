/**
 * The helm stand-in (test/support/helm-stand-in/helm): CI cannot install helm, so the render tests
 * run this script, which prints real `helm template` renderings recorded by scripts/record-helm.mjs.
 * These tests need no real helm: they check that a recorded chart state gives the recorded bytes,
 * wherever the chart lies, and that any other state fails loudly instead of printing a wrong
 * rendering.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { InvocationError, describeInvocation, parseTemplateArgs, renderingKey } from '../support/helm-stand-in/key.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STAND_IN_DIR = join(ROOT, 'test/support/helm-stand-in');
const HELM = join(STAND_IN_DIR, 'helm');
const RECORDINGS = join(STAND_IN_DIR, 'recordings');
const REPOSITORY = join(ROOT, 'fixtures/repository');

const DEFAULT_ARGS = ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'inference'];
const PROD_ARGS = [...DEFAULT_ARGS, '-f', 'charts/vllm-server/values-prod.yaml'];
const BROKEN_ARGS = ['template', 'broken-deps', 'charts/broken-deps', '--namespace', 'inference'];

interface HelmResult {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

function helm(args: string[], cwd = REPOSITORY, env: NodeJS.ProcessEnv = process.env): HelmResult {
  const result = spawnSync(HELM, args, { cwd, env, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function keyOf(args: string[], cwd = REPOSITORY): string {
  return renderingKey(parseTemplateArgs(args), cwd);
}

function recording(key: string, extension: 'out' | 'err' | 'json'): Buffer {
  return readFileSync(join(RECORDINGS, `${key}.${extension}`));
}

/** A copy of the fixture repository's charts in a fresh directory, under another name. */
function copiedCharts(): string {
  const dir = tempDir();
  cpSync(join(REPOSITORY, 'charts'), join(dir, 'elsewhere'), { recursive: true });
  return dir;
}

const MISS = /^helm stand-in: no recorded rendering for this chart state \(key [0-9a-f]{64}\); record one with scripts\/record-helm\.mjs\n$/;

describe('the helm stand-in', () => {
  it('says loudly that it is not helm, and is executable', () => {
    const text = readFileSync(HELM, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text.split('\n').slice(0, 4).join('\n')).toContain('STAND-IN FOR HELM. THIS IS NOT HELM.');
    expect(statSync(HELM).mode & 0o111).not.toBe(0);
  });

  it('answers `version --short` with a version that names the stand-in', () => {
    const result = helm(['version', '--short']);
    expect(result).toEqual({ status: 0, stdout: Buffer.from('v3.17.2+stand-in\n'), stderr: '' });
  });

  it('prints the recorded rendering of the fixture chart, byte for byte, with exit 0', () => {
    const key = keyOf(DEFAULT_ARGS);
    const result = helm(DEFAULT_ARGS);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.equals(recording(key, 'out'))).toBe(true);
    // The recording is real helm's: its source comments and the chart's rendered values.
    const text = result.stdout.toString('utf8');
    expect(text.startsWith('---\n# Source: vllm-server/templates/service.yaml\n')).toBe(true);
    expect(text).toContain('# Source: vllm-server/templates/deployment.yaml\n');
    expect(text).toContain('  replicas: 2\n');
    expect(text).toContain('      terminationGracePeriodSeconds: 30\n');
    expect(text).not.toContain('{{');
    expect(JSON.parse(recording(key, 'json').toString('utf8'))).toMatchObject({ helm: expect.stringMatching(/^v3\.17\.2\+g[0-9a-f]+$/), args: DEFAULT_ARGS, exitCode: 0 });
  });

  it('is found on PATH as `helm`, as the render layer will call it', () => {
    const env = { ...process.env, PATH: `${STAND_IN_DIR}${delimiter}${process.env.PATH ?? ''}` };
    const result = spawnSync('helm', DEFAULT_ARGS, { cwd: REPOSITORY, env, timeout: 30_000 });
    expect(result.status).toBe(0);
    expect(result.stdout.equals(recording(keyOf(DEFAULT_ARGS), 'out'))).toBe(true);
  });

  it('gives the same rendering for the chart copied to another directory, named by an absolute path, with the short flag forms', () => {
    const dir = copiedCharts();
    const chart = join(dir, 'elsewhere/vllm-server');
    const moved = ['template', 'vllm-server', chart, '-n', 'inference'];
    expect(keyOf(moved, tempDir())).toBe(keyOf(DEFAULT_ARGS));
    const result = helm(moved, tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout.equals(recording(keyOf(DEFAULT_ARGS), 'out'))).toBe(true);
  });

  it('reads a values file by its content, not its name or place', () => {
    const dir = copiedCharts();
    writeFileSync(join(dir, 'prod.yaml'), readFileSync(join(REPOSITORY, 'charts/vllm-server/values-prod.yaml')));
    const result = helm(['template', 'vllm-server', 'elsewhere/vllm-server', '--namespace=inference', '--values', 'prod.yaml'], dir);
    expect(result.status).toBe(0);
    const recorded = recording(keyOf(PROD_ARGS), 'out');
    expect(result.stdout.equals(recorded)).toBe(true);
    expect(recorded.toString('utf8')).toContain('  replicas: 4\n');
    expect(recorded.equals(recording(keyOf(DEFAULT_ARGS), 'out'))).toBe(false);
  });

  it('has no rendering once one byte of values.yaml changes: exit 1, nothing on stdout', () => {
    const dir = copiedCharts();
    const values = join(dir, 'elsewhere/vllm-server/values.yaml');
    writeFileSync(values, readFileSync(values, 'utf8').replace('replicaCount: 2', 'replicaCount: 3'));
    const args = ['template', 'vllm-server', 'elsewhere/vllm-server', '--namespace', 'inference'];
    expect(keyOf(args, dir)).not.toBe(keyOf(DEFAULT_ARGS));
    const result = helm(args, dir);
    expect(result.status).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(MISS);
    expect(result.stderr).toContain(keyOf(args, dir));
  });

  it('has no rendering for a file added to the chart, even one .helmignore would skip', () => {
    const dir = copiedCharts();
    writeFileSync(join(dir, 'elsewhere/vllm-server/notes.bak'), 'x');
    const result = helm(['template', 'vllm-server', 'elsewhere/vllm-server', '--namespace', 'inference'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(MISS);
  });

  it.each([
    ['another release name', ['template', 'vllm', 'charts/vllm-server', '--namespace', 'inference']],
    ['another namespace', ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'default']],
    ['no namespace', ['template', 'vllm-server', 'charts/vllm-server']],
    ['a --set', [...DEFAULT_ARGS, '--set', 'replicaCount=2']],
    ['the values file given twice', [...PROD_ARGS, '-f', 'charts/vllm-server/values-prod.yaml']],
  ])('has no rendering for %s', (_, args) => {
    const result = helm(args);
    expect(result.status).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(MISS);
  });

  it("replays helm's recorded error and exit code for a chart whose dependency is not vendored", () => {
    const key = keyOf(BROKEN_ARGS);
    const result = helm(BROKEN_ARGS);
    expect(result.status).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toBe(recording(key, 'err').toString('utf8'));
    expect(result.stderr).toBe(
      'Error: An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: redis\n',
    );
    expect(readFileSync(join(RECORDINGS, `${key}.code`), 'utf8')).toBe('1\n');
  });

  it.each([
    ['an unknown flag', [...DEFAULT_ARGS, '--include-crds'], /unsupported argument --include-crds/],
    ['a missing chart directory', ['template', 'vllm-server', 'charts/nope'], /cannot read chart directory charts\/nope: ENOENT/],
    ['a missing values file', [...DEFAULT_ARGS, '-f', 'nope.yaml'], /cannot read values file nope\.yaml: ENOENT/],
    ['a flag without its value', [...DEFAULT_ARGS, '--set'], /--set needs a value/],
    ['one positional argument', ['template', 'charts/vllm-server'], /expected RELEASE and CHART_DIR, got 1/],
    ['another helm command', ['install', 'vllm-server', 'charts/vllm-server'], /only "helm template" and "helm version" are recorded/],
  ])('fails with a message of its own on %s', (_, args, message) => {
    const result = helm(args);
    expect(result.status).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^helm stand-in: /);
    expect(result.stderr).toMatch(message);
  });

  it('holds the recordings of the fixture chart states (a chart edited without re-recording fails here first), and each other one says what state it is', () => {
    const keys = [DEFAULT_ARGS, PROD_ARGS, BROKEN_ARGS].map((args) => keyOf(args));
    const recorded = new Set(readdirSync(RECORDINGS).map((file) => file.replace(/\.(out|err|code|json)$/, '')));
    for (const key of keys) expect(existsSync(join(RECORDINGS, `${key}.out`)), key).toBe(true);
    const derived = [...recorded].filter((key) => !keys.includes(key));
    for (const key of derived) {
      const about = JSON.parse(readFileSync(join(RECORDINGS, `${key}.json`), 'utf8')) as { state?: string };
      expect(about.state, `${key} is neither a fixture state nor a derived one`).toMatch(/\S/);
    }
  });
});

describe('the recording key', () => {
  it('reads the flag forms helm accepts', () => {
    expect(parseTemplateArgs(['template', '-nprod', 'r', '--values=a.yaml,b.yaml', 'c', '-f=d.yaml', '--set', 'a=1,b=2', '--set=x=y'])).toEqual({
      release: 'r',
      chartDir: 'c',
      namespace: 'prod',
      valuesFiles: ['a.yaml', 'b.yaml', 'd.yaml'],
      sets: ['a=1,b=2', 'x=y'],
    });
  });

  it('throws InvocationError, never a plain error, on arguments it does not know', () => {
    expect(() => parseTemplateArgs(['template', 'r', 'c', '-x'])).toThrow(InvocationError);
    expect(() => parseTemplateArgs(['lint', 'c'])).toThrow(InvocationError);
  });

  it('hashes relative paths, file digests, values in order and sets, and no absolute path', () => {
    const dir = copiedCharts();
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'b.yaml'), 'b: 1\n');
    const text = describeInvocation(parseTemplateArgs(['template', 'r', 'elsewhere/vllm-server', '-f', 'a.yaml', '-f', 'b.yaml', '--set', 'k=v']), dir);
    expect(text).not.toContain(dir);
    expect(text.split('\n').filter((line) => line.startsWith('file ')).map((line) => JSON.parse(line.split(' ')[1]!) as string)).toEqual([
      '.helmignore',
      'Chart.yaml',
      'templates/NOTES.txt',
      'templates/_helpers.tpl',
      'templates/deployment.yaml',
      'templates/service.yaml',
      'values-prod.yaml',
      'values.yaml',
    ]);
    expect(text).toContain('set "k=v"\n');
    const swapped = keyOf(['template', 'r', 'elsewhere/vllm-server', '-f', 'b.yaml', '-f', 'a.yaml', '--set', 'k=v'], dir);
    expect(swapped).not.toBe(keyOf(['template', 'r', 'elsewhere/vllm-server', '-f', 'a.yaml', '-f', 'b.yaml', '--set', 'k=v'], dir));
  });
});
