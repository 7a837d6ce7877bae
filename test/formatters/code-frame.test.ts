import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/formatters/code-frame.js';
import { colors } from '../../src/formatters/colors.js';
import { stripAnsi, textWidth } from '../../src/formatters/text-width.js';

const plain = colors(false);
const at = (line: number, column: number, endColumn = column + 1, endLine = line) => ({ line, column, endLine, endColumn, severity: 'error' as const });

/** The display column of the first caret, and how many there are. */
function caret(frame: string[]): { column: number; length: number } {
  const line = frame.find((l) => /\|\s*\^/.test(l))!;
  const gutter = line.indexOf('|') + 2;
  const rest = line.slice(gutter);
  return { column: rest.indexOf('^'), length: rest.trim().length };
}

const TEXT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vllm\nspec:\n  replicas: 2\n';

describe('codeFrame', () => {
  it('shows the line with a line before and after, numbered, and carets under the span', () => {
    expect(codeFrame(TEXT, at(4, 3, 13), plain)).toEqual(['3 | metadata:', '4 |   name: vllm', '  |   ^^^^^^^^^^', '5 | spec:']);
  });

  it('at the first and the last line there is no line before or after; numbers are right-aligned', () => {
    expect(codeFrame(TEXT, at(1, 1, 11), plain)).toEqual(['1 | apiVersion: apps/v1', '  | ^^^^^^^^^^', '2 | kind: Deployment']);
    const long = `${'x: 1\n'.repeat(9)}y: 2\n`;
    expect(codeFrame(long, at(10, 1), plain)).toEqual([' 9 | x: 1', '10 | y: 2', '   | ^']);
  });

  it('a span over several lines shows them (up to three) with carets to the end of its first line', () => {
    expect(codeFrame(TEXT, at(3, 1, 13, 4), plain)).toEqual(['2 | kind: Deployment', '3 | metadata:', '  | ^^^^^^^^^', '4 |   name: vllm', '5 | spec:']);
  });

  it('expands a tab to the next stop of four and puts the caret under the column it shows', () => {
    const text = 'metadata:\t{namespace: x,\tname: vllm}\n';
    const column = text.indexOf('name:') + 1;
    const frame = codeFrame(text, at(1, column, column + 10), plain)!;
    expect(frame[0]).toBe('1 | metadata:   {namespace: x,  name: vllm}');
    const shown = frame[0]!.slice(4);
    expect(caret(frame)).toEqual({ column: shown.indexOf('name:'), length: 10 });
  });

  it('counts a wide character twice before the caret, and under it', () => {
    const text = '- {value: "推論", name: vllm}\n';
    const column = text.indexOf('name') + 1;
    const frame = codeFrame(text, at(1, column, column + 4), plain)!;
    expect(caret(frame)).toEqual({ column: textWidth('- {value: "推論", '), length: 4 });
    const wide = codeFrame(text, at(1, text.indexOf('推') + 1, text.indexOf('"', 11) + 1), plain)!;
    expect(caret(wide)).toEqual({ column: textWidth('- {value: "'), length: 4 });
  });

  it('shows control characters as a replacement, never raw; reads CRLF lines', () => {
    expect(codeFrame('a: "\u001b[31m"\r\nb: 2\r\n', at(2, 1), plain)).toEqual(['1 | a: "\uFFFD[31m"', '2 | b: 2', '  | ^']);
  });

  it('gives nothing for a line the text does not have; an empty line is shown without trailing space', () => {
    expect(codeFrame(TEXT, at(40, 1), plain)).toBeUndefined();
    expect(codeFrame(TEXT, at(7, 1), plain)).toBeUndefined();
    expect(codeFrame('', at(1, 1), plain)).toEqual(['1 |', '  | ^']);
  });

  it('in colour, the carets take the severity’s colour; the text is the same without it', () => {
    const coloured = codeFrame(TEXT, at(4, 3, 13), colors(true))!;
    expect(coloured.map(stripAnsi)).toEqual(codeFrame(TEXT, at(4, 3, 13), plain));
    expect(coloured.join('\n')).toContain('\u001b[31m^^^^^^^^^^\u001b[39m');
    expect(codeFrame(TEXT, { ...at(4, 3, 13), severity: 'warn' }, colors(true))!.join('\n')).toContain('\u001b[33m^^^^^^^^^^\u001b[39m');
  });
});
