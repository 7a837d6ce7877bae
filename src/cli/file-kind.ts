import { lstatSync, statSync, type Stats } from 'node:fs';

/** A FIFO, device or socket a walk or a glob found, and what it is. */
export interface SkippedFile {
  path: string;
  what: string;
}

/** What a FIFO, device or socket is, for a message; undefined for a regular file or a directory. */
export function specialFileKind(stats: Stats): string | undefined {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return undefined;
}

export function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
