/**
 * Issue 14's acceptance property ("--fix must never break a manifest"): real GPU inference
 * manifests, rewritten by fast-check in another layout with the same values (block scalars with
 * every chomping indicator, folded and multi-line plain and quoted scalars, flow maps and lists,
 * comments, blank lines, 2, 3 or 4 spaces, indented and non-indented lists, moved keys, anchors,
 * aliases and merge keys, CRLF, a BOM; see test/support/yaml-layout.ts), then `--fix
 * --unsafe-fixes` in-process with every rule, twice. The first run:
 *
 * - changes no value outside the fields the fixes reported (each fix states the paths it sets;
 *   every other value is compared), and appends no document but a PodDisruptionBudget;
 * - yields a text that parses, every alias resolving, with the BOM and line endings of the input;
 * - keeps every comment (each comment's text is still there);
 * - where every fix applied, gives the values that fixing the plainest layout of the same values
 *   gives: the fields the fixes set are checked too, not only the fields around them;
 *
 * and the second run changes nothing. A fix that the editor refuses (a value shared through an
 * alias) or that verification drops leaves the file as it was: allowed, but counted, and the
 * counts printed after the runs.
 *
 * GPU_DRAIN_LINT_PROPERTY_RUNS raises the runs for a local hunt. A failure prints the generated
 * text, the fixed text, and fast-check's seed and path: GPU_DRAIN_LINT_PROPERTY_SEED and
 * GPU_DRAIN_LINT_PROPERTY_PATH replay it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { rules } from '../../rules/index.js';
import { isFix, type Expectation } from '../../src/core/fix.js';
import type { Rule } from '../../src/engine/rule.js';
import type { LintOptions } from '../../src/engine/lint.js';
import { fixAll, type FixRun } from '../../src/fix/fixer.js';
import { FIX_PATH, inputOf, lostComments, YAML_OPTIONS } from '../support/fix-checks.js';
import { lintOptionsFor } from '../support/lint-text.js';
import { Choices, layoutYaml, type LayoutOptions, type Value } from '../support/yaml-layout.js';

/** Runs per source set; each fixes a file three times (about 0.1 s). */
const RUNS = Number(process.env.GPU_DRAIN_LINT_PROPERTY_RUNS ?? 60);
/** To replay a failure: the seed and path fast-check printed. */
const REPLAY = process.env.GPU_DRAIN_LINT_PROPERTY_SEED
  ? { seed: Number(process.env.GPU_DRAIN_LINT_PROPERTY_SEED), path: process.env.GPU_DRAIN_LINT_PROPERTY_PATH }
  : {};

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');
const corpusPresent = existsSync(CORPUS) && statSync(CORPUS).isDirectory();
if (!corpusPresent) console.warn(`[layout.property.test] ${CORPUS} is absent: the layout property runs on the fixtures only.`);

/** In the repository. */
const FIXTURES = [
  // vLLM Deployment and its Service, block style, args as a list; no grace, preStop or PDB.
  'fixtures/examples/vllm-broken.yaml',
  // TGI told by env var and by default, Triton by flag and from a `bash -c` script; flow maps.
  'fixtures/rules/engine-shutdown-timeout/invalid/tgi-and-triton.yaml',
  // An Argo Rollout serving TGI on a MIG slice, preStop `sh -c "sleep 15"`, a 20 s grace.
  'fixtures/rules/grace-period-default/invalid/argo-rollout-tgi-mig.yaml',
];

/** In the shared corpus (not in the repository; see its SOURCES.md for commits and licences). */
const CORPUS_FILES = [
  // GoogleCloudPlatform/kubernetes-engine-samples ai-ml/llm-serving-gemma/vllm/vllm-2-2b.yaml: vLLM, non-indented lists.
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml__llm-serving-gemma__vllm__vllm-2-2b.yaml',
  // GoogleCloudPlatform/kubernetes-engine-samples ai-ml/llm-serving-gemma/tgi/tgi-2-27b-it.yaml: TGI, four GPUs.
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml__llm-serving-gemma__tgi__tgi-2-27b-it.yaml',
  // GoogleCloudPlatform/kubernetes-engine-samples ai-ml/gke-online-serving-single-gpu/.../deployment-triton.yaml: Triton.
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml__gke-online-serving-single-gpu__src__gke-config__deployment-triton.yaml',
  // kubernetes-sigs/gateway-api-inference-extension config/manifests/vllm/gpu-deployment.yaml:
  // vLLM with preStop sleep, three probes and an init container's `|` script.
  'kubernetes-sigs__gateway-api-inference-extension/config__manifests__vllm__gpu-deployment.yaml',
];

function valuesOf(text: string): Value[] {
  return parseAllDocuments(text, YAML_OPTIONS).map((d) => d.toJS({ maxAliasCount: 1000 }) as Value);
}

const sourcesOf = (paths: readonly string[], dir: string) => paths.map((path) => ({ path, documents: valuesOf(readFileSync(resolve(dir, path), 'utf8')) }));

// ---------------------------------------------------------------------------------------------
// Values generated with the layout: line breaks at the end of strings, so that every chomping
// indicator has a value to write.

type Mapping = { [key: string]: Value };
const isMapping = (v: Value | undefined): v is Mapping => v !== null && typeof v === 'object' && !Array.isArray(v);

const NOTES = ['drained by the layout test', 'first line\nsecond line', 'a: not a key\n# not a comment\n- not an item', 'one\n\ntwo after a blank line'];

/**
 * A copy of the documents where `sh -c` scripts may end in line breaks, and containers and
 * objects may carry a note (an env var, an annotation) of several lines ending in 0 to 3.
 */
function withLineBreaks(documents: readonly Value[], choices: Choices): Value[] {
  const copy = structuredClone(documents) as Value[];
  const note = () => `${choices.oneOf(NOTES)}${'\n'.repeat(choices.pick([2, 5, 2, 1]))}`;
  const visit = (value: Value) => {
    if (!value || typeof value !== 'object') return;
    if (isMapping(value) && Array.isArray(value.containers)) for (const container of value.containers) if (isMapping(container)) varyContainer(container);
    for (const child of Object.values(value)) visit(child);
  };
  const varyContainer = (container: Mapping) => {
    const words = [container.command, container.args].flatMap((list) => (Array.isArray(list) ? [list] : []));
    for (const list of words) {
      const script = list.findIndex((item, i) => i > 0 && list[i - 1] === '-c' && typeof item === 'string');
      if (script !== -1) list[script] = `${list[script] as string}${'\n'.repeat(choices.pick([2, 2, 1]))}`;
    }
    if (choices.chance(50)) container.env = [...(Array.isArray(container.env) ? container.env : []), { name: 'LAYOUT_NOTE', value: note() }];
  };
  for (const document of copy) {
    visit(document);
    const metadata = isMapping(document) ? document.metadata : undefined;
    if (isMapping(metadata) && choices.chance(50)) metadata.annotations = { ...(isMapping(metadata.annotations) ? metadata.annotations : {}), 'layout.example/note': note() };
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// One run

/** Every rule, each recording the expectations of every fix it offers (in any pass). */
function recordingRules(record: (fix: { expect: readonly Expectation[] }) => void): Rule[] {
  return rules.map((rule) => ({
    meta: rule.meta,
    check: (context) =>
      rule.check({
        ...context,
        report: (report) => {
          if (isFix(report.fix)) record(report.fix);
          context.report(report);
        },
      }),
  }));
}

interface Stats {
  runs: number;
  fixedFiles: number;
  dropped: Map<string, number>;
  refused: Map<string, number>;
  /** Runs whose values were compared with those of the plain layout fixed. */
  compared: number;
}

const stats: Stats = { runs: 0, fixedFiles: 0, dropped: new Map(), refused: new Map(), compared: 0 };
const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** Digits and names that vary by object taken out of a reason, so that reasons group. */
const reasonKind = (reason: string) => reason.replace(/\d+/g, 'N').replace(/&[\w-]+/g, '&A').replace(/"[^"]*"/g, '"…"');

interface Fixing {
  run: FixRun;
  /** What every fix offered in any pass said it sets. */
  expectations: Expectation[];
  options: LintOptions;
  /** Every fixable finding was fixed: no fix was refused by the editor or dropped by verification. */
  settled: boolean;
}

/** `--fix --unsafe-fixes` on `text` (BOM included) in-process, with every rule. */
function fix(text: string, kubernetesVersion: string | undefined): Fixing {
  const expectations: Expectation[] = [];
  const options = lintOptionsFor({ rules: recordingRules((f) => expectations.push(...f.expect)), ...(kubernetesVersion ? { kubernetesVersion } : {}) });
  const run = fixAll(inputOf(new TextEncoder().encode(text)), options, { unsafe: true });
  const settled = run.dropped.length === 0 && !(run.results[0]?.findings ?? []).some((f) => f.message.includes('(not fixed: '));
  return { run, expectations, options, settled };
}

function count({ run }: Fixing): void {
  stats.runs++;
  if (run.fixed.has(FIX_PATH)) stats.fixedFiles++;
  for (const { fix: dropped, reason } of run.dropped) bump(stats.dropped, `${dropped.description.replace(/\d+/g, 'N')}: ${reasonKind(reason)}`);
  for (const finding of run.results[0]?.findings ?? []) {
    const refused = /\(not fixed: (.*)\)$/.exec(finding.message)?.[1];
    if (refused && !run.dropped.some((d) => refused === d.reason)) bump(stats.refused, `${finding.ruleId}: ${reasonKind(refused)}`);
  }
}

/** What is wrong with the result of `fixing`, or nothing. */
function problemsOf({ run, expectations, options }: Fixing, text: string): string[] {
  const fatal = run.results[0]?.findings.find((f) => f.fatal);
  if (fatal) return [`the generated text does not lint: ${fatal.message}`];
  const fixed = run.fixed.get(FIX_PATH);
  if (!fixed) return [];
  const { original, output } = fixed;
  const problems: string[] = [];
  if (fixed.bom !== text.startsWith('\uFEFF')) problems.push('the byte-order mark was not kept');
  if (original.includes('\r\n') && /(?<!\r)\n/.test(output)) problems.push('a line ends in LF in a CRLF file');
  problems.push(...valueProblems(original, output, expectations));
  const lost = lostComments(original, output);
  if (lost.length > 0) problems.push(`comments lost: ${lost.join(' | ')}`);
  const again = fixAll(inputOf(new TextEncoder().encode(`${fixed.bom ? '\uFEFF' : ''}${output}`)), options, { unsafe: true });
  const second = again.fixed.get(FIX_PATH);
  if (second) problems.push(`a second run changes the text again:\n${second.output}`);
  return problems;
}

/** The output parses, resolves, appends only PodDisruptionBudgets and keeps every value no fix reported. */
function valueProblems(original: string, output: string, expectations: readonly Expectation[]): string[] {
  const problems: string[] = [];
  const before = parseAllDocuments(original, YAML_OPTIONS);
  const after = parseAllDocuments(output, YAML_OPTIONS);
  const error = after.flatMap((d) => d.errors)[0];
  if (error) return [`the fixed text does not parse: ${error.message.split('\n')[0]}`];
  if (after.length < before.length) problems.push(`${after.length} documents after fixing, ${before.length} before`);
  const added = after.slice(before.length).map((d) => (d.toJS() as { kind?: string } | null)?.kind);
  if (added.some((kind) => kind !== 'PodDisruptionBudget')) problems.push(`fixing added documents of kind ${added.join(', ')}`);
  for (const [i, document] of before.entries()) {
    let now: unknown;
    try {
      now = after[i]?.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      problems.push(`document ${i + 1} no longer resolves: ${(e as Error).message}`);
      continue;
    }
    const paths = expectations.filter((e) => e.document === i).map((e) => e.path);
    const changed = firstDifference(masked(document.toJS({ maxAliasCount: 1000 }), paths), masked(now, paths), []);
    if (changed) problems.push(`document ${i + 1}: ${changed.join('.') || 'the document'} changed, and no fix reported it`);
  }
  return problems;
}

/**
 * The fields the fixes set are not masked here: where every fix applied both times, fixing the
 * generated layout must give the values that fixing the plainest layout of the same values gives.
 */
function differenceFromPlain(fixing: Fixing, text: string, documents: readonly Value[], kubernetesVersion: string | undefined): { problem: string; plain: string } | undefined {
  const plainText = layoutYaml(documents, PLAIN, new Choices([]));
  const plain = fix(plainText, kubernetesVersion);
  if (!fixing.settled || !plain.settled) return undefined;
  stats.compared++;
  const output = (fixed: Fixing, input: string) => fixed.run.fixed.get(FIX_PATH)?.output ?? input.replace(/^\uFEFF/, '');
  const changed = firstDifference(valuesOf(output(fixing, text)), valuesOf(output(plain, plainText)), []);
  if (!changed) return undefined;
  return { problem: `document ${Number(changed[0]) + 1}: ${changed.slice(1).join('.')} is not what fixing the plain layout of the same values gives`, plain: output(plain, plainText) };
}

const PLAIN: LayoutOptions = { indent: 2, indentSequences: true, crlf: false, bom: false };

/** Stands for a value a fix reported it sets. */
const REPORTED = Symbol('reported');

/** A copy of `value` with each path replaced by a mark (its parents made as needed). */
function masked(value: unknown, paths: readonly (readonly (string | number)[])[]): unknown {
  const root: Record<string | number, unknown> = { value: structuredClone(value) };
  for (const path of paths) {
    const keys: (string | number)[] = ['value', ...path];
    let parent = root;
    for (const key of keys.slice(0, -1)) {
      if (parent[key] === null || typeof parent[key] !== 'object') parent[key] = typeof key === 'number' ? [] : {};
      parent = parent[key] as Record<string | number, unknown>;
    }
    parent[keys[keys.length - 1]!] = REPORTED;
  }
  return root.value;
}

/** The path of the first value that differs, or undefined. */
function firstDifference(a: unknown, b: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return isDeepStrictEqual(a, b) ? undefined : path;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, Array.isArray(a) ? Number(key) : key]);
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

const layoutOptions: fc.Arbitrary<LayoutOptions> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  indentSequences: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

/**
 * Layout decisions; past the end of the array every decision is the plainest. Shrinking is
 * capped: each try fixes a file three times, and an uncapped shrink of 2,000 numbers takes minutes.
 */
const decisions = fc.limitShrink(fc.array(fc.nat({ max: 9999 }), { maxLength: 2000, size: 'max' }), 100);

function layoutProperty(sources: { path: string; documents: Value[] }[]) {
  return fc.property(
    fc.nat({ max: sources.length - 1 }),
    layoutOptions,
    decisions,
    fc.constantFrom(undefined, '1.31'),
    (index, options, numbers, kubernetesVersion) => {
      const source = sources[index]!;
      const choices = new Choices(numbers);
      const documents = withLineBreaks(source.documents, choices);
      const text = layoutYaml(documents, options, choices);
      const context = () => `source: ${source.path}, ${JSON.stringify({ ...options, kubernetesVersion })}\n--- generated:\n${text}`;
      // The generator's own check: the text reads back as the values it was given.
      const read = parseAllDocuments(text.replace(/^\uFEFF/, ''), YAML_OPTIONS);
      const readError = read.flatMap((d) => d.errors)[0];
      if (readError || !isDeepStrictEqual(read.map((d) => d.toJS({ maxAliasCount: 1000 }) as unknown), documents)) {
        throw new Error(`the layout generator changed a value (${readError?.message.split('\n')[0] ?? 'values differ'})\n${context()}`);
      }
      let fixing: Fixing;
      let problems: string[];
      let plain: string | undefined;
      try {
        fixing = fix(text, kubernetesVersion);
        count(fixing);
        problems = problemsOf(fixing, text);
        const difference = problems.length === 0 ? differenceFromPlain(fixing, text, documents, kubernetesVersion) : undefined;
        if (difference) [problems, plain] = [[difference.problem], difference.plain];
      } catch (error) {
        throw new Error(`fixing threw: ${(error as Error).stack}\n${context()}`);
      }
      if (problems.length === 0) return;
      const fixed = fixing.run.fixed.get(FIX_PATH)?.output ?? '(unchanged)';
      throw new Error(`${problems.join('\n')}\n${context()}\n--- fixed:\n${fixed}${plain === undefined ? '' : `\n--- the plain layout, fixed:\n${plain}`}`);
    },
  );
}

describe('--fix --unsafe-fixes on GPU manifests in generated layouts', () => {
  afterAll(() => {
    const top = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([reason, n]) => `  ${n}× ${reason}`);
    console.info(
      [
        `[layout.property.test] ${stats.runs} runs, ${stats.fixedFiles} fixed files, ${stats.compared} compared with the plain layout fixed;`,
        `fixes dropped by verification (${[...stats.dropped.values()].reduce((a, b) => a + b, 0)}):`,
        ...top(stats.dropped),
        `fixes refused by the editor, remaining findings (${[...stats.refused.values()].reduce((a, b) => a + b, 0)}):`,
        ...top(stats.refused),
      ].join('\n'),
    );
  });

  it('fixtures: vLLM, TGI and Triton workloads', () => {
    fc.assert(layoutProperty(sourcesOf(FIXTURES, ROOT)), { numRuns: RUNS, ...REPLAY });
  });

  it.skipIf(!corpusPresent)('corpus: vLLM, TGI and Triton Deployments from GKE samples and the inference gateway', () => {
    fc.assert(layoutProperty(sourcesOf(CORPUS_FILES, CORPUS)), { numRuns: RUNS, ...REPLAY });
  });

  it('the generator writes every layout it is meant to (in a fixed sample of 60)', () => {
    const sources = sourcesOf(FIXTURES, ROOT);
    const texts = fc
      .sample(fc.tuple(fc.nat({ max: sources.length - 1 }), layoutOptions, decisions), { numRuns: 60, seed: 14 })
      .map(([index, options, numbers]) => {
        const choices = new Choices(numbers);
        return layoutYaml(withLineBreaks(sources[index]!.documents, choices), options, choices);
      });
    const layouts: Record<string, RegExp> = {
      'literal, clip': /[:-] (?:&\S+ )?\|[1-9]?(?: *#.*)?\r?$/m,
      'literal, strip': /[:-] (?:&\S+ )?\|[1-9]?-/,
      'literal, keep': /[:-] (?:&\S+ )?\|[1-9]?\+/,
      'folded, clip': /[:-] (?:&\S+ )?>[1-9]?(?: *#.*)?\r?$/m,
      'folded, strip': /[:-] (?:&\S+ )?>[1-9]?-/,
      'folded, keep': /[:-] (?:&\S+ )?>[1-9]?\+/,
      'keep with trailing blank lines': /[|>][1-9]?\+[^\n]*\n(?: +\S[^\n]*\n)+\r?\n/,
      'indentation indicator': /[|>][1-9][-+]?(?:\r?\n| )/,
      'flow map': /: (?:&\S+ )?\{\S/,
      'flow sequence': /: (?:&\S+ )?\[\S/,
      'flow collection over lines': /[[{]\r?\n/,
      'multi-line double-quoted': /: "[^"\n]*\r?\n/,
      'comment line': /^ *#/m,
      'comment after a value': /\S +#/,
      'blank line': /\n *\r?\n/,
      'CRLF': /\r\n/,
      'BOM': /^\uFEFF/,
      'anchor and alias': /&(\S+)[\s\S]*\*\1/,
      'merge key': /<<: +\*/,
      '4-space indentation': /:\r?\n {4}\S/,
      'sequence not indented': /^( *)[^\s-][^\n]*:\r?\n\1- /m,
      'sequence indented': /^( *)[^\s-][^\n]*:\r?\n\1 +- /m,
      'document start marker first': /^\uFEFF?---/,
    };
    const missing = Object.entries(layouts).filter(([, pattern]) => !texts.some((text) => pattern.test(text)));
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it('the plainest layout (every decision 0) is block YAML that reads back the same', () => {
    const [source] = sourcesOf(FIXTURES.slice(0, 1), ROOT);
    const text = layoutYaml(source!.documents, { indent: 2, indentSequences: true, crlf: false, bom: false }, new Choices([]));
    expect(valuesOf(text)).toEqual(source!.documents);
    expect(text).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: vllm-llama\n/);
  });
});
