import { lstatSync, statSync } from 'node:fs';
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
}

/**
 * Expands the command line's inputs: a file as given, a directory to its YAML and TypeScript files (recursively),
 * anything else as a glob. Symbolic links to directories are not followed, so a link loop
 * cannot hang the run. Order is stable: inputs in order, each expansion sorted. Relative inputs
 * are relative to `cwd`, and so are the paths found from them.
 */
export function discoverFiles(inputs: readonly string[], isIgnored: (path: string) => boolean, cwd = process.cwd()): Discovery {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
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
    if (stats?.isFile() || (!stats && isSymbolicLink(resolve(cwd, input)))) {
      add(input);
      continue;
    }
    const matched = stats?.isDirectory()
      ? glob(cwd, MANIFEST_GLOB, fg.convertPathToPattern(input.replace(/\/+$/, '')))
      : fg.isDynamicPattern(input)
        ? glob(cwd, input)
        : [];
    const kept = matched.filter((path) => !isIgnored(path));
    if (kept.length === 0 && !(stats?.isDirectory() && matched.length > 0)) unmatched.push(input);
    kept.forEach(add);
  }
  return { files, unmatched };
}

/**
 * Files only, and symbolic links to files; links to directories are not followed (no loops),
 * and config files are not manifests.
 */
function glob(cwd: string, pattern: string, base?: string): string[] {
  const source = base ? `${base}/${pattern}` : pattern;
  const isFileOrLink = (path: string) => {
    const full = resolve(cwd, path);
    const stats = statOrUndefined(full);
    return stats ? stats.isFile() : isSymbolicLink(full);
  };
  return fg
    .sync(source, { cwd, ignore: NEVER_READ, dot: true, onlyFiles: false, followSymbolicLinks: false, suppressErrors: true, unique: true })
    // A link that cannot be followed (a loop, a missing target) is kept: reading it reports why.
    .filter((path) => isFileOrLink(path) && !CONFIG_FILE_NAMES.includes(basename(path)))
    .sort();
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
