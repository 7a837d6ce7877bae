import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lint } from '../../src/engine/lint.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import {
  allFindings,
  expectCleanExit,
  expectNoCrash,
  fileOf,
  gpuDeployment,
  parseReport,
  positionOf,
  run,
  runInProcess,
  stylishFindings,
  tempDir,
  type JsonFinding,
  type JsonReport,
} from './run.js';

/** A GPU Deployment with no preStop and the default grace period: always has findings. */
const BROKEN = gpuDeployment({ preStop: false });
const NUL = Buffer.from([0]);

async function lintJson(dir: string, args: string[]): Promise<{ status: number | null; report: JsonReport; stderr: string }> {
  const result = await runInProcess(['-f', 'json', ...args], { cwd: dir });
  expectCleanExit(result);
  return { status: result.status, report: parseReport(result.stdout), stderr: result.stderr };
}

function only(findings: JsonFinding[], ruleId: string): JsonFinding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

const at = (f: { line: number; column: number }) => `${f.line}:${f.column}`;

describe('one bad file never stops the others', () => {
  it('lints a folder of bad inputs: each gets a finding with a position, the good file is still linted', async () => {
    const files: Record<string, string | Uint8Array> = {
      'good.yaml': BROKEN,
      'malformed.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n',
      'helm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
      'empty.yaml': '',
      'comments.yaml': '# nothing here\n# at all\n',
      'binary.yaml': Buffer.concat([Buffer.from('apiVersion: v1\n'), NUL, Buffer.from([1, 2, 255])]),
      'latin1.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      'dir.yaml/inner.yaml': BROKEN,
      'invalid.yaml': gpuDeployment({ name: 'invalid', podSpecLines: ['terminationGracePeriodSeconds: "30s"'] }),
    };
    const dir = tempDir(files);
    const { status, report } = await lintJson(dir, ['.']);
    expect(status).toBe(1);
    const paths = report.files.map((f) => f.path.replace(/^\.\//, '')).sort();
    expect(paths).toEqual(
      ['binary.yaml', 'comments.yaml', 'dir.yaml/inner.yaml', 'empty.yaml', 'good.yaml', 'helm.yaml', 'invalid.yaml', 'latin1.yaml', 'malformed.yaml'].sort(),
    );
    const file = (name: string) => report.files.find((f) => f.path.replace(/^\.\//, '') === name)!;
    expect(only(file('good.yaml').findings, 'prestop-missing').length).toBeGreaterThan(0);
    expect(only(file('dir.yaml/inner.yaml').findings, 'prestop-missing').length).toBeGreaterThan(0);
    expect(file('empty.yaml').findings).toEqual([]);
    expect(file('comments.yaml').findings).toEqual([]);
    for (const name of ['malformed.yaml', 'helm.yaml', 'binary.yaml', 'latin1.yaml']) {
      const findings = file(name).findings;
      expect(findings, name).toHaveLength(1);
      expect(findings[0]!.ruleId, name).toBe('yaml-syntax');
      expect(findings[0]!.severity, name).toBe('error');
    }
    expect(only(file('invalid.yaml').findings, 'invalid-value')).toHaveLength(1);

    // The stylish report names every one of them with a position.
    const stylish = await runInProcess(['.'], { cwd: dir });
    expect(stylish.status).toBe(1);
    expectNoCrash(stylish.stderr);
    const named = new Set(stylishFindings(stylish.stdout).map((l) => l.path.replace(/^\.\//, '')));
    for (const name of ['good.yaml', 'malformed.yaml', 'helm.yaml', 'binary.yaml', 'latin1.yaml', 'dir.yaml/inner.yaml', 'invalid.yaml']) {
      expect(named, name).toContain(name);
    }
  });
});

describe('malformed YAML', () => {
  it('is a yaml-syntax finding at the error, and the other documents of the file are still linted', async () => {
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n';
    const text = [gpuDeployment({ name: 'before', preStop: false }), bad, gpuDeployment({ name: 'after', preStop: false })].join('---\n');
    const dir = tempDir({ 'm.yaml': text });
    const { status, report } = await lintJson(dir, ['m.yaml']);
    expect(status).toBe(1);
    const findings = fileOf(report, 'm.yaml').findings;
    const syntax = only(findings, 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(at(syntax[0]!)).toBe(at(positionOf(text, 'a: b')));
    expect(syntax[0]!.message.length).toBeGreaterThan(10);
    const names = new Set(only(findings, 'prestop-missing').map((f) => f.object?.name));
    expect(names).toEqual(new Set(['before', 'after']));
  });

  it('tab indentation is reported on its line', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n';
    const dir = tempDir({ 'm.yaml': text });
    const { report } = await lintJson(dir, ['m.yaml']);
    const [finding] = allFindings(report);
    expect(finding?.ruleId).toBe('yaml-syntax');
    expect(finding?.line).toBe(4);
    expect(finding?.message).toMatch(/tab/i);
  });

  it('the stylish headline and location are line:col and path:line:col of the error', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n';
    const dir = tempDir({ 'm.yaml': text });
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    const where = positionOf(text, 'a: b');
    expect(stylishFindings(result.stdout)).toEqual([{ path: 'm.yaml', ...where, severity: 'error', ruleId: 'yaml-syntax' }]);
  });
});

describe('Helm templates', () => {
  it.each([
    ['a value that still parses as YAML', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicas }}\n'],
    ['a control action at the top', '{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{- end }}\n'],
    ['an include mid-file', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}\n  name: x\n'],
  ])('%s: one yaml-syntax finding at the first {{, telling to render with helm template', async (_name, text) => {
    const dir = tempDir({ 'templates/t.yaml': text });
    const { status, report } = await lintJson(dir, ['templates/t.yaml']);
    expect(status).toBe(1);
    const findings = fileOf(report, 'templates/t.yaml').findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('yaml-syntax');
    expect(findings[0]!.message).toMatch(/helm template .*\| gpu-drain-lint -/);
    expect(at(findings[0]!)).toBe(at(positionOf(text, '{{')));
  });

  it('{{ inside a quoted string is ordinary text, not a template', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: argo-params',
      '  annotations:',
      '    description: "{{ workflow.name }} runs nightly"',
      'data:',
      '  template: |',
      '    hello {{ .Name }}',
      '',
    ].join('\n');
    const dir = tempDir({ 'm.yaml': text });
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 0 workloads in 1 file checked, no problems\n');
  });
});

describe('empty and comment-only files', () => {
  it.each([
    ['an empty file', ''],
    ['a whitespace-only file', '\n\n   \n'],
    ['a comment-only file', '# TODO: add manifests\n#\n'],
    ['only document markers', '---\n---\n...\n'],
    ['a null document', '~\n'],
  ])('%s has no findings and exits 0', async (_name, text) => {
    const dir = tempDir({ 'x.yaml': text });
    const result = await runInProcess(['x.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 0 workloads in 1 file checked, no problems\n');
    expect(result.stderr).toBe('');
    const { report } = await lintJson(dir, ['x.yaml']);
    expect(report.files).toEqual([{ path: 'x.yaml', errorCount: 0, warningCount: 0, findings: [] }]);
  });

  it.each([
    ['a scalar document', 'just a string\n'],
    ['a list of scalars', '- a\n- b\n'],
    ['a map without kind', 'foo: bar\n'],
  ])('%s is not a Kubernetes object and is skipped without a crash', async (_name, text) => {
    const dir = tempDir({ 'x.yaml': text });
    const result = await runInProcess(['x.yaml'], { cwd: dir });
    expectCleanExit(result);
  });
});

describe('files that are not text', () => {
  it('a binary file named x.yaml is one yaml-syntax finding saying so', async () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: '), NUL, Buffer.from([0x89, 0x50, 0x4e, 0x47])]);
    const dir = tempDir({ 'x.yaml': bytes });
    const { status, report } = await lintJson(dir, ['x.yaml']);
    expect(status).toBe(1);
    const findings = fileOf(report, 'x.yaml').findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('yaml-syntax');
    expect(findings[0]!.message).toMatch(/binary/i);
    // At the NUL byte: line 2, after "kind: ".
    expect(at(findings[0]!)).toBe('2:7');
  });

  it('invalid UTF-8 is one yaml-syntax finding at the bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: café-'), Buffer.from([0xff, 0xfe]), Buffer.from('x\n')]);
    const dir = tempDir({ 'x.yaml': bytes });
    const { status, report } = await lintJson(dir, ['x.yaml']);
    expect(status).toBe(1);
    const findings = fileOf(report, 'x.yaml').findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('yaml-syntax');
    expect(findings[0]!.message).toMatch(/UTF-8/);
    // Columns count characters as an editor shows them: "  name: café-" is 13 characters.
    expect(at(findings[0]!)).toBe('4:14');
  });
});

describe('directories, links and special files', () => {
  it('a directory named x.yaml inside a linted folder is walked, not read', async () => {
    const dir = tempDir({ 'ok.yaml': BROKEN, 'x.yaml/deploy.yml': BROKEN });
    mkdirSync(join(dir, 'empty.yaml'));
    const { status, report } = await lintJson(dir, ['.']);
    expect(status).toBe(1);
    expect(report.files.map((f) => f.path.replace(/^\.\//, '')).sort()).toEqual(['ok.yaml', 'x.yaml/deploy.yml']);
  });

  it('a directory named x.yaml given explicitly is linted as a directory', async () => {
    const dir = tempDir({ 'x.yaml/deploy.yaml': BROKEN });
    const { status, report } = await lintJson(dir, ['x.yaml']);
    expect(status).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['x.yaml/deploy.yaml']);
  });

  it('a dangling symlink inside a folder does not stop the others', async () => {
    const dir = tempDir({ 'ok.yaml': BROKEN });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    const result = await runInProcess(['-f', 'json', '.'], { cwd: dir });
    expectCleanExit(result, [1]);
    const report = parseReport(result.stdout);
    expect(only(allFindings(report), 'prestop-missing').length).toBeGreaterThan(0);
    // Skipped or reported as unreadable; if reported, with a message naming the problem.
    const dangling = report.files.find((f) => f.path.endsWith('dangling.yaml'));
    if (dangling) {
      expect(dangling.findings).toHaveLength(1);
      expect(dangling.findings[0]!.message).toMatch(/read|exist|link/i);
    }
  });

  it('a symlink to a manifest inside a folder is linted like the file', async () => {
    const dir = tempDir({ 'real/deploy.yaml': BROKEN, 'linked/.keep': '' });
    symlinkSync(join(dir, 'real/deploy.yaml'), join(dir, 'linked/deploy.yaml'));
    const result = await runInProcess(['-f', 'json', 'linked'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.files.map((f) => f.path)).toEqual(['linked/deploy.yaml']);
    expect(only(allFindings(report), 'prestop-missing').length).toBeGreaterThan(0);
  });

  it('a symlink loop inside a folder does not hang the run', () => {
    const dir = tempDir({ 'ok.yaml': BROKEN });
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop/again'));
    symlinkSync(join(dir, 'self.yaml'), join(dir, 'self.yaml'));
    // Spawned with a time limit: a hang in-process would hang the test runner.
    const result = run(['-f', 'json', '.'], { cwd: dir, timeout: 15_000 });
    expectCleanExit(result, [1]);
    expect(only(allFindings(parseReport(result.stdout)), 'prestop-missing').length).toBeGreaterThan(0);
  });

  // Issue 14, item 14: a FIFO or device named like a manifest was passed over without a word.
  // It is never opened (a FIFO would block the run): found by a walk or a glob it is a warning
  // on stderr; named as a file to lint it cannot be read, a finding like any unreadable file.
  /** `ok.yaml` and a FIFO `pipe.yaml` beside it. */
  const withFifo = () => {
    const dir = tempDir({ 'ok.yaml': BROKEN });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    return dir;
  };

  for (const input of ['.', '*.yaml']) {
    it.skipIf(process.platform === 'win32')(`a FIFO named x.yaml found by ${input === '.' ? 'a folder walk' : 'a glob'} is not read (no hang) and is a warning naming it`, () => {
      // Spawned with a time limit: a hang in-process would hang the test runner.
      const result = run(['-f', 'json', input], { cwd: withFifo(), timeout: 15_000 });
      expectCleanExit(result, [1]);
      expect(parseReport(result.stdout).files.map((f) => f.path.replace(/^\.\//, ''))).toEqual(['ok.yaml']);
      expect(result.stderr).toMatch(/^gpu-drain-lint: warning: (?:\.\/)?pipe\.yaml: not a regular file \(a FIFO\); skipped\n$/);
    });
  }

  it.skipIf(process.platform === 'win32')('a FIFO named explicitly is not read (no hang): a finding says why, the other file is linted', () => {
    const result = run(['-f', 'json', 'pipe.yaml', 'ok.yaml'], { cwd: withFifo(), timeout: 15_000 });
    expectCleanExit(result, [1]);
    const report = parseReport(result.stdout);
    expect(report.files.map((f) => f.path)).toEqual(['pipe.yaml', 'ok.yaml']);
    expect(fileOf(report, 'pipe.yaml').findings.map((f) => [f.ruleId, f.message, f.fatal])).toEqual([['yaml-syntax', 'cannot read the file: not a regular file (a FIFO)', true]]);
    expect(only(fileOf(report, 'ok.yaml').findings, 'prestop-missing').length).toBeGreaterThan(0);
  });

  it.skipIf(process.platform === 'win32')('a FIFO given as context is not read (no hang) and is a warning naming it', () => {
    const result = run(['-f', 'json', 'ok.yaml', '--context', 'pipe.yaml'], { cwd: withFifo(), timeout: 15_000 });
    expectCleanExit(result, [1]);
    expect(parseReport(result.stdout).files.map((f) => f.path)).toEqual(['ok.yaml']);
    expect(result.stderr).toBe('gpu-drain-lint: warning: context file pipe.yaml: cannot read the file: not a regular file (a FIFO)\n');
  });

  it.skipIf(!existsSync('/dev/null'))('a device given explicitly (/dev/null) is a finding naming it, not an empty manifest', async () => {
    const dir = tempDir({ 'ok.yaml': BROKEN });
    const { status, report } = await lintJson(dir, ['/dev/null', 'ok.yaml']);
    expect(status).toBe(1);
    expect(fileOf(report, '/dev/null').findings.map((f) => f.message)).toEqual(['cannot read the file: not a regular file (a character device)']);
    expect(only(fileOf(report, 'ok.yaml').findings, 'prestop-missing').length).toBeGreaterThan(0);
  });

  it('a dangling symlink given explicitly is named, without a crash', async () => {
    const dir = tempDir({ 'ok.yaml': BROKEN });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    const result = await runInProcess(['dangling.yaml', 'ok.yaml'], { cwd: dir });
    expectNoCrash(result.stderr);
    expect(result.signal).toBeNull();
    expect([1, 2]).toContain(result.status);
    expect(`${result.stdout}${result.stderr}`).toContain('dangling.yaml');
  });

  it('a dangling symlink given explicitly does not stop the other files from being linted', async () => {
    // It is an unreadable file (the link exists, its target does not), like a file without
    // read permission: reported, and the readable files beside it still linted.
    const dir = tempDir({ 'ok.yaml': BROKEN });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    const result = await runInProcess(['dangling.yaml', 'ok.yaml'], { cwd: dir });
    expect(stylishFindings(result.stdout).some((l) => l.path === 'ok.yaml')).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self/mem'))('a file that fails to read (EIO) is a finding naming the reason; the others are linted', async () => {
    // As root, chmod 000 does not stop a read; /proc/self/mem is a regular file whose read fails.
    const dir = tempDir({ 'ok.yaml': BROKEN });
    const { status, report } = await lintJson(dir, ['/proc/self/mem', 'ok.yaml']);
    expect(status).toBe(1);
    const unreadable = fileOf(report, '/proc/self/mem').findings;
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.ruleId).toBe('yaml-syntax');
    expect(unreadable[0]!.fatal).toBe(true);
    expect(unreadable[0]!.message).toMatch(/cannot read/);
    expect(only(fileOf(report, 'ok.yaml').findings, 'prestop-missing').length).toBeGreaterThan(0);
  });
});

describe('unreadable files in-process (lint() with readError)', () => {
  it('a readError becomes one fatal yaml-syntax finding with the reason; the other inputs are linted', () => {
    const results = lint(
      [
        { path: 'locked.yaml', content: { readError: 'cannot read the file: permission denied' }, reportable: true },
        { path: 'ok.yaml', content: new TextEncoder().encode(BROKEN), reportable: true },
      ],
      { rules, settings: new Map(), profiles: { profiles: DEFAULT_PROFILES, workloads: [] }, defaultNamespace: 'default' },
    );
    expect(results.map((r) => r.path)).toEqual(['locked.yaml', 'ok.yaml']);
    const [locked, ok] = results;
    expect(locked!.findings).toHaveLength(1);
    expect(locked!.findings[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error', fatal: true, line: 1, column: 1 });
    expect(locked!.findings[0]!.message).toContain('permission denied');
    expect(ok!.findings.some((f) => f.ruleId === 'prestop-missing')).toBe(true);
  });
});

describe('invalid values', () => {
  it('terminationGracePeriodSeconds: "30s" is an invalid-value finding at the value, not a crash', async () => {
    const text = gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: "30s"'] });
    const dir = tempDir({ 'm.yaml': text });
    const { status, report } = await lintJson(dir, ['m.yaml']);
    expect(status).toBe(1);
    const invalid = only(fileOf(report, 'm.yaml').findings, 'invalid-value');
    expect(invalid).toHaveLength(1);
    expect(at(invalid[0]!)).toBe(at(positionOf(text, '"30s"')));
    expect(invalid[0]!.message).toContain('terminationGracePeriodSeconds');
    expect(invalid[0]!.message).toContain('30s');
    expect(invalid[0]!.object).toEqual({ kind: 'Deployment', namespace: 'inference', name: 'vllm' });
  });

  it.each([
    ['a negative number', '-5'],
    ['a fraction', '1.5'],
    ['a list', '[30]'],
    ['a map', '{seconds: 30}'],
  ])('%s is an invalid-value finding on its line', async (_name, value) => {
    const text = gpuDeployment({ podSpecLines: [`terminationGracePeriodSeconds: ${value}`] });
    const dir = tempDir({ 'm.yaml': text });
    const { report } = await lintJson(dir, ['m.yaml']);
    const invalid = only(allFindings(report), 'invalid-value');
    expect(invalid).toHaveLength(1);
    expect(at(invalid[0]!)).toBe(at(positionOf(text, value, 'terminationGracePeriodSeconds')));
  });

  it('a DynamoGraphDeployment GPU count that is not a quantity is an invalid-value finding; a services list is one too, not a crash', async () => {
    const text = [
      'apiVersion: nvidia.com/v1alpha1',
      'kind: DynamoGraphDeployment',
      'metadata: {name: llm}',
      'spec:',
      '  services:',
      '    decode:',
      '      componentType: worker',
      '      resources: {limits: {gpu: lots}}',
      '      extraPodSpec:',
      '        mainContainer: {image: "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.0"}',
      '---',
      'apiVersion: nvidia.com/v1alpha1',
      'kind: DynamoGraphDeployment',
      'metadata: {name: other}',
      'spec:',
      '  services: [decode]',
      '',
    ].join('\n');
    const dir = tempDir({ 'm.yaml': text });
    const { report } = await lintJson(dir, ['m.yaml']);
    const invalid = only(allFindings(report), 'invalid-value');
    expect(invalid.map((f) => f.message)).toEqual([
      expect.stringContaining('spec.services.decode.resources.limits.gpu must be a resource quantity, got "lots"'),
      expect.stringContaining('spec.services must be a mapping'),
    ]);
    expect(at(invalid[0]!)).toBe(at(positionOf(text, 'lots')));
  });

  it('wrong types elsewhere in the object do not crash the run', async () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: [not, a, map]',
      'spec:',
      '  template:',
      '    spec:',
      '      containers: {name: vllm}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: x',
      '  annotations: "nope"',
      'spec: 7',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: y}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - "just a string"',
      '        - name: vllm',
      '          resources: {limits: [1]}',
      '          lifecycle: {preStop: 15}',
      '          ports: 8000',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items: 3',
      '---',
      'kind: [Deployment]',
      'apiVersion: {a: b}',
      '',
    ].join('\n');
    const dir = tempDir({ 'm.yaml': text, 'ok.yaml': BROKEN });
    const result = await runInProcess(['-f', 'json', '.'], { cwd: dir });
    expectCleanExit(result);
    const report = parseReport(result.stdout);
    expect(only(allFindings(report), 'prestop-missing').length).toBeGreaterThan(0);
  });
});

describe('YAML 1.1, as Kubernetes reads it', () => {
  /** The findings on a drain-ready GPU Deployment with its PDB, but for the grace period under test. */
  async function graceFindings(value: string) {
    const text = gpuDeployment({ pdb: true, podSpecLines: [`terminationGracePeriodSeconds: ${value}`] });
    const dir = tempDir({ 'm.yaml': text });
    const { report } = await lintJson(dir, ['m.yaml']);
    return allFindings(report).filter((f) => f.ruleId !== 'prestop-missing');
  }

  it('0250 is octal (168), so it is below the 180 s budget, while 250 is not', async () => {
    const octal = await graceFindings('0250');
    expect(octal).toHaveLength(1);
    expect(octal[0]!.message).toContain('168');
    expect(octal[0]!.message).not.toContain('250');
    expect(await graceFindings('250')).toEqual([]);
  });

  it('0300 is octal 192, above the budget: no finding', async () => {
    expect(await graceFindings('0300')).toEqual([]);
    // While 0200 (128) is below it.
    expect((await graceFindings('0200'))[0]?.message).toContain('128');
  });

  it.each([['yes'], ['on'], ['No']])('%s is a boolean: an invalid-value finding saying so', async (value) => {
    const findings = await graceFindings(value);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('invalid-value');
    expect(findings[0]!.message).toMatch(/boolean/);
  });

  it('a yes/no annotation value is read as a boolean, not a crash', async () => {
    const text = gpuDeployment({ preStop: false }).replace('  namespace: inference\n', '  namespace: inference\n  annotations:\n    gpu-drain-lint.io/profile: yes\n');
    const dir = tempDir({ 'm.yaml': text });
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    expectCleanExit(result);
  });
});

describe('line endings and byte-order marks', () => {
  const text = [
    gpuDeployment({ name: 'missing', preStop: false, pdb: true }),
    gpuDeployment({ name: 'invalid', podSpecLines: ['terminationGracePeriodSeconds: "30s"'], pdb: true }),
    gpuDeployment({ name: 'short', podSpecLines: ['terminationGracePeriodSeconds: 60   # too short'], pdb: true }),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n',
  ].join('---\n');
  const variants: Record<string, string> = {
    'lf.yaml': text,
    'crlf.yaml': text.replace(/\n/g, '\r\n'),
    'bom.yaml': `\uFEFF${text}`,
    'bom-crlf.yaml': `\uFEFF${text.replace(/\n/g, '\r\n')}`,
  };

  it('CRLF and a UTF-8 BOM give the same findings, line:col and end positions as LF', async () => {
    const dir = tempDir(variants);
    const { report } = await lintJson(dir, Object.keys(variants));
    const lf = fileOf(report, 'lf.yaml').findings;
    expect(new Set(lf.map((f) => f.ruleId))).toEqual(new Set(['grace-period-default', 'grace-budget-exceeded', 'invalid-value', 'prestop-missing', 'yaml-syntax']));
    // Fingerprints leave the file's path out (a baseline pairs them with it), so even the syntax error's are the same.
    for (const name of ['crlf.yaml', 'bom.yaml', 'bom-crlf.yaml']) expect(fileOf(report, name).findings, name).toEqual(lf);
  });

  it('the LF positions are the ones an editor shows', async () => {
    const dir = tempDir(variants);
    const { report } = await lintJson(dir, ['lf.yaml']);
    const findings = fileOf(report, 'lf.yaml').findings;
    expect(at(only(findings, 'invalid-value')[0]!)).toBe(at(positionOf(text, '"30s"')));
    expect(at(only(findings, 'yaml-syntax')[0]!)).toBe(at(positionOf(text, 'a: b')));
    expect(only(findings, 'grace-budget-exceeded')[0]!.line).toBe(positionOf(text, 'terminationGracePeriodSeconds: 60').line);
    expect(at(only(findings, 'grace-period-default')[0]!)).toBe(at(positionOf(text, 'spec:', 'app: missing\n  template:')));
  });

  it('a Helm template with CRLF and a BOM is reported at the same {{', async () => {
    const helm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n';
    const dir = tempDir({ 'lf.yaml': helm, 'crlf-bom.yaml': `\uFEFF${helm.replace(/\n/g, '\r\n')}` });
    const { report } = await lintJson(dir, ['lf.yaml', 'crlf-bom.yaml']);
    expect(fileOf(report, 'crlf-bom.yaml').findings.map(at)).toEqual(fileOf(report, 'lf.yaml').findings.map(at));
    expect(fileOf(report, 'lf.yaml').findings.map(at)).toEqual(['4:9']);
  });

  it('a BOM does not shift the binary or UTF-8 error position on line 1', async () => {
    const bad = Buffer.concat([Buffer.from('\uFEFFname: '), Buffer.from([0xc0]), Buffer.from('\n')]);
    const plain = Buffer.concat([Buffer.from('name: '), Buffer.from([0xc0]), Buffer.from('\n')]);
    const dir = tempDir({ 'bom.yaml': bad, 'plain.yaml': plain });
    const { report } = await lintJson(dir, ['bom.yaml', 'plain.yaml']);
    expect(fileOf(report, 'plain.yaml').findings.map(at)).toEqual(['1:7']);
    expect(fileOf(report, 'bom.yaml').findings.map(at)).toEqual(['1:7']);
  });
});
