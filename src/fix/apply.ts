import { isDeepStrictEqual } from 'node:util';
import { SourceFile } from '../parse/source.js';
import { parseYaml, type ParsedDocument } from '../parse/yaml.js';
import type { Fix, TextEdit } from './types.js';

/** Splices non-overlapping edits into `text` in one pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * ESLint's rule for combining fixes: in order of position, a fix whose edits touch or overlap
 * an accepted one waits for the next pass.
 */
export function selectNonOverlapping(fixes: readonly Fix[]): Fix[] {
  const accepted: Fix[] = [];
  const taken: TextEdit[] = [];
  const first = (fix: Fix) => Math.min(...fix.edits.map((e) => e.start));
  for (const fix of [...fixes].sort((a, b) => first(a) - first(b))) {
    const clashes = fix.edits.some((e) => taken.some((t) => e.start <= t.end && t.start <= e.end));
    // Within one fix, edits may touch (replace a value, insert after its line) but not overlap.
    const selfClash = fix.edits.some((e, i) => fix.edits.some((o, j) => i < j && (e.start < o.end && o.start < e.end || (e.start === o.start && e.end === o.end))));
    if (clashes || selfClash) continue;
    accepted.push(fix);
    taken.push(...fix.edits);
  }
  return accepted;
}

/** Why `fixed` is not a faithful application of `fixes` to `original`, or undefined if it is. */
export function verify(original: SourceFile, fixed: string, fixes: readonly Fix[]): string | undefined {
  const before = parseYaml(original).documents;
  const after = parseYaml(new SourceFile(original.path, fixed, original.bom)).documents;
  if (after.some((d) => d.errors.length > 0)) return `the result does not parse (${after.find((d) => d.errors.length > 0)!.errors[0]!.message})`;
  if (after.length !== before.length) return `the result has ${after.length} documents instead of ${before.length}`;
  if (commentLines(fixed) < commentLines(original.text)) return 'the result would lose a comment';
  const edited = new Set(fixes.flatMap((f) => f.edits.map((e) => documentAt(before, e.start))));
  for (let i = 0; i < before.length; i++) {
    if (!edited.has(i) && !isDeepStrictEqual(valueOf(before[i]!), valueOf(after[i]!))) return `document ${i + 1} changed though no edit touched it`;
  }
  for (const { document, path, value } of fixes.flatMap((f) => f.expect)) {
    const node = after[document]?.document.getIn(path, false);
    const actual = node === undefined ? undefined : JSON.parse(JSON.stringify(node));
    if (!isDeepStrictEqual(actual, value)) return `${path.join('.')} would be ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`;
  }
  return undefined;
}

function documentAt(documents: readonly ParsedDocument[], offset: number): number {
  const index = documents.findIndex((d) => offset <= (d.document.range?.[2] ?? d.span.end));
  return index === -1 ? documents.length - 1 : index;
}

function valueOf(document: ParsedDocument): unknown {
  try {
    return document.document.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}

function commentLines(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (line.trimStart().startsWith('#')) count++;
  return count;
}
