import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';
import { isScalar, LineCounter, parseAllDocuments, visit } from 'yaml';

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

/**
 * Where a YAML comment line can be inserted above a 0-based line and stay a comment: not inside a
 * multi-line scalar (a `|` block, a folded or quoted string over several lines), where it would
 * become part of the value (a RayService's `serveConfigV2: |`). The text is parsed once.
 */
export function commentPlaces(yamlText: string): (line: number) => boolean {
  const lines = new LineCounter();
  const documents = parseAllDocuments(yamlText, { lineCounter: lines });
  const inside: [number, number][] = [];
  for (const document of Array.isArray(documents) ? documents : []) {
    visit(document, {
      Scalar(_key, node) {
        if (!isScalar(node) || !node.range) return;
        // linePos is 1-based; a block scalar's value starts on the line after its indicator.
        const first = lines.linePos(node.range[0]).line - 1;
        const last = lines.linePos(Math.max(node.range[0], node.range[1] - 1)).line - 1;
        if (last > first) inside.push([first, last]);
      },
    });
  }
  return (line) => !inside.some(([first, last]) => line > first && line <= last);
}
