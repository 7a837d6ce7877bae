import { activeFindings, type Finding } from '../core/findings.js';
import { codeFrame } from './code-frame.js';
import { colors, severityStyle, type Colors } from './colors.js';
import { messageParts } from './message-parts.js';
import { summaryLines } from './summary.js';
import { WIDTH_WITHOUT_TERMINAL, textWidth, wrapWords } from './text-width.js';
import type { FormatContext, Formatter } from './types.js';

/** Below this, wrapping to the terminal would leave a word or two a line: lines overflow instead. */
const MIN_WIDTH = 40;
/** Where a finding's lines after its headline start. */
const INDENT = '    ';

/**
 * For people: each file's path, then per finding a headline (`line:col  severity  rule-id  [*]`
 * and the message's first sentence), its clickable `path:line:col`, an optional code frame, and
 * the rest of the message (the arithmetic and the fix advice, then the profile notes), indented
 * and wrapped to the terminal; then the summary.
 */
export const stylish: Formatter = (results, context) => {
  const c = colors(context.color);
  const width = Math.max(MIN_WIDTH, context.width ?? WIDTH_WITHOUT_TERMINAL);
  const blocks: string[] = [];
  for (const result of results) {
    const findings = activeFindings(result, context.quiet);
    if (findings.length === 0) continue;
    const positionWidth = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    const text = context.showSource ? context.sourceText?.(result.path) : undefined;
    const entries = findings.map((f) => findingLines(result.path, f, { c, width, positionWidth, text }).join('\n'));
    blocks.push(`${c.underline(result.path)}\n${entries.join('\n\n')}`);
  }
  const summary = summaryLines(results, context, c);
  return blocks.length === 0 ? summary : `${blocks.join('\n\n')}\n\n${summary}`;
};

interface Layout {
  c: Colors;
  width: number;
  /** The widest `line:col` of the file, so that severities line up. */
  positionWidth: number;
  /** The file's text, for a code frame (only with --show-source). */
  text: string | undefined;
}

function findingLines(path: string, f: Finding, { c, width, positionWidth, text }: Layout): string[] {
  const parts = messageParts(f.message);
  const severity = severityStyle(c, f.severity)(f.severity === 'error' ? 'error' : 'warn ');
  const mark = f.fix?.safety === 'safe' ? `${c.cyan('[*]')} ` : '';
  const prefix = `  ${c.dim(`${f.line}:${f.column}`.padEnd(positionWidth))}  ${severity}  ${c.bold(f.ruleId)}  ${mark}`;
  const [first = '', ...rest] = wrapWords(parts.headline, width - INDENT.length, width - textWidth(prefix));
  const lines = [`${prefix}${first}`, ...rest.map((line) => `${INDENT}${line}`)];
  lines.push(`${INDENT}${c.dim('-->')} ${path}:${f.line}:${f.column}`);
  const frame = text === undefined ? undefined : codeFrame(text, f, c);
  if (frame) lines.push(...frame.map((line) => `${INDENT}${line}`));
  for (const line of parts.detail ? wrapWords(parts.detail, width - INDENT.length) : []) lines.push(`${INDENT}${line}`);
  for (const line of parts.context ? wrapWords(parts.context, width - INDENT.length) : []) lines.push(`${INDENT}${c.dim(line)}`);
  return lines;
}
