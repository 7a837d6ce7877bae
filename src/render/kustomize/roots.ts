import { resolve } from 'node:path';
import { cachedReader, type FileReader } from './files.js';
import { kustomizationFileOf, readKustomization, type Kustomization } from './kustomization.js';

/** Deeper chains of bases than this are not followed (kustomize has no limit; real overlays are a few levels deep). */
export const MAX_KUSTOMIZATION_DEPTH = 32;
/** At most this many kustomizations are read from one root. */
export const MAX_KUSTOMIZATIONS_PER_ROOT = 1000;

/**
 * The kustomization directories among `dirs` that no other one among them builds: an overlay
 * nothing uses is a root, a base an overlay uses is not. A directory uses another through
 * `resources`, `bases` or `components`, also through directories outside `dirs` (a base in
 * between). Directories that reach each other (a cycle, which kustomize refuses) are all roots,
 * so that rendering them reports the cycle. A directory whose kustomization cannot be read is a
 * root too: rendering it says what is wrong; one with no kustomization file is none. Returned in
 * the order given, resolved.
 */
export function overlayRoots(dirs: readonly string[], fs: FileReader): string[] {
  const reader = cachedReader(fs);
  const children = childrenReader(reader);
  const set = [...new Set(dirs.map((dir) => resolve(dir)))].filter((dir) => hasKustomizationFile(dir, reader));
  const reachable = new Map(set.map((dir) => [dir, reachableFrom(dir, children)]));
  return set.filter((dir) => !set.some((other) => other !== dir && reachable.get(other)!.has(dir) && !reachable.get(dir)!.has(other)));
}

/**
 * Every local file a build of `root` reads, absolute and sorted: the kustomization files of the
 * root, its bases and components (followed to any depth up to the cap, never around a cycle),
 * resource files, patch files, generator sources and the other files a kustomization names.
 * Only files that exist; a directory entry stands for its kustomization file.
 */
export function filesOf(root: string, fs: FileReader): string[] {
  const reader = cachedReader(fs);
  const files = new Set<string>();
  const visited = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    if (visited.has(dir) || depth > MAX_KUSTOMIZATION_DEPTH || visited.size >= MAX_KUSTOMIZATIONS_PER_ROOT) return;
    visited.add(dir);
    const read = readKustomization(dir, reader);
    if (!read.ok) return;
    const kustomization = read.kustomization;
    files.add(kustomization.file);
    const local = [...kustomization.resources, ...kustomization.components, ...kustomization.patches.flatMap((patch) => (patch.file ? [patch.file] : [])), ...kustomization.otherFiles];
    for (const reference of local) {
      if (reference.remote || !reference.absolute) continue;
      if (reader.isDirectory(reference.absolute)) visit(reference.absolute, depth + 1);
      else if (reader.readFile(reference.absolute) !== undefined) files.add(reference.absolute);
    }
  };
  visit(resolve(root), 0);
  return [...files].sort();
}

function hasKustomizationFile(dir: string, reader: FileReader): boolean {
  const located = kustomizationFileOf(dir, reader);
  return !('problem' in located) || located.problem.code !== 'missing';
}

type Children = (dir: string) => string[];

/** The local directories a kustomization builds on (resources, bases, components that are directories). */
function childrenReader(reader: FileReader): Children {
  const cache = new Map<string, string[]>();
  return (dir) => {
    let children = cache.get(dir);
    if (!children) {
      const read = readKustomization(dir, reader);
      children = read.ok ? directoriesUsed(read.kustomization, reader) : [];
      cache.set(dir, children);
    }
    return children;
  };
}

function directoriesUsed(kustomization: Kustomization, reader: FileReader): string[] {
  return [...kustomization.resources, ...kustomization.components].flatMap((reference) =>
    !reference.remote && reference.absolute && reader.isDirectory(reference.absolute) ? [reference.absolute] : [],
  );
}

/** The directories `start` builds on, directly or not (itself only through a cycle). */
function reachableFrom(start: string, children: Children): Set<string> {
  const seen = new Set<string>();
  let frontier = [start];
  for (let depth = 0; depth < MAX_KUSTOMIZATION_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of frontier) {
      for (const child of children(dir)) {
        if (seen.has(child) || seen.size >= MAX_KUSTOMIZATIONS_PER_ROOT) continue;
        seen.add(child);
        next.push(child);
      }
    }
    frontier = next;
  }
  return seen;
}
