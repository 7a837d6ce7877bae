import { lstatSync, readFileSync, statSync } from 'node:fs';
import { ConfigError } from './error.js';

/**
 * The text of a config or policy file: a regular file (a FIFO or a device would block or never
 * end), readable, and valid UTF-8 (a replacement character would silently change a key or a
 * value; the error points at the first byte that is not).
 */
export function readTextFile(shown: string, absolute: string, what: 'config' | 'policy file'): string {
  let stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read the ${what}${what === 'config' ? ' file' : ''} (${code === 'ENOENT' && isLink(absolute) ? 'a symbolic link to a file that does not exist' : (code ?? String(error))})`, { file: shown });
  }
  if (!stats.isFile()) throw new ConfigError(`the ${what} is not a regular file`, { file: shown });
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    throw new ConfigError(`cannot read the ${what}${what === 'config' ? ' file' : ''} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: shown });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const valid = new TextDecoder('utf-8').decode(bytes).split('\uFFFD')[0]!;
    const lines = valid.split('\n');
    throw new ConfigError(`the ${what} is not valid UTF-8`, { file: shown, line: lines.length, column: lines[lines.length - 1]!.length + 1 });
  }
}

export function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
