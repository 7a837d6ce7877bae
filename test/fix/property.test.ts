/**
 * The property test of issue 4: for every fixture under fixtures/ (rules and examples) and every
 * manifest of the shared corpus (`../shared/corpus`, skipped with a note when absent; its raw
 * Helm templates are left out), `--fix --unsafe-fixes` on a copy, in-process with every rule:
 *
 * - yields a text that parses (every alias still resolves) with the same number of documents;
 * - re-linted, has no finding left that still carries a fix (a fix that could not be applied
 *   must be dropped from its finding, with the reason in the message);
 * - fixed again, does not change;
 * - differs from the original only on lines inside objects that had a fixable finding;
 * - has at least as many comments as the original.
 *
 * Once without a Kubernetes version and once with 1.31 (where the native preStop sleep is safe).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/core/findings.js';
import { lint } from '../../src/engine/lint.js';
import { unifiedDiff } from '../../src/fix/diff.js';
import { fixAll } from '../../src/fix/fixer.js';
import { commentCount, FIX_PATH as PATH, inputOf, YAML_OPTIONS } from '../support/fix-checks.js';
import { lintOptionsFor } from '../support/lint-text.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');
const corpusPresent = existsSync(CORPUS) && statSync(CORPUS).isDirectory();
if (!corpusPresent) console.warn(`[property.test] ${CORPUS} is absent: the corpus part of the fix property test is skipped.`);

function yamlFilesBelow(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_helm_templates') walk(full);
      } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

/** Files grouped for readable failures: one group per rule's fixtures, the examples, each corpus repository. */
function groups(): [string, string[]][] {
  const byGroup = new Map<string, string[]>();
  const add = (group: string, file: string) => byGroup.set(group, [...(byGroup.get(group) ?? []), file]);
  for (const file of yamlFilesBelow(join(ROOT, 'fixtures'))) {
    const parts = relative(ROOT, file).split('/');
    add(parts[1] === 'rules' ? `fixtures/rules/${parts[2]}` : `fixtures/${parts[1]}`, file);
  }
  if (corpusPresent) for (const file of yamlFilesBelow(CORPUS)) add(`corpus/${relative(CORPUS, file).split('/')[0]}`, file);
  return [...byGroup];
}

/** 1-based [first, last] line of every object: each document, or each item of a `kind: List`. */
function objectLines(text: string): [number, number][] {
  const lineCounter = new LineCounter();
  const ranges: [number, number][] = [];
  for (const document of parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter })) {
    const contents = document.contents as Node | null;
    const list = isMap(contents) && contents.get('kind') === 'List' ? contents.get('items', true) : undefined;
    const items: (Node | null)[] = isSeq(list) ? (list.items as Node[]) : [contents];
    for (const node of items) {
      if (!node?.range) continue;
      let end = node.range[1];
      while (end > node.range[0] && /\s/.test(text[end - 1]!)) end--;
      ranges.push([lineCounter.linePos(node.range[0]).line, lineCounter.linePos(Math.max(node.range[0], end - 1)).line]);
    }
  }
  return ranges;
}

/** Lines of `before` that the diff deletes, and lines after which it inserts. */
function touchedLines(before: string, after: string): number[] {
  const touched: number[] = [];
  let old = 0;
  for (const line of unifiedDiff('m.yaml', before, after, 0).split('\n')) {
    const hunk = /^@@ -(\d+)(?:,(\d+))? /.exec(line);
    if (hunk) {
      old = Number(hunk[1]) + (hunk[2] === '0' ? 1 : 0);
      continue;
    }
    if (line.startsWith('--- ') || line.startsWith('+++ ')) continue;
    if (line.startsWith('-')) touched.push(old++);
    else if (line.startsWith('+')) touched.push(Math.max(1, old - 1));
  }
  return touched;
}

const describeFix = (f: Finding) => `${f.line}:${f.column} ${f.ruleId} (${f.fix?.safety}: ${f.fix?.description})`;

function checkFile(file: string, kubernetesVersion: string | undefined): string[] {
  const name = relative(ROOT, file).startsWith('..') ? `corpus/${relative(CORPUS, file)}` : relative(ROOT, file);
  const options = lintOptionsFor({ rules, ...(kubernetesVersion ? { kubernetesVersion } : {}) });
  const bytes = new Uint8Array(readFileSync(file));
  const run = fixAll(inputOf(bytes), options, { unsafe: true });
  const fixed = run.fixed.get(PATH);
  // A file with a syntax error is never written: nothing to check.
  if (!fixed && (run.results[0]?.findings ?? []).some((f) => f.fatal)) return [];
  const problems: string[] = [];
  const original = fixed?.original ?? new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const output = fixed?.output ?? original;

  // Re-lint and fix again in one go: the second run's first lint is the re-lint of the output.
  const again = fixed ? fixAll(inputOf(new TextEncoder().encode(output)), options, { unsafe: true }) : run;
  if (again.fixed.has(PATH)) problems.push(`${name}: a second fix changes the text again`);
  // No finding may still carry a fix: both kinds were applied, so what is left could not be.
  for (const finding of (again.results[0]?.findings ?? []).filter((f) => f.fix && !f.suppressions)) {
    const dropped = [...run.dropped, ...again.dropped].find((d) => d.fix.description === finding.fix!.description);
    problems.push(`${name}: still fixable after fixing: ${describeFix(finding)}${dropped ? `; dropped because ${dropped.reason}` : ''}`);
  }
  if (!fixed) return problems;

  const before = parseAllDocuments(original, YAML_OPTIONS);
  const after = parseAllDocuments(output, YAML_OPTIONS);
  const errors = after.flatMap((d) => d.errors.map((e) => e.message.split('\n')[0]));
  if (errors.length > 0) problems.push(`${name}: the fixed text does not parse: ${errors[0]}`);
  // Documents may only be added at the end, and only as PodDisruptionBudgets (pdb-missing's fix).
  const added = after.slice(before.length).map((d) => (d.toJS() as { kind?: string } | null)?.kind);
  if (after.length < before.length) problems.push(`${name}: ${after.length} documents after fixing, ${before.length} before`);
  if (added.some((kind) => kind !== 'PodDisruptionBudget')) problems.push(`${name}: fixing added documents of kind ${added.join(', ')}`);
  for (const [i, document] of after.entries()) {
    try {
      document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      problems.push(`${name}: document ${i + 1} no longer resolves: ${(error as Error).message}`);
    }
  }

  const initial = lint(inputOf(bytes), options)[0]?.findings ?? [];
  const fixableObjects = objectLines(original).filter(([first, last]) => initial.some((f) => f.fix && f.line >= first && f.line <= last));
  // Appended documents (checked above) are not changes to the original's lines.
  const appendedAt = added.length > 0 ? output.lastIndexOf('\n---', after[before.length]!.range[0]) + 1 : output.length;
  const kept = output.slice(0, appendedAt);
  for (const line of touchedLines(original, original.endsWith('\n') ? kept : kept.replace(/\r?\n$/, ''))) {
    if (!fixableObjects.some(([first, last]) => line >= first && line <= last)) {
      problems.push(`${name}: line ${line} changed outside every object that had a fixable finding`);
      break;
    }
  }

  if (commentCount(output) < commentCount(original)) {
    problems.push(`${name}: ${commentCount(original) - commentCount(output)} comment(s) lost`);
  }
  return problems;
}

for (const kubernetesVersion of [undefined, '1.31']) {
  describe(`--fix --unsafe-fixes on every fixture and corpus file (kubernetesVersion ${kubernetesVersion ?? 'unset'})`, () => {
    for (const [group, files] of groups()) {
      it(`${group} (${files.length} files)`, () => {
        const problems = files.flatMap((file) => checkFile(file, kubernetesVersion));
        expect(problems).toEqual([]);
      });
    }
  });
}
