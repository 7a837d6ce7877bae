import type { Document, Scalar } from 'yaml';
import { SourceFile, type Position } from '../../core/source.js';
import { readBlockHeader } from '../../languages/yaml/block-scalar.js';
import { PARSE_OPTIONS, parseDocuments } from '../../languages/yaml/parse.js';
import type { FileReader } from './files.js';

export interface Place {
  start: Position;
  end: Position;
}

/** YAML documents as written in a file: a whole file, or a patch written inline in a kustomization. */
export interface WrittenYaml {
  /** The absolute path of the file the text is in. */
  file: string;
  documents: Document.Parsed[];
  /** Where an offset range of the documents' text stands in the file. */
  place(start: number, end: number): Place;
}

/** A file's documents (those that parse); undefined when it cannot be read. */
export function fileYaml(file: string, fs: FileReader): WrittenYaml | undefined {
  const text = fs.readFile(file);
  if (text === undefined) return undefined;
  const source = new SourceFile(file, text, false);
  return {
    file,
    documents: parseDocuments(text, PARSE_OPTIONS).filter((document) => document.errors.length === 0),
    place: (start, end) => ({ start: source.position(start), end: source.position(trimmedEnd(text, start, end)) }),
  };
}

/**
 * A patch written as a string in a kustomization file. A literal block scalar (`patch: |-`) keeps
 * its lines: a position in the patch is the same line below the header, shifted by the content's
 * indentation. Any other style (folded, quoted) is placed at the scalar as a whole.
 */
export function inlineYaml(file: string, source: SourceFile, scalar: Scalar): WrittenYaml {
  const text = String(scalar.value);
  const inner = new SourceFile(file, text, false);
  const [scalarStart, scalarEnd] = scalar.range ?? [0, 0];
  const header = scalar.type === 'BLOCK_LITERAL' ? readBlockHeader(source.text.slice(scalarStart, scalarEnd)) : undefined;
  const headerLine = source.position(scalarStart).line;
  const whole = { start: source.position(scalarStart), end: source.position(trimmedEnd(source.text, scalarStart, scalarEnd)) };
  const shift = (position: Position): Position => ({ line: headerLine + position.line, column: position.column + header!.column });
  return {
    file,
    documents: parseDocuments(text, PARSE_OPTIONS).filter((document) => document.errors.length === 0),
    place: (start, end) => (header ? { start: shift(inner.position(start)), end: shift(inner.position(trimmedEnd(text, start, end))) } : whole),
  };
}

/** A node's end without the line breaks and spaces a block node's range takes in after it. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let trimmed = end;
  while (trimmed > start && /\s/.test(text[trimmed - 1]!)) trimmed--;
  return trimmed;
}
