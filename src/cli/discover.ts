import { resolve } from 'node:path';
import { isSymbolicLink, specialFileKind, statOrUndefined, type SkippedFile } from './file-kind.js';
import type { WalkOptions } from './glob-files.js';

export class UsageError extends Error {}

/** Inputs that name no file: each said so on its own line, without the usage hint. */
export class MissingInputs extends Error {
  constructor(readonly paths: readonly string[]) {
    super(paths.map((path) => `${path}: no such file or directory`).join('\n'));
  }
}

export interface Discovery {
  files: string[];
  /** Patterns and directories that matched nothing (reported as an error unless allowed). */
  unmatched: string[];
  /** Inputs that are neither a file, a directory nor a pattern: they name a file that does not exist. */
  missing: string[];
  /** FIFOs, devices and sockets a walk or a glob found: never opened (a FIFO would block the run). */
  skipped: SkippedFile[];
}

/**
 * Expands the command line's inputs: a file as given, a directory to its YAML and TypeScript files (recursively),
 * anything else as a glob. Symbolic links to directories are not followed, so a link loop
 * cannot hang the run. Order is stable: inputs in order, each expansion sorted. Relative inputs
 * are relative to `cwd`, and so are the paths found from them. A FIFO or device given as an input
 * is kept, to be refused when it is read; one a walk or a glob finds is `skipped`. Walks and globs
 * leave out what .gitignore files exclude (unless `options.gitignore` is false); a file named as
 * an input is linted even then.
 */
export async function discoverFiles(inputs: readonly string[], isIgnored: (path: string) => boolean, cwd = process.cwd(), options: WalkOptions = { gitignore: true }): Promise<Discovery> {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
  const missing: string[] = [];
  const skipped: Discovery['skipped'] = [];
  // `x.yaml` and `./x.yaml` are one file: linted once (and --fix writes it once), under the first name given.
  const add = (path: string) => {
    const key = resolve(cwd, path);
    if (seen.has(key) || isIgnored(path)) return;
    seen.add(key);
    files.push(path);
  };
  for (const input of inputs) {
    const stats = statOrUndefined(resolve(cwd, input));
    // A broken symbolic link named on the command line is read (and reported) like any file.
    if (stats?.isFile() || (stats && specialFileKind(stats)) || (!stats && isSymbolicLink(resolve(cwd, input)))) {
      add(input);
      continue;
    }
    // The glob library is loaded only for a directory or a pattern: a run on named files (a pre-commit hook) does without.
    const { globDirectory, globPattern, isPattern } = await import('./glob-files.js');
    if (!stats?.isDirectory() && !isPattern(input)) {
      missing.push(input);
      continue;
    }
    const found = stats?.isDirectory() ? globDirectory(cwd, input, options) : globPattern(cwd, input, options);
    const kept = found.files.filter((path) => !isIgnored(path));
    if (kept.length === 0 && !(stats?.isDirectory() && found.files.length > 0)) unmatched.push(input);
    kept.forEach(add);
    skipped.push(...found.special.filter(({ path }) => !isIgnored(path)));
  }
  return { files, unmatched, missing, skipped };
}
