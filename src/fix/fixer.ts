import { createHash } from 'node:crypto';
import { decode, SourceFile } from '../core/source.js';
import type { FileResult } from '../core/findings.js';
import { lint, type LintInput, type LintOptions } from '../engine/lint.js';
import { applyEdits, selectNonOverlapping, verify } from './apply.js';
import type { Fix } from '../core/fix.js';

export const MAX_PASSES = 10;

type Verifier = (source: SourceFile, fixed: string, fixes: readonly Fix[]) => string | undefined;

export interface FixedFile {
  /** The text as read (BOM excluded) and as fixed. */
  original: string;
  output: string;
  bom: boolean;
}

export interface FixRun {
  /** The findings that remain after fixing, as a final lint reports them. */
  results: FileResult[];
  /** Files whose text changed, by path. */
  fixed: Map<string, FixedFile>;
  /** Fixes that were dropped because the result did not verify, for the log. */
  dropped: { path: string; fix: Fix; reason: string }[];
}

/**
 * Lints, applies the fixes the mode allows, re-lints, and repeats until nothing applies, a text
 * repeats (a cycle), or ten passes. Files with a syntax error are never changed.
 */
export function fixAll(inputs: readonly LintInput[], options: LintOptions, mode: { unsafe: boolean }): FixRun {
  const texts = new Map<string, { original: string; current: string; bom: boolean; seen: Set<string> }>();
  for (const input of inputs) {
    if (!input.reportable || !(input.content instanceof Uint8Array)) continue;
    const decoded = decode(input.content);
    if (decoded.ok && !decoded.crOnly) texts.set(input.path, { original: decoded.text, current: decoded.text, bom: decoded.bom, seen: new Set([hash(decoded.text)]) });
  }
  const dropped: FixRun['dropped'] = [];
  let current = [...inputs];
  let results = lint(current, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const result of results) {
      const file = texts.get(result.path);
      if (!file || result.findings.some((f) => f.fatal)) continue;
      const fixes = result.findings
        .filter((f) => f.fix && !f.suppressions && (mode.unsafe || f.fix.safety === 'safe'))
        .map((f) => f.fix!);
      const check = (source: SourceFile, text: string, candidates: readonly Fix[]) => verify(source, text, candidates, options.parseTypeScript);
      const output = applyVerified(new SourceFile(result.path, file.current, file.bom), selectNonOverlapping(fixes), check, (fix, reason) =>
        dropped.push({ path: result.path, fix, reason }),
      );
      if (output === file.current || file.seen.has(hash(output))) continue;
      file.seen.add(hash(output));
      file.current = output;
      changed = true;
    }
    if (!changed) break;
    current = current.map((input) => {
      const file = texts.get(input.path);
      return file && input.reportable ? { ...input, content: encode(file.current, file.bom) } : input;
    });
    results = lint(current, options);
  }
  // A fix that failed verification must not be advertised on the finding that remains.
  const droppedKeys = new Map(dropped.map((d) => [`${d.path}\u0000${fixKey(d.fix)}`, d.reason]));
  for (const result of results) {
    for (const finding of result.findings) {
      const reason = finding.fix && droppedKeys.get(`${result.path}\u0000${fixKey(finding.fix)}`);
      if (!reason) continue;
      delete finding.fix;
      finding.fixable = false;
      finding.message += ` (not fixed: ${reason})`;
    }
  }
  const fixed = new Map<string, FixedFile>();
  for (const [path, file] of texts) {
    if (file.current !== file.original) fixed.set(path, { original: file.original, output: file.current, bom: file.bom });
  }
  return { results, fixed, dropped };
}

/** Applies the fixes together; when the result does not verify, keeps only those that do alone. */
function applyVerified(source: SourceFile, fixes: Fix[], check: Verifier, onDrop: (fix: Fix, reason: string) => void): string {
  if (fixes.length === 0) return source.text;
  const together = applyEdits(source.text, fixes.flatMap((f) => f.edits));
  if (!check(source, together, fixes)) return together;
  const good = fixes.filter((fix) => {
    const reason = check(source, applyEdits(source.text, fix.edits), [fix]);
    if (reason) onDrop(fix, reason);
    return !reason;
  });
  if (good.length === 0) return source.text;
  if (good.length < fixes.length) return applyVerified(source, good, check, onDrop);
  // Each is fine alone but not together: one per pass, the next pass re-lints.
  return applyEdits(source.text, good[0]!.edits);
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
