import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allFindings,
  expectNoCrash,
  fileOf,
  gpuDeployment,
  parseReport,
  positionOf,
  ROOT,
  run,
  runInProcess,
  stylishFindings,
  tempDir,
} from './run.js';

const ESC = '\u001b[';

describe('--format json', () => {
  it('writes exactly one JSON document on stdout and nothing on stderr', async () => {
    const result = await runInProcess(['--format', 'json', 'fixtures/examples']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimStart().startsWith('{')).toBe(true);
    const report = parseReport(result.stdout);
    expect(report.errorCount).toBeGreaterThan(0);
    expect(result.stdout).not.toContain(ESC);
  });

  it('lists every linted file, clean ones included, with the path as given', async () => {
    const report = parseReport((await runInProcess(['-f', 'json', 'fixtures/examples'])).stdout);
    expect(report.files.map((f) => f.path).sort()).toEqual([
      'fixtures/examples/pdb-blocks-drain.yaml',
      'fixtures/examples/vllm-broken.yaml',
      'fixtures/examples/vllm-fixed.yaml',
      'fixtures/examples/websocket-ingress.yaml',
    ]);
    expect(fileOf(report, 'fixtures/examples/vllm-fixed.yaml').findings).toEqual([]);
  });

  it('a clean run is still a complete report', async () => {
    const result = await runInProcess(['-f', 'json', 'fixtures/examples/vllm-fixed.yaml']);
    expect(result.status).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.errorCount).toBe(0);
    expect(report.warningCount).toBe(0);
    expect(report.files).toHaveLength(1);
  });

  it('reports the same findings as the stylish format', async () => {
    const json = parseReport((await runInProcess(['-f', 'json', 'fixtures/examples'])).stdout);
    const stylish = stylishFindings((await runInProcess(['fixtures/examples'])).stdout);
    const fromJson = allFindings(json).map((f) => `${f.path}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
    expect(stylish.map((l) => `${l.path}:${l.line}:${l.column} ${l.severity} ${l.ruleId}`)).toEqual(fromJson);
  });

  it('names the object of each rule finding', async () => {
    const report = parseReport((await runInProcess(['-f', 'json', 'fixtures/examples/vllm-broken.yaml'])).stdout);
    const findings = allFindings(report);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.object).toEqual({ kind: 'Deployment', namespace: 'inference', name: 'vllm-llama' });
    }
  });

  it('omits namespace when the manifest names none', async () => {
    const report = parseReport((await runInProcess(['-f', 'json', 'fixtures/examples/websocket-ingress.yaml'])).stdout);
    const finding = allFindings(report)[0]!;
    expect(finding.object).toEqual({ kind: 'Deployment', name: 'chat' });
  });

  it('keeps stdout pure JSON when stderr has something to say', async () => {
    const dir = tempDir({
      'm.yaml': gpuDeployment({ preStop: false }),
      '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: warn\n  grace-period-default: warn\n  grace-budget-exceeded: warn\n',
    });
    const result = await runInProcess(['-f', 'json', '--max-warnings', '0', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('max-warnings');
    const report = parseReport(result.stdout);
    expect(report.warningCount).toBeGreaterThan(0);
    // Only warnings: the exit code is --max-warnings' doing.
    expect(report.errorCount).toBe(0);
  });

  it('writes nothing to stdout when a usage error stops the run', async () => {
    const result = await runInProcess(['-f', 'json', 'no-such-file.yaml']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no-such-file.yaml');
  });
});

describe('positions', () => {
  it('a missing terminationGracePeriodSeconds is reported at the pod template spec: line, never line 1', async () => {
    const path = 'fixtures/examples/vllm-broken.yaml';
    const text = readFileSync(join(ROOT, path), 'utf8');
    const report = parseReport((await runInProcess(['-f', 'json', path])).stdout);
    const finding = fileOf(report, path).findings.find((f) => f.ruleId === 'grace-period-default');
    expect(finding, 'vllm-broken keeps the default grace period').toBeDefined();
    expect(text).not.toContain('terminationGracePeriodSeconds');
    const templateSpec = positionOf(text, 'spec:', '  template:');
    expect({ line: finding!.line, column: finding!.column }).toEqual(templateSpec);
  });

  it('no finding on the examples sits on line 1 or on a blank or comment line', async () => {
    const report = parseReport((await runInProcess(['-f', 'json', 'fixtures/examples'])).stdout);
    for (const finding of allFindings(report)) {
      const lines = readFileSync(join(ROOT, finding.path), 'utf8').split('\n');
      expect(finding.line).toBeGreaterThan(1);
      const at = lines[finding.line - 1]!.slice(finding.column - 1);
      expect(at.trim(), `${finding.path}:${finding.line}:${finding.column}`).not.toBe('');
      expect(at.trimStart().startsWith('#')).toBe(false);
    }
  });

  it('the missing field follows the template wherever it is, after comments and blank lines', async () => {
    const text = [
      '# header comment',
      '',
      '---',
      gpuDeployment({ name: 'first', podSpecLines: ['terminationGracePeriodSeconds: 180'] }),
      '---',
      '# a comment before the second document',
      '',
      gpuDeployment({ name: 'second' }),
    ].join('\n');
    const dir = tempDir({ 'm.yaml': text });
    const report = parseReport((await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    const grace = fileOf(report, 'm.yaml').findings.filter((f) => f.ruleId === 'grace-period-default');
    expect(grace).toHaveLength(1);
    expect(grace[0]!.object?.name).toBe('second');
    expect({ line: grace[0]!.line, column: grace[0]!.column }).toEqual(positionOf(text, 'spec:', 'app: second\n  template:'));
  });

  it('a present value is reported at the field itself', async () => {
    const text = gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 60'] });
    const dir = tempDir({ 'm.yaml': text });
    const report = parseReport((await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    const findings = fileOf(report, 'm.yaml').findings.filter((f) => /grace/.test(f.ruleId));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.line).toBe(positionOf(text, 'terminationGracePeriodSeconds').line);
  });
});

describe('stylish', () => {
  it('summarises the counts of the JSON report', async () => {
    const json = parseReport((await runInProcess(['-f', 'json', 'fixtures/examples'])).stdout);
    const stylish = (await runInProcess(['fixtures/examples'])).stdout;
    const total = json.errorCount + json.warningCount;
    expect(stylish).toContain(
      `${total} problem${total === 1 ? '' : 's'} (${json.errorCount} error${json.errorCount === 1 ? '' : 's'}, ${json.warningCount} warning${json.warningCount === 1 ? '' : 's'})`,
    );
  });

  it('is the default format', async () => {
    expect((await runInProcess(['fixtures/examples'])).stdout).toBe((await runInProcess(['-f', 'stylish', 'fixtures/examples'])).stdout);
  });
});

describe('colour', () => {
  const hasAnsi = (text: string) => text.includes(ESC);
  const target = ['fixtures/examples/vllm-broken.yaml'];

  it('is off when stdout is not a terminal and nothing forces it', async () => {
    const result = await runInProcess(target, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(hasAnsi(result.stdout)).toBe(false);
  });

  it('NO_COLOR turns it off, even with FORCE_COLOR', async () => {
    expect(hasAnsi((await runInProcess(target, { env: { NO_COLOR: '1' } })).stdout)).toBe(false);
    expect(hasAnsi((await runInProcess(target, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout)).toBe(false);
  });

  // Spawned: the binary takes the colour environment from its own process.env.
  it('FORCE_COLOR=1 turns it on; FORCE_COLOR=0 does not (the binary, in a real environment)', () => {
    expect(hasAnsi(run(target, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout)).toBe(true);
    expect(hasAnsi(run(target, { env: { NO_COLOR: undefined, FORCE_COLOR: '0' } }).stdout)).toBe(false);
  });

  it('--color forces it on over NO_COLOR; --no-color forces it off over FORCE_COLOR', async () => {
    expect(hasAnsi((await runInProcess(['--color', ...target], { env: { NO_COLOR: '1' } })).stdout)).toBe(true);
    expect(hasAnsi((await runInProcess(['--no-color', ...target], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout)).toBe(false);
  });

  it('coloured and plain reports say the same once escapes are stripped', async () => {
    const plain = (await runInProcess(target)).stdout;
    // eslint-disable-next-line no-control-regex
    const stripped = (await runInProcess(['--color', ...target])).stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).toBe(plain);
  });

  it('never colours JSON or a report written to a file', async () => {
    const forced = { NO_COLOR: undefined, FORCE_COLOR: '1' };
    const json = await runInProcess(['-f', 'json', '--color', ...target], { env: forced });
    expect(hasAnsi(json.stdout)).toBe(false);
    parseReport(json.stdout);
    const dir = tempDir();
    const out = join(dir, 'report.txt');
    const result = await runInProcess(['-o', out, ...target], { env: forced });
    expect(result.status).toBe(1);
    expect(hasAnsi(readFileSync(out, 'utf8'))).toBe(false);
  });

  it('usage errors are plain text whatever the colour settings', async () => {
    const result = await runInProcess(['--bogus'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.status).toBe(2);
    expectNoCrash(result.stderr);
  });
});
