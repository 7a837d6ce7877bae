/**
 * Issue 18, item 4 (and issue 14, item 10): verification without quadratic re-parsing. A YAML file's documents verify
 * apart: a pass parses the fixed text of each edited document once, a fix that fails in one
 * document does not hold back the others, and isolating it re-parses only its document.
 * Parses are counted through `parseYaml` (the verification asks it for the comments; the
 * lint's reading does not), never timed.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, type Fix } from '../../src/core/fix.js';
import { SourceFile } from '../../src/core/source.js';
import { lint, type LintInput } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import { combine } from '../../src/languages/shared/editor.js';
import { parseYaml } from '../../src/languages/yaml/parse.js';
import { verify } from '../../src/fix/apply.js';
import { fixAll } from '../../src/fix/fixer.js';
import { lintOptionsFor } from '../support/lint-text.js';

vi.mock('../../src/engine/lint.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/lint.js')>();
  return { ...actual, lint: vi.fn(actual.lint) };
});
vi.mock('../../src/languages/yaml/parse.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/languages/yaml/parse.js')>();
  return { ...actual, parseYaml: vi.fn(actual.parseYaml) };
});

const PATH = 'm.yaml';
const input = (text: string): LintInput => ({ path: PATH, content: new TextEncoder().encode(text), reportable: true });

/** ConfigMaps by name, each with `data.mode: a`. */
const configMaps = (names: readonly string[]) => names.map((name) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata:\n  mode: a\n`).join('---\n');

type Spoil = 'expects-otherwise' | 'breaks-the-yaml';

/**
 * Sets `data.fixed: yes` in every ConfigMap; the fix of the one named `bad` is spoiled: it
 * expects another value, or its edit breaks the YAML. With `second`, the ConfigMap `bad` also
 * gets a good fix of its own (`metadata.labels`).
 */
function setter(spoil: Spoil, { second = false } = {}) {
  return defineRule({
    meta: { id: 'test-setter', description: 'test rule', defaultSeverity: 'error', fixable: 'safe', docs: { finds: 'a mode' }, messages: { found: 'found', labels: 'labels' } },
    check(context) {
      for (const object of context.index.model.objects) {
        const data = object.root.map('data');
        if (!data || data.has('fixed')) continue;
        const fix = combine('safe', `set fixed in ${object.name}`, context.editor(object).set(data, 'fixed', 'yes'));
        context.report({ object, span: object.anchor, messageId: 'found', fix: object.name === 'bad' ? spoiled(fix as Fix, spoil) : fix });
        const metadata = object.root.map('metadata');
        if (second && object.name === 'bad' && metadata && !metadata.has('labels')) {
          context.report({ object, span: metadata.span, messageId: 'labels', fix: combine('safe', 'label bad', context.editor(object).set(metadata, 'labels', { app: 'bad' })) });
        }
      }
    },
  });
}

function spoiled(fix: Fix, spoil: Spoil): Fix {
  if (spoil === 'expects-otherwise') return { ...fix, expect: fix.expect.map((e) => ({ ...e, value: 'no' })) };
  return { ...fix, edits: fix.edits.map((e) => ({ ...e, text: `${e.text}: [unclosed\n` })) };
}

/**
 * Runs the fix loop: its result, the texts its verification parsed in the first pass (between
 * the first lint and the second), and how many times it linted.
 */
function fix(text: string, rule: ReturnType<typeof setter>) {
  const parses = vi.mocked(parseYaml).mock;
  const lints = vi.mocked(lint).mock;
  const [parsesBefore, lintsBefore] = [parses.calls.length, lints.calls.length];
  const run = fixAll([input(text)], lintOptionsFor({ rules: [rule] }), { unsafe: false });
  const [firstLint, secondLint = Infinity] = lints.invocationCallOrder.slice(lintsBefore);
  const parsed = parses.calls
    .map(([source, options], i) => ({ text: source.text, verifies: options?.comments === true, order: parses.invocationCallOrder[i]! }))
    .slice(parsesBefore)
    .filter((p) => p.verifies && p.order > firstLint! && p.order < secondLint)
    .map((p) => p.text);
  return { run, output: run.fixed.get(PATH)?.output ?? text, parsed, lints: lints.calls.length - lintsBefore };
}

/** What was not applied, each once (a fix refused in one pass is offered, and refused, again in the next). */
const notApplied = (run: ReturnType<typeof fix>['run']) => [...new Map(run.dropped.map((d) => [d.fix.description, d.reason]))];

const fixedNames = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as { metadata: { name: string }; data: Record<string, string> })
    .filter((d) => d.data.fixed === 'yes')
    .map((d) => d.metadata.name);

describe('a pass parses the fixed text once when every fix verifies', () => {
  it('a hundred documents with a fix each: the original once, each fixed document once, nothing twice', () => {
    const names = Array.from({ length: 100 }, (_, i) => `m${i}`);
    const text = configMaps(names);
    const { output, parsed, lints } = fix(text, setter('expects-otherwise'));
    expect(fixedNames(output)).toEqual(names);
    expect(lints).toBe(2);
    const [original, ...fixedParts] = parsed;
    expect(original).toBe(text);
    expect(fixedParts).toHaveLength(100);
    expect(fixedParts.join('')).toBe(output);
  });
});

describe('a fix that fails in one document', () => {
  it.each<Spoil>(['expects-otherwise', 'breaks-the-yaml'])('does not stop the fixes of the other documents, in the same pass (%s)', (spoil) => {
    const text = configMaps(['a', 'bad', 'c']);
    const { run, output, lints } = fix(text, setter(spoil));
    expect(fixedNames(output)).toEqual(['a', 'c']);
    expect(lints).toBe(2);
    expect(notApplied(run).map(([description]) => description)).toEqual(['set fixed in bad']);
    const { fix: dropped, reason } = run.dropped[0]!;
    // The reason is the one a check of the whole file with that fix alone gives.
    expect(reason).toBe(verify(new SourceFile(PATH, text, false), applyEdits(text, dropped.edits), [dropped]));
    expect(reason).toMatch(spoil === 'expects-otherwise' ? /^data\.fixed would be "yes", not "no"$/ : /^the result does not parse \(/);
    const finding = run.results[0]!.findings.find((f) => f.message.startsWith('found') && f.fixable === false);
    expect(finding?.message).toContain(`(not fixed: ${reason})`);
  });

  it('is isolated by re-parsing only its own document, and the good fix beside it is kept', () => {
    const text = configMaps(['a', 'bad', 'c']);
    const { run, output, parsed } = fix(text, setter('expects-otherwise', { second: true }));
    expect(fixedNames(output)).toEqual(['a', 'c']);
    expect(parseAllDocuments(output).map((d) => (d.toJS() as { metadata: { labels?: object } }).metadata.labels)).toEqual([undefined, { app: 'bad' }, undefined]);
    expect(notApplied(run).map(([description]) => description)).toEqual(['set fixed in bad']);
    const [original, ...checked] = parsed;
    expect(original).toBe(text);
    const others = checked.filter((t) => !t.includes('name: bad'));
    const bad = checked.filter((t) => t.includes('name: bad'));
    // a and c once each; bad with both fixes, then with each alone.
    expect(others.map((t) => parseAllDocuments(t).length)).toEqual([1, 1]);
    expect(bad).toHaveLength(3);
    for (const t of bad) expect(parseAllDocuments(t)).toHaveLength(1);
  });

  it('among two hundred whose fixes are good: they apply, and the file is parsed whole once more at most, for the reason', () => {
    const names = Array.from({ length: 200 }, (_, i) => (i === 100 ? 'bad' : `m${i}`));
    const text = configMaps(names);
    const { run, output, parsed } = fix(text, setter('breaks-the-yaml'));
    expect(fixedNames(output)).toHaveLength(199);
    expect(notApplied(run).map(([description]) => description)).toEqual(['set fixed in bad']);
    const whole = parsed.filter((t) => t.length >= text.length);
    expect(whole).toHaveLength(2); // the original, and the file with the bad fix alone
    // Halving over the whole file parsed it about 2·log2(200) ≈ 16 times.
    expect(parsed.reduce((sum, t) => sum + t.length, 0)).toBeLessThan(3.5 * text.length);
  });
});
