/**
 * The pre-commit hooks, with the real pre-commit framework: a throw-away git repository whose
 * `.pre-commit-config.yaml` points at this checkout (`rev:` its HEAD, so this tests what is
 * committed), a private PRE_COMMIT_HOME, one bad and one good manifest. Installing the hook
 * environment runs `npm install` and `npm pack` of the project, hence the long timeout.
 * Skipped, with a note, where `pre-commit` is not installed (CI installs Debian's package).
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLES, ROOT, run, stylishFindings, tempDir } from '../cli/run.js';

const INSTALL_TIMEOUT = 300_000;

function available(command: string, args: string[], cwd = ROOT): string | undefined {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const preCommitVersion = available('pre-commit', ['--version']);
const head = available('git', ['rev-parse', 'HEAD']);
if (!preCommitVersion) console.warn('[pre-commit.test] `pre-commit` is not on PATH: skipping the real pre-commit run (CI installs it: apt-get install pre-commit).');
else if (!head) console.warn(`[pre-commit.test] ${ROOT} is not a git checkout: skipping the real pre-commit run.`);

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types?: string[];
  files?: string;
  require_serial?: boolean;
  minimum_pre_commit_version?: string;
  description?: string;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('declares the check and fix hooks: node, YAML files and chart helpers (.tpl) only, serial, with a minimum pre-commit version', () => {
    expect(hooks.map((h) => h.id)).toEqual(['gpu-drain-lint', 'gpu-drain-lint-fix']);
    const [check, fix] = hooks as [Hook, Hook];
    expect(check.entry).toBe('gpu-drain-lint');
    expect(fix.entry.split(/\s+/)).toEqual(['gpu-drain-lint', '--fix']);
    for (const hook of hooks) {
      expect(hook.name, hook.id).toBeTruthy();
      expect(hook.language, hook.id).toBe('node');
      expect(hook.types, hook.id).toEqual(['text']);
      // YAML manifests, chart templates and values, kustomizations, and `_helpers.tpl`.
      const files = new RegExp(hook.files!);
      for (const staged of ['deploy/vllm.yaml', 'deploy/vllm.yml', 'charts/x/templates/_helpers.tpl', 'charts/x/values.yaml']) expect(files.test(staged), staged).toBe(true);
      for (const other of ['README.md', 'charts/x/templates/NOTES.txt', 'main.ts']) expect(files.test(other), other).toBe(false);
      // One process sees every file of the commit (a PDB in one, its Deployment in another).
      expect(hook.require_serial, hook.id).toBe(true);
      expect(hook.minimum_pre_commit_version, hook.id).toMatch(/^\d+\.\d+\.\d+$/);
    }
    // The entry is the package's bin.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain('gpu-drain-lint');
  });

  it.skipIf(!preCommitVersion)('is a manifest the framework accepts (pre-commit validate-manifest)', () => {
    const result = spawnSync('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });
});

interface Result {
  status: number | null;
  output: string;
}

/** The environment of a git and pre-commit run: private PRE_COMMIT_HOME, nothing of an outer git repository. */
function hookEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_') || key.startsWith('PRE_COMMIT')) delete env[key];
  return {
    ...env,
    PRE_COMMIT_HOME: home,
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'gpu-drain-lint test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'gpu-drain-lint test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

function exec(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 60_000): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

describe.skipIf(!preCommitVersion || !head)('the hooks run by the real pre-commit framework', () => {
  // One hook environment for every test here: installing it (npm install + npm pack) is the slow part.
  const preCommitHome = tempDir();
  const bad = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
  const good = readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8');

  it(
    'check passes on the good manifest, fails with findings on the bad one; fix repairs the bad one and fails because it modified it',
    { timeout: INSTALL_TIMEOUT + 120_000 },
    async () => {
      const repo = tempDir({
        'good.yaml': good,
        'bad.yaml': bad,
        '.pre-commit-config.yaml': [
          'repos:',
          `  - repo: ${JSON.stringify(ROOT)}`,
          `    rev: ${head}`,
          '    hooks:',
          '      - id: gpu-drain-lint',
          '      - id: gpu-drain-lint-fix',
          '',
        ].join('\n'),
      });
      const env = hookEnv(preCommitHome);
      const git = async (...args: string[]) => {
        const result = await exec('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], repo, env);
        expect(result.status, `git ${args.join(' ')}:\n${result.output}`).toBe(0);
        return result.output;
      };
      await git('init', '-q', '.');
      await git('add', '-A');
      await git('commit', '-q', '-m', 'manifests');

      const validate = await exec('pre-commit', ['validate-config', '.pre-commit-config.yaml'], repo, env);
      expect(validate.status, validate.output).toBe(0);

      // The first run installs the hook environment (npm install + npm pack of the checkout).
      const passes = await exec('pre-commit', ['run', 'gpu-drain-lint', '--color', 'never', '--files', 'good.yaml'], repo, env, INSTALL_TIMEOUT);
      expect(passes.status, `the hook failed on good.yaml or did not install:\n${passes.output}`).toBe(0);
      expect(passes.output).toMatch(/gpu-drain-lint\.+Passed/);

      const fails = await exec('pre-commit', ['run', 'gpu-drain-lint', '--color', 'never', '--files', 'bad.yaml'], repo, env);
      expect(fails.status, fails.output).toBe(1);
      expect(fails.output).toMatch(/gpu-drain-lint\.+Failed/);
      const failed = stylishFindings(fails.output);
      expect(failed).toContainEqual({ path: 'bad.yaml', line: 19, column: 5, severity: 'error', ruleId: 'grace-period-default' });
      expect(failed.filter((f) => f.path === 'bad.yaml' && f.severity === 'error').map((f) => f.ruleId)).toContain('prestop-missing');
      expect(fails.output).not.toContain('good.yaml');
      expect(await git('status', '--porcelain')).toBe('');

      const fix = await exec('pre-commit', ['run', 'gpu-drain-lint-fix', '--color', 'never', '--files', 'bad.yaml'], repo, env);
      expect(fix.status, fix.output).toBe(1);
      expect(fix.output).toMatch(/gpu-drain-lint \(fix\)\.+Failed/);
      expect(fix.output).toContain('files were modified by this hook');
      const diff = await git('diff', '--no-color', '-U0', '--', 'bad.yaml');
      const added = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
      const removed = diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
      // The safe fixes: the grace budget, and a startupProbe with the liveness check for the cold start.
      const startupProbe = [
        '          startupProbe:',
        '            httpGet:',
        '              path: /health',
        '              port: http',
        '            periodSeconds: 10',
        '            failureThreshold: 12',
      ];
      expect(added, diff).toEqual(['+      terminationGracePeriodSeconds: 180', ...startupProbe.map((l) => `+${l}`)]);
      expect(removed, diff).toEqual([]);
      const fixedText = readFileSync(join(repo, 'bad.yaml'), 'utf8');
      expect(fixedText).toBe(
        bad
          .replace('    spec:\n      containers:', '    spec:\n      terminationGracePeriodSeconds: 180\n      containers:')
          .replace('            periodSeconds: 10\n---', `            periodSeconds: 10\n${startupProbe.join('\n')}\n---`),
      );

      // A second fix run changes nothing more (the remaining findings need unsafe fixes or a person).
      const again = await exec('pre-commit', ['run', 'gpu-drain-lint-fix', '--color', 'never', '--files', 'bad.yaml'], repo, env);
      expect(again.output).not.toContain('files were modified by this hook');
      expect(readFileSync(join(repo, 'bad.yaml'), 'utf8')).toBe(fixedText);
      // The good manifest was never touched.
      expect(readFileSync(join(repo, 'good.yaml'), 'utf8')).toBe(good);
    },
  );

  it(
    'committing a changed chart template renders the chart (helm stand-in) and reports that template only, at its own lines',
    { timeout: INSTALL_TIMEOUT + 120_000 },
    async () => {
      const repo = tempDir();
      cpSync(join(ROOT, 'fixtures/repository'), repo, { recursive: true });
      writeFileSync(
        join(repo, '.pre-commit-config.yaml'),
        ['repos:', `  - repo: ${JSON.stringify(ROOT)}`, `    rev: ${head}`, '    hooks:', '      - id: gpu-drain-lint', ''].join('\n'),
      );
      // helm is the labelled stand-in (CI cannot install helm): it prints real recorded renderings.
      const env = { ...hookEnv(preCommitHome), PATH: `${join(ROOT, 'test/support/helm-stand-in')}${delimiter}${process.env.PATH ?? ''}` };
      const git = async (...args: string[]) => exec('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], repo, env);
      expect((await git('init', '-q', '.')).status).toBe(0);
      expect((await git('add', '-A')).status).toBe(0);
      expect((await git('commit', '-q', '-m', 'platform')).status).toBe(0);
      const install = await exec('pre-commit', ['install'], repo, env);
      expect(install.status, install.output).toBe(0);
      const hooks = await exec('pre-commit', ['install-hooks'], repo, env, INSTALL_TIMEOUT);
      expect(hooks.status, hooks.output).toBe(0);

      // The state the stand-in has a recording of: the template ends with a comment.
      appendFileSync(join(repo, 'charts/vllm-server/templates/deployment.yaml'), '# reviewed\n');
      expect((await git('add', 'charts/vllm-server/templates/deployment.yaml')).status).toBe(0);
      const commit = await git('commit', '-m', 'review the vLLM template');
      expect(commit.status, commit.output).toBe(1);
      expect(commit.output).toMatch(/gpu-drain-lint\.+Failed/);
      const committed = stylishFindings(commit.output);
      expect(committed).toContainEqual({ path: 'charts/vllm-server/templates/deployment.yaml', line: 19, column: 38, severity: 'error', ruleId: 'grace-period-default' });
      expect(committed).toContainEqual({ path: 'charts/vllm-server/templates/deployment.yaml', line: 21, column: 11, severity: 'error', ruleId: 'prestop-missing' });
      // The rest of the chart is context: its Service is not reported, and no template is read as YAML.
      expect(commit.output).not.toContain('service.yaml');
      expect(commit.output).not.toContain('yaml-syntax');
      expect((await git('log', '--oneline')).output.trim().split('\n')).toHaveLength(1);
    },
  );

  it(
    'a baseline passed in args: the recorded findings pass the hook, a new manifest with the same mistakes fails it alone',
    { timeout: INSTALL_TIMEOUT + 120_000 },
    async () => {
      const repo = tempDir({
        'bad.yaml': bad,
        '.pre-commit-config.yaml': [
          'repos:',
          `  - repo: ${JSON.stringify(ROOT)}`,
          `    rev: ${head}`,
          '    hooks:',
          '      - id: gpu-drain-lint',
          '        args: [--baseline, .gpu-drain-lint-baseline.json]',
          '',
        ].join('\n'),
      });
      const recorded = run(['--baseline-write', '.gpu-drain-lint-baseline.json', 'bad.yaml'], { cwd: repo });
      expect(recorded.status, recorded.stderr).toBe(0);
      const env = hookEnv(preCommitHome);
      const git = async (...args: string[]) => exec('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], repo, env);
      expect((await git('init', '-q', '.')).status).toBe(0);
      expect((await git('add', '-A')).status).toBe(0);
      expect((await git('commit', '-q', '-m', 'manifests and their baseline')).status).toBe(0);

      const accepted = await exec('pre-commit', ['run', 'gpu-drain-lint', '--color', 'never', '--files', 'bad.yaml'], repo, env, INSTALL_TIMEOUT);
      expect(accepted.status, accepted.output).toBe(0);
      expect(accepted.output).toMatch(/gpu-drain-lint\.+Passed/);

      writeFileSync(join(repo, 'new.yaml'), bad.replaceAll('vllm-llama', 'vllm-new'));
      const added = await exec('pre-commit', ['run', 'gpu-drain-lint', '--color', 'never', '--files', 'bad.yaml', 'new.yaml'], repo, env);
      expect(added.status, added.output).toBe(1);
      const findings = stylishFindings(added.output);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.path === 'new.yaml'), added.output).toBe(true);
    },
  );
});
