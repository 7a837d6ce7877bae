import type { YAMLError } from 'yaml';
import type { SyntaxProblem } from '../shared/document.js';

/**
 * A document's parse errors as problems, the first one at the line to change where the
 * parser's errors say which it is. A key indented deeper than a key that has its value on its
 * line (`apiVersion: apps/v1` / ` kind: Deployment`) reads as a continuation of that value:
 * the parser reports "Nested mappings are not allowed in compact mappings" at the value, then
 * a multi-line implicit key from the value to the misindented key, whose end is the key. A key
 * that lines up with no key of its mapping, which the parser reports at its line's indentation,
 * is reported at the key.
 */
export function syntaxProblems(errors: readonly YAMLError[], text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!;
    const next = errors[i + 1];
    const underValue = error.code === 'BLOCK_AS_IMPLICIT_KEY' && next?.code === 'MULTILINE_IMPLICIT_KEY' ? keyUnderValue(error, next, text) : undefined;
    if (underValue) {
      problems.push(underValue);
      i++;
      continue;
    }
    problems.push(
      (error.code === 'BAD_INDENT' && error.message.startsWith('All mapping items must start at the same column') && unalignedKey(error, text)) ||
        (error.code === 'MISSING_CHAR' && error.message.startsWith('Sequence item without - indicator') && keyBetweenDashAndItem(error, text)) || {
          message: firstLine(error.message),
          span: spanOf(error),
        },
    );
  }
  return problems;
}

function keyUnderValue(nested: YAMLError, multiline: YAMLError, text: string): SyntaxProblem | undefined {
  const [start, end] = multiline.pos;
  const lastBreak = text.lastIndexOf('\n', end - 1);
  // The multi-line key starts on the value's line and ends at the key on a later one.
  if (lineStartOf(text, start) !== lineStartOf(text, nested.pos[0]) || lastBreak < start) return undefined;
  const keyStart = lastBreak + 1 + /^ */.exec(text.slice(lastBreak + 1, end))![0].length;
  const key = text.slice(keyStart, end);
  if (key === '' || /[\r\n]/.test(key)) return undefined;
  const valueLine = lineStartOf(text, nested.pos[0]);
  const owner = /^( *(?:- +)*)(\S.*?):[ \t]+$/.exec(text.slice(valueLine, nested.pos[0]));
  // No key before the value (a list item's value): a missing key or a misindented one, the parser's words stand.
  if (!owner) return undefined;
  const [, indent, previous] = owner;
  const keyColumn = keyStart - lastBreak;
  const line = lineNumber(text, valueLine);
  return {
    span: { start: keyStart, end },
    message: `\`${key}\` (column ${keyColumn}) is indented more than \`${previous}\` on line ${line}, which already has a value: YAML reads \`${key}\` as a continuation of that value and cannot nest a key there. Align it with \`${previous}\` (column ${indent!.length + 1}) if they are siblings`,
  };
}

/** "All mapping items must start at the same column", at the key instead of its indentation. */
function unalignedKey(error: YAMLError, text: string): SyntaxProblem | undefined {
  const lineStart = lineStartOf(text, error.pos[0]);
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  if (text.slice(lineStart, error.pos[0]).trim() !== '') return undefined;
  const key = /^( *)(?!-[ \t]|-$)([^\s#].*?):(?:[ \t]|\r?$)/.exec(line);
  if (!key) return undefined;
  const start = lineStart + key[1]!.length;
  return {
    span: { start, end: start + key[2]!.length },
    message: `\`${key[2]}\` (column ${key[1]!.length + 1}) does not line up with the other keys of its mapping: all keys of a mapping must start at the same column`,
  };
}

/**
 * A key indented between a list item's `-` and the item's keys (`  - name: a` / `   command: [a]`):
 * the parser reads a new item without its `-` and reports it at the line's start.
 */
function keyBetweenDashAndItem(error: YAMLError, text: string): SyntaxProblem | undefined {
  const lineStart = lineStartOf(text, error.pos[0]);
  const lineEnd = text.indexOf('\n', lineStart);
  const key = /^( *)([^\s#-][^:]*?):(?:[ \t]|\r?$)/.exec(text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd));
  if (!key) return undefined;
  const indent = key[1]!.length;
  // The nearest line above that is less indented: it must be the list item the key sits under.
  for (let end = lineStart - 1; end > 0; ) {
    const start = lineStartOf(text, end);
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const lineIndent = /^ */.exec(line)![0].length;
    if (lineIndent >= indent) continue;
    // An item whose content is a mapping (`- name: a`): its keys give the column.
    const item = /^( *)-( +)[^\s#[{][^:]*?:(?:[ \t]|$)/.exec(line);
    if (!item) return undefined;
    const dash = item[1]!.length;
    const itemKeys = dash + 1 + item[2]!.length;
    if (indent <= dash || indent >= itemKeys) return undefined;
    const keyStart = lineStart + indent;
    return {
      span: { start: keyStart, end: keyStart + key[2]!.length },
      message: `\`${key[2]}\` (column ${indent + 1}) is indented between the \`-\` (column ${dash + 1}) and the keys (column ${itemKeys + 1}) of the list item on line ${lineNumber(text, start)}: indent it to column ${itemKeys + 1} if it belongs to that item`,
    };
  }
  return undefined;
}

function spanOf(error: YAMLError) {
  return { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
