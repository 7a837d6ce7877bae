/**
 * Acceptance check 2 of issue 4, on a fresh copy of fixtures/examples/ in a git repository:
 * `gpu-drain-lint --fix .` leaves the broken vLLM example with no safe-fixable finding, and
 * `git diff` shows only the intended lines.
 *
 * The exact diffs are today's safe fixes of the mission rules. A rule that gains a safe fix for
 * these examples (startup-probe-missing, prestop-too-short, …) changes them: update the expected
 * diff with the lines that rule intends.
 */
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, expectNoCrash, gpuDeployment, runInProcess, tempDir } from './run.js';

function sh(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

const git = (cwd: string, ...args: string[]) =>
  sh('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], cwd);
/** The CLI's main(), in-process (git is the real one). */
const cli = (cwd: string, ...args: string[]) => runInProcess(args, { cwd });

/** fixtures/examples/ copied into a new git repository with one commit. */
function exampleRepo(): string {
  const dir = tempDir();
  cpSync(EXAMPLES, dir, { recursive: true });
  expect(git(dir, 'init', '-q').status).toBe(0);
  expect(git(dir, 'add', '.').status).toBe(0);
  expect(git(dir, 'commit', '-q', '-m', 'examples').status).toBe(0);
  return dir;
}

interface Report {
  files: { path: string; findings: { ruleId: string; line: number; fix?: { safety: string; description: string } }[] }[];
}
/** The findings of one file when the whole folder is linted, as it was fixed (relations included). */
const findingsOf = async (dir: string, path: string) => (JSON.parse((await cli(dir, '--format', 'json', '.')).stdout) as Report).files.find((f) => f.path === path)!.findings;

const VLLM_DIFF = `diff --git a/vllm-broken.yaml b/vllm-broken.yaml
--- a/vllm-broken.yaml
+++ b/vllm-broken.yaml
@@ -17,6 +17,7 @@ spec:
       labels:
         app: vllm-llama
     spec:
+      terminationGracePeriodSeconds: 180
       containers:
         - name: vllm
           image: vllm/vllm-openai:v0.11.0
@@ -39,6 +40,12 @@ spec:
               path: /health
               port: http
             periodSeconds: 10
+          startupProbe:
+            httpGet:
+              path: /health
+              port: http
+            periodSeconds: 10
+            failureThreshold: 12
 ---
 apiVersion: v1
 kind: Service
`;

const WEBSOCKET_DIFF = `diff --git a/websocket-ingress.yaml b/websocket-ingress.yaml
--- a/websocket-ingress.yaml
+++ b/websocket-ingress.yaml
@@ -16,7 +16,7 @@ spec:
       labels:
         app: chat
     spec:
-      terminationGracePeriodSeconds: 60
+      terminationGracePeriodSeconds: 260
       containers:
         - name: chat
           image: ghcr.io/example/chat-server:2.4.1
`;

/** `git diff` without the `index …` line (blob hashes say nothing a reader needs). */
const diffOf = (dir: string, ...paths: string[]) =>
  git(dir, 'diff', '--no-color', '--', ...paths)
    .stdout.split('\n')
    .filter((l) => !l.startsWith('index '))
    .join('\n');

describe('acceptance: gpu-drain-lint --fix on a copy of fixtures/examples/', () => {
  it('leaves the broken vLLM example without safe-fixable findings, and git diff shows only the intended lines', async () => {
    const dir = exampleRepo();
    expect((await findingsOf(dir, 'vllm-broken.yaml')).some((f) => f.fix?.safety === 'safe')).toBe(true);

    const result = await cli(dir, '--fix', '.');
    expectNoCrash(result.stderr);
    // Errors remain that only unsafe fixes (or a person) can repair.
    expect(result.status, result.stdout + result.stderr).toBe(1);

    const remaining = await findingsOf(dir, 'vllm-broken.yaml');
    expect(remaining.filter((f) => f.fix?.safety === 'safe')).toEqual([]);
    expect(remaining.length).toBeGreaterThan(0);

    expect(diffOf(dir, 'vllm-broken.yaml')).toBe(VLLM_DIFF);
    expect(diffOf(dir, 'websocket-ingress.yaml')).toBe(WEBSOCKET_DIFF);
    expect(git(dir, 'diff', '--name-only').stdout.split('\n').filter(Boolean).sort()).toEqual(['vllm-broken.yaml', 'websocket-ingress.yaml']);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all').stdout).toBe(' M vllm-broken.yaml\n M websocket-ingress.yaml\n');

    // A second run changes nothing.
    await cli(dir, '--fix', '.');
    expect(diffOf(dir, 'vllm-broken.yaml')).toBe(VLLM_DIFF);
    expect(git(dir, 'diff', '--name-only').stdout.split('\n').filter(Boolean).sort()).toEqual(['vllm-broken.yaml', 'websocket-ingress.yaml']);
  });

  // Issue 14, item 14: `x.yaml ./x.yaml` was linted twice, and --fix then claimed the file had
  // changed on disk (its second copy was written after the first).
  it('one file named twice (x.yaml ./x.yaml) is linted once and fixed once', async () => {
    const dir = exampleRepo();
    const report = await cli(dir, '-f', 'json', 'vllm-broken.yaml', './vllm-broken.yaml');
    expect((JSON.parse(report.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['vllm-broken.yaml']);
    const result = await cli(dir, '--fix', 'vllm-broken.yaml', './vllm-broken.yaml', `${dir}/vllm-broken.yaml`);
    expectNoCrash(result.stderr);
    expect(result.stderr).not.toMatch(/changed on disk/);
    expect(diffOf(dir, 'vllm-broken.yaml')).toBe(VLLM_DIFF);
  });

  it('with --unsafe-fixes, no fixable finding of any kind is left in the broken vLLM example', async () => {
    const dir = exampleRepo();
    const result = await cli(dir, '--fix', '--unsafe-fixes', '.');
    expectNoCrash(result.stderr);
    expect(result.stderr).not.toMatch(/not applied/);
    expect((await findingsOf(dir, 'vllm-broken.yaml')).filter((f) => f.fix)).toEqual([]);
    // vllm-fixed.yaml was already right: untouched.
    expect(git(dir, 'diff', '--name-only').stdout.split('\n')).not.toContain('vllm-fixed.yaml');
    expect(git(dir, 'diff', '--name-only').stdout.split('\n')).toContain('vllm-broken.yaml');
  });
});

describe('--fix says on stderr how many problems it fixed', () => {
  /** The fixable findings the JSON report lists, and the files they are in. */
  const fixable = async (dir: string, safeties: string[]) => {
    const report = JSON.parse((await cli(dir, '--format', 'json', '.')).stdout) as Report;
    const found = report.files.flatMap((file) => file.findings.filter((f) => f.fix && safeties.includes(f.fix.safety)).map(() => file.path));
    return { problems: found.length, files: new Set(found).size };
  };

  it('as many as the report had fixable findings for the mode, in the files written; then none', async () => {
    const dir = exampleRepo();
    const safe = await fixable(dir, ['safe']);
    expect(safe.problems).toBeGreaterThan(1);
    expect(safe.files).toBeGreaterThan(1);
    expect((await cli(dir, '--fix', '.')).stderr).toBe(`gpu-drain-lint: fixed ${safe.problems} problems in ${safe.files} files\n`);
    expect((await fixable(dir, ['safe'])).problems).toBe(0);

    const unsafe = await fixable(dir, ['unsafe']);
    expect(unsafe.problems).toBeGreaterThan(1);
    expect((await cli(dir, '--fix', '--unsafe-fixes', '.')).stderr).toBe(`gpu-drain-lint: fixed ${unsafe.problems} problems in ${unsafe.files} file${unsafe.files === 1 ? '' : 's'}\n`);
    expect((await cli(dir, '--fix', '--unsafe-fixes', '.')).stderr).toBe('gpu-drain-lint: no problems fixed\n');
  });

  it('one problem in one file is said in the singular; a dry run says nothing', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment({ pdb: true }) });
    expect(await fixable(dir, ['safe'])).toEqual({ problems: 1, files: 1 });
    expect((await cli(dir, '--fix-dry-run', '.')).stderr).toBe('');
    expect((await cli(dir, '--fix', '.')).stderr).toBe('gpu-drain-lint: fixed 1 problem in 1 file\n');
  });
});
