import { textWidth, wrapWords } from '../formatters/text-width.js';

/** `text` padded with spaces to `width` terminal columns (colour codes take none). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/**
 * Breaks `text` at spaces into lines of at most `width` columns, the first starting with `first`,
 * the others with `rest`; a word longer than a line (a URL) gets a line of its own rather than
 * being cut.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  if (text.trim() === '') return [];
  return wrapWords(text, width - textWidth(rest), width - textWidth(first)).map((line, i) => `${i === 0 ? first : rest}${line}`);
}
