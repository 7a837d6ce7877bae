const ANSI = /\x1b\[[0-9;]*m/g;

/** The columns `text` takes on a terminal: its length without colour codes. */
export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/** `text` padded with spaces to `width` visible columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/**
 * Breaks `text` at spaces into lines of at most `width` columns (colour codes take none), the
 * first starting with `first`, the others with `rest`; a word longer than a line (a URL) gets a
 * line of its own rather than being cut.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}
