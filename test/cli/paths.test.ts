/**
 * Reported paths: relative to the git repository's root (a `.git` directory or file found upwards
 * from the working directory), else to the working directory, in every format; a file outside the
 * root by its absolute path (in SARIF an absolute file:// URI without uriBaseId). The Action
 * reports relative to GITHUB_WORKSPACE. Paths a message embeds to name another object's place use
 * the same form; --fix still writes the files it read.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allFindings, gpuDeployment, parseReport, ROOT, runInProcess, tempDir } from './run.js';
import { parseAnnotations, parseSarif } from '../integrations/helpers.js';

/** A PDB that lets no pod of gpuDeployment() go: pdb-blocks-drain names both files in its message. */
const BLOCKING_PDB = [
  'apiVersion: policy/v1',
  'kind: PodDisruptionBudget',
  'metadata:',
  '  name: vllm',
  '  namespace: inference',
  'spec:',
  '  maxUnavailable: 0',
  '  selector:',
  '    matchLabels:',
  '      app: vllm',
  '',
].join('\n');

/** A repository (a `.git` directory, or a `.git` file as in a worktree) with manifests under deploy/. */
function repository(gitAs: 'directory' | 'file' = 'directory'): string {
  const repo = tempDir({ 'deploy/vllm.yaml': gpuDeployment(), 'deploy/pdb.yaml': BLOCKING_PDB, 'other/README.md': 'not a manifest\n' });
  if (gitAs === 'directory') writeFiles(repo, { '.git/HEAD': 'ref: refs/heads/main\n' });
  else writeFiles(repo, { '.git': 'gitdir: /elsewhere/.git/worktrees/repo\n' });
  return repo;
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

async function json(args: string[], cwd: string) {
  const result = await runInProcess(['--format', 'json', ...args], { cwd });
  expect(result.status, result.stderr).toBe(1);
  return parseReport(result.stdout);
}

describe('paths relative to the git root', () => {
  it('json: from a subdirectory, files and the places messages name are relative to the root', async () => {
    const repo = repository();
    const report = await json(['.'], join(repo, 'deploy'));
    expect(report.files.map((f) => f.path).sort()).toEqual(['deploy/pdb.yaml', 'deploy/vllm.yaml']);
    const blocks = allFindings(report).find((f) => f.ruleId === 'pdb-blocks-drain');
    expect(blocks?.message).toMatch(/\(deploy\/pdb\.yaml:\d+\)/);
    expect(blocks?.message).toMatch(/\(deploy\/vllm\.yaml:\d+, /);
    // Whatever names the inputs were given by, one form is reported.
    const again = await json(['./vllm.yaml', '../deploy/pdb.yaml'], join(repo, 'deploy'));
    expect(again.files.map((f) => f.path)).toEqual(['deploy/vllm.yaml', 'deploy/pdb.yaml']);
  });

  it('a .git file (a worktree or submodule) marks the root too', async () => {
    const repo = repository('file');
    const report = await json(['vllm.yaml'], join(repo, 'deploy'));
    expect(report.files.map((f) => f.path)).toEqual(['deploy/vllm.yaml']);
  });

  it('a context file outside the linted directory is named from the root in messages', async () => {
    const repo = repository();
    writeFiles(repo, { 'policies/pdb.yaml': BLOCKING_PDB });
    const report = await json(['vllm.yaml', '--context', '../policies/*.yaml'], join(repo, 'deploy'));
    expect(report.files.map((f) => f.path)).toEqual(['deploy/vllm.yaml']);
    const blocks = allFindings(report).find((f) => f.ruleId === 'pdb-blocks-drain');
    expect(blocks?.message).toMatch(/\(policies\/pdb\.yaml:\d+\)/);
  });

  it('stylish and github name files from the root', async () => {
    const repo = repository();
    const stylish = await runInProcess(['vllm.yaml'], { cwd: join(repo, 'deploy') });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toContain('deploy/vllm.yaml');
    expect(stylish.stdout).not.toMatch(/(?<![\w/])vllm\.yaml/);
    const github = await runInProcess(['--format', 'github', '.'], { cwd: join(repo, 'deploy'), env: { GITHUB_STEP_SUMMARY: undefined } });
    const files = new Set(parseAnnotations(github.stdout).filter((a) => a.level !== 'notice').map((a) => a.properties.file));
    expect(files).toEqual(new Set(['deploy/vllm.yaml', 'deploy/pdb.yaml']));
  });

  it('sarif: URIs relative to %SRCROOT%, which is the root', async () => {
    const repo = repository();
    const result = await runInProcess(['--format', 'sarif', '.'], { cwd: join(repo, 'deploy') });
    const run = parseSarif(result.stdout).runs[0]!;
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`${pathToFileURL(repo).href}/`);
    const locations = run.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!);
    expect(new Set(locations.map((l) => l.uri))).toEqual(new Set(['deploy/vllm.yaml', 'deploy/pdb.yaml']));
    for (const location of locations) expect(location.uriBaseId).toBe('%SRCROOT%');
  });

  it('a file outside the root: its absolute path, and in SARIF an absolute file:// URI without uriBaseId', async () => {
    const repo = repository();
    const outside = tempDir({ 'elsewhere.yaml': gpuDeployment({ name: 'far' }) });
    const file = join(outside, 'elsewhere.yaml');
    const report = await json([file, 'vllm.yaml'], join(repo, 'deploy'));
    expect(report.files.map((f) => f.path)).toEqual([file, 'deploy/vllm.yaml']);

    const sarif = await runInProcess(['--format', 'sarif', file, 'vllm.yaml'], { cwd: join(repo, 'deploy') });
    const locations = parseSarif(sarif.stdout).runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!);
    const far = locations.filter((l) => l.uri!.startsWith('file:'));
    expect(far.length).toBeGreaterThan(0);
    for (const location of far) expect(location).toEqual({ uri: pathToFileURL(file).href });
    expect(locations.filter((l) => !l.uri!.startsWith('file:')).every((l) => l.uri === 'deploy/vllm.yaml' && l.uriBaseId === '%SRCROOT%')).toBe(true);

    const github = await runInProcess(['--format', 'github', '../../' + outside.split('/').pop() + '/elsewhere.yaml'], { cwd: join(repo, 'deploy'), env: { GITHUB_STEP_SUMMARY: undefined } });
    const files = new Set(parseAnnotations(github.stdout).filter((a) => a.level !== 'notice').map((a) => a.properties.file));
    expect(files).toEqual(new Set([file]));
  });

  it('outside a repository, paths are relative to the working directory', async () => {
    const dir = tempDir({ 'a.yaml': gpuDeployment(), 'sub/b.yaml': gpuDeployment({ name: 'b' }) });
    const report = await json(['a.yaml', './sub/b.yaml'], dir);
    expect(report.files.map((f) => f.path)).toEqual(['a.yaml', 'sub/b.yaml']);
    const fromSub = await json(['../a.yaml', 'b.yaml'], join(dir, 'sub'));
    expect(fromSub.files.map((f) => f.path)).toEqual([join(dir, 'a.yaml'), 'b.yaml']);
  });

  it('stdin keeps its name; --stdin-filename is a path like any other', async () => {
    const repo = repository();
    const plain = await runInProcess(['--format', 'json', '-'], { cwd: join(repo, 'deploy'), input: gpuDeployment() });
    expect(parseReport(plain.stdout).files.map((f) => f.path)).toEqual(['<stdin>']);
    const named = await runInProcess(['--format', 'json', '--stdin-filename', 'x.yaml', '-'], { cwd: join(repo, 'deploy'), input: gpuDeployment() });
    expect(parseReport(named.stdout).files.map((f) => f.path)).toEqual(['deploy/x.yaml']);
  });

  it('--fix writes the files it read, and --fix-dry-run names them from the root', async () => {
    const repo = repository();
    const dry = await runInProcess(['--fix-dry-run', 'vllm.yaml'], { cwd: join(repo, 'deploy') });
    expect(dry.stdout).toContain('--- a/deploy/vllm.yaml\n+++ b/deploy/vllm.yaml\n');
    const before = readFileSync(join(repo, 'deploy/vllm.yaml'), 'utf8');
    const fixed = await runInProcess(['--fix', 'vllm.yaml'], { cwd: join(repo, 'deploy') });
    expect(fixed.stderr).not.toContain('cannot write');
    expect(readFileSync(join(repo, 'deploy/vllm.yaml'), 'utf8')).not.toBe(before);
  });
});

describe('the Action reports relative to GITHUB_WORKSPACE', () => {
  it('from a working directory below the workspace, in a repository whose root is above it', async () => {
    // actions/checkout with `path:` puts the repository below the workspace; here a .git above it.
    const outer = tempDir({ '.git/HEAD': 'ref: refs/heads/main\n' });
    const workspace = join(outer, 'ws');
    writeFiles(workspace, { 'deploy/vllm.yaml': gpuDeployment() });
    const runnerTemp = tempDir();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      INPUT_PATHS: 'deploy',
      'INPUT_FAIL-LEVEL': 'error',
      'INPUT_SARIF-FILE': 'out.sarif',
    };
    const run = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'action/index.js')], { cwd: join(workspace, 'deploy'), env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8') }));
    });
    expect(run.status).toBe(1);
    const files = new Set(parseAnnotations(run.stdout).filter((a) => a.level !== 'notice').map((a) => a.properties.file));
    expect(files).toEqual(new Set(['deploy/vllm.yaml']));
    const sarif = parseSarif(readFileSync(join(workspace, 'out.sarif'), 'utf8')).runs[0]!;
    expect(sarif.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`${pathToFileURL(workspace).href}/`);
    expect(new Set(sarif.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri))).toEqual(new Set(['deploy/vllm.yaml']));
  });
});
