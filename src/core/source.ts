/** A position in a source file: 1-based line and column, columns in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** A half-open range of offsets into {@link SourceFile.text}. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The text of one input. `text` never includes a byte-order mark: offsets and columns are
 * what an editor shows. `bom` remembers it so that a writer can put it back.
 */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly bom: boolean,
  ) {}

  position(offset: number): Position {
    const starts = this.starts();
    const line = Math.max(0, lastAtOrBefore(starts, offset));
    return { line: line + 1, column: offset - starts[line]! + 1 };
  }

  /** The offset of a 1-based line and column. */
  offsetOf(line: number, column: number): number {
    const starts = this.starts();
    return (starts[Math.min(line, starts.length) - 1] ?? 0) + column - 1;
  }

  private starts(): number[] {
    return (this.lineStarts ??= computeLineStarts(this.text));
  }
}

/** The index of the last number of an ascending list that is at most `value`; -1 when none is. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

export type DecodeResult =
  | { ok: true; text: string; bom: boolean; crOnly?: boolean }
  | { ok: false; reason: string; position: Position };

const BINARY_SNIFF_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Turns file bytes into text the way an editor would, refusing binary and invalid UTF-8. */
export function decode(bytes: Uint8Array): DecodeResult {
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul !== -1) {
    return { ok: false, reason: 'binary file (contains a NUL byte), not YAML', position: positionOfByte(bytes, nul) };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    return { ok: false, reason: 'file is not valid UTF-8', position: positionOfByte(bytes, bad) };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  // Classic Mac line ends (a lone CR) are line breaks too; the length and offsets stay the same.
  const crOnly = /\r(?!\n)/.test(body);
  return { ok: true, text: crOnly ? body.replace(/\r(?!\n)/g, '\n') : body, bom, ...(crOnly ? { crOnly } : {}) };
}

function positionOfByte(bytes: Uint8Array, index: number): Position {
  // Line breaks as YAML counts them: LF, CRLF, or a lone CR.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, index)).replace(/\r\n?/g, '\n');
  const lastNewline = before.lastIndexOf('\n');
  let line = 1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++;
  return { line, column: before.length - lastNewline };
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      utf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}
