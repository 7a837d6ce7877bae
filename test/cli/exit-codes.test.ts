import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BIN,
  EXAMPLES,
  expectCleanExit,
  expectNoCrash,
  gpuDeployment,
  PACKAGE_VERSION,
  parseReport,
  plainDeployment,
  ROOT,
  run,
  runInProcess,
  stylishFindings,
  tempDir,
} from './run.js';

describe('exit codes on fixtures/examples', () => {
  it('exits 1 and prints every finding as path:line:col', async () => {
    const result = await runInProcess(['fixtures/examples']);
    expect(result.status).toBe(1);
    expectNoCrash(result.stderr);
    const lines = stylishFindings(result.stdout);
    expect(lines.length).toBeGreaterThan(0);
    for (const finding of lines) {
      expect(finding.path).toMatch(/^fixtures\/examples\/[\w.-]+\.ya?ml$/);
      // The position is inside the file it names.
      const text = readFileSync(join(ROOT, finding.path), 'utf8').split('\n');
      expect(finding.line).toBeGreaterThan(1);
      expect(finding.line).toBeLessThanOrEqual(text.length);
      expect(finding.column).toBeLessThanOrEqual(text[finding.line - 1]!.length + 1);
    }
    // The broken example is reported, the fixed one is not.
    expect(lines.some((l) => l.path === 'fixtures/examples/vllm-broken.yaml' && l.severity === 'error')).toBe(true);
    expect(lines.some((l) => l.path === 'fixtures/examples/vllm-fixed.yaml')).toBe(false);
    // A summary line closes the report, followed only by the hints on what --fix can fix and what was checked.
    expect(result.stdout).toMatch(
      /✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)\n(?:\[\*\] \d+ fixable with `--fix`\.\n)?(?:\d+ more fixable with `--fix --unsafe-fixes`\.\n)?4 workloads in 4 files checked\n$/,
    );
  });

  it('accepts a trailing slash and ./ on a directory', async () => {
    const plain = await runInProcess(['fixtures/examples']);
    const slashed = await runInProcess(['./fixtures/examples/']);
    expect(slashed.status).toBe(1);
    expect(stylishFindings(slashed.stdout).map((l) => `${l.line}:${l.column} ${l.ruleId}`)).toEqual(
      stylishFindings(plain.stdout).map((l) => `${l.line}:${l.column} ${l.ruleId}`),
    );
  });

  it('exits 0 on vllm-fixed.yaml alone, saying what it checked and nothing on stderr', async () => {
    const result = await runInProcess(['fixtures/examples/vllm-fixed.yaml']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 1 workload in 1 file checked, no problems\n');
    expect(result.stderr).toBe('');
  });

  it('runs from any working directory with absolute paths (a real process started elsewhere)', () => {
    const cwd = tempDir();
    const result = run([join(EXAMPLES, 'vllm-broken.yaml')], { cwd });
    expect(result.status).toBe(1);
    expect(stylishFindings(result.stdout).every((l) => l.path === join(EXAMPLES, 'vllm-broken.yaml'))).toBe(true);
  });

  it('exits 0 when the only findings are warnings, and 1 as soon as one is an error', async () => {
    const dir = tempDir({
      'm.yaml': gpuDeployment({ preStop: false }),
      'warn.yaml': 'rules:\n  prestop-missing: warn\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n',
      // The same, but for prestop-missing: its one finding is then the only error.
      'error.yaml': 'rules:\n  prestop-missing: error\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n',
    });
    const warned = await runInProcess(['-c', 'warn.yaml', 'm.yaml'], { cwd: dir });
    expect(warned.status).toBe(0);
    expect(stylishFindings(warned.stdout).length).toBeGreaterThan(0);
    expect(stylishFindings(warned.stdout).every((l) => l.severity === 'warn')).toBe(true);
    expect(warned.stdout).toMatch(/⚠ \d+ problems? \(0 errors, \d+ warnings?\)/);
    const errored = await runInProcess(['-c', 'error.yaml', 'm.yaml'], { cwd: dir });
    expect(stylishFindings(errored.stdout).filter((l) => l.severity === 'error').map((l) => l.ruleId)).toEqual(['prestop-missing']);
    expect(errored.status).toBe(1);
  });
});

describe('--help and --version', () => {
  it.each([['--help'], ['-h']])('%s prints usage on stdout and exits 0', async (flag) => {
    const result = await runInProcess([flag]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: gpu-drain-lint/);
    for (const option of ['--format', '--output-file', '--config', '--stdin-filename', '--quiet', '--max-warnings', '--no-color', '--print-config']) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stderr).toBe('');
  });

  it('--help wins over inputs that do not exist', async () => {
    const result = await runInProcess(['--help', 'does-not-exist.yaml']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage:/);
  });

  it.each([['--version'], ['-v']])('%s prints the package.json version and exits 0', async (flag) => {
    const result = await runInProcess([flag]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${PACKAGE_VERSION}\n`);
    expect(result.stderr).toBe('');
  });
});

describe('usage errors exit 2 with a message on stderr and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown long option', ['--bogus', 'fixtures/examples'], /--bogus/],
    ['an unknown short option', ['-Z', 'fixtures/examples'], /-Z/],
    ['an unknown format', ['--format', 'xml', 'fixtures/examples'], /xml/],
    ['--format without a value', ['fixtures/examples', '--format'], /--format|-f/],
    ['a non-numeric --max-warnings', ['--max-warnings', 'lots', 'fixtures/examples'], /--max-warnings/],
    ['a negative --max-warnings other than -1', ['--max-warnings', '-2', 'fixtures/examples'], /--max-warnings takes a whole number \(or -1 for no limit\), got "-2"/],
    ['--color with --no-color', ['--color', '--no-color', 'fixtures/examples'], /--color/],
    ['stdin twice', ['-', '-'], /stdin|-/],
    ['--stdin-filename without -', ['--stdin-filename', 'x.yaml', 'fixtures/examples'], /--stdin-filename/],
    ['a boolean option given a value', ['--quiet=yes', 'fixtures/examples'], /quiet/],
  ];
  it.each(cases)('%s', async (_name, args, mentions) => {
    const result = await runInProcess(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^gpu-drain-lint: /);
    expect(result.stderr).toMatch(mentions);
    expectNoCrash(result.stderr);
  });
});

describe('--max-warnings', () => {
  const files = {
    'm.yaml': gpuDeployment({ preStop: false }),
    '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: warn\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n',
  };

  it('exits 1 only when warnings exceed the limit, and says so on stderr', async () => {
    const dir = tempDir(files);
    const report = parseReport((await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    const warnings = report.warningCount;
    expect(warnings).toBeGreaterThan(0);
    expect(report.errorCount).toBe(0);

    const atLimit = await runInProcess(['--max-warnings', String(warnings), 'm.yaml'], { cwd: dir });
    expect(atLimit.status).toBe(0);
    expect(atLimit.stderr).toBe('');

    const over = await runInProcess(['--max-warnings', String(warnings - 1), 'm.yaml'], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toContain(`${warnings} warning`);
    expect(over.stderr).toContain(`--max-warnings ${warnings - 1}`);
    expectNoCrash(over.stderr);
    // The report itself is unchanged.
    expect(over.stdout).toBe(atLimit.stdout);
  });

  it('--max-warnings 0 passes a clean run', async () => {
    const result = await runInProcess(['--max-warnings', '0', 'fixtures/examples/vllm-fixed.yaml']);
    expect(result.status).toBe(0);
  });
});

describe('--quiet', () => {
  it('drops warnings from the report but keeps errors (and the exit code)', async () => {
    const dir = tempDir({
      'm.yaml': gpuDeployment({ preStop: false }),
      '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: warn\n',
    });
    const loud = await runInProcess(['m.yaml'], { cwd: dir });
    const quiet = await runInProcess(['--quiet', 'm.yaml'], { cwd: dir });
    const loudLines = stylishFindings(loud.stdout);
    expect(loudLines.some((l) => l.severity === 'warn')).toBe(true);
    expect(loudLines.some((l) => l.severity === 'error')).toBe(true);
    const quietLines = stylishFindings(quiet.stdout);
    expect(quietLines).toEqual(loudLines.filter((l) => l.severity === 'error'));
    expect(quiet.status).toBe(loud.status);
    expect(quiet.status).toBe(1);

  });

  it('--format json --quiet leaves warnings out of findings but still counts them (docs/formats.md)', async () => {
    const dir = tempDir({
      'm.yaml': gpuDeployment({ preStop: false }),
      '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: warn\n',
    });
    const loud = parseReport((await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    const quiet = parseReport((await runInProcess(['--quiet', '-f', 'json', 'm.yaml'], { cwd: dir })).stdout, { quiet: true });
    expect(loud.warningCount).toBeGreaterThan(0);
    expect(quiet.files.flatMap((f) => f.findings).every((f) => f.severity === 'error')).toBe(true);
    expect(quiet.files[0]!.findings).toEqual(loud.files[0]!.findings.filter((f) => f.severity === 'error'));
    expect(quiet.errorCount).toBe(loud.errorCount);
    // "errorCount … after severity configuration, before --quiet"; "warnings are left out of findings but still counted".
    expect(quiet.warningCount).toBe(loud.warningCount);
    expect(quiet.files[0]!.warningCount).toBe(loud.files[0]!.warningCount);
  });

  it('says there are no errors and exits 0 when there are only warnings', async () => {
    const dir = tempDir({
      'm.yaml': gpuDeployment({ preStop: false }),
      '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: warn\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n',
    });
    const result = await runInProcess(['--quiet', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 1 workload in 1 file checked, no errors\n');
  });
});

describe('--output-file', () => {
  it('writes the stylish report to the file and nothing to stdout', async () => {
    const dir = tempDir();
    const expected = (await runInProcess(['fixtures/examples'])).stdout;
    const out = join(dir, 'report.txt');
    const result = await runInProcess(['fixtures/examples', '--output-file', out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('writes a JSON report with -o, creating missing directories, relative to the cwd', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment({ preStop: false }) });
    const result = await runInProcess(['-f', 'json', '-o', 'reports/nested/lint.json', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const report = parseReport(readFileSync(join(dir, 'reports/nested/lint.json'), 'utf8'));
    expect(report.files.map((f) => f.path)).toEqual(['m.yaml']);
    expect(report.errorCount).toBeGreaterThan(0);
  });

  it('writes the clean-run line to the report file on a clean run', async () => {
    const dir = tempDir({ 'web.yaml': plainDeployment() });
    const result = await runInProcess(['-o', 'out.txt', 'web.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('✔ 1 workload in 1 file checked, no problems\n');
  });

  it('fails cleanly (exit 2, message naming the path) when the file cannot be written', async () => {
    const dir = tempDir({ 'web.yaml': plainDeployment(), 'taken/placeholder': '' });
    // "taken" is a directory, so it cannot be written as a file, even by root.
    const result = await runInProcess(['-o', 'taken', 'web.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('taken');
    expectNoCrash(result.stderr);
  });
});

describe('inputs', () => {
  it('lints a directory recursively, *.yaml and *.yml only, never node_modules or .git', async () => {
    const broken = gpuDeployment({ preStop: false });
    const dir = tempDir({
      'top.yaml': broken,
      'deep/er/down.yml': broken,
      'deep/notes.txt': broken,
      'deep/manifest.json': '{}',
      'deep/Kustomization': broken,
      'node_modules/pkg/bad.yaml': broken,
      'sub/node_modules/bad.yaml': broken,
      '.git/objects/bad.yaml': broken,
      '.hidden/seen.yaml': broken,
    });
    const result = await runInProcess(['-f', 'json', '.'], { cwd: dir });
    expectCleanExit(result, [1]);
    const paths = parseReport(result.stdout).files.map((f) => f.path.replace(/^\.\//, ''));
    expect(paths.sort()).toEqual(['.hidden/seen.yaml', 'deep/er/down.yml', 'top.yaml']);
  });

  it('lints the current directory when given no input', async () => {
    const dir = tempDir({ 'a/m.yaml': gpuDeployment({ preStop: false }) });
    const result = await runInProcess(['-f', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files.map((f) => f.path.replace(/^\.\//, ''))).toEqual(['a/m.yaml']);
  });

  it('lints a file given explicitly whatever its extension', async () => {
    const dir = tempDir({ 'manifest.txt': gpuDeployment({ preStop: false }) });
    const result = await runInProcess(['-f', 'json', 'manifest.txt'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files.map((f) => f.path)).toEqual(['manifest.txt']);
  });

  it('expands glob patterns', async () => {
    const broken = gpuDeployment({ preStop: false });
    const dir = tempDir({ 'deploy/a.yaml': broken, 'deploy/x/b.yaml': broken, 'deploy/c.yml': broken, 'other/d.yaml': broken });
    const result = await runInProcess(['-f', 'json', 'deploy/**/*.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files.map((f) => f.path).sort()).toEqual(['deploy/a.yaml', 'deploy/x/b.yaml']);
  });

  it('takes directory names with glob characters literally', async () => {
    const broken = gpuDeployment({ preStop: false });
    const dir = tempDir({ 'my [app] (v1)/sub/m.yaml': broken, 'we{ir}d/x.yaml': broken, 'other/y.yaml': broken });
    const result = await runInProcess(['-f', 'json', 'my [app] (v1)', 'we{ir}d'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files.map((f) => f.path)).toEqual(['my [app] (v1)/sub/m.yaml', 'we{ir}d/x.yaml']);
  });

  it('expands an absolute glob from another working directory', async () => {
    const result = await runInProcess(['-f', 'json', join(EXAMPLES, '*.yaml')], { cwd: tempDir() });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files).toHaveLength(4);
  });

  it('a glob pattern never reaches node_modules or .git either', async () => {
    const broken = gpuDeployment({ preStop: false });
    const dir = tempDir({ 'a.yaml': broken, 'node_modules/x/b.yaml': broken, '.git/c.yaml': broken });
    const result = await runInProcess(['-f', 'json', '**/*.yaml'], { cwd: dir });
    expect(parseReport(result.stdout).files.map((f) => f.path)).toEqual(['a.yaml']);
  });

  it('reports each file once when inputs overlap', async () => {
    const dir = tempDir({ 'a.yaml': gpuDeployment({ preStop: false }) });
    const result = await runInProcess(['-f', 'json', 'a.yaml', '.', '*.yaml'], { cwd: dir });
    const paths = parseReport(result.stdout).files.map((f) => f.path.replace(/^\.\//, ''));
    expect(paths).toEqual(['a.yaml']);
  });

  it.each([['missing.yaml'], ['nothing/**/*.yaml'], ['*.yml']])('an input matching nothing (%s) exits 2 naming it', async (input) => {
    const dir = tempDir({ 'a.yaml': plainDeployment() });
    const result = await runInProcess(['a.yaml', input], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(input);
    expectNoCrash(result.stderr);
  });

  it('--no-error-on-unmatched-pattern lints the rest and exits on their findings', async () => {
    const dir = tempDir({ 'a.yaml': gpuDeployment({ preStop: false }), 'b.yaml': plainDeployment() });
    const withFindings = await runInProcess(['--no-error-on-unmatched-pattern', 'a.yaml', 'missing/*.yaml'], { cwd: dir });
    expect(withFindings.status).toBe(1);
    expect(stylishFindings(withFindings.stdout).every((l) => l.path === 'a.yaml')).toBe(true);
    const clean = await runInProcess(['--no-error-on-unmatched-pattern', 'b.yaml', 'missing.yaml'], { cwd: dir });
    expect(clean.status).toBe(0);
    expect(clean.stderr).toBe('');
  });
});

// The tests above call main() in-process; these run the built binary as a shell does, for what
// only a process shows: the exit status the shell sees (process.exitCode set from main()),
// stdout and stderr as pipes, and a reader that goes away.
describe('the binary, as a shell runs it', () => {
  it('exits 1 with the stylish report on stdout when there are errors', () => {
    const result = run(['fixtures/examples']);
    expectCleanExit(result, [1]);
    expect(result.stderr).toBe('');
    expect(stylishFindings(result.stdout).some((l) => l.path === 'fixtures/examples/vllm-broken.yaml' && l.severity === 'error')).toBe(true);
  });

  it('exits 0 with only the clean-run line on stdout and nothing on stderr on a clean file', () => {
    const result = run(['fixtures/examples/vllm-fixed.yaml']);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 1 workload in 1 file checked, no problems\n');
    expect(result.stderr).toBe('');
  });

  it('exits 2 on a usage error, with the message on stderr and no stack trace', () => {
    const result = run(['--bogus', 'fixtures/examples']);
    expectCleanExit(result, [2]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^gpu-drain-lint: .*--bogus/);
  });

  it('exits 2 on an invalid config, and 1 when --max-warnings is exceeded', () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment({ preStop: false }), 'bad.yaml': 'rules:\n  nope: off\n', 'warn.yaml': 'rules:\n  prestop-missing: warn\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n' });
    expectCleanExit(run(['-c', 'bad.yaml', 'm.yaml'], { cwd: dir }), [2]);
    expectCleanExit(run(['-c', 'warn.yaml', 'm.yaml'], { cwd: dir }), [0]);
    const over = run(['-c', 'warn.yaml', '--max-warnings', '0', 'm.yaml'], { cwd: dir });
    expectCleanExit(over, [1]);
    expect(over.stderr).toContain('--max-warnings 0');
  });
});

describe('a reader that stops early (gpu-drain-lint … | head)', () => {
  it('exits without a stack trace when stdout is closed mid-report (EPIPE)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`m${String(i).padStart(3, '0')}.yaml`] = gpuDeployment({ name: `vllm-${i}`, preStop: false });
    const dir = tempDir(files);
    // Well above a pipe's buffer, so the write is still going when the reader goes away.
    const child = spawn(process.execPath, [BIN, '.'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (code, sig) => resolve([code, sig])),
    );
    expect(signal).toBeNull();
    expectNoCrash(stderr);
    expect([0, 1]).toContain(status);
  });
});
