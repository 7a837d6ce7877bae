import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { applyBaseline, baselineOf, occurrences, type BaselineEntry } from '../core/baseline.js';
import type { FileResult } from '../core/findings.js';
import { baselinePath, readBaseline, writeBaseline } from './baseline-file.js';
import type { Io } from './io.js';

/** A baseline file as the user named it, and where it is. */
export interface BaselineFile {
  /** As given on the command line or in the config (relative to the working directory): how messages name it. */
  shown: string;
  absolute: string;
}

export function baselineFile(shown: string, cwd: string): BaselineFile {
  return { shown, absolute: resolve(cwd, shown) };
}

/** `--baseline-write`: records every active finding of the run, and says how many. */
export function recordBaseline(results: readonly FileResult[], file: BaselineFile, root: string, io: Io): void {
  const { baseline, recorded, unlinted } = baselineOf(results, (path) => baselinePath(path, root, file.absolute));
  writeBaseline(file.absolute, file.shown, baseline);
  const skipped = unlinted > 0 ? `; ${plural(unlinted, 'file that could not be linted is', 'files that could not be linted are')} not recorded (fix or ignore them)` : '';
  io.stderr(`gpu-drain-lint: recorded ${plural(recorded, 'finding')} in the baseline ${file.shown}${skipped}\n`);
}

export interface BaselineUse {
  file: BaselineFile;
  /** `--baseline-prune`: rewrite the file without the entries nothing matched. */
  prune: boolean;
  /** The directory reported paths are relative to (FormatContext.root). */
  root: string;
  /** Directories whose every file the run judged (rendered charts and overlays). */
  judgedDirectories: readonly string[];
}

/**
 * `--baseline` (or config `baseline`): marks the findings it holds as suppressed, says how many,
 * and names the entries that match nothing any more (or, pruning, removes them).
 */
export function useBaseline(results: readonly FileResult[], use: BaselineUse, io: Io): void {
  const { file, root } = use;
  const baseline = readBaseline(file.absolute, file.shown);
  const baseDirectory = dirname(file.absolute);
  const linted = new Set(results.map((r) => resolve(root, r.path)));
  const judged = (path: string) => {
    const absolute = resolve(baseDirectory, path);
    return linted.has(absolute) || use.judgedDirectories.some((d) => absolute.startsWith(`${d}${sep}`)) || !existsSync(absolute);
  };
  const { baselined, stale, pruned } = applyBaseline(results, baseline, (path) => baselinePath(path, root, file.absolute), judged);
  io.stderr(`gpu-drain-lint: ${plural(baselined, 'finding')} matched the baseline ${file.shown} and ${baselined === 1 ? 'is' : 'are'} not reported\n`);
  const count = occurrences(stale);
  if (use.prune) {
    if (count === 0) {
      io.stderr(`gpu-drain-lint: the baseline ${file.shown} has no stale entries; left as it is\n`);
      return;
    }
    writeBaseline(file.absolute, file.shown, pruned);
    io.stderr(`gpu-drain-lint: removed ${plural(count, 'stale entry', 'stale entries')} from the baseline ${file.shown}\n`);
    return;
  }
  if (count > 0) {
    const agree = count === 1 ? 'entry no longer matches' : 'entries no longer match';
    io.stderr(`gpu-drain-lint: ${count} baseline ${agree} any finding; run --baseline-prune to remove ${count === 1 ? 'it' : 'them'}:\n${stale.map(describeEntry).join('')}`);
  }
}

function describeEntry(entry: BaselineEntry): string {
  return `  ${entry.path}: ${entry.rule}${entry.object ? ` on ${entry.object}` : ''}${entry.count ? ` (${entry.count}×)` : ''}\n`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
