import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import {
  allFindings,
  EXAMPLES,
  expectNoCrash,
  fileOf,
  gpuDeployment,
  parseReport,
  plainDeployment,
  ROOT,
  run,
  runInProcess,
  stylishFindings,
  tempDir,
} from './run.js';

const broken = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'));

// Most tests call main() in-process with stdin's bytes; the ones marked "piped" spawn the binary
// and write to its real stdin.
describe('stdin with --stdin-filename', () => {
  it.each([['stylish'], ['json']])('gives the same %s report as linting the file (piped)', async (format) => {
    const dir = tempDir({ 'm.yaml': broken });
    const fromFile = await runInProcess(['-f', format, 'm.yaml'], { cwd: dir });
    const fromStdin = run(['-f', format, '-', '--stdin-filename', 'm.yaml'], { cwd: dir, input: broken });
    expect(fromFile.status).toBe(1);
    expect(fromStdin.status).toBe(fromFile.status);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stderr).toBe(fromFile.stderr);
  });

  it('takes the option before or after "-"', async () => {
    const dir = tempDir();
    const after = await runInProcess(['-', '--stdin-filename', 'deploy/x.yaml'], { cwd: dir, input: broken });
    const before = await runInProcess(['--stdin-filename', 'deploy/x.yaml', '-'], { cwd: dir, input: broken });
    expect(before.stdout).toBe(after.stdout);
    expect(stylishFindings(after.stdout).every((l) => l.path === 'deploy/x.yaml')).toBe(true);
  });

  it('the name need not exist on disk', async () => {
    const dir = tempDir();
    const result = await runInProcess(['-f', 'json', '-', '--stdin-filename', 'charts/rendered.yaml'], { cwd: dir, input: broken });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files.map((f) => f.path)).toEqual(['charts/rendered.yaml']);
  });

  it('a clean manifest on stdin exits 0 with only the clean-run line', async () => {
    const result = await runInProcess(['-', '--stdin-filename', 'fixed.yaml'], { input: readFileSync(join(EXAMPLES, 'vllm-fixed.yaml')) });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 1 workload in 1 file checked, no problems\n');
    expect(result.stderr).toBe('');
  });

  it('is a usage error (exit 2) without "-"', async () => {
    const result = await runInProcess(['--stdin-filename', 'm.yaml', 'fixtures/examples/vllm-broken.yaml'], { input: broken });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--stdin-filename');
    expectNoCrash(result.stderr);
  });

  it('is a usage error (exit 2) with no input at all', async () => {
    const result = await runInProcess(['--stdin-filename', 'm.yaml'], { input: broken });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--stdin-filename');
  });
});

describe('stdin', () => {
  it('without --stdin-filename reports under a placeholder name, with the same positions', async () => {
    const dir = tempDir({ 'm.yaml': broken });
    const fromFile = parseReport((await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    const fromStdin = parseReport((await runInProcess(['-f', 'json', '-'], { cwd: dir, input: broken })).stdout);
    expect(fromStdin.files).toHaveLength(1);
    const name = fromStdin.files[0]!.path;
    expect(name).not.toBe('m.yaml');
    expect(name).toMatch(/stdin/);
    expect(fromStdin.files[0]!.findings).toEqual(fromFile.files[0]!.findings);
  });

  it('an empty stdin is an empty manifest: exit 0, no finding (piped)', () => {
    const result = run(['-'], { input: '' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 0 workloads in 1 file checked, no problems\n');
    expect(result.stderr).toBe('');
  });

  it('is linted in the same run as files given beside it', async () => {
    const dir = tempDir({ 'web.yaml': plainDeployment() });
    const result = await runInProcess(['-f', 'json', '-', '--stdin-filename', 'stdin.yaml', 'web.yaml'], { cwd: dir, input: broken });
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.files.map((f) => f.path).sort()).toEqual(['stdin.yaml', 'web.yaml']);
    expect(fileOf(report, 'stdin.yaml').findings.length).toBeGreaterThan(0);
  });

  it('a Helm template on stdin gets one yaml-syntax finding telling to render it', async () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n';
    const result = await runInProcess(['-f', 'json', '-', '--stdin-filename', 'templates/deploy.yaml'], { input: template });
    expect(result.status).toBe(1);
    const findings = allFindings(parseReport(result.stdout));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('yaml-syntax');
    expect(findings[0]!.message).toMatch(/helm template/);
    expect(`${findings[0]!.line}:${findings[0]!.column}`).toBe('4:9');
  });

  it('CRLF and a BOM on stdin give the same positions as LF', async () => {
    const text = gpuDeployment({ preStop: false, podSpecLines: ['terminationGracePeriodSeconds: 60'] });
    const lf = parseReport((await runInProcess(['-f', 'json', '-'], { input: text })).stdout);
    const crlfBom = parseReport((await runInProcess(['-f', 'json', '-'], { input: `\uFEFF${text.replace(/\n/g, '\r\n')}` })).stdout);
    expect(lf.errorCount).toBeGreaterThan(0);
    // A fix's edits are offsets into the text without its BOM (docs/formats.md), so under CRLF
    // each one moves by the line breaks before it, and inserted text takes the file's CRLF.
    const toCrlf = (offset: number) => offset + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
    const expected = lf.files[0]!.findings.map((f) =>
      f.fix === undefined
        ? f
        : {
            ...f,
            fix: { ...f.fix, edits: f.fix.edits.map((e) => ({ range: [toCrlf(e.range[0]), toCrlf(e.range[1])], text: e.text.replace(/\n/g, '\r\n') })) },
          },
    );
    expect(crlfBom.files[0]!.findings).toEqual(expected);
  });

  it('invalid UTF-8 on stdin is a finding, not a crash (piped)', () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const result = run(['-f', 'json', '-', '--stdin-filename', 'x.yaml'], { input: bytes });
    expect(result.status).toBe(1);
    expectNoCrash(result.stderr);
    const [finding] = allFindings(parseReport(result.stdout));
    expect(finding?.ruleId).toBe('yaml-syntax');
    expect(finding?.message).toMatch(/UTF-8/);
    expect(`${finding?.line}:${finding?.column}`).toBe('4:12');
  });
});

describe('main() in-process', () => {
  function fakeIo(stdin: Uint8Array, cwd = ROOT): Io & { out: string; err: string } {
    const io = {
      out: '',
      err: '',
      stdout: (text: string) => void (io.out += text),
      stderr: (text: string) => void (io.err += text),
      readStdin: async () => stdin,
      env: { NO_COLOR: '1' },
      cwd,
      stdoutIsTTY: false,
    };
    return io;
  }

  it('returns the exit code and writes the same report as the binary', async () => {
    const io = fakeIo(broken);
    const code = await main(['-', '--stdin-filename', 'fixtures/examples/vllm-broken.yaml'], io);
    const spawned = run(['fixtures/examples/vllm-broken.yaml']);
    expect(code).toBe(spawned.status);
    expect(io.out).toBe(spawned.stdout);
    expect(io.err).toBe('');
  });

  it('returns 2 on a usage error and writes only to stderr', async () => {
    const io = fakeIo(new Uint8Array());
    expect(await main(['--nope'], io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toContain('--nope');
  });

  it('colours when the fake stdout is a terminal', async () => {
    const io = { ...fakeIo(broken), env: {}, stdoutIsTTY: true };
    let out = '';
    io.stdout = (text: string) => void (out += text);
    await main(['-', '--stdin-filename', 'x.yaml'], io);
    expect(out).toContain('\u001b[');
  });
});
