import { lstatSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** An overlay is built again in a copy only when what is copied is at most this large. */
export const MAX_COPIED_FILES = 2000;
export const MAX_COPIED_BYTES = 50 * 1024 * 1024;

/** The lowest directory that holds the overlay root and every file its build reads (absolute paths). */
export function copyRootOf(root: string, files: readonly string[]): string {
  let common = resolve(root);
  for (const file of files) {
    const dir = dirname(resolve(file));
    while (!isWithin(common, dir)) {
      const parent = dirname(common);
      if (parent === common) return common;
      common = parent;
    }
  }
  return common;
}

/**
 * Why `dir` is too large to copy (more than {@link MAX_COPIED_FILES} files or
 * {@link MAX_COPIED_BYTES} bytes, `.git` and `node_modules` aside, as the copy leaves them), or
 * undefined. Stops counting at the first limit passed; symbolic links are copied as links.
 */
export function tooLargeToCopy(dir: string): string | undefined {
  let files = 0;
  let bytes = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
        continue;
      }
      files++;
      try {
        bytes += entry.isFile() ? lstatSync(path).size : 0;
      } catch {
        // Gone since it was listed: nothing to copy.
      }
      if (files > MAX_COPIED_FILES) return `${dir} holds more than ${MAX_COPIED_FILES} files`;
      if (bytes > MAX_COPIED_BYTES) return `${dir} holds more than ${MAX_COPIED_BYTES / 1024 / 1024} MB`;
    }
  }
  return undefined;
}

function isWithin(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside));
}
