/**
 * Small usage items of issue 19: `--max-warnings -1` (no limit), a missing input named as such,
 * `--help` telling what a directory walk reads and linking to a README heading that exists, and
 * the README pinning the Action and the pre-commit hook to a commit while no release tag exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoCrash, gpuDeployment, ROOT, run, runInProcess, tempDir } from './run.js';

/** Warnings only: a run with them and no limit exits 0. */
const WARN_ONLY = {
  'm.yaml': gpuDeployment({ preStop: false }),
  '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: warn\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n',
};

describe('--max-warnings -1', () => {
  it.each([[['--max-warnings', '-1']], [['--max-warnings=-1']]])('%j means no limit', async (flag) => {
    const dir = tempDir(WARN_ONLY);
    const limited = await runInProcess(['--max-warnings', '0', 'm.yaml'], { cwd: dir });
    expect(limited.status, 'the run has warnings').toBe(1);
    const unlimited = await runInProcess([...flag, 'm.yaml'], { cwd: dir });
    expect(unlimited.stderr).toBe('');
    expect(unlimited.status).toBe(0);
  });

  it('-1 after -- is an input, not a value', async () => {
    const dir = tempDir(WARN_ONLY);
    const result = await runInProcess(['--', '-1'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('gpu-drain-lint: -1: no such file or directory\n');
  });
});

describe('an input that does not exist', () => {
  it('is named as a missing file, exit 2, each on its own line', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment() });
    const result = await runInProcess(['m.yaml', 'deploy/x.yaml', 'y.yml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('gpu-drain-lint: deploy/x.yaml: no such file or directory\ngpu-drain-lint: y.yml: no such file or directory\n');
  });

  it('a glob that matches nothing keeps its message', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment() });
    const result = await runInProcess(['deploy/*.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no manifests match "deploy/*.yaml"');
  });

  it('--no-error-on-unmatched-pattern lets the run go on without it', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment({ pdb: true }) });
    const result = await runInProcess(['--no-error-on-unmatched-pattern', 'm.yaml', 'gone.yaml'], { cwd: dir });
    expect([0, 1]).toContain(result.status);
    expect(result.stderr).not.toContain('gone.yaml');
  });

  it('the built CLI says so too, without a stack trace', () => {
    const result = run(['deploy/x.yaml'], { cwd: tempDir() });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('gpu-drain-lint: deploy/x.yaml: no such file or directory\n');
    expectNoCrash(result.stderr);
  });
});

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('--help', () => {
  it('links to README headings that exist', async () => {
    const help = (await runInProcess(['--help'])).stdout;
    const anchors = [...help.matchAll(/github\.com\/gpu-drain-lint\/gpu-drain-lint#([\w-]+)/g)].map((m) => m[1]!);
    expect(anchors.length).toBeGreaterThan(0);
    const headings = new Set(readme.split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => anchorOf(line.replace(/^#+ /, ''))));
    for (const anchor of anchors) expect(headings, `#${anchor}`).toContain(anchor);
  });

  it('says a directory walk reads YAML and TypeScript sources and respects .gitignore', async () => {
    const help = (await runInProcess(['--help'])).stdout;
    const dirLine = help.slice(help.indexOf('  <dir>'), help.indexOf('  <glob>'));
    for (const word of ['*.yaml', '*.yml', '*.ts', '*.tsx', 'cdk8s', 'Pulumi', '.gitignore']) expect(dirLine).toContain(word);
    expect(help).toContain('--no-gitignore');
    expect(help).toMatch(/--max-warnings <n>.*-1: no limit/);
  });

  it('the TypeScript extensions it names are those a walk reads', async () => {
    const dir = tempDir({ 'a.ts': '', 'b.mts': '', 'c.cts': '', 'd.tsx': '', 'e.d.ts': '', 'f.yml': '', 'g.json': '{}' });
    const result = await runInProcess(['--format', 'json', '.'], { cwd: dir });
    const paths = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
    expect(paths).toEqual(['a.ts', 'b.mts', 'c.cts', 'd.tsx', 'f.yml']);
  });
});

describe('README install pins', () => {
  it('pins the Action and the pre-commit hook to a commit placeholder, saying there is no release tag yet', () => {
    expect(readme).toMatch(/uses: gpu-drain-lint\/gpu-drain-lint@<commit-sha>/);
    expect(readme).toMatch(/rev: <commit-sha>/);
    expect(readme).not.toMatch(/gpu-drain-lint\/gpu-drain-lint@v\d/);
    expect(readme).not.toMatch(/rev: v\d/);
    expect(readme).toMatch(/no release tag yet/);
  });
});
