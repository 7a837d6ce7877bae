import type { Fix, TextEdit } from '../core/fix.js';
import type { SourceFile } from '../core/source.js';
import { languageOf } from '../languages/index.js';
import type { TsParse } from '../languages/typescript/loader.js';

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

/** Why `fixed` is not a faithful application of `fixes` to `original` (in its language), or undefined if it is. */
export function verify(original: SourceFile, fixed: string, fixes: readonly Fix[], parseTypeScript?: TsParse): string | undefined {
  return languageOf(original.path).verify(original, fixed, fixes, parseTypeScript);
}
