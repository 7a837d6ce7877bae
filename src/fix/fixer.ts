import { createHash } from 'node:crypto';
import { decode, SourceFile } from '../core/source.js';
import type { FileResult, Finding } from '../core/findings.js';
import { lint, type LintInput, type LintOptions } from '../engine/lint.js';
import { readFile } from '../engine/read-file.js';
import { applyEdits, selectNonOverlapping, verifierFor } from './apply.js';
import type { Fix } from '../core/fix.js';

export const MAX_PASSES = 10;

/** Why some fixes, applied together, are not faithful, or undefined. */
type Check = (fixes: readonly Fix[]) => string | undefined;

/** How a file's fixes are verified: by its language, then by the caller's check of the whole fixed text, if any. */
interface Checks {
  parseTypeScript: LintOptions['parseTypeScript'];
  alsoCheck: ((fixed: string) => string | undefined) | undefined;
}

export interface FixedFile {
  /** The text as read (BOM excluded) and as fixed. */
  original: string;
  output: string;
  bom: boolean;
}

export interface FixRun {
  /** The findings before fixing, as the first lint reported them (what fixing is measured against). */
  initial: FileResult[];
  /** The findings that remain after fixing, as a final lint reports them. */
  results: FileResult[];
  /** Files whose text changed, by path. */
  fixed: Map<string, FixedFile>;
  /** Fixes that were dropped because the result did not verify, for the log. */
  dropped: { path: string; fix: Fix; reason: string }[];
  /** The settle keys of fixes that never settled (see {@link settleKey}). */
  unsettled: ReadonlySet<string>;
}

/** What a pass did to one file: the text it started from and the fixes it applied, to undo them. */
interface Pass {
  before: string;
  /** Each applied fix with its settle key. */
  applied: Map<Fix, string>;
}

interface FileState {
  original: string;
  current: string;
  bom: boolean;
  seen: Set<string>;
  last?: Pass;
}

const UNSETTLED = 'applying it did not resolve the finding, so it would be applied again on every run';

/**
 * Lints, applies the fixes the mode allows, re-lints, and repeats until nothing applies, a text
 * repeats (a cycle), or ten passes. Files with a syntax error are never changed. A fix whose
 * finding is still there, with the same fix, after it was applied never settles: that pass is
 * redone without it, and the finding says why. `alsoCheck` adds a check of the fixed text by
 * path (a rendered text's fix must be one its templates and patches can take).
 */
export function fixAll(inputs: readonly LintInput[], options: LintOptions, mode: { unsafe: boolean }, alsoCheck: ReadonlyMap<string, (fixed: string) => string | undefined> = new Map()): FixRun {
  const texts = new Map<string, FileState>();
  for (const input of inputs) {
    if (!input.reportable || !(input.content instanceof Uint8Array)) continue;
    const decoded = decode(input.content);
    if (decoded.ok && !decoded.crOnly) texts.set(input.path, { original: decoded.text, current: decoded.text, bom: decoded.bom, seen: new Set([hash(decoded.text)]) });
  }
  const dropped: FixRun['dropped'] = [];
  const unsettled = new Set<string>();
  let current = [...inputs];
  // What each file was last linted as: a text the passes change is read once per change, not once per pass.
  const linted = new Map<string, { text: string; input: LintInput }>();
  for (const input of inputs) {
    const file = texts.get(input.path);
    if (file && input.reportable) linted.set(input.path, { text: file.original, input });
  }
  const reads = new Map(options.preread ?? []);
  for (const input of inputs) {
    if (input.content instanceof Uint8Array && !reads.has(input.content)) reads.set(input.content, readFile(input.path, input.content, options.parseTypeScript));
  }
  let results = lint(current, { ...options, preread: reads });
  const initial = results.map((result) => ({ ...result, findings: result.findings.map((finding) => ({ ...finding })) }));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const result of results) {
      const file = texts.get(result.path);
      if (!file || result.findings.some((f) => f.fatal)) continue;
      const checks: Checks = { parseTypeScript: options.parseTypeScript, alsoCheck: alsoCheck.get(result.path) };
      const drop = (fix: Fix, reason: string) => dropped.push({ path: result.path, fix, reason });
      const candidates = result.findings
        .filter((f) => f.fix && !f.suppressions && appliesIn(f.fix, mode))
        .map((f) => ({ fix: f.fix!, key: settleKey(result.path, f) }));
      const lastKeys = new Set(file.last?.applied.values());
      const again = candidates.filter((c) => lastKeys.has(c.key));
      if (again.length > 0 && file.last) {
        // The last pass's fixes did not all settle: redo it without those that came back.
        for (const { fix, key } of again) {
          unsettled.add(key);
          drop(fix, UNSETTLED);
        }
        const redo = [...file.last.applied].filter(([, key]) => !unsettled.has(key)).map(([fix]) => fix);
        const source = new SourceFile(result.path, file.last.before, file.bom);
        const outcome = applyVerified(source, selectNonOverlapping(redo), checks, drop);
        file.current = outcome.text;
        file.seen.add(hash(outcome.text));
        file.last = undefined;
        changed = true;
        continue;
      }
      const fixes = candidates.filter((c) => !unsettled.has(c.key));
      const source = new SourceFile(result.path, file.current, file.bom);
      const outcome = applyVerified(source, selectNonOverlapping(fixes.map((c) => c.fix)), checks, drop);
      if (outcome.text === file.current || file.seen.has(hash(outcome.text))) {
        file.last = undefined;
        continue;
      }
      const keyed = new Map(fixes.map((c) => [c.fix, c.key]));
      file.last = { before: file.current, applied: new Map(outcome.applied.map((fix) => [fix, keyed.get(fix)!])) };
      file.seen.add(hash(outcome.text));
      file.current = outcome.text;
      changed = true;
    }
    if (!changed) break;
    current = current.map((input) => {
      const file = texts.get(input.path);
      if (!file || !input.reportable) return input;
      // A text this pass left as it was keeps its bytes, and what was read of them.
      const last = linted.get(input.path);
      if (last && last.text === file.current) return last.input;
      const next = { ...input, content: encode(file.current, file.bom) };
      if (last?.input.content instanceof Uint8Array) reads.delete(last.input.content);
      reads.set(next.content, readFile(next.path, next.content, options.parseTypeScript));
      linted.set(input.path, { text: file.current, input: next });
      return next;
    });
    results = lint(current, { ...options, preread: reads });
  }
  markNotFixed(results, { dropped, unsettled });
  const fixed = new Map<string, FixedFile>();
  for (const [path, file] of texts) {
    if (file.current !== file.original) fixed.set(path, { original: file.original, output: file.current, bom: file.bom });
  }
  return { initial, results, fixed, dropped, unsettled };
}

/**
 * A fix that failed verification or never settled must not be advertised on the finding that
 * remains: the finding says why instead. For a run's results, and for a later lint of its files.
 */
export function markNotFixed(results: readonly FileResult[], { dropped, unsettled }: Pick<FixRun, 'dropped' | 'unsettled'>): void {
  const droppedKeys = new Map(dropped.map((d) => [`${d.path}\u0000${fixKey(d.fix)}`, d.reason]));
  for (const result of results) {
    for (const finding of result.findings) {
      const reason = finding.fix && (unsettled.has(settleKey(result.path, finding)) ? UNSETTLED : droppedKeys.get(`${result.path}\u0000${fixKey(finding.fix)}`));
      if (reason) withdrawFix(finding, reason);
    }
  }
}

/** Whether `--fix` applies a fix in this mode: safe ones always, unsafe ones with --unsafe-fixes. */
export function appliesIn(fix: Fix, mode: { unsafe: boolean }): boolean {
  return mode.unsafe || fix.safety === 'safe';
}

/** The finding no longer offers its fix, and says why. */
export function withdrawFix(finding: Finding, reason: string): void {
  delete finding.fix;
  finding.fixable = false;
  finding.message += ` (not fixed: ${reason})`;
}

/** A finding's fix across passes: the same rule, object and field, and the same change proposed. */
function settleKey(path: string, finding: Finding): string {
  return JSON.stringify([path, finding.ruleId, finding.fingerprint, finding.fix?.description]);
}

/**
 * Applies the fixes that verify. The language checks each group of fixes (a YAML document and
 * its fixes) on its own: a group that verifies is kept whole, and only in a group that does not
 * are the fixes that do found by halving (a few checks of that group per failing fix). The
 * caller's check of the whole text then halves what is left the same way.
 */
function applyVerified(source: SourceFile, fixes: readonly Fix[], checks: Checks, onDrop: (fix: Fix, reason: string) => void): { text: string; applied: Fix[] } {
  if (fixes.length === 0) return { text: source.text, applied: [] };
  const verifier = verifierFor(source, checks.parseTypeScript);
  const verified = verifier.groups(fixes).flatMap((group) => verifiedSubset(group, verifier.check, onDrop));
  const { alsoCheck } = checks;
  const applied = alsoCheck ? verifiedSubset(verified, (subset) => alsoCheck(applyEdits(source.text, subset.flatMap((f) => f.edits))), onDrop) : verified;
  return { text: applied.length === 0 ? source.text : applyEdits(source.text, applied.flatMap((f) => f.edits)), applied };
}

/**
 * The fixes that verify, found by halving: the halves that verify are kept, and when two halves
 * verify apart but not together, the second waits for the next pass. A fix is dropped only when
 * it fails alone, with what its check says.
 */
function verifiedSubset(fixes: readonly Fix[], check: Check, onDrop: (fix: Fix, reason: string) => void): Fix[] {
  if (fixes.length === 0) return [];
  const reason = check(fixes);
  if (!reason) return [...fixes];
  if (fixes.length === 1) {
    onDrop(fixes[0]!, reason);
    return [];
  }
  const middle = Math.ceil(fixes.length / 2);
  const first = verifiedSubset(fixes.slice(0, middle), check, onDrop);
  const second = verifiedSubset(fixes.slice(middle), check, onDrop);
  if (first.length === 0 || second.length === 0) return first.length > 0 ? first : second;
  const both = [...first, ...second];
  return check(both) ? first : both;
}

export function encode(text: string, bom: boolean): Uint8Array {
  return new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function fixKey(fix: Fix): string {
  return JSON.stringify([fix.description, fix.edits.map((e) => [e.start, e.end, e.text])]);
}
