import { lstatSync, statSync, type Stats } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import fg from 'fast-glob';

export class UsageError extends Error {}

/** YAML manifests, and TypeScript sources (cdk8s charts, Pulumi programs) that may define objects. */
const MANIFEST_GLOB = '**/*.{yaml,yml,ts,mts,cts,tsx}';
const NEVER_READ = ['**/node_modules/**', '**/.git/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

export interface Discovery {
  files: string[];
  /** Inputs that matched nothing (reported as an error unless allowed). */
  unmatched: string[];
  /** FIFOs, devices and sockets a walk or a glob found: never opened (a FIFO would block the run). */
  skipped: { path: string; what: string }[];
}

/** What a FIFO, device or socket is, for a message; undefined for a regular file or a directory. */
export function specialFileKind(stats: Stats): string | undefined {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return undefined;
}

/**
 * Expands the command line's inputs: a file as given, a directory to its YAML and TypeScript files (recursively),
 * anything else as a glob. Symbolic links to directories are not followed, so a link loop
 * cannot hang the run. Order is stable: inputs in order, each expansion sorted. Relative inputs
 * are relative to `cwd`, and so are the paths found from them. A FIFO or device given as an input
 * is kept, to be refused when it is read; one a walk or a glob finds is `skipped`.
 */
export function discoverFiles(inputs: readonly string[], isIgnored: (path: string) => boolean, cwd = process.cwd()): Discovery {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
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
    const found = stats?.isDirectory()
      ? glob(cwd, MANIFEST_GLOB, fg.convertPathToPattern(input.replace(/\/+$/, '')))
      : fg.isDynamicPattern(input)
        ? glob(cwd, input)
        : { files: [], special: [] };
    const kept = found.files.filter((path) => !isIgnored(path));
    if (kept.length === 0 && !(stats?.isDirectory() && found.files.length > 0)) unmatched.push(input);
    kept.forEach(add);
    skipped.push(...found.special.filter(({ path }) => !isIgnored(path)));
  }
  return { files, unmatched, skipped };
}

/**
 * Files, and symbolic links to files; links to directories are not followed (no loops), and
 * config files are not manifests. FIFOs, devices and sockets are set apart.
 */
function glob(cwd: string, pattern: string, base?: string): { files: string[]; special: Discovery['skipped'] } {
  const source = base ? `${base}/${pattern}` : pattern;
  const files: string[] = [];
  const special: Discovery['skipped'] = [];
  const paths = fg
    .sync(source, { cwd, ignore: NEVER_READ, dot: true, onlyFiles: false, followSymbolicLinks: false, suppressErrors: true, unique: true })
    .filter((path) => !CONFIG_FILE_NAMES.includes(basename(path)))
    .sort();
  for (const path of paths) {
    const full = resolve(cwd, path);
    const stats = statOrUndefined(full);
    const what = stats && specialFileKind(stats);
    if (what) special.push({ path, what });
    // A link that cannot be followed (a loop, a missing target) is kept: reading it reports why.
    else if (stats ? stats.isFile() : isSymbolicLink(full)) files.push(path);
  }
  return { files, special };
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
