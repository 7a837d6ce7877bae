import { parseDocument } from 'yaml';

/** How a block scalar is written: `|` or `>`, what follows on its header line, its content column. */
export interface BlockHeader {
  style: '|' | '>';
  chomping: '' | '-' | '+';
  /** After the indicators on the header line: spaces and a comment, kept as written. */
  rest: string;
  column: number;
}

/**
 * The header of a block scalar's source (`|- # comment`) and the column of its content. An
 * explicit indentation indicator (`|2`) is not read: its content column is not its lines' own.
 */
export function readBlockHeader(source: string): BlockHeader | undefined {
  const header = /^([|>])([-+]?)((?:[ \t]+#[^\r\n]*)?[ \t]*)\r?\n/.exec(source);
  if (!header) return undefined;
  const first = source
    .slice(header[0].length)
    .split(/\r?\n/)
    .find((line) => line.trim() !== '');
  const column = first === undefined ? 0 : /^ */.exec(first)![0].length;
  if (column === 0) return undefined;
  return { style: header[1] as '|' | '>', chomping: header[2] as '' | '-' | '+', rest: header[3]!, column };
}

/** Characters a block scalar cannot hold as written (YAML's non-printable set, a carriage return). */
const NOT_IN_A_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]/;

/**
 * `value` written as a block scalar of `header`'s style at its content column, its first line
 * the header (chomping chosen to fit the value's final line breaks), lines joined with `eol`
 * and no final line break (the one after the replaced scalar stays). Undefined when the value
 * cannot be written in that style so that it reads back the same, or only with a line that
 * ends in spaces (which editors and hooks strip, silently changing the value).
 */
export function blockScalar(value: string, header: BlockHeader, eol: string, previous?: Previous): string | undefined {
  const body = value.replace(/\n+$/, '');
  const breaks = value.length - body.length;
  if (body === '' || NOT_IN_A_BLOCK.test(value) || /[ \t](?:\n|$)/.test(body)) return undefined;
  // The content column is found from the first line with content: it must not start with a space.
  if (/^\s*[ \t]/.test(body.replace(/^\n+/, ''))) return undefined;
  // Kept final lines (`|+`) are written as blank lines, which only a `+` scalar already owned.
  if (breaks > 1 && header.chomping !== '+') return undefined;
  const layouts = header.style === '|' ? [body.split('\n')] : [previous && foldedLike(body, header, previous), foldedLines(body)];
  const chomping = breaks === 0 ? '-' : breaks === 1 ? '' : '+';
  const pad = ' '.repeat(header.column);
  for (const lines of layouts) {
    if (!lines) continue;
    const text = `${header.style}${chomping}${header.rest}${eol}${lines.map((line) => (line === '' ? '' : pad + line)).join(eol)}${eol.repeat(Math.max(breaks - 1, 0))}`;
    if (readsBack(text, eol, value)) return text;
  }
  return undefined;
}

/** The scalar a new value replaces: its value and its source. */
export interface Previous {
  value: string;
  source: string;
}

/**
 * A one-line folded value laid out in the lines of the scalar it replaces (`vllm serve m` /
 * `--port 8000`): the text before and after the change folds where it folded before.
 */
function foldedLike(body: string, header: BlockHeader, previous: Previous): string[] | undefined {
  const lines = previous.source
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.slice(header.column))
    .filter((line) => line !== '');
  const before = previous.value.replace(/\n+$/, '');
  if (body.includes('\n') || lines.some((line) => /^\s|\s$/.test(line)) || lines.join(' ') !== before) return undefined;
  let prefix = 0;
  while (prefix < Math.min(body.length, before.length) && body[prefix] === before[prefix]) prefix++;
  let suffix = 0;
  while (suffix < Math.min(body.length, before.length) - prefix && body[body.length - 1 - suffix] === before[before.length - 1 - suffix]) suffix++;
  const folds: number[] = [];
  let at = -1;
  for (const line of lines.slice(0, -1)) {
    at += line.length + 1;
    if (at < prefix) folds.push(at);
    else if (at >= before.length - suffix) folds.push(at + body.length - before.length);
  }
  const result: string[] = [];
  let start = 0;
  for (const fold of folds) {
    result.push(body.slice(start, fold));
    start = fold + 1;
  }
  return [...result, body.slice(start)];
}

/**
 * The source lines of a folded scalar that reads as `body`: a line break between two lines
 * folds into a space, so each run of n line breaks is written as n + 1. A line that starts
 * with a space or tab is kept as written with the breaks around it: not attempted.
 */
function foldedLines(body: string): string[] | undefined {
  if (/(?:^|\n)[ \t]/.test(body)) return undefined;
  return body.replace(/\n+/g, (breaks) => `${breaks}\n`).split('\n');
}

function readsBack(text: string, eol: string, value: string): boolean {
  const document = parseDocument(`value: ${text}${eol}`);
  return document.errors.length === 0 && document.get('value') === value;
}
