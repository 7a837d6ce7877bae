/**
 * `--format junit`: JUnit XML a strict parser reads (test/support/xml.ts): one suite, a test case
 * per linted file, a failure per finding with its headline, rule and whole message at
 * `file:line:col`, counts that agree with the cases, and escaping of every character XML needs
 * escaped or cannot hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings, EXAMPLES, expectCleanExit, parseReport, runAsync, runInProcess, tempDir, type JsonReport } from '../cli/run.js';
import { ciRepository } from './helpers.js';
import { childElements, isXmlChar, parseXml, textOf, XmlError, type XmlElement } from '../support/xml.js';

/** The one suite of a report, after checking the structure and that every count agrees with the cases. */
function suiteOf(stdout: string): { suite: XmlElement; cases: XmlElement[] } {
  expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const root = parseXml(stdout);
  expect(root.name).toBe('testsuites');
  const suites = childElements(root);
  expect(suites.map((s) => s.name)).toEqual(['testsuite']);
  const suite = suites[0]!;
  const cases = childElements(suite);
  expect(new Set(cases.map((c) => c.name))).toEqual(cases.length === 0 ? new Set() : new Set(['testcase']));
  const failing = cases.filter((c) => childElements(c).length > 0).length;
  for (const element of [root, suite]) {
    expect(element.attributes.tests, element.name).toBe(String(cases.length));
    expect(element.attributes.failures, element.name).toBe(String(failing));
    expect(element.attributes.errors, element.name).toBe('0');
  }
  expect(suite.attributes.skipped).toBe('0');
  for (const testcase of cases) for (const child of childElements(testcase)) expect(child.name).toBe('failure');
  return { suite, cases };
}

/** Each linted file is a test case, in report order; each finding a failure, in order, with its headline, rule and whole message. */
function expectCasesMatch(cases: XmlElement[], report: JsonReport): void {
  expect(cases.map((c) => c.attributes.name)).toEqual(report.files.map((f) => f.path));
  report.files.forEach((file, i) => {
    const testcase = cases[i]!;
    expect(testcase.attributes.classname).toBe(file.path);
    const failures = childElements(testcase);
    expect(failures.map((f) => f.attributes.type)).toEqual(file.findings.map((f) => f.ruleId));
    failures.forEach((failure, j) => {
      const f = file.findings[j]!;
      const headline = failure.attributes.message!;
      expect(headline.length).toBeGreaterThan(0);
      expect(f.message.startsWith(headline), `${headline} is not the start of ${f.message}`).toBe(true);
      expect(textOf(failure)).toBe(`${file.path}:${f.line}:${f.column}: ${f.severity === 'error' ? 'error' : 'warning'} ${f.ruleId}: ${f.message}`);
    });
  });
}

describe('a strict XML parser (so the checks below can fail)', () => {
  it.each([
    ['a mismatched tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a bare &', '<a>x & y</a>'],
    ['a raw < in a value', '<a b="<"/>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['a control character', '<a>\u001b</a>'],
    ['a reference to a control character', '<a>&#27;</a>'],
    ['two roots', '<a/><b/>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseXml(text)).toThrow(XmlError);
  });

  it('reads references and keeps a tab or line break given as a reference in a value', () => {
    const root = parseXml('<a b="x&#10;y&#9;z&quot;" c="1\n2">&lt;&amp;&gt;&#x1F600;</a>');
    expect(root.attributes).toEqual({ b: 'x\ny\tz"', c: '1 2' });
    expect(textOf(root)).toBe('<&>😀');
  });
});

describe('--format junit', () => {
  it('the built CLI writes a test case per linted file and a failure per finding, with counts that agree', async () => {
    const dir = ciRepository();
    const result = await runAsync(['--format', 'junit', '.'], { cwd: dir });
    expectCleanExit(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const { cases } = suiteOf(result.stdout);
    const report = parseReport((await runInProcess(['--format', 'json', '.'], { cwd: dir })).stdout);
    expectCasesMatch(cases, report);
    expect(cases.find((c) => c.attributes.name === 'deploy/good.yaml')!.children.length, 'a clean file is a passing test case').toBe(0);
    expect(childElements(cases.find((c) => c.attributes.name === 'broken.yaml')!)[0]!.attributes.type).toBe('yaml-syntax');
  });

  it('escapes markup and quotes, keeps line breaks, and writes characters XML cannot hold as \\uXXXX', async () => {
    // The name puts <, &, >, quotes, a bell, an escape and a line break into every message about the object.
    const source = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8').replace('  name: vllm-llama\n', '  name: "vllm<&>\\"\'\\a\\e\\r\\nllama"\n');
    const file = 'a&b "c" <d>.yaml';
    const dir = tempDir({ [file]: source });
    const result = await runInProcess(['--format', 'junit', file], { cwd: dir });
    expectCleanExit(result);
    const { cases } = suiteOf(result.stdout);
    expect(cases.map((c) => c.attributes.name)).toEqual([file]);
    const json = parseReport((await runInProcess(['--format', 'json', file], { cwd: dir })).stdout);
    const messages = allFindings(json).map((f) => f.message);
    expect(messages.some((m) => m.includes('vllm<&>"\'\u0007\u001b\r\nllama')), messages.join('\n')).toBe(true);
    // What XML 1.0 cannot hold is written as \uXXXX; everything else arrives as it was.
    const shown = (text: string) => [...text].map((c) => (isXmlChar(c.codePointAt(0)!) ? c : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)).join('');
    const failures = childElements(cases[0]!);
    expect(failures.length).toBe(messages.length);
    allFindings(json).forEach((f, i) => {
      // Text content: a CR LF pair is read back as LF (XML's end-of-line handling).
      expect(textOf(failures[i]!)).toBe(shown(`${file}:${f.line}:${f.column}: ${f.severity === 'error' ? 'error' : 'warning'} ${f.ruleId}: ${f.message}`).replace(/\r\n/g, '\n'));
      expect(shown(f.message).startsWith(failures[i]!.attributes.message!)).toBe(true);
    });
    expect(failures.some((f) => f.attributes.message!.includes('vllm<&>"\'\\u0007\\u001B\r\nllama'))).toBe(true);
  });

  it('a clean run is all passing test cases; --quiet leaves warnings out', async () => {
    const dir = tempDir({ 'good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8'), 'chat.yaml': readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8') });
    const clean = await runInProcess(['--format', 'junit', 'good.yaml'], { cwd: dir });
    expect(clean.status).toBe(0);
    const { cases } = suiteOf(clean.stdout);
    expect(cases.map((c) => [c.attributes.name, c.children.length])).toEqual([['good.yaml', 0]]);
    const quiet = await runInProcess(['--format', 'junit', '--quiet', 'chat.yaml'], { cwd: dir });
    const report = parseReport((await runInProcess(['--format', 'json', '--quiet', 'chat.yaml'], { cwd: dir })).stdout, { quiet: true });
    expect(report.warningCount).toBeGreaterThan(0);
    expectCasesMatch(suiteOf(quiet.stdout).cases, report);
  });
});
