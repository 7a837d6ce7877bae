import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  ftruncateSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteOutcome = 'written' | 'changed-on-disk' | 'read-only';

/**
 * Replaces a file's content and nothing else about it. Like an editor, it writes a temporary
 * file beside it with the same mode and owner and renames it over the original, so a crash never
 * leaves half a manifest; a file with other hard links, or whose owner this user cannot give the
 * temporary file, is overwritten in place instead, so every name sees the new text and the owner
 * stays. The target of a symbolic link is written, not the link. Nothing is written when this
 * user may not write the file (`read-only`: a rename needs only the directory's permission), or
 * when the file no longer holds `expected` (it was edited while we were linting).
 */
export function writeAtomically(path: string, content: Uint8Array, expected: Uint8Array): WriteOutcome {
  const target = realpathSync(path);
  const stats = statSync(target);
  if (!mayWrite(target, stats)) return 'read-only';
  if (!Buffer.from(readFileSync(target)).equals(Buffer.from(expected))) return 'changed-on-disk';
  if (stats.nlink > 1 || !replaceByRename(target, content, stats)) writeInPlace(target, content);
  return 'written';
}

/** Root passes every access check, so a file without any write bit is refused too. */
function mayWrite(target: string, stats: Stats): boolean {
  if ((stats.mode & 0o222) === 0) return false;
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** False, with nothing changed, when the temporary file cannot be given the original's owner. */
function replaceByRename(target: string, content: Uint8Array, original: Stats): boolean {
  const mode = original.mode & 0o7777;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.gpu-drain-lint.tmp`);
  try {
    writeFileSync(temporary, content, { mode });
    if (!giveOwner(temporary, original)) {
      rmSync(temporary, { force: true });
      return false;
    }
    // After chown, which clears the set-user-ID and set-group-ID bits; the umask narrowed the rest.
    chmodSync(temporary, mode);
    renameSync(temporary, target);
    return true;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Root can give a file to anyone; another user only to itself and its own groups. */
function giveOwner(file: string, { uid, gid }: Stats): boolean {
  const current = statSync(file);
  if (current.uid === uid && current.gid === gid) return true;
  try {
    chownSync(file, uid, gid);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return false;
    throw error;
  }
}

/** Overwrites the file's own inode: its links, owner and mode stay as they are. */
function writeInPlace(target: string, content: Uint8Array): void {
  const descriptor = openSync(target, 'r+');
  try {
    writeFileSync(descriptor, content);
    ftruncateSync(descriptor, content.byteLength);
  } finally {
    closeSync(descriptor);
  }
}
