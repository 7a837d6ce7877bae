/**
 * Hostile and odd inputs through the CLI: each case ends with a clear finding or message at a
 * position inside the file, and the canary manifest beside it in the same run is still linted.
 * Where time or memory is at stake (alias bombs, deep nesting, link loops) the real CLI
 * (`bin/gpu-drain-lint.js`, built by `npm test`) runs in bounded time (a generous limit, never a
 * speed assertion) and bounded memory (peak RSS measured in the child); files that are merely
 * odd go through main() in-process.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gpuDeployment, tempDir } from '../cli/run.js';
import {
  CANARY,
  expectBoundedRun,
  expectCanaryLinted,
  expectPositionsInside,
  findingsOf,
  lintInProcess,
  runMeasured,
  type JsonReport,
  type MeasuredRun,
} from './helpers.js';

/** Peak RSS allowed for a small hostile file: Node itself takes ~50 MB. */
const SMALL_RSS_MB = 512;

/** The classic "billion laughs": 9 levels of 9 aliases, 9^9 (387 million) strings if expanded. */
function billionLaughs(indent: string): string[] {
  const lines = [`${indent}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`${indent}${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return lines;
}

const BOMB_CONFIGMAP = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', '  namespace: default', 'data:', ...billionLaughs('  '), ''].join('\n');

/** The bomb's last anchor used in the fields the rules read (command lists, containers, env). */
const BOMB_IN_FIELDS = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: bomb',
  '  namespace: inference',
  'x-lol:',
  ...billionLaughs('  '),
  'spec:',
  '  replicas: 2',
  '  selector: {matchLabels: {app: bomb}}',
  '  template:',
  '    metadata: {labels: {app: bomb}}',
  '    spec:',
  '      containers:',
  '        - name: vllm',
  '          image: vllm/vllm-openai:v0.11.0',
  '          ports: [{containerPort: 8000}]',
  '          resources: {limits: {nvidia.com/gpu: 1}}',
  '          command: *i',
  '          args: *i',
  '          env: *i',
  '          lifecycle: {preStop: {exec: {command: *i}}}',
  '          readinessProbe: {exec: {command: *i}}',
  '          livenessProbe: {exec: {command: *i}}',
  '        - *i',
  '      initContainers: *i',
  '',
].join('\n');

/**
 * Merge keys instead of lists: each level merges the previous one 9 times (`<<: [*a, *a, ...]`),
 * and the pod spec and container merge the last level. A reader that expands every merge source
 * without remembering the ones it has seen does 9^levels work on a 1 KB file.
 */
function mergeKeyBomb(levels: number): string {
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: merge-bomb', '  namespace: inference', 'x-merge:', '  l0: &l0', '    k0: 1'];
  for (let level = 1; level <= levels; level++) {
    lines.push(`  l${level}: &l${level}`, '    <<:');
    for (let i = 0; i < 9; i++) lines.push(`      - *l${level - 1}`);
  }
  const last = `*l${levels}`;
  lines.push(
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: merge-bomb}}',
    '  template:',
    '    metadata:',
    '      labels: {app: merge-bomb}',
    `      annotations: ${last}`,
    '    spec:',
    `      <<: ${last}`,
    '      containers:',
    `        - <<: ${last}`,
    '          name: vllm',
    '          image: vllm/vllm-openai:v0.11.0',
    '          ports: [{containerPort: 8000}]',
    '          resources: {limits: {nvidia.com/gpu: 1}}',
    '',
  );
  return lines.join('\n');
}

describe('alias bombs', () => {
  let dir: string;
  let result: MeasuredRun;
  beforeAll(async () => {
    dir = tempDir({ 'bomb.yaml': BOMB_CONFIGMAP, 'bomb-fields.yaml': BOMB_IN_FIELDS, 'canary.yaml': CANARY });
    result = await runMeasured(['.'], dir, 60_000);
  }, 90_000);

  it('a billion-laughs file does not expand: bounded time and memory, the other files linted', () => {
    const report = expectBoundedRun(result, SMALL_RSS_MB);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    expectPositionsInside(findingsOf(report, 'bomb.yaml'), BOMB_CONFIGMAP);
  });

  it('the bomb used in the fields the rules read is refused as a whole ("excessive aliasing"), not expanded', () => {
    const report = expectBoundedRun(result, SMALL_RSS_MB);
    const findings = findingsOf(report, 'bomb-fields.yaml');
    expectPositionsInside(findings, BOMB_IN_FIELDS);
    // go-yaml v2 rejects the document before any field is read, so no field finding either.
    expect(findings.some((f) => f.ruleId === 'yaml-syntax' && /excessive aliasing/.test(f.message))).toBe(true);
    expect(findings.filter((f) => f.ruleId !== 'yaml-syntax')).toEqual([]);
  });

  it('a billion-laughs file is reported, as the API server refuses it ("excessive aliasing")', () => {
    // kubectl / the API server decode with go-yaml v2, which rejects this document; a linter
    // that reads manifests "the way the API server reads them" should say so, at the file.
    const report = expectBoundedRun(result, SMALL_RSS_MB);
    const findings = findingsOf(report, 'bomb.yaml');
    expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^yaml-syntax: .*alias/i)]),
    );
  });
});

describe('merge-key bomb (<<: [*a, *a, ...], 9 levels of 9)', () => {
  const text = mergeKeyBomb(9);
  let result: MeasuredRun;
  beforeAll(async () => {
    const dir = tempDir({ 'merge-bomb.yaml': text, 'canary.yaml': CANARY });
    // A 1.3 KB file: a minute is hundreds of times what linting it needs.
    result = await runMeasured(['.'], dir, 60_000);
  }, 90_000);

  it('ends in bounded time and memory, and the other file is linted', () => {
    const report = expectBoundedRun(result, SMALL_RSS_MB);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    expectPositionsInside(findingsOf(report, 'merge-bomb.yaml'), text);
  });

  it('is reported at the file (the API server refuses it as excessive aliasing)', () => {
    const report = expectBoundedRun(result, SMALL_RSS_MB);
    expect(findingsOf(report, 'merge-bomb.yaml').map((f) => `${f.ruleId}: ${f.message}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^yaml-syntax: .*alias/i)]),
    );
  });
});

describe('10 000 levels of nesting', () => {
  const LEVELS = 10_000;
  const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  namespace: default\n';
  const files: Record<string, string> = {
    'flow-seq.yaml': `${header}data:\n  x: ${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}\n`,
    'flow-map.yaml': `${header}data: ${'{a: '.repeat(LEVELS)}1${'}'.repeat(LEVELS)}\n`,
    // Compact block sequences: "- - - ... x" on one line is 10 000 nested block sequences.
    'block-seq.yaml': `${header}data:\n  x:\n    ${'- '.repeat(LEVELS)}x\n`,
    // Block mappings, one more space per level (a 50 MB file).
    'block-map.yaml': `${header}spec:\n${Array.from({ length: LEVELS }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}${' '.repeat(LEVELS + 1)}v\n`,
    // The same in the pod spec of a GPU Deployment, where the model reads.
    'deep-containers.yaml': gpuDeployment({ name: 'deep' }).replace('      containers:\n', `      volumes: ${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}\n      containers:\n`),
  };
  let result: MeasuredRun;
  beforeAll(async () => {
    const dir = tempDir({ ...files, 'canary.yaml': CANARY });
    result = await runMeasured(['.'], dir, 120_000);
  }, 150_000);

  it('ends in bounded time and memory, and the other file is linted', () => {
    const report = expectBoundedRun(result, 1536);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });

  it.each(Object.keys(files))('%s: one fatal yaml-syntax finding at a position inside the file', (name) => {
    const report = expectBoundedRun(result, 1536);
    const findings = findingsOf(report, name);
    expectPositionsInside(findings, files[name]!, `${name}:`);
    const syntax = findings.filter((f) => f.ruleId === 'yaml-syntax');
    expect(syntax, JSON.stringify(findings.map((f) => f.message))).toHaveLength(1);
    expect(syntax[0]!.fatal).toBe(true);
  });
});

describe('files that are not manifests', () => {
  const NUL = Uint8Array.of(0);
  const binary = Buffer.concat([Buffer.from('apiVersion: v1\nkind: '), NUL, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xd8, 1, 2, 3])]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), NUL, NUL, NUL, Buffer.from('IHDR')]);
  const badUtf8 = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: café-'), Buffer.from([0xff, 0xfe]), Buffer.from('x\n')]);
  const overlong = Buffer.concat([Buffer.from('a: b\nc: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]);
  const surrogate = Buffer.concat([Buffer.from('a: b\nc: d\ne: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]);
  const truncated = Buffer.concat([Buffer.from('a: '), Buffer.from([0xe2, 0x82])]);
  let report: JsonReport;
  beforeAll(async () => {
    const dir = tempDir({
      'binary.yaml': binary,
      'image.yaml': png,
      'latin1.yaml': badUtf8,
      'overlong.yaml': overlong,
      'surrogate.yaml': surrogate,
      'truncated.yaml': truncated,
      'canary.yaml': CANARY,
    });
    report = await lintInProcess(['.'], dir);
  });

  it('the other file is linted', () => {
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });

  it.each([
    ['binary.yaml', binary, /binary/i, '2:7'],
    ['image.yaml', png, /binary/i, '3:1'],
  ])('%s: one fatal yaml-syntax finding saying binary, at the NUL byte', (name, bytes, message, at) => {
    const findings = findingsOf(report, name);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true });
    expect(findings[0]!.message).toMatch(message);
    expect(`${findings[0]!.line}:${findings[0]!.column}`).toBe(at);
    expectPositionsInside(findings, bytes);
  });

  it.each([
    ['latin1.yaml', badUtf8, '4:14'],
    ['overlong.yaml', overlong, '2:4'],
    ['surrogate.yaml', surrogate, '3:4'],
    ['truncated.yaml', truncated, '1:4'],
  ])('%s: one fatal yaml-syntax finding saying UTF-8, at the first bad byte', (name, bytes, at) => {
    const findings = findingsOf(report, name);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true });
    expect(findings[0]!.message).toMatch(/UTF-8/);
    expect(`${findings[0]!.line}:${findings[0]!.column}`).toBe(at);
    expectPositionsInside(findings, bytes);
  });
});

describe('links, directories and unreadable files', () => {
  it('a symbolic-link loop of directories under a linted folder is not followed; the run ends and lints the rest', async () => {
    const dir = tempDir({ 'canary.yaml': CANARY, 'deep/a/b/keep.yaml': CANARY.replace(/hostile-canary/g, 'deep-canary') });
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop/again'));
    symlinkSync('..', join(dir, 'deep/a/b/up'));
    symlinkSync(dir, join(dir, 'deep/root.yaml'));
    const report = expectBoundedRun(await runMeasured(['.'], dir, 30_000), SMALL_RSS_MB);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    expectCanaryLinted(findingsOf(report, 'deep/a/b/keep.yaml'));
    // Each manifest is linted once, however many link paths lead to it.
    expect(report.files.map((f) => f.path.replace(/^\.\//, '')).sort()).toEqual(['canary.yaml', 'deep/a/b/keep.yaml']);
  });

  it('a *.yaml symbolic link that loops (self.yaml -> self.yaml, a.yaml <-> b.yaml) under a linted folder is reported, not silently skipped', async () => {
    const dir = tempDir({ 'canary.yaml': CANARY });
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    symlinkSync('b.yaml', join(dir, 'a.yaml'));
    symlinkSync('a.yaml', join(dir, 'b.yaml'));
    const report = expectBoundedRun(await runMeasured(['.'], dir, 30_000), SMALL_RSS_MB);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
    // Named explicitly, these are reported ("cannot read the file: ELOOP"); walking the folder
    // must not drop them without a word: the user would believe they were linted.
    for (const name of ['self.yaml', 'a.yaml', 'b.yaml']) {
      const file = report.files.find((f) => f.path.replace(/^\.\//, '') === name);
      expect(file, `${name} is not in the report`).toBeDefined();
      expect(file!.findings).toHaveLength(1);
      expect(file!.findings[0]).toMatchObject({ ruleId: 'yaml-syntax', line: 1, column: 1 });
      expect(file!.findings[0]!.message).toMatch(/loop|ELOOP/i);
    }
  });

  it('a symbolic-link loop named on the command line is reported with the reason; the other file is linted', async () => {
    const dir = tempDir({ 'canary.yaml': CANARY });
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    const report = expectBoundedRun(await runMeasured(['self.yaml', 'canary.yaml'], dir, 30_000), SMALL_RSS_MB);
    const findings = findingsOf(report, 'self.yaml');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true, line: 1, column: 1 });
    expect(findings[0]!.message).toMatch(/cannot read/);
    expect(findings[0]!.message).toMatch(/loop|ELOOP/i);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });

  it('a directory named x.yaml is walked, never read as a file, in a folder and on the command line', async () => {
    const inner = CANARY.replace(/hostile-canary/g, 'inner');
    const dir = tempDir({ 'canary.yaml': CANARY, 'x.yaml/inner.yaml': inner, 'nested/y.yml/z.yaml': inner.replace(/inner/g, 'z') });
    mkdirSync(join(dir, 'empty.yaml'));
    const walked = await lintInProcess(['.'], dir);
    expect(walked.files.map((f) => f.path.replace(/^\.\//, '')).sort()).toEqual(['canary.yaml', 'nested/y.yml/z.yaml', 'x.yaml/inner.yaml']);
    for (const file of walked.files) expectCanaryLinted(file.findings);

    const named = await lintInProcess(['x.yaml', 'canary.yaml'], dir);
    expect(named.files.map((f) => f.path).sort()).toEqual(['canary.yaml', 'x.yaml/inner.yaml']);
    expectCanaryLinted(findingsOf(named, 'x.yaml/inner.yaml'));
  });

  it('an unreadable file (a broken symbolic link, which fails to read even for root) is one finding naming the reason; the other file is linted', async () => {
    const dir = tempDir({ 'canary.yaml': CANARY });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'unreadable.yaml'));
    const report = await lintInProcess(['unreadable.yaml', 'canary.yaml'], dir);
    const findings = findingsOf(report, 'unreadable.yaml');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error', fatal: true, line: 1, column: 1 });
    expect(findings[0]!.message).toMatch(/cannot read the file/);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });
});
