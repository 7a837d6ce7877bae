import { createColors } from 'picocolors';
import { wrap } from './wrap.js';

export interface TerminalStyle {
  /** Columns to wrap prose to. */
  width: number;
  /** Bold headings, coloured code; off: plain text that reads the same. */
  color: boolean;
  /** The URL relative links are resolved against (the document's own). */
  base: string;
}

type Colors = ReturnType<typeof createColors>;

const FENCE = /^(\s*)(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const CODE_INDENT = '    ';

/**
 * Markdown (the rule docs' subset) rendered for a terminal: headings bold, fenced code indented
 * and never wrapped, paragraphs and list items wrapped to the width with hanging indents, links as
 * `text (url)`, a table as one list item per row (a wide table cannot be fitted to a terminal).
 */
export function renderMarkdown(markdown: string, style: TerminalStyle): string {
  const c = createColors(style.color);
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: { text: string[]; tight: boolean }[] = [];
  const push = (text: string[], tight = false) => blocks.push({ text, tight });
  let i = 0;
  let afterListItem = false;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      afterListItem = false;
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, indent = '', marker = '```'] = fence;
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(marker); i++) code.push(lines[i]!.startsWith(indent) ? lines[i]!.slice(indent.length) : lines[i]!.trimStart());
      i++;
      push(code.map((text) => (text === '' ? '' : `${indent}${CODE_INDENT}${c.cyan(text)}`)));
      afterListItem = false;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const text = inline(heading[2]!, style, c);
      push(heading[1]!.length === 1 ? [c.bold(c.underline(text))] : [c.bold(text)]);
      afterListItem = false;
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++) rows.push(cells(lines[i]!));
      push(tableAsList(rows, style, c), false);
      afterListItem = false;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const [, indent = '', marker = '-', first = ''] = item;
      const text = [first];
      for (i++; i < lines.length && continues(lines[i]!) && !LIST_ITEM.test(lines[i]!); i++) text.push(lines[i]!.trim());
      const bullet = /^\d/.test(marker) ? marker : style.color ? '•' : '-';
      push(wrap(inline(text.join(' '), style, c), style.width, `${indent}${bullet} `, `${indent}${' '.repeat(bullet.length + 1)}`), afterListItem);
      afterListItem = true;
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && continues(lines[i]!) && !LIST_ITEM.test(lines[i]!); i++) paragraph.push(lines[i]!.trim());
    // A paragraph indented under a list item keeps the item's indentation.
    const indent = /^\s*/.exec(line)![0];
    push(wrap(inline(paragraph.join(' '), style, c), style.width, indent), false);
    afterListItem = false;
  }
  const out: string[] = [];
  for (const block of blocks) {
    if (out.length > 0 && !block.tight) out.push('');
    out.push(...block.text);
  }
  return `${out.join('\n')}\n`;
}

/** A line that continues the current paragraph or list item: not blank, not the start of another block. */
function continues(line: string): boolean {
  return line.trim() !== '' && !FENCE.test(line) && !HEADING.test(line) && !line.trimStart().startsWith('|');
}

/** Links as `text (url)` with relative URLs made absolute, `**bold**` bold, code spans coloured (or kept in backticks). */
function inline(text: string, style: TerminalStyle, c: Colors): string {
  const linked = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => `${label} (${absolute(url, style.base)})`);
  return linked
    .split(/(`[^`]+`)/)
    .map((part, index) => {
      if (index % 2 === 1) return style.color ? c.cyan(part.slice(1, -1)) : part;
      return part.replace(/\*\*([^*]+)\*\*/g, (_, bold: string) => c.bold(bold));
    })
    .join('');
}

function absolute(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Each row after the header as a list item: its first cell, then `header: cell` for the others. */
function tableAsList(rows: string[][], style: TerminalStyle, c: Colors): string[] {
  const [header = [], ...body] = rows.filter((row) => !row.every((cell) => /^:?-+:?$/.test(cell)));
  const bullet = style.color ? '•' : '-';
  return body.flatMap((row) => {
    const rest = row.slice(1).map((cell, j) => `${header[j + 1] ?? ''}: ${cell}`.replace(/^: /, ''));
    const text = `${row[0] ?? ''}${rest.length > 0 ? ` — ${rest.join('; ')}` : ''}`;
    return wrap(inline(text, style, c), style.width, `${bullet} `, '  ');
  });
}
