import { isDeepStrictEqual } from 'node:util';
import { SourceFile } from '../core/source.js';
import { parseYaml, type ParsedDocument } from '../languages/yaml/parse.js';
import { commentOffsets } from '../languages/yaml/comments.js';
import type { Fix, TextEdit } from '../core/fix.js';
import { isTypeScriptPath } from '../languages/typescript/read.js';
import type { TsParse } from '../languages/typescript/loader.js';
import { verifyTypeScript } from '../languages/typescript/verify.js';

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
export function verify(original: SourceFile, fixed: string, fixes: readonly Fix[], parseTypeScript?: TsParse): string | undefined {
  if (isTypeScriptPath(original.path)) {
    return parseTypeScript ? verifyTypeScript(original, fixed, fixes, parseTypeScript) : 'the TypeScript parser is not loaded';
  }
  const before = parseYaml(original).documents;
  const after = parseYaml(new SourceFile(original.path, fixed, original.bom)).documents;
  if (after.some((d) => d.errors.length > 0)) return `the result does not parse (${after.find((d) => d.errors.length > 0)!.errors[0]!.message})`;
  const expected = before.length + fixes.reduce((sum, f) => sum + (f.addsDocuments ?? 0), 0);
  if (after.length !== expected) return `the result has ${after.length} documents instead of ${expected}`;
  if (commentOffsets(fixed).length < commentOffsets(original.text).length) return 'the result would lose a comment';
  const edited = new Set(fixes.flatMap((f) => f.edits.map((e) => documentAt(before, e.start))));
  for (let i = 0; i < before.length; i++) {
    const old = valueOf(before[i]!);
    const now = valueOf(after[i]!);
    if (old.ok && !now.ok) return `document ${i + 1} no longer resolves (${now.error})`;
    if (!edited.has(i) && !isDeepStrictEqual(old, now)) return `document ${i + 1} changed though no edit touched it`;
  }
  for (const { document, path, value } of fixes.flatMap((f) => f.expect)) {
    const node = after[document === -1 ? after.length - 1 : document]?.document.getIn(path, false);
    const actual = node === undefined ? undefined : JSON.parse(JSON.stringify(node));
    if (!isDeepStrictEqual(actual, value)) return `${path.join('.')} would be ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`;
  }
  return undefined;
}

function documentAt(documents: readonly ParsedDocument[], offset: number): number {
  const index = documents.findIndex((d) => offset <= (d.document.range?.[2] ?? d.span.end));
  return index === -1 ? documents.length - 1 : index;
}

function valueOf(document: ParsedDocument): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: document.document.toJS({ maxAliasCount: 1000 }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
