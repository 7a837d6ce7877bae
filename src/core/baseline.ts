import type { FileResult, Finding, ObjectRef, Suppression } from './findings.js';

/** The version of the baseline file's format and of the fingerprints in it (docs/baseline.md). */
export const BASELINE_VERSION = 1;
export const BASELINE_TOOL = 'gpu-drain-lint';

/** One accepted finding (or several with the same fingerprint in the same file: `count`). */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  /** The file, relative to the baseline file's directory, `/`-separated. */
  path: string;
  /** `Deployment ml/vllm`: for people reading the file; matching ignores it. */
  object?: string;
  /** The start of the message, for people reading the file; matching ignores it. */
  message: string;
  /** How many findings it stands for, when more than one. */
  count?: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: typeof BASELINE_TOOL;
  findings: BaselineEntry[];
}

/** How a baselined finding is marked: SARIF and JSON carry it as suppressed, stylish does not show it. */
export const BASELINE_SUPPRESSION: Suppression = { kind: 'external', justification: 'baseline' };

const MESSAGE_EXCERPT = 100;

/**
 * The baseline of a run's active findings (every level). A file that could not be linted is not
 * recorded: its fatal finding is not accepted, and would hide nothing. `pathOf` names a result's
 * file as the baseline does.
 */
export function baselineOf(results: readonly FileResult[], pathOf: (reported: string) => string): { baseline: Baseline; recorded: number; unlinted: number } {
  const entries = new Map<string, BaselineEntry>();
  let recorded = 0;
  let unlinted = 0;
  for (const result of results) {
    const path = pathOf(result.path);
    for (const finding of result.findings) {
      if (finding.suppressions) continue;
      if (finding.fatal) {
        unlinted++;
        continue;
      }
      recorded++;
      const key = keyOf(path, finding.fingerprint);
      const entry = entries.get(key);
      if (entry) entry.count = (entry.count ?? 1) + 1;
      else entries.set(key, entryOf(path, finding));
    }
  }
  return { baseline: sortedBaseline([...entries.values()]), recorded, unlinted };
}

/** What applying a baseline found: how many findings it silenced, and the entries nothing matched. */
export interface BaselineMatch {
  baselined: number;
  /** Entries (with the count left unmatched) of files the run judged: their findings are gone. */
  stale: BaselineEntry[];
  /** The baseline without its stale entries (what --baseline-prune writes). */
  pruned: Baseline;
}

/**
 * Marks each active finding the baseline holds as suppressed, in report order: a fingerprint
 * recorded twice silences two findings, and a third is new. `judged` tells whether the run can
 * say an entry's file no longer has the finding (the file was linted, or is gone); entries of
 * other files are kept as they are.
 */
export function applyBaseline(results: readonly FileResult[], baseline: Baseline, pathOf: (reported: string) => string, judged: (path: string) => boolean): BaselineMatch {
  const left = new Map<string, number>();
  for (const entry of baseline.findings) {
    const key = keyOf(entry.path, entry.fingerprint);
    left.set(key, (left.get(key) ?? 0) + (entry.count ?? 1));
  }
  const totals = new Map(left);
  let baselined = 0;
  for (const result of results) {
    const path = pathOf(result.path);
    for (const finding of result.findings) {
      if (finding.suppressions || finding.fatal) continue;
      const key = keyOf(path, finding.fingerprint);
      const count = left.get(key) ?? 0;
      if (count === 0) continue;
      left.set(key, count - 1);
      finding.suppressions = [{ ...BASELINE_SUPPRESSION }];
      baselined++;
    }
  }
  const stale: BaselineEntry[] = [];
  const kept: BaselineEntry[] = [];
  const seen = new Set<string>();
  for (const entry of baseline.findings) {
    const key = keyOf(entry.path, entry.fingerprint);
    // A file that repeats an entry has them summed above: each key is judged once.
    if (seen.has(key)) continue;
    seen.add(key);
    const total = totals.get(key)!;
    const unmatched = judged(entry.path) ? left.get(key)! : 0;
    const matched = total - unmatched;
    if (unmatched > 0) stale.push(withCount(entry, unmatched));
    if (matched > 0) kept.push(withCount(entry, matched));
  }
  return { baselined, stale, pruned: sortedBaseline(kept) };
}

/** How a message names an object: `Deployment ml/vllm`. */
export function objectLabel(object: ObjectRef): string {
  const name = object.name ?? '(unnamed)';
  return `${object.kind} ${object.namespace ? `${object.namespace}/${name}` : name}`;
}

/** Occurrences an entry list stands for. */
export function occurrences(entries: readonly BaselineEntry[]): number {
  return entries.reduce((sum, e) => sum + (e.count ?? 1), 0);
}

function entryOf(path: string, finding: Finding): BaselineEntry {
  return {
    fingerprint: finding.fingerprint,
    rule: finding.ruleId,
    path,
    ...(finding.object ? { object: objectLabel(finding.object) } : {}),
    message: excerpt(finding.message),
  };
}

function withCount(entry: BaselineEntry, count: number): BaselineEntry {
  const { count: _count, ...rest } = entry;
  return count > 1 ? { ...rest, count } : rest;
}

/** The first sentence, at most MESSAGE_EXCERPT characters. */
function excerpt(message: string): string {
  const sentence = message.split(/(?<=\.)\s/, 1)[0]!;
  return sentence.length <= MESSAGE_EXCERPT ? sentence : `${sentence.slice(0, MESSAGE_EXCERPT - 1).trimEnd()}…`;
}

/** Sorted by file, rule, object and fingerprint: a new finding is one inserted entry in a diff. */
function sortedBaseline(entries: BaselineEntry[]): Baseline {
  const text = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  entries.sort((a, b) => text(a.path, b.path) || text(a.rule, b.rule) || text(a.object, b.object) || text(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, tool: BASELINE_TOOL, findings: entries };
}

function keyOf(path: string, fingerprint: string): string {
  return `${path}\u0000${fingerprint}`;
}
