import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KUSTOMIZATION_FILE_NAMES } from './kustomize/file-names.js';

/** The directories that may hold an overlay root of the run (absolute), before any kustomization is read. */
export interface OverlayCandidates {
  /** Directories of kustomizations a directory walk or a glob found. */
  walked: string[];
  /** The plain files named one by one on the command line. */
  namedFiles: string[];
  /** `walked`, and when files are named, every kustomization directory below the current one (a named file may be one's resource). */
  candidates: string[];
}

export function isKustomization(file: string): boolean {
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(file));
}

/** Where to look for overlays among the run's plain files; nothing when there is none (no Kustomize code is loaded then). */
export function overlayCandidates(plain: readonly string[], named: ReadonlySet<string>, cwd: string): OverlayCandidates {
  const walked = plain.filter((file) => isKustomization(file) && !named.has(file)).map((file) => resolve(cwd, dirname(file)));
  const namedFiles = plain.filter((file) => named.has(file)).map((file) => resolve(cwd, file));
  const candidates = namedFiles.length > 0 ? [...walked, ...kustomizationDirsBelow(cwd)] : walked;
  return { walked, namedFiles, candidates };
}

/**
 * The directories below `cwd` (and itself) that hold a kustomization file, breadth first, each
 * directory's entries in the order the file system lists them. Hidden directories (whose
 * kustomizations are never found), node_modules and symbolic links are not entered, and
 * unreadable directories are passed over: what `**\/{kustomization.yaml,…}` globbed before,
 * without loading a glob library on every run that names files.
 */
export function kustomizationDirsBelow(cwd: string): string[] {
  const found: string[] = [];
  const queue = [resolve(cwd)];
  for (let i = 0; i < queue.length; i++) {
    const dir = queue[i]!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isFile() && isKustomization(entry.name)) found.push(dir);
      else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') queue.push(join(dir, entry.name));
    }
  }
  return found;
}
