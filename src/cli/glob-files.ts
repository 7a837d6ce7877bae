import { basename, resolve } from 'node:path';
import fg from 'fast-glob';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { isSymbolicLink, specialFileKind, statOrUndefined, type SkippedFile } from './file-kind.js';

/** YAML manifests, and TypeScript sources (cdk8s charts, Pulumi programs) that may define objects. */
const MANIFEST_GLOB = '**/*.{yaml,yml,ts,mts,cts,tsx}';
const NEVER_READ = ['**/node_modules/**', '**/.git/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

export interface Globbed {
  files: string[];
  special: SkippedFile[];
}

/** Whether an input that is neither a file nor a directory is a glob pattern. */
export function isPattern(input: string): boolean {
  return fg.isDynamicPattern(input);
}

/** The manifests below a directory (`input`, relative to `cwd`). */
export function globDirectory(cwd: string, input: string): Globbed {
  return glob(cwd, `${fg.convertPathToPattern(input.replace(/\/+$/, ''))}/${MANIFEST_GLOB}`);
}

/** The files a glob pattern (relative to `cwd`) matches. */
export function globPattern(cwd: string, pattern: string): Globbed {
  return glob(cwd, pattern);
}

/**
 * Files, and symbolic links to files; links to directories are not followed (no loops), and
 * config files are not manifests. FIFOs, devices and sockets are set apart.
 */
function glob(cwd: string, source: string): Globbed {
  const files: string[] = [];
  const special: SkippedFile[] = [];
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
