import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './discover.js';
import type { Io } from './io.js';

/** Writes what a command outputs to a file the user named (`-o`), making its directory; a failure is a usage error naming `what`. */
export function writeOutputFile(io: Io, path: string, text: string, what: string): void {
  const full = resolve(io.cwd, path);
  try {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  } catch (error) {
    throw new UsageError(`cannot write ${what} to "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
