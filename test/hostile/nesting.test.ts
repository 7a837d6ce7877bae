/**
 * Deep nesting (issue 14, item 14): a manifest, a config file or a TypeScript source nested
 * deeper than can be read is reported at the place, with a message that says so, in bounded
 * time; never "Maximum call stack size exceeded" or an internal error. A YAML document may nest
 * mappings and sequences 500 levels deep, its aliases counted as the values they name; a deeper
 * one is one fatal yaml-syntax finding (a config error for the config file) at its first
 * collection, or alias, past the limit.
 *
 * The depths are far past what Node's stack holds (about 800 levels for the yaml package's
 * composer, fewer for TypeScript's parser), also in vitest's worker, so that each case crashed
 * before the limit existed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { fixText, lintText as lintOnly } from '../support/lint-text.js';
import { parseTypeScript } from '../support/typescript.js';
import { expectNoCrash, gpuDeployment, runInProcess, tempDir } from '../cli/run.js';
import { expectCanaryLinted, expectPositionsInside, lintBesideCanary, type Finding } from './helpers.js';

const TOO_DEEP = 'this document nests mappings and sequences more than 500 levels deep, which gpu-drain-lint does not read';
/** Generous for a slow CI machine: each case takes well under a second. */
const BOUNDED_MS = 15_000;

/** A GPU Deployment without a preStop: prestop-missing and grace-period-default fire, and both fix. */
const DEPLOYMENT = gpuDeployment({ preStop: false });

/** The 1-based line and column of `offset` in `text`, as `line:column`. */
function at(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

const where = (f: Finding) => `${f.line}:${f.column}`;

/** Lints `text` beside the canary, in bounded time; the findings of `text`, checked to sit inside it. */
function lintTimed(text: string, path = 'm.yaml'): Finding[] {
  const started = performance.now();
  const { file, canary } = lintBesideCanary(path, text);
  expect(performance.now() - started).toBeLessThan(BOUNDED_MS);
  expectCanaryLinted(canary.findings);
  expectPositionsInside(file.findings, text);
  return file.findings;
}

/** `levels` block mappings, one more space of indentation per level, from `indent` on. */
function blockMaps(levels: number, indent = 0): string {
  return `${Array.from({ length: levels }, (_, i) => `${' '.repeat(indent + i)}k:\n`).join('')}${' '.repeat(indent + levels)}v\n`;
}

/** The offset of the `n`th (1-based) occurrence of `needle` in `text`, from `from` on. */
function nth(text: string, needle: string, n: number, from = 0): number {
  let offset = from - 1;
  for (let i = 0; i < n; i++) offset = text.indexOf(needle, offset + 1);
  return offset;
}

describe('a YAML manifest nested more than 500 levels deep', () => {
  const pod = gpuDeployment().replace('      containers:\n', `      volumes: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n      containers:\n`);
  // Each text, and where its 501st level starts: the document's root mapping is level 1.
  const cases: [string, string, number][] = [
    ['flow sequences', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 3 + 499],
    ['flow mappings', `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 3 + 4 * 499],
    ['compact block sequences', `a:\n  ${'- '.repeat(10_000)}x\n`, 5 + 2 * 499],
    // 3,000 block mappings (4.5 MB): the composer holds more of them than of flow collections.
    ['block mappings', blockMaps(3_000), nth(blockMaps(3_000), 'k:', 501)],
    // root, spec, template, spec: the volumes' 497th `[` is level 501.
    ['flow sequences in the pod spec of a GPU Deployment', pod, pod.indexOf('volumes: ') + 'volumes: '.length + 496],
  ];

  it.each(cases)('%s: one fatal yaml-syntax finding at level 501, nothing else', (_name, text, offset) => {
    const findings = lintTimed(text);
    expect(findings.map((f) => `${where(f)} ${f.ruleId} ${f.fatal ?? false}`)).toEqual([`${at(text, offset)} yaml-syntax true`]);
    expect(findings[0]!.message).toBe(TOO_DEEP);
  });

  it('only the deep document is lost: the other documents of the file are linted (and, as beside a syntax error, not fixed)', () => {
    const text = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n${DEPLOYMENT}`;
    const findings = lintTimed(text);
    expect(findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.message)).toEqual([TOO_DEEP]);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['prestop-missing', 'grace-period-default']));
    expect(fixText(text, { rules })).toBeNull();
  });

  it('--fix reports it, exits 1 and leaves the file as it was', async () => {
    const text = `${DEPLOYMENT}x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`;
    const dir = tempDir({ 'm.yaml': text });
    const started = performance.now();
    const result = await runInProcess(['--fix', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(performance.now() - started).toBeLessThan(BOUNDED_MS);
    expect(result.status, result.stderr).toBe(1);
    expectNoCrash(result.stderr);
    const [file] = (JSON.parse(result.stdout) as { files: { findings: { ruleId: string; message: string; line: number; column: number }[] }[] }).files;
    const x = text.indexOf('x: ') + 3;
    expect(file!.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([`${at(text, x + 4 * 499)} yaml-syntax ${TOO_DEEP}`]);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(text);
  });
});

describe('a YAML manifest nested exactly 500 levels deep is read, linted and fixed', () => {
  // Beside the Deployment's fields, where no rule reads; the root mapping is level 1.
  it.each([
    ['flow sequences', `x: ${'['.repeat(499)}${']'.repeat(499)}\n`],
    ['flow mappings', `x: ${'{a: '.repeat(499)}1${'}'.repeat(499)}\n`],
    ['block mappings', `x:\n${blockMaps(499, 1)}`],
  ])('%s', (_name, deep) => {
    const text = `${DEPLOYMENT}${deep}`;
    const findings = lintTimed(text);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['prestop-missing', 'grace-period-default']));
    expect(findings.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    // The fix loop verifies the result by comparing whole documents, the deep value included.
    const fixed = fixText(text, { rules });
    expect(fixed).toContain('terminationGracePeriodSeconds: 180');
    expect(fixed).toContain('preStop:');
    expect(fixed).toContain(`\n${deep}`);
    expect(lintOnly(fixed!, { rules }).map((f) => f.ruleId)).not.toContain('prestop-missing');
  });
});

describe('aliases count as the values they name', () => {
  /** `links` anchors, each 400 sequences deep around an alias to the one before. */
  function chain(links: number): string {
    const lines = [`x0: &a0 ${'['.repeat(400)}${']'.repeat(400)}`];
    for (let i = 1; i < links; i++) lines.push(`x${i}: &a${i} ${'['.repeat(400)}*a${i - 1}${']'.repeat(400)}`);
    return `${DEPLOYMENT}${lines.join('\n')}\n`;
  }

  it('a chain of aliases, each within the limit, that nests 10,000 levels deep is refused at the alias that passes 500', () => {
    const text = chain(25);
    const findings = lintTimed(text);
    expect(findings.map((f) => `${where(f)} ${f.ruleId} ${f.fatal ?? false}`)).toEqual([`${at(text, text.indexOf('*a0'))} yaml-syntax true`]);
    expect(findings[0]!.message).toBe(`with the value of *a0 in its place, ${TOO_DEEP}`);
    // It was read, and --fix then compared the 10,000-level values and ran out of stack.
    expect(fixText(text, { rules })).toBeNull();
  });

  it('500 levels with the alias in place are read, 501 are not', () => {
    // The alias sits inside the root mapping and `inner` sequences; the anchored value is 249 deep.
    const withAlias = (inner: number) => `${DEPLOYMENT}x0: &a ${'['.repeat(249)}${']'.repeat(249)}\nx1: ${'['.repeat(inner)}*a${']'.repeat(inner)}\n`;
    expect(lintTimed(withAlias(250)).filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    const deeper = withAlias(251);
    expect(lintTimed(deeper).map((f) => `${where(f)} ${f.ruleId}`)).toEqual([`${at(deeper, deeper.indexOf('*a'))} yaml-syntax`]);
  });
});

describe('a config file nested more than 500 levels deep', () => {
  it.each([
    ['flow sequences', `ignorePatterns: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 16 + 499],
    ['compact block sequences', `ignorePatterns:\n  ${'- '.repeat(10_000)}x\n`, 18 + 2 * 499],
  ])('%s: a config error at level 501, exit 2', async (_name, text, offset) => {
    const dir = tempDir({ 'm.yaml': DEPLOYMENT, '.gpu-drain-lint.yaml': text });
    const started = performance.now();
    const result = await runInProcess(['m.yaml'], { cwd: dir });
    expect(performance.now() - started).toBeLessThan(BOUNDED_MS);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expectNoCrash(result.stderr);
    expect(result.stderr).toBe(`gpu-drain-lint: invalid configuration: ${join(dir, '.gpu-drain-lint.yaml')}:${at(text, offset)}: ${TOO_DEEP}\n`);
  });
});

describe('a TypeScript source nested too deeply for the TypeScript parser', () => {
  /** A Pulumi Deployment whose spec holds `deep`: inside the call's `(`, the props' `{` and the spec's `{`. */
  const pulumi = (deep: string) => `import * as k8s from '@pulumi/kubernetes';

new k8s.apps.v1.Deployment('vllm', {
  metadata: { name: 'vllm' },
  spec: {
    replicas: 2,
    extra: ${deep},
    template: { metadata: { labels: { app: 'vllm' } }, spec: { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.19.0' }] } },
  },
});
`;

  it.each([
    ['object literals', pulumi(`${'{ a: '.repeat(2_000)}1${' }'.repeat(2_000)}`), '{ a: '],
    ['array literals', pulumi(`${'['.repeat(5_000)}${']'.repeat(5_000)}`), '['],
  ])('%s: one fatal typescript-syntax finding at the deepest bracket, with its depth', (_name, text, opener) => {
    const levels = opener === '[' ? 5_000 : 2_000;
    const started = performance.now();
    const findings = lintOnly(text, { rules, path: 'main.ts', parseTypeScript });
    expect(performance.now() - started).toBeLessThan(BOUNDED_MS);
    const deepest = nth(text, opener, levels, text.indexOf('extra: '));
    expect(findings.map((f) => `${where(f)} ${f.ruleId} ${f.fatal ?? false}`)).toEqual([`${at(text, deepest)} typescript-syntax true`]);
    expect(findings[0]!.message).toBe(`the source nests brackets ${levels + 3} levels deep here, too deep to be read`);
  });

  it('brackets in strings, comments, regular expressions and template text do not count', () => {
    const decoys = [
      "const s = '(((((((((' + \"[[[[[[[[[\"; // {{{{{{{{{{",
      '/* (((((((((( */ const r = /[(]{3}\\(/g.test(s) ? 1 / 2 : 3;',
      'const t = `((((((((( ${[1].map((x) => `[[[[[[ ${x} ]`)} {{{{{{`;',
      '',
    ].join('\n');
    const text = decoys + pulumi(`${'{ a: '.repeat(2_000)}1${' }'.repeat(2_000)}`);
    const findings = lintOnly(text, { rules, path: 'main.ts', parseTypeScript });
    expect(findings.map((f) => `${where(f)} ${f.ruleId}`)).toEqual([`${at(text, nth(text, '{ a: ', 2_000, text.indexOf('extra: ')))} typescript-syntax`]);
    expect(findings[0]!.message).toBe('the source nests brackets 2003 levels deep here, too deep to be read');
  });
});
