import type { Fix, TextEdit } from '../core/fix.js';
export { applyEdits } from '../core/fix.js';
import type { SourceFile } from '../core/source.js';
import { languageOf } from '../languages/index.js';
import type { FixVerifier } from '../languages/shared/language.js';
import type { TsParse } from '../languages/typescript/loader.js';

/**
 * ESLint's rule for combining fixes: in order of position, a fix whose edits touch or overlap
 * an accepted one waits for the next pass. Documents appended at the end of the file are the
 * exception: each is whole on its own, so they all go in one pass, in order.
 */
export function selectNonOverlapping(fixes: readonly Fix[]): Fix[] {
  const accepted: Fix[] = [];
  const taken: { edit: TextEdit; appends: boolean }[] = [];
  const first = (fix: Fix) => Math.min(...fix.edits.map((e) => e.start));
  for (const fix of [...fixes].sort((a, b) => first(a) - first(b))) {
    const appends = (fix.addsDocuments ?? 0) > 0;
    const bothAppend = (e: TextEdit, t: { edit: TextEdit; appends: boolean }) => appends && t.appends && e.start === e.end && t.edit.start === t.edit.end && e.start === t.edit.start;
    const clashes = fix.edits.some((e) => taken.some((t) => e.start <= t.edit.end && t.edit.start <= e.end && !bothAppend(e, t)));
    // Within one fix, edits may touch (replace a value, insert after its line) but not overlap.
    const selfClash = fix.edits.some((e, i) => fix.edits.some((o, j) => i < j && (e.start < o.end && o.start < e.end || (e.start === o.start && e.end === o.end))));
    if (clashes || selfClash) continue;
    accepted.push(fix);
    taken.push(...fix.edits.map((edit) => ({ edit, appends })));
  }
  return accepted;
}

/** Why `fixed` is not a faithful application of `fixes` to `original` (in its language), or undefined if it is. */
export function verify(original: SourceFile, fixed: string, fixes: readonly Fix[], parseTypeScript?: TsParse): string | undefined {
  return languageOf(original.path).verify(original, fixed, fixes, parseTypeScript);
}

/** What the fix loop checks the fixes of one file with, in groups that verify apart (see {@link FixVerifier}). */
export function verifierFor(original: SourceFile, parseTypeScript?: TsParse): FixVerifier {
  return languageOf(original.path).verifier(original, parseTypeScript);
}
