import type { Finding } from '../core/findings.js';
import { severityStyle, type Colors } from './colors.js';
import { charWidth } from './text-width.js';

const TAB_STOP = 4;
/** Lines shown before and after the finding's. */
const CONTEXT_LINES = 1;
/** Lines of a span over several lines shown before the rest is left out. */
const SPAN_LINES = 3;

type Span = Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn' | 'severity'>;

/**
 * The finding's line(s) of `text` with a line before and after, numbered, and carets under the
 * span on its first line (to its end there, or the end of that line when the span goes on):
 *
 * ```text
 * 18 |     spec:
 * 19 |       containers:
 *    |       ^^^^^^^^^^
 * 20 |         - name: vllm
 * ```
 *
 * Tabs are expanded and wide characters counted twice, so the caret stands under the column;
 * control characters show as `�`. Undefined when the text has no such line.
 */
export function codeFrame(text: string, span: Span, c: Colors): string[] | undefined {
  const lines = text.split(/\r?\n/);
  if (text.endsWith('\n')) lines.pop();
  if (span.line < 1 || span.line > lines.length) return undefined;
  const lastMarked = Math.min(span.endLine, span.line + SPAN_LINES - 1, lines.length);
  const first = Math.max(1, span.line - CONTEXT_LINES);
  const last = Math.min(lines.length, Math.max(span.line, lastMarked) + CONTEXT_LINES);
  const numberWidth = String(last).length;
  const gutter = (label: string) => c.dim(`${label.padStart(numberWidth)} |`);
  const frame: string[] = [];
  for (let number = first; number <= last; number++) {
    const source = lines[number - 1]!;
    const shown = expand(source);
    frame.push(shown.text === '' ? gutter(String(number)) : `${gutter(String(number))} ${shown.text}`);
    if (number !== span.line) continue;
    const start = shown.columnAt(span.column - 1);
    const end = span.endLine === span.line ? shown.columnAt(span.endColumn - 1) : shown.columnAt(source.length);
    const carets = '^'.repeat(Math.max(1, end - start));
    frame.push(`${gutter('')} ${' '.repeat(start)}${severityStyle(c, span.severity)(carets)}`);
  }
  return frame;
}

/** A source line as shown (tabs expanded, control characters replaced), and the display column of each UTF-16 offset in it. */
function expand(line: string): { text: string; columnAt(offset: number): number } {
  let text = '';
  let width = 0;
  // columns[i]: the display column where the code unit at offset i starts.
  const columns: number[] = [];
  for (const char of line) {
    for (let unit = 0; unit < char.length; unit++) columns.push(width);
    if (char === '\t') {
      const spaces = TAB_STOP - (width % TAB_STOP);
      text += ' '.repeat(spaces);
      width += spaces;
    } else if (/\p{Cc}/u.test(char)) {
      text += '\uFFFD';
      width += 1;
    } else {
      text += char;
      width += charWidth(char);
    }
  }
  columns.push(width);
  return { text, columnAt: (offset) => columns[Math.max(0, Math.min(offset, columns.length - 1))]! };
}
