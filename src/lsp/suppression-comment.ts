import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';

const DIRECTIVE = 'gpu-drain-lint-disable-next-line';

/**
 * The edit that silences `ruleId` on a 0-based line: a `gpu-drain-lint-disable-next-line`
 * comment (src/engine/suppressions.ts) above it, indented like it; a directive already there
 * that names rules and gives no reason gets the rule added to its list instead.
 */
export function disableForLineEdit(document: TextDocument, line: number, ruleId: string, lineComment: '#' | '//'): TextEdit {
  const lineText = (n: number) => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (line > 0) {
    const above = lineText(line - 1);
    const existing = new RegExp(`^(\\s*${lineComment.replace(/\//g, '\\/')}\\s*${DIRECTIVE}\\s+)([A-Za-z0-9-]+(?:\\s*,\\s*[A-Za-z0-9-]+)*)\\s*$`).exec(above);
    if (existing) {
      const end = existing[1]!.length + existing[2]!.length;
      return { range: { start: { line: line - 1, character: end }, end: { line: line - 1, character: end } }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^\s*/.exec(lineText(line))![0];
  const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${lineComment} ${DIRECTIVE} ${ruleId}${eol}` };
}
