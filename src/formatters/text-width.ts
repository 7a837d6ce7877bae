/**
 * Widths of text as a terminal shows it: ANSI escape sequences take no room, East Asian wide and
 * fullwidth characters (and emoji) take two columns, combining marks and format characters none.
 */

/** Columns text is wrapped to when the terminal's width is unknown (stdout is not one). */
export const WIDTH_WITHOUT_TERMINAL = 80;

const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\))/g;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** Code point ranges two columns wide (Unicode's East_Asian_Width W and F, and wide emoji), in order. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x3fffd],
];

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns one character (a code point) takes. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x7f) return code < 0x20 ? 0 : 1;
  if (ZERO_WIDTH.test(char)) return 0;
  return isWide(code) ? 2 : 1;
}

/** Columns the text takes in a terminal (escape sequences excluded). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += charWidth(char);
  return width;
}

function isWide(code: number): boolean {
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = WIDE[middle]!;
    if (code < from) high = middle - 1;
    else if (code > to) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * Words (runs of non-space) laid into lines of at most `width` columns, the first line having
 * `firstWidth` (what a prefix leaves). A word is never broken: one longer than a line (a long
 * path, a URL) takes a line of its own and overflows it.
 */
export function wrapWords(text: string, width: number, firstWidth = width): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of words) {
    const wordWidth = textWidth(word);
    const room = lines.length === 0 ? firstWidth : width;
    if (line === '') {
      line = word;
      used = wordWidth;
    } else if (used + 1 + wordWidth <= room) {
      line += ` ${word}`;
      used += 1 + wordWidth;
    } else {
      lines.push(line);
      line = word;
      used = wordWidth;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
