import { treeView } from '../../languages/shared/encoded-tree.js';
import { parse } from 'yaml';
import type { Fix } from '../../core/fix.js';
import { SourceFile } from '../../core/source.js';
import { applyEdits, verify } from '../../fix/apply.js';
import { isUnfixable, type Json } from '../../languages/shared/editor.js';
import { rootView, ProblemSink, type MapView } from '../../languages/shared/node.js';
import { yamlLanguage } from '../../languages/yaml/language.js';
import type { FileChange, Translation } from '../../core/file-change.js';
import { alignDocument, type LineOrigin } from './align.js';
import { commonLines } from './common-lines.js';
import type { HelmChart } from './chart-files.js';
import { templateFileIn } from './chart-files.js';
import { splitHelmStream, type RenderedTemplate } from './stream.js';
import { valuesFileSetting } from './values-files.js';
import { formatValuesPath } from './block-path.js';
import { analyzeTemplate, EACH_ITEM, type TemplateAnalysis, type TemplateLine, type ValuesPath } from './template-lines.js';

/** What a fix of the rendered stream becomes in the chart: lines of templates replaced or added, values set. */
interface TemplateEdit {
  /** 0-based template lines [from, to) replaced by `lines`. */
  from: number;
  to: number;
  lines: string[];
}

interface ValuesEdit {
  path: ValuesPath;
  value: Json;
  /** The template line that reads it, for messages. */
  at: string;
}

/**
 * Turns a fixed `helm template` stream back into edits of the chart: a changed or added line next
 * to lines the template writes as they are is changed or added in the template; a changed value
 * of `key: {{ .Values.a.b }}` is set at `a.b` in the last values file that sets it (the chart's
 * values.yaml when none does). Anything else (a line a template action writes, a value computed
 * in the template, a new document) cannot be placed, and the reason says so. The caller proves
 * the result by rendering the chart again.
 */
export function translateHelmFix(original: string, fixed: string, chart: HelmChart, valuesFiles: readonly string[]): Translation {
  const before = splitHelmStream(original);
  const after = splitHelmStream(fixed);
  if (before.length !== after.length || before.some((d, i) => d.source !== after[i]!.source)) {
    return { ok: false, reason: 'a new object in a chart needs a template of its own; add it by hand' };
  }
  const originalLines = original.split('\n').map((l) => l.replace(/\r$/, ''));
  const fixedLines = fixed.split('\n').map((l) => l.replace(/\r$/, ''));
  const templateEdits = new Map<string, TemplateEdit[]>();
  const valuesEdits: ValuesEdit[] = [];
  for (const [i, document] of before.entries()) {
    const a = linesOf(originalLines, document);
    const b = linesOf(fixedLines, after[i]!);
    if (a.join('\n') === b.join('\n')) continue;
    const path = templateFileIn(chart, document.source);
    const text = path === undefined ? undefined : chart.readFile(path);
    if (path === undefined || text === undefined) return { ok: false, reason: `the object comes from ${document.source}, which is not a file of the chart` };
    const templateLines = text.split(/\r?\n/);
    const { analysis, origins } = alignmentOf(chart, path, text, a);
    for (const hunk of hunks(a, b)) {
      const placed = placeHunk(hunk, a, b, origins, { lines: templateLines, analysis }, path);
      if ('reason' in placed) return { ok: false, reason: placed.reason };
      if ('values' in placed) valuesEdits.push(placed.values);
      else templateEdits.set(path, [...(templateEdits.get(path) ?? []), placed.edit]);
    }
  }
  const changes: FileChange[] = [];
  for (const [path, edits] of templateEdits) {
    const text = chart.readFile(path)!;
    changes.push({ path, before: text, after: editLines(text, edits) });
  }
  const values = setValues(valuesEdits, chart, valuesFiles);
  if ('reason' in values) return { ok: false, reason: values.reason };
  changes.push(...values.changes);
  return { ok: true, changes };
}

/**
 * A chart's templates aligned with their rendered documents, once per chart and document: a report
 * previews each finding's fix, and the fix loop checks every set of fixes, against the same ones.
 */
const alignments = new WeakMap<HelmChart, Map<string, { analysis: TemplateAnalysis; origins: readonly (LineOrigin | undefined)[] }>>();

function alignmentOf(chart: HelmChart, path: string, template: string, rendered: readonly string[]) {
  let byDocument = alignments.get(chart);
  if (!byDocument) alignments.set(chart, (byDocument = new Map()));
  const key = `${path}\u0000${rendered.join('\n')}`;
  let aligned = byDocument.get(key);
  if (!aligned) {
    const analysis = analyzeTemplate(template);
    byDocument.set(key, (aligned = { analysis, origins: alignDocument(analysis, rendered).origins }));
  }
  return aligned;
}

interface Hunk {
  /** Lines [aFrom, aTo) of the original document became lines [bFrom, bTo) of the fixed one. */
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

function linesOf(lines: readonly string[], document: RenderedTemplate): string[] {
  return lines.slice(document.firstLine - 1, document.firstLine - 1 + document.lineCount);
}

/** The runs of lines that differ between two documents. */
function hunks(a: readonly string[], b: readonly string[]): Hunk[] {
  const ids = new Map<string, number>();
  const id = (line: string) => {
    let value = ids.get(line);
    if (value === undefined) ids.set(line, (value = ids.size));
    return value;
  };
  const pairs = commonLines(a.map(id), b.map(id));
  const result: Hunk[] = [];
  let [i, j] = [0, 0];
  for (const [x, y] of [...pairs, [a.length, b.length] as [number, number]]) {
    if (x > i || y > j) result.push({ aFrom: i, aTo: x, bFrom: j, bTo: y });
    [i, j] = [x + 1, y + 1];
  }
  return result;
}

function placeHunk(
  hunk: Hunk,
  a: readonly string[],
  b: readonly string[],
  origins: readonly (LineOrigin | undefined)[],
  template: { lines: readonly string[]; analysis: TemplateAnalysis },
  path: string,
): { edit: TemplateEdit } | { values: ValuesEdit } | { reason: string } {
  const templateLines = template.lines;
  const replacement = b.slice(hunk.bFrom, hunk.bTo);
  if (hunk.aTo === hunk.aFrom) return placeAddedLines(hunk, a, replacement, origins, template.analysis, path);
  const replaced = origins.slice(hunk.aFrom, hunk.aTo);
  const first = replaced[0];
  if (replaced.length === 1 && replacement.length === 1 && first?.how === 'templated') {
    return valueOf(first, a[hunk.aFrom]!, replacement[0]!, templateLines, path);
  }
  const literal = replaced.every((o, k) => o?.how === 'literal' && o.line === first!.line + k);
  if (!literal) {
    const at = replaced.find((o) => o?.how !== 'literal');
    return { reason: `the fix changes a line the template computes (${path}:${at?.line ?? first?.line ?? 1}); edit the template by hand` };
  }
  return { edit: { from: first!.line - 1, to: first!.line - 1 + replaced.length, lines: replacement } };
}

/**
 * Added lines go after a line the template writes as it is, else before one, and only where they
 * print whenever their parent mapping does: in the same `if` / `with` / `range` block as the
 * parent's line, and not inside a structure the template goes on with after them (a list whose
 * later items are conditional). A second render proves the result for the current values only;
 * these keep it right for the others.
 */
function placeAddedLines(
  hunk: Hunk,
  a: readonly string[],
  added: readonly string[],
  origins: readonly (LineOrigin | undefined)[],
  analysis: TemplateAnalysis,
  path: string,
): { edit: TemplateEdit } | { reason: string } {
  const depth = indentOf(added.find((line) => line.trim() !== '') ?? '');
  const parentIndex = findLastIndex(a, hunk.aFrom, (line) => line.trim() !== '' && !line.trimStart().startsWith('#') && indentOf(line) < depth);
  const parent = parentIndex === -1 ? undefined : origins[parentIndex];
  const blockOfLine = (line: number) => analysis.blockOf[line - 1];
  const printsDeeperAfter = (line: number) => {
    for (let next = line; next < analysis.lines.length; next++) {
      const printed = printedIndent(analysis.lines[next]!);
      if (printed !== undefined) return printed > depth;
    }
    return false;
  };
  const previous = origins[hunk.aFrom - 1];
  const next = origins[hunk.aFrom];
  const candidates = [
    previous?.how === 'literal' ? { after: previous.line, at: previous.line } : undefined,
    next?.how === 'literal' ? { after: next.line - 1, at: next.line } : undefined,
  ];
  for (const candidate of candidates) {
    if (!candidate || !parent) continue;
    if (blockOfLine(candidate.at) !== blockOfLine(parent.line) || printsDeeperAfter(candidate.after)) continue;
    return { edit: { from: candidate.after, to: candidate.after, lines: [...added] } };
  }
  const at = (previous ?? next)?.line ?? 1;
  const inBlock = candidates.some((c) => c && parent && blockOfLine(c.at) !== blockOfLine(parent.line));
  return {
    reason: inBlock
      ? `the fix would land inside a conditional block of the template (${path}:${at}), where it would not print for other values; edit the template by hand`
      : `the fix adds lines next to lines a template action writes (${path}:${at}); edit the template by hand`,
  };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** How deep a template line prints: its own indentation, an action's least; undefined when it prints nothing. */
function printedIndent(line: TemplateLine): number | undefined {
  if (line.kind === 'silent' || line.text.trim() === '') return undefined;
  return line.kind === 'generated' ? line.minIndent : indentOf(line.text);
}

function findLastIndex<T>(items: readonly T[], before: number, test: (item: T) => boolean): number {
  for (let i = before - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** `key: {{ .Values.a.b }}` rendered `key: 30`, fixed `key: 180`: set a.b to 180. */
function valueOf(origin: Extract<LineOrigin, { how: 'templated' }>, rendered: string, fixed: string, templateLines: readonly string[], path: string): { values: ValuesEdit } | { reason: string } {
  const at = `${path}:${origin.line}`;
  const prefix = templateLines[origin.line - 1]!.slice(0, origin.column - 1);
  if (!origin.valueRef) return { reason: `the value is computed in the template (${at}); set it there by hand` };
  if (origin.valueRef.includes(EACH_ITEM)) return { reason: `the value is set per item of the values list ${formatValuesPath(origin.valueRef)} (${at}); set it in the item by hand` };
  if (!rendered.startsWith(prefix) || !fixed.startsWith(prefix)) return { reason: `the fix changes more of ${at} than its value` };
  let value: unknown;
  try {
    value = parse(fixed.slice(prefix.length));
  } catch {
    return { reason: `the fixed value of ${at} is not a plain value` };
  }
  if (value === null || typeof value === 'object') return { reason: `the fixed value of ${at} is not a plain value` };
  return { values: { path: origin.valueRef, value: value as Json, at } };
}

function editLines(text: string, edits: readonly TemplateEdit[]): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  for (const edit of [...edits].sort((x, y) => y.from - x.from || y.to - x.to)) lines.splice(edit.from, edit.to - edit.from, ...edit.lines);
  return lines.join(newline);
}

/** Each value in the last values file that sets it, else in the chart's values.yaml; written in the file's own style. */
function setValues(edits: readonly ValuesEdit[], chart: HelmChart, valuesFiles: readonly string[]): { changes: FileChange[] } | { reason: string } {
  const texts = new Map<string, string>();
  const changes = new Map<string, FileChange>();
  for (const edit of edits) {
    const files = valuesFiles.filter((file) => chart.readFile(file) !== undefined);
    const file = valuesFileSetting(chart, files, edit.path, texts) ?? files[0];
    if (file === undefined) return { reason: `the chart has no values.yaml to set ${edit.path.join('.')} in` };
    const current = texts.get(file) ?? chart.readFile(file)!;
    const next = setValue(file, current, edit);
    if (typeof next !== 'string') return next;
    texts.set(file, next);
    changes.set(file, { path: file, before: changes.get(file)?.before ?? current, after: next });
  }
  return { changes: [...changes.values()] };
}

function setValue(file: string, text: string, edit: ValuesEdit): string | { reason: string } {
  const source = new SourceFile(file, text, false);
  const { documents } = yamlLanguage.read(source, undefined);
  const document = documents[0];
  const root = document && document.errors.length === 0 ? rootView(treeView(document.tree, text), new ProblemSink()) : undefined;
  if (!document || !root) return { reason: `${file} is not a YAML mapping, so ${edit.path.join('.')} cannot be set in it` };
  let view: MapView = root;
  let depth = 0;
  for (; depth < edit.path.length - 1; depth++) {
    const next = view.map(edit.path[depth]!);
    if (!next) break;
    view = next;
  }
  const rest = edit.path.slice(depth + 1).reduceRight<Json>((value, key) => ({ [key]: value }), edit.value);
  const change = yamlLanguage.editor(source, document).set(view, edit.path[depth]!, rest);
  if (isUnfixable(change)) return { reason: `${edit.path.join('.')} cannot be set in ${file}: ${change.unfixable}` };
  const fix: Fix = { safety: 'safe', description: `set ${edit.path.join('.')}`, edits: change.edits, expect: change.expect };
  const after = applyEdits(text, change.edits);
  const problem = verify(source, after, [fix]);
  return problem ? { reason: `${edit.path.join('.')} cannot be set in ${file}: ${problem}` } : after;
}
