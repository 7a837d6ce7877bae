import { resolve } from 'node:path';
import type { Translation } from '../core/file-change.js';
import type { FileResult, Finding } from '../core/findings.js';
import { lint, type LintInput, type LintOptions } from '../engine/lint.js';
import { unifiedDiff } from '../fix/diff.js';
import { appliesIn, encode, fixAll, markNotFixed, withdrawFix, type FixedFile, type FixRun } from '../fix/fixer.js';
import { writeAtomically } from '../fix/write.js';
import { translateRenderedFixes, type Refix, type RenderedSource } from '../render/map-results.js';
import type { CliOptions } from './args.js';
import type { Io } from './io.js';
import { plural } from '../core/plural.js';

/** The rendered inputs of a run: where their findings go, and the charts and overlays that could not be rendered. */
export interface RenderedInputs {
  sources: RenderedSource[];
  problems: FileResult[];
}

export interface FixContext {
  io: Io;
  options: CliOptions;
  lintOptions: LintOptions;
  inputs: LintInput[];
  rendered: RenderedInputs;
  /** The inputs read (and charts and overlays rendered) again, once --fix has changed them on disk. */
  reread(): Promise<{ inputs: LintInput[]; rendered: RenderedInputs }>;
  /** How a path is shown in a diff's header (as reports show it). */
  reportPath?(path: string): string;
}

/**
 * After the fix loop: writes the fixes (--fix; a chart's or overlay's to the files it came from)
 * or prints them as a diff (--fix-dry-run), and gives the results to report, about the files as
 * --fix leaves them, or as a dry run would leave them.
 */
export async function reportFixes(run: FixRun, context: FixContext): Promise<{ results: FileResult[]; diffs: string; inputs: LintInput[]; rendered: RenderedInputs; written: number }> {
  const { io, options, lintOptions } = context;
  const shown = (path: string) => context.reportPath?.(path) ?? path;
  let { inputs, rendered } = context;
  let results = run.results;
  let diffs = '';
  // Files --fix wrote.
  let written = 0;
  logNotApplied(io, run.dropped);
  // A fixed chart or overlay is written to the templates, values and patches it came from.
  const refix: Refix = (path, check) => {
    const input = inputs.find((i) => i.path === path);
    if (!input) return undefined;
    const again = fixAll([input], lintOptions, { unsafe: options.unsafeFixes }, new Map([[path, check]]));
    logNotApplied(io, again.dropped);
    return again.fixed.get(path);
  };
  const translations = translateRenderedFixes(run.fixed, rendered.sources, refix);
  if (options.fix) {
    let unwritten: Map<string, string>;
    ({ unwritten, written } = writeFixedFiles(run.fixed, inputs, io, translations));
    // The report and the exit code are about the files as they are left on disk.
    if ([...translations].some(([path, t]) => t.ok && !unwritten.has(path))) {
      // Charts and overlays changed on disk: rendered again (its warnings were said already), they are reported as they now are.
      ({ inputs, rendered } = await context.reread());
      results = lint(inputs, lintOptions);
      markNotFixed(results, run);
      markNotWritten(results, unwritten, options.unsafeFixes);
    } else if (unwritten.size > 0) {
      results = lint(asLeftOnDisk(inputs, run.fixed, unwritten), lintOptions);
      markNotFixed(results, run);
      markNotWritten(results, unwritten, options.unsafeFixes);
    }
  } else {
    const untranslated = new Map<string, string>();
    // A file two overlays change (their base) is shown once, with both changes (translated in order, each from where the last left it).
    const changedFiles = new Map<string, { before: string; after: string }>();
    for (const translation of translations.values()) {
      if (!translation.ok) continue;
      for (const change of translation.changes) changedFiles.set(change.path, { before: changedFiles.get(change.path)?.before ?? change.before, after: change.after });
    }
    for (const result of results) {
      const fixed = run.fixed.get(result.path);
      if (!fixed) continue;
      const translation = translations.get(result.path);
      if (!translation) {
        result.output = fixed.output;
        diffs += unifiedDiff(shown(result.path), fixed.original, fixed.output);
      } else if (translation.ok) {
        untranslated.set(result.path, '');
      } else {
        untranslated.set(result.path, translation.reason);
      }
    }
    for (const [path, change] of changedFiles) diffs += unifiedDiff(shown(path), change.before, change.after);
    // A rendered text is reported as rendered from the files as they are (its positions are theirs),
    // less the findings its fixes resolve, as a plain file's dry run reports what would remain.
    if (untranslated.size > 0) {
      const remaining = new Map(run.results.filter((r) => untranslated.get(r.path) === '').map((r) => [r.path, new Set(r.findings.map(findingKey))]));
      results = lint(asLeftOnDisk(inputs, run.fixed, untranslated), lintOptions);
      for (const result of results) {
        const left = remaining.get(result.path);
        if (left) result.findings = result.findings.filter((f) => left.has(findingKey(f)));
      }
      markNotFixed(results, run);
      markNotWritten(results, new Map([...untranslated].filter(([, why]) => why !== '')), options.unsafeFixes);
    }
  }
  return { results, diffs, inputs, rendered, written };
}

/**
 * `fixed 3 problems in 2 files`: the reported problems (before fixing) with a fix the mode applies
 * that the report after fixing no longer has, told apart by file, rule and fingerprint (which
 * edits elsewhere in the file do not change), and the files written.
 */
export function fixedSummary(before: readonly FileResult[], after: readonly FileResult[], mode: { unsafe: boolean }, written: number): string {
  const remaining = new Set(after.flatMap((result) => result.findings.map((finding) => problemKey(result.path, finding))));
  const fixed = new Set(
    before.flatMap((result) =>
      result.findings.filter((finding) => finding.fix && !finding.suppressions && appliesIn(finding.fix, mode)).map((finding) => problemKey(result.path, finding)),
    ),
  );
  const count = [...fixed].filter((key) => !remaining.has(key)).length;
  return count === 0 ? 'no problems fixed' : `fixed ${plural(count, 'problem')} in ${plural(written, 'file')}`;
}

function problemKey(path: string, finding: Finding): string {
  return `${path}\u0000${findingKey(finding)}`;
}

/** Each fix the loop dropped, with why; one refused in one pass is usually refused again in the next: said once. */
function logNotApplied(io: Io, dropped: FixRun['dropped']): void {
  for (const line of new Set(dropped.map(({ path, fix, reason }) => `gpu-drain-lint: ${path}: not applied: ${fix.description}: ${reason}\n`))) io.stderr(line);
}

/**
 * Writes the fixed files (for a rendered text, the files it came from); returns the paths left as
 * they were, with why (each said so on stderr), and how many files were written.
 */
function writeFixedFiles(fixed: Map<string, FixedFile>, inputs: LintInput[], io: Io, translations: ReadonlyMap<string, Translation>): { unwritten: Map<string, string>; written: number } {
  const unwritten = new Map<string, string>();
  const written = new Map<string, Buffer>();
  for (const [path, file] of fixed) {
    const input = inputs.find((i) => i.path === path);
    if (!input || !(input.content instanceof Uint8Array)) continue;
    const translation = translations.get(path);
    const writes = translation
      ? translation.ok
        ? translation.changes.map((change) => ({ path: change.path, content: new TextEncoder().encode(change.after), expected: new TextEncoder().encode(change.before) }))
        : []
      : [{ path, content: encode(file.output, file.bom), expected: input.content }];
    let refusal: { log: string; why: string } | undefined =
      translation && !translation.ok ? { log: `${path}: not fixed: ${translation.reason}`, why: translation.reason } : undefined;
    for (const write of writes) {
      if (refusal) break;
      // Two overlays of one base fix it alike: the second finds it written already.
      if (written.get(write.path)?.equals(write.content)) continue;
      refusal = writeOne(io, write.path, write.content, write.expected);
      if (!refusal) written.set(write.path, Buffer.from(write.content));
    }
    if (refusal === undefined) continue;
    io.stderr(`gpu-drain-lint: ${refusal.log}\n`);
    unwritten.set(path, refusal.why);
  }
  return { unwritten, written: written.size };
}

function writeOne(io: Io, path: string, content: Uint8Array, expected: Uint8Array): { log: string; why: string } | undefined {
  try {
    const outcome = writeAtomically(resolve(io.cwd, path), content, expected);
    if (outcome === 'changed-on-disk') return { log: `${path} changed on disk while it was being linted: not overwritten`, why: 'the file changed on disk while it was being linted' };
    if (outcome === 'read-only') return { log: `${path} is read-only (no write permission): not overwritten`, why: 'the file is read-only' };
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { log: `${path}: cannot write the fixed file: ${code}`, why: `the file cannot be written (${code})` };
  }
}

/**
 * In a file --fix could not write, the fixes this run would have applied are not offered again
 * (another run would fail the same way): each of their findings says why instead.
 */
function markNotWritten(results: readonly FileResult[], unwritten: ReadonlyMap<string, string>, unsafe: boolean): void {
  for (const result of results) {
    const why = unwritten.get(result.path);
    if (!why) continue;
    for (const finding of result.findings) {
      if (finding.fix && appliesIn(finding.fix, { unsafe })) withdrawFix(finding, why);
    }
  }
}

/** The inputs as --fix left them: fixed where written, as read where not. */
function asLeftOnDisk(inputs: readonly LintInput[], fixed: Map<string, FixedFile>, unwritten: ReadonlyMap<string, string>): LintInput[] {
  return inputs.map((input) => {
    const file = fixed.get(input.path);
    return file && !unwritten.has(input.path) ? { ...input, content: encode(file.output, file.bom) } : input;
  });
}

/** A finding across a fix of its file: its rule and fingerprint (which edits elsewhere do not change). */
function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.fingerprint}`;
}

