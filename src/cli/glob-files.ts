import { readdirSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import fg from 'fast-glob';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { isSymbolicLink, specialFileKind, statOrUndefined, type SkippedFile } from './file-kind.js';
import { gitRoot } from './git-root.js';
import { GitIgnore } from './gitignore.js';

/** YAML manifests, and TypeScript sources (cdk8s charts, Pulumi programs) that may define objects. */
const MANIFEST_NAME = /\.(?:yaml|yml|ts|mts|cts|tsx)$/;
const DECLARATION_NAME = /\.d\.(?:ts|mts|cts)$/;
const NEVER_ENTERED = new Set(['node_modules', '.git']);
const NEVER_READ = ['**/node_modules/**', '**/.git/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

export interface Globbed {
  files: string[];
  special: SkippedFile[];
}

export interface WalkOptions {
  /** Leave out what the repository's .gitignore files (and .git/info/exclude) exclude. */
  gitignore: boolean;
}

/** Whether a walk reads a file of this name: a YAML or TypeScript source, not a declaration file or a config file. */
export function isManifestName(name: string): boolean {
  return MANIFEST_NAME.test(name) && !DECLARATION_NAME.test(name) && !CONFIG_FILE_NAMES.includes(name);
}

/** Whether an input that is neither a file nor a directory is a glob pattern. */
export function isPattern(input: string): boolean {
  return fg.isDynamicPattern(input);
}

/**
 * The manifests below a directory (`input`, relative to `cwd`), named as `input/…`. Ignored
 * directories are not entered; the directory itself is walked even when ignored (it was named).
 */
export function globDirectory(cwd: string, input: string, options: WalkOptions): Globbed {
  const base = input.replace(/\/+$/, '');
  const prefix = base === '.' ? '' : `${base}/`;
  const start = resolve(cwd, input);
  const root = options.gitignore ? gitRoot(start) : undefined;
  const found: Globbed = { files: [], special: [] };
  walk(start, prefix, root === undefined ? undefined : new GitIgnore(root), options, found);
  found.files.sort();
  found.special.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found;
}

/** `directory`'s manifests into `found`; symbolic links to directories are not followed (no loops). */
function walk(directory: string, prefix: string, ignore: GitIgnore | undefined, options: WalkOptions, found: Globbed): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  // A repository nested in this one (a submodule, a vendored clone) has its own ignore files.
  if (options.gitignore && ignore && directory !== ignore.root && entries.some((e) => e.name === '.git')) ignore = new GitIgnore(directory);
  for (const entry of entries) {
    if (NEVER_ENTERED.has(entry.name)) continue;
    const full = join(directory, entry.name);
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      if (!ignore?.excludes(full, true)) walk(full, `${path}/`, ignore, options, found);
      continue;
    }
    if (!isManifestName(entry.name)) continue;
    if (ignore?.excludes(full, false)) continue;
    sort(full, path, found);
  }
}

/** The files a glob pattern (relative to `cwd`) matches, less those .gitignore files exclude when asked. */
export function globPattern(cwd: string, pattern: string, options: WalkOptions): Globbed {
  const paths = fg
    .sync(pattern, { cwd, ignore: NEVER_READ, dot: true, onlyFiles: false, followSymbolicLinks: false, suppressErrors: true, unique: true })
    .filter((path) => !CONFIG_FILE_NAMES.includes(basename(path)))
    .sort();
  const ignored = options.gitignore ? ignoredBy() : () => false;
  const found: Globbed = { files: [], special: [] };
  for (const path of paths) {
    const full = resolve(cwd, path);
    if (!ignored(full)) sort(full, path, found);
  }
  return found;
}

/** Whether a file is ignored by the .gitignore files of the repository it is in (none outside one). */
function ignoredBy(): (path: string) => boolean {
  const byDirectory = new Map<string, GitIgnore | undefined>();
  const byRoot = new Map<string, GitIgnore>();
  return (path) => {
    const directory = dirname(path);
    if (!byDirectory.has(directory)) {
      const root = gitRoot(directory);
      if (root !== undefined && !byRoot.has(root)) byRoot.set(root, new GitIgnore(root));
      byDirectory.set(directory, root === undefined ? undefined : byRoot.get(root));
    }
    return byDirectory.get(directory)?.ignores(path) ?? false;
  };
}

/**
 * A file, or a symbolic link to one, is kept; a link that cannot be followed (a loop, a missing
 * target) too: reading it reports why. FIFOs, devices and sockets are set apart, never opened.
 */
function sort(full: string, path: string, found: Globbed): void {
  const stats = statOrUndefined(full);
  const what = stats && specialFileKind(stats);
  if (what) found.special.push({ path, what });
  else if (stats ? stats.isFile() : isSymbolicLink(full)) found.files.push(path);
}
