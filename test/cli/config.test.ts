import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allFindings,
  expectNoCrash,
  gpuDeployment,
  parseReport,
  plainDeployment,
  positionOf,
  runInProcess,
  tempDir,
  type RunResult,
} from './run.js';

/** A GPU Deployment with no preStop and the default grace period: prestop-missing and grace-period-default fire. */
const BROKEN = gpuDeployment({ preStop: false });
const EMPTY_CONFIG = '# no settings\n';

function ruleIds(result: RunResult): string[] {
  return [...new Set(allFindings(parseReport(result.stdout)).map((f) => f.ruleId))].sort();
}

/** Exit 2, the message names the config file at `line:col`, and no crash. */
function expectConfigError(result: RunResult, configPath: string, line: number, column?: number): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expectNoCrash(result.stderr);
  expect(result.stderr).toContain(column === undefined ? `${configPath}:${line}:` : `${configPath}:${line}:${column}`);
}

describe('finding the config file', () => {
  it('baseline: the test manifest has prestop-missing and grace-period-default findings', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'empty.yaml': EMPTY_CONFIG });
    const result = await runInProcess(['-c', 'empty.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(ruleIds(result)).toEqual(expect.arrayContaining(['grace-period-default', 'prestop-missing']));
  });

  it('uses .gpu-drain-lint.yaml in the current directory', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: off\n' });
    const result = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir });
    expect(ruleIds(result)).not.toContain('prestop-missing');
    expect(ruleIds(result)).toContain('grace-period-default');
  });

  it('finds .gpu-drain-lint.yaml upward from the current directory', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: off\n', 'a/b/c/m.yaml': BROKEN });
    const result = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: join(dir, 'a/b/c') });
    expect(result.status).toBe(1);
    expect(ruleIds(result)).not.toContain('prestop-missing');
    const printed = await runInProcess(['--print-config'], { cwd: join(dir, 'a/b/c') });
    expect(printed.stderr).toBe(`gpu-drain-lint: configuration from ${join(dir, '.gpu-drain-lint.yaml')}\n`);
  });

  it('the nearest config wins over one further up', async () => {
    const dir = tempDir({
      '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: off\n',
      'sub/.gpu-drain-lint.yaml': 'rules:\n  grace-period-default: off\n',
      'sub/m.yaml': BROKEN,
    });
    const result = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: join(dir, 'sub') });
    expect(ruleIds(result)).toContain('prestop-missing');
    expect(ruleIds(result)).not.toContain('grace-period-default');
  });

  it('finds the .json variant', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, '.gpu-drain-lint.json': '{\n  "rules": {\n    "prestop-missing": "off"\n  }\n}\n' });
    const result = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir });
    expect(ruleIds(result)).not.toContain('prestop-missing');
    expect(ruleIds(result)).toContain('grace-period-default');
  });

  it('--config PATH replaces the discovered file', async () => {
    const dir = tempDir({
      'm.yaml': BROKEN,
      '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: off\n',
      'ci/strict.yaml': 'rules:\n  grace-period-default: off\n',
    });
    const result = await runInProcess(['-c', 'ci/strict.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(ruleIds(result)).toContain('prestop-missing');
    expect(ruleIds(result)).not.toContain('grace-period-default');
  });

  it('--config accepts a JSON file', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'conf.json': '{"rules": {"grace-period-default": "off"}}' });
    const result = await runInProcess(['--config', 'conf.json', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(ruleIds(result)).not.toContain('grace-period-default');
    expect(ruleIds(result)).toContain('prestop-missing');
  });

  it('--config naming a missing file exits 2 naming it', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN });
    const result = await runInProcess(['-c', 'nope.yaml', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nope.yaml');
    expectNoCrash(result.stderr);
  });
});

describe('rule levels', () => {
  it('off turns a rule off, warn downgrades it', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'rules:\n  prestop-missing: off\n  grace-period-default: warn\n' });
    const report = parseReport((await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    const findings = allFindings(report);
    expect(findings.some((f) => f.ruleId === 'prestop-missing')).toBe(false);
    const grace = findings.filter((f) => f.ruleId === 'grace-period-default');
    expect(grace.length).toBeGreaterThan(0);
    expect(grace.every((f) => f.severity === 'warn')).toBe(true);
  });

  it('warning is warn, in a level and in a [level, options] array; --print-config says warn', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'rules:\n  grace-period-default: warning\n  prestop-missing: [warning, {}]\n' });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const findings = allFindings(parseReport(result.stdout));
    for (const rule of ['grace-period-default', 'prestop-missing']) {
      const mine = findings.filter((f) => f.ruleId === rule);
      expect(mine.length, rule).toBeGreaterThan(0);
      expect(mine.every((f) => f.severity === 'warn'), rule).toBe(true);
    }
    const printed = JSON.parse((await runInProcess(['-c', 'c.yaml', '--print-config'], { cwd: dir })).stdout) as { rules: Record<string, [string, unknown]> };
    expect(printed.rules['grace-period-default']?.[0]).toBe('warn');
    expect(printed.rules['prestop-missing']?.[0]).toBe('warn');
  });

  it('a misspelt level is refused at its position with a did-you-mean', async () => {
    const text = 'rules:\n  grace-period-default: error\n  prestop-missing: wraning\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    const at = positionOf(text, 'wraning');
    expectConfigError(result, 'c.yaml', at.line, at.column);
    expect(result.stderr).toContain('"wraning" (did you mean "warning"?)');
    const inArray = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'rules:\n  prestop-missing: [eror, {}]\n' }) });
    expect(inArray.status).toBe(2);
    expect(inArray.stderr).toContain('"eror" (did you mean "error"?)');
  });

  it('[level] and [level, {}] arrays are accepted', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'rules:\n  prestop-missing: [off]\n  grace-period-default: [error, {}]\n' });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(ruleIds(result)).not.toContain('prestop-missing');
  });

  it('invalid-value can be turned off', async () => {
    const manifest = gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: "30s"'] });
    const dir = tempDir({ 'm.yaml': manifest, 'c.yaml': 'rules:\n  invalid-value: off\n' });
    expect(ruleIds(await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir }))).toContain('invalid-value');
    expect(ruleIds(await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir }))).not.toContain('invalid-value');
  });
});

describe('invalid configuration exits 2 with file:line:col and no stack trace', () => {
  // Issue 14, items 11 and 14: a FIFO config blocked forever; invalid UTF-8 was read with
  // replacement characters; a dangling config link was passed over without a word.
  it('invalid UTF-8 in the config is refused at the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('rules:\n  grace-period-default: off\n  # caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': bytes });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 3, 8);
    expect(result.stderr).toContain('the config is not valid UTF-8');
  });

  it('a config that is a symbolic link to nothing is reported, not passed over', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'sub/.keep': '' });
    symlinkSync('missing.yaml', join(dir, '.gpu-drain-lint.yaml'));
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    expect(result.status, result.stderr).toBe(2);
    expectNoCrash(result.stderr);
    expect(result.stderr).toContain(`${join(dir, '.gpu-drain-lint.yaml')}: cannot read the config file (a symbolic link to a file that does not exist)`);
  });

  it.skipIf(process.platform === 'win32')('a config that is a FIFO is refused at once, never read', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN });
    expect(spawnSync('mkfifo', [join(dir, '.gpu-drain-lint.yaml')]).status).toBe(0);
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('.gpu-drain-lint.yaml: the config is not a regular file');
  });

  // Issue 14, item 13: `.inf` gave "grace budget of NaN s", 1e20 a grace beyond int64, `minSeconds:
  // .inf` a `sleep Infinity`. Every number a config gives is finite and at most a day.
  for (const [name, text, value, message] of [
    ['an infinite duration', 'profiles:\n  gpu-inference:\n    longestRequest: .inf\n', '.inf', 'profiles.gpu-inference.longestRequest must be <= 86400, got Infinity'],
    ['NaN', 'profiles:\n  gpu-inference:\n    margin: .nan\n', '.nan', 'profiles.gpu-inference.margin must be <= 86400, got NaN'],
    ['a number beyond a day', 'profiles:\n  long-lived:\n    preStop: 1e20\n', '1e20', 'profiles.long-lived.preStop must be <= 86400, got 100000000000000000000'],
    ['a duration text beyond a day', 'profiles:\n  gpu-inference:\n    longestRequest: 100000000h\n', '100000000h', 'profiles.gpu-inference.longestRequest is 360000000000 s, more than 86400 s (a day)'],
    ['a workload declaration beyond a day', 'workloads:\n  - name: vllm\n    longestRequest: 25h\n', '25h', 'workloads.0.longestRequest is 90000 s, more than 86400 s (a day)'],
    ['a rule option that states no maximum', 'rules:\n  prestop-too-short: [warn, {minSeconds: .inf}]\n', '.inf', 'rules.prestop-too-short.1.minSeconds must be <= 86400, got Infinity'],
    ['a count', 'profiles:\n  gpu-inference:\n    maxConcurrentDisruption: 1000000\n', '1000000', 'profiles.gpu-inference.maxConcurrentDisruption must be <= 86400, got 1000000'],
    ['an ignore pattern with a backwards range (it was an internal error)', 'ignorePatterns:\n  - "x[z-a].yaml"\n', '"x[z-a].yaml"', 'ignorePatterns entry "x[z-a].yaml": the character class [z-a] is not valid'],
  ] as const) {
    it(`${name} is refused at its position`, async () => {
      const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
      const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
      const at = positionOf(text, value);
      expectConfigError(result, 'c.yaml', at.line, at.column);
      expect(result.stderr).toContain(message);
    });
  }

  it('a duration of exactly a day is accepted', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'profiles:\n  gpu-inference:\n    longestRequest: 24h\n' });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('longest request 86400 s');
  });

  it('an unknown rule id: path, the key position and a did-you-mean', async () => {
    const text = 'rules:\n  grace-period-default: error\n  prestop-mising: warn\n';
    const dir = tempDir({ 'm.yaml': BROKEN, '.gpu-drain-lint.yaml': text });
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    const at = positionOf(text, 'prestop-mising');
    expectConfigError(result, join(dir, '.gpu-drain-lint.yaml'), at.line, at.column);
    expect(result.stderr).toContain('prestop-mising');
    expect(result.stderr).toMatch(/did you mean "prestop-missing"/);
  });

  it('an unknown rule id in a JSON config points at its key', async () => {
    const text = '{\n  "rules": {\n    "grace-period-defualt": "off"\n  }\n}\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'conf.json': text });
    const result = await runInProcess(['-c', 'conf.json', 'm.yaml'], { cwd: dir });
    const at = positionOf(text, '"grace-period-defualt"');
    expectConfigError(result, 'conf.json', at.line, at.column);
    expect(result.stderr).toMatch(/did you mean "grace-period-default"/);
  });

  it('an unknown rule id with nothing close has no misleading suggestion', async () => {
    const text = 'rules:\n  something-else-entirely: off\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 2, 3);
    expect(result.stderr).toContain('something-else-entirely');
  });

  it('profiles.gpu-inference.longestRequest: true', async () => {
    const text = 'profiles:\n  gpu-inference:\n    longestRequest: true\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 3);
    expect(result.stderr).toContain('longestRequest');
  });

  it('kubernetesVersion: 1.30 unquoted, with a hint to quote it', async () => {
    const text = '# cluster\nkubernetesVersion: 1.30\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 2);
    expect(result.stderr).toContain('kubernetesVersion');
    expect(result.stderr).toMatch(/quote/i);
  });

  it('rules: {grace-period-default: [error, {foo: 1}]}', async () => {
    const text = 'rules:\n  grace-period-default: [error, {foo: 1}]\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 2);
    expect(result.stderr).toContain('grace-period-default');
  });

  it('an unknown level', async () => {
    const text = 'rules:\n  prestop-missing: fatal\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    const at = positionOf(text, 'fatal');
    expectConfigError(result, 'c.yaml', at.line, at.column);
    expect(result.stderr).toContain('fatal');
  });

  it('a workloads entry with an unknown profile', async () => {
    const text = 'workloads:\n  - name: web\n    profile: gpu\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 3);
    expect(result.stderr).toMatch(/gpu-inference/);
  });

  it('a YAML syntax error in the config', async () => {
    const text = 'rules:\n  grace-period-default: warn\n  prestop-missing: off: on\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 3);
  });

  it('a duplicate key in the config', async () => {
    const text = 'rules:\n  prestop-missing: off\n  prestop-missing: warn\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 3);
  });

  it('a config with a second document is refused at it', async () => {
    const text = 'rules:\n  prestop-missing: off\n---\nrules:\n  grace-period-default: off\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 3, 1);
    expect(result.stderr).toBe('gpu-drain-lint: invalid configuration: c.yaml:3:1: a second YAML document; a config file holds one\n');
  });

  it('a config that is not a mapping', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': '- rules\n' });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 1);
  });

  // Issue 14, item 14: an alias the config cannot resolve, or one that expands exponentially,
  // was an "internal error … Please report it" without a position.
  it('an alias with no anchor is refused at the alias', async () => {
    const text = 'rules:\n  prestop-missing: off\n  grace-period-default: *nope\n';
    const dir = tempDir({ 'm.yaml': BROKEN, '.gpu-drain-lint.yaml': text });
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    const at = positionOf(text, '*nope');
    expectConfigError(result, join(dir, '.gpu-drain-lint.yaml'), at.line, at.column);
    expect(result.stderr).toBe(`gpu-drain-lint: invalid configuration: ${join(dir, '.gpu-drain-lint.yaml')}:${at.line}:${at.column}: the alias *nope has no anchor &nope before it\n`);
  });

  it('an alias inside the value its anchor names is refused at the alias', async () => {
    const text = 'ignorePatterns: &x [a, *x]\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 1, positionOf(text, '*x').column);
    expect(result.stderr).toContain('the alias *x is inside the value its anchor &x names');
  });

  it('a billion-laughs config is refused at its first alias, without expanding it', async () => {
    const lines = ['ignorePatterns: []', 'lol:', '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    let previous = 'a';
    for (const name of 'bcdefghi') {
      lines.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      previous = name;
    }
    const text = `${lines.join('\n')}\n`;
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const started = Date.now();
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    const at = positionOf(text, '*a');
    expectConfigError(result, 'c.yaml', at.line, at.column);
    expect(result.stderr).toBe(`gpu-drain-lint: invalid configuration: c.yaml:${at.line}:${at.column}: excessive aliasing: the aliases of this document expand too far (a "billion laughs")\n`);
  });

  it('an alias to an anchor before it is read as the anchored value', async () => {
    const text = 'rules:\n  prestop-missing: &quiet off\n  grace-period-default: *quiet\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    // Both errors of the manifest are off: what remains are warnings.
    expect(result.status, result.stderr).toBe(0);
    expect(ruleIds(result)).not.toContain('prestop-missing');
    expect(ruleIds(result)).not.toContain('grace-period-default');
  });

  // Each of these is a config mistake a user makes, and must be reported like the ones above.
  it.each([
    ['an unknown top-level key', 'rulez:\n  prestop-missing: off\n', 'rulez', 1, 1],
    ['an unknown key in a profile', 'profiles:\n  gpu-inference:\n    longestRequests: 90\n', 'longestRequests', 3, 5],
    ['an unknown profile name', 'profiles:\n  gpu:\n    longestRequest: 90\n', 'gpu', 2, 3],
    ['an unknown key in a workloads entry', 'workloads:\n  - name: web\n    profile: long-lived\n    namespaces: [a]\n', 'namespaces', 4, 5],
    ['a malformed duration', 'profiles:\n  gpu-inference:\n    longestRequest: ten minutes\n', 'ten minutes', 3, 21],
    ['a kubernetesVersion that is not a version', 'kubernetesVersion: "latest"\n', 'latest', 1, 20],
  ])('%s', async (_name, text, mentions, line, column) => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', line, column);
    expect(result.stderr).toContain(mentions);
  });

  it('the error is reported before any file is read (nothing on stdout)', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'rules:\n  nope: off\n' });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('--print-config', () => {
  it('prints the effective configuration as JSON and exits 0', async () => {
    const text = [
      'kubernetesVersion: "1.31"',
      'defaultNamespace: apps',
      'ignorePatterns: ["vendor/**"]',
      'rules:',
      '  prestop-missing: off',
      '  grace-period-default: warn',
      'profiles:',
      '  gpu-inference:',
      '    longestRequest: 5m',
      'workloads:',
      '  - name: web',
      '    profile: long-lived',
      '',
    ].join('\n');
    const dir = tempDir({ '.gpu-drain-lint.yaml': text });
    const result = await runInProcess(['--print-config'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`gpu-drain-lint: configuration from ${join(dir, '.gpu-drain-lint.yaml')}\n`);
    const config = JSON.parse(result.stdout) as {
      kubernetesVersion: string;
      defaultNamespace: string;
      ignorePatterns: string[];
      rules: Record<string, [string, object]>;
      profiles: Record<string, { longestRequest: number }>;
      workloads: unknown[];
    };
    expect(config.kubernetesVersion).toBe('1.31');
    expect(config.defaultNamespace).toBe('apps');
    expect(config.ignorePatterns).toEqual(['vendor/**']);
    expect(config.rules['prestop-missing']?.[0]).toBe('off');
    expect(config.rules['grace-period-default']?.[0]).toBe('warn');
    expect(config.rules['grace-budget-exceeded']?.[0]).toBe('error');
    expect(config.profiles['gpu-inference']?.longestRequest).toBe(300);
    expect(config.workloads).toEqual([{ name: 'web', profile: 'long-lived' }]);
  });

  it('prints helm releases, the kustomize binary and scopes with their paths relative to the current directory', async () => {
    const text = [
      'helm:',
      '  binary: tools/helm',
      '  charts:',
      '    - path: ./charts/vllm/',
      '      release: vllm',
      '      namespace: inference',
      '      values: [charts/vllm/values-prod.yaml]',
      'kustomize:',
      '  binary: kustomize',
      'scopes: ["clusters/*"]',
      '',
    ].join('\n');
    const dir = tempDir({ 'platform/.gpu-drain-lint.yaml': text });
    const result = await runInProcess(['--print-config', '-c', 'platform/.gpu-drain-lint.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    const config = JSON.parse(result.stdout) as { helm: unknown; kustomize: unknown; scopes: unknown };
    expect(config.helm).toEqual({
      binary: join(dir, 'platform/tools/helm'),
      charts: [{ path: 'platform/charts/vllm', release: 'vllm', namespace: 'inference', values: ['platform/charts/vllm/values-prod.yaml'] }],
    });
    expect(config.kustomize).toEqual({ binary: 'kustomize' });
    expect(config.scopes).toEqual(['platform/clusters/*']);
  });

  it.each([
    ['a chart entry without a path', 'helm:\n  charts:\n    - release: vllm\n', /helm\.charts\.0 must have required property 'path'/],
    ['a release name helm refuses', 'helm:\n  charts:\n    - path: charts/vllm\n      release: Vllm_1\n', /helm\.charts\.0\.release/],
    ['an unknown key of kustomize', 'kustomize:\n  build: kustomize\n', /unknown key "build" in kustomize/],
  ])('refuses %s at its position', async (_, text, message) => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': text });
    const result = await runInProcess(['--print-config'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\.gpu-drain-lint\.yaml:\d+:\d+: /);
  });

  it('prints a configuration that can be saved and used as the config file', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': 'rules:\n  prestop-missing: off\nprofiles:\n  gpu-inference:\n    longestRequest: 5m\n' });
    const printed = (await runInProcess(['--print-config'], { cwd: dir })).stdout;
    const again = tempDir({ 'saved.json': printed });
    const reprinted = await runInProcess(['--print-config', '-c', 'saved.json'], { cwd: again });
    expect(reprinted.status).toBe(0);
    expect(JSON.parse(reprinted.stdout)).toEqual(JSON.parse(printed));
  });

  it('lists every rule with its default level when there is no setting', async () => {
    const dir = tempDir({ 'c.yaml': EMPTY_CONFIG });
    const result = await runInProcess(['--print-config', '-c', 'c.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    const config = JSON.parse(result.stdout) as { rules: Record<string, [string, object]> };
    for (const id of ['grace-period-default', 'grace-budget-exceeded', 'prestop-missing', 'invalid-value']) {
      expect(['warn', 'error']).toContain(config.rules[id]?.[0]);
    }
  });

  it('fails like a lint run on an invalid config', async () => {
    const dir = tempDir({ 'c.yaml': 'rules:\n  prestop-mising: off\n' });
    const result = await runInProcess(['--print-config', '-c', 'c.yaml'], { cwd: dir });
    expectConfigError(result, 'c.yaml', 2, 3);
  });
});

describe('workloads and profiles', () => {
  it('a workloads entry declaring a profile makes a plain Deployment a drain subject', async () => {
    const dir = tempDir({
      'web.yaml': plainDeployment('web'),
      'none.yaml': EMPTY_CONFIG,
      'declared.yaml': 'workloads:\n  - kind: Deployment\n    name: web\n    profile: long-lived\n',
    });
    const before = await runInProcess(['-c', 'none.yaml', '-f', 'json', 'web.yaml'], { cwd: dir });
    expect(before.status).toBe(0);
    expect(allFindings(parseReport(before.stdout))).toEqual([]);
    const after = await runInProcess(['-c', 'declared.yaml', '-f', 'json', 'web.yaml'], { cwd: dir });
    expect(after.status).toBe(1);
    const findings = allFindings(parseReport(after.stdout));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.object?.name === 'web')).toBe(true);
    expect(findings.some((f) => /long-lived/.test(f.message))).toBe(true);
  });

  it('profile: none silences an inferred GPU workload', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'workloads:\n  - name: vllm\n    profile: none\n' });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 1 workload in 1 file checked, no problems\n');
  });

  it('a workloads entry that matches nothing changes nothing', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'c.yaml': 'workloads:\n  - name: other\n    profile: none\n', 'none.yaml': EMPTY_CONFIG });
    expect((await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir })).stdout).toBe((await runInProcess(['-c', 'none.yaml', 'm.yaml'], { cwd: dir })).stdout);
  });

  it('profile settings change the budget', async () => {
    // Drain-ready (preStop, probes, PDB) but for the grace period.
    const manifest = gpuDeployment({ pdb: true, podSpecLines: ['terminationGracePeriodSeconds: 120'] });
    const dir = tempDir({ 'm.yaml': manifest, 'none.yaml': EMPTY_CONFIG, 'short.yaml': 'profiles:\n  gpu-inference:\n    longestRequest: 60s\n' });
    // 120 s is below the default budget (15 + 150 + 15) but covers 15 + 60 + 15.
    expect((await runInProcess(['-c', 'none.yaml', 'm.yaml'], { cwd: dir })).status).toBe(1);
    const short = await runInProcess(['-c', 'short.yaml', 'm.yaml'], { cwd: dir });
    expect(short.status).toBe(0);
    expect(short.stdout).toBe('✔ 1 workload in 1 file checked, no problems\n');
  });
});

describe('ignorePatterns', () => {
  it('skips matching files, relative to the config file', async () => {
    const dir = tempDir({
      '.gpu-drain-lint.yaml': 'ignorePatterns:\n  - "vendor/**"\n  - "*.generated.yaml"\n',
      'app/m.yaml': BROKEN,
      'vendor/lib/m.yaml': BROKEN,
      'app/x.generated.yaml': BROKEN,
    });
    mkdirSync(join(dir, 'empty'));
    const result = await runInProcess(['-f', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    const paths = parseReport(result.stdout).files.map((f) => f.path.replace(/^\.\//, ''));
    expect(paths).toContain('app/m.yaml');
    expect(paths).not.toContain('vendor/lib/m.yaml');
    expect(paths).not.toContain('app/x.generated.yaml');

    // The same from a subdirectory: patterns stay relative to the config file.
    const fromApp = await runInProcess(['-f', 'json', '.', '../vendor'], { cwd: join(dir, 'app'), env: {} });
    const appPaths = parseReport(fromApp.stdout).files.map((f) => f.path.replace(/^\.\//, ''));
    expect(appPaths).toEqual(['m.yaml']);
  });

  it('a directory pattern with a trailing slash ignores everything below it', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': 'ignorePatterns: ["vendor/"]\n', 'app/m.yaml': BROKEN, 'vendor/a/b/m.yaml': BROKEN });
    const result = await runInProcess(['-f', 'json', '.'], { cwd: dir });
    const manifests = parseReport(result.stdout)
      .files.map((f) => f.path.replace(/^\.\//, ''))
      .filter((p) => p !== '.gpu-drain-lint.yaml');
    expect(manifests).toEqual(['app/m.yaml']);
  });

  it('an ignored file given explicitly is not linted', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': 'ignorePatterns: ["vendor/**"]\n', 'vendor/m.yaml': BROKEN });
    const result = await runInProcess(['-f', 'json', 'vendor/m.yaml'], { cwd: dir });
    expect(result.status).not.toBe(1);
    expectNoCrash(result.stderr);
    if (result.stdout) expect(parseReport(result.stdout).files).toEqual([]);
  });
});

describe('config file variants', () => {
  it('finds .gpu-drain-lint.yml', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, '.gpu-drain-lint.yml': 'rules:\n  prestop-missing: off\n' });
    expect(ruleIds(await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir }))).not.toContain('prestop-missing');
  });

  it('reads a config with a BOM and CRLF line endings, and reports errors at the same line:col', async () => {
    const text = 'rules:\n  grace-period-default: warn\n  prestop-mising: off\n';
    const dir = tempDir({ 'm.yaml': BROKEN, 'ok.yaml': '\uFEFFrules:\r\n  prestop-missing: off\r\n', 'bad.yaml': `\uFEFF${text.replace(/\n/g, '\r\n')}` });
    expect(ruleIds(await runInProcess(['-c', 'ok.yaml', '-f', 'json', 'm.yaml'], { cwd: dir }))).not.toContain('prestop-missing');
    const at = positionOf(text, 'prestop-mising');
    expectConfigError(await runInProcess(['-c', 'bad.yaml', 'm.yaml'], { cwd: dir }), 'bad.yaml', at.line, at.column);
  });
});

describe('kserve.defaultDeploymentMode', () => {
  const isvc = [
    'apiVersion: serving.kserve.io/v1beta1',
    'kind: InferenceService',
    'metadata: {name: llama}',
    'spec:',
    '  predictor:',
    '    model: {modelFormat: {name: vLLM}, resources: {limits: {nvidia.com/gpu: 1}}}',
    '',
  ].join('\n');

  it('unset: Knative, as KServe ships (no grace or preStop finding); Standard: judged like a Deployment', async () => {
    const dir = tempDir({ 'm.yaml': isvc, 'knative.yaml': 'defaultNamespace: default\n', 'standard.yaml': 'kserve:\n  defaultDeploymentMode: RawDeployment\n' });
    const ids = async (config: string) =>
      (JSON.parse((await runInProcess(['-c', config, '-f', 'json', 'm.yaml'], { cwd: dir })).stdout) as { files: { findings: { ruleId: string }[] }[] }).files[0]!.findings.map((f) => f.ruleId);
    expect(await ids('knative.yaml')).toEqual(['single-replica']);
    expect(await ids('standard.yaml')).toEqual(['grace-period-default', 'single-replica', 'prestop-missing']);
  });

  it('is printed with the effective configuration', async () => {
    const dir = tempDir({ 'c.yaml': 'kserve:\n  defaultDeploymentMode: Standard\n' });
    expect(JSON.parse((await runInProcess(['--print-config', '-c', 'c.yaml'], { cwd: dir })).stdout).kserve).toEqual({ defaultDeploymentMode: 'Standard' });
  });

  it('a mode KServe does not have is a config error', async () => {
    const dir = tempDir({ 'm.yaml': isvc, 'c.yaml': 'kserve:\n  defaultDeploymentMode: Serverles\n' });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('defaultDeploymentMode');
  });
});
