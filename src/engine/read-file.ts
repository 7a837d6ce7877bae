import { decode, SourceFile } from '../core/source.js';
import { languageOf } from '../languages/index.js';
import type { ReadResult } from '../languages/shared/language.js';
import type { TsParse } from '../languages/shared/parsers.js';

/**
 * A file's bytes as its language read them: plain data (no parser objects, no functions), so
 * that a worker thread can read a file and hand the result over (see read-pool.ts).
 */
export type FileRead =
  | { text: string; bom: boolean; read: ReadResult }
  | { undecodable: { reason: string; line: number; column: number } };

/** Decodes a file's bytes and reads them in its language. */
export function readFile(path: string, content: Uint8Array, parseTypeScript: TsParse | undefined): FileRead {
  const decoded = decode(content);
  if (!decoded.ok) return { undecodable: { reason: decoded.reason, line: decoded.position.line, column: decoded.position.column } };
  return { text: decoded.text, bom: decoded.bom, read: languageOf(path).read(new SourceFile(path, decoded.text, decoded.bom), parseTypeScript) };
}
