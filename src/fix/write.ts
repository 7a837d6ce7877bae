import { chmodSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteOutcome = 'written' | 'changed-on-disk';

/**
 * Replaces a file's content the way editors do: write a temporary file beside it with the same
 * mode, then rename it over the original, so a crash never leaves half a manifest. The target of
 * a symbolic link is written, not the link. Nothing is written when the file no longer holds
 * `expected` (it was edited while we were linting).
 */
export function writeAtomically(path: string, content: Uint8Array, expected: Uint8Array): WriteOutcome {
  const target = realpathSync(path);
  if (!Buffer.from(readFileSync(target)).equals(Buffer.from(expected))) return 'changed-on-disk';
  const mode = statSync(target).mode & 0o7777;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.gpu-drain-lint.tmp`);
  try {
    writeFileSync(temporary, content, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return 'written';
}
