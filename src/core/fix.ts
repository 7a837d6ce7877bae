import type { FixSafety } from './severity.js';

/** Replace `[start, end)` of the file's text (BOM excluded) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** Filled in by the engine for reports: the replaced region as lines and columns. */
  region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  /** The file the edit is in when it is not the finding's own (a chart's finding fixed in its values.yaml). */
  path?: string;
}

/** After the fix, the value at `path` of document `document` (-1: the first the fix appends) must equal `value`. */
export interface Expectation {
  document: number;
  path: readonly (string | number)[];
  value: unknown;
}

/** What a rule proposes: edits applied together, and what must hold afterwards. */
export interface Fix {
  safety: Exclude<FixSafety, 'none'>;
  /** Imperative, for people: "set terminationGracePeriodSeconds to 180". */
  description: string;
  edits: TextEdit[];
  expect: Expectation[];
  /** Documents the fix appends to the file (a new PodDisruptionBudget). */
  addsDocuments?: number;
}

/** Why a finding that has a fix in principle cannot be fixed here. */
export interface Unfixable {
  unfixable: string;
}

export type FixOutcome = Fix | Unfixable;

export function isFix(outcome: FixOutcome | undefined): outcome is Fix {
  return outcome !== undefined && 'edits' in outcome;
}

/**
 * The expectations of fixes applied together, each with the index of its document: the
 * documents a fix appends (-1) follow the file's, in the order of the fixes (their appends
 * land at the end of the file in that order).
 */
export function expectationsOf(fixes: readonly Fix[], documentCount: number): Expectation[] {
  let appended = documentCount;
  return fixes.flatMap((fix) => {
    const resolved = fix.expect.map((e) => (e.document === -1 ? { ...e, document: appended } : e));
    appended += fix.addsDocuments ?? 0;
    return resolved;
  });
}

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
