import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Fix } from '../core/fix.js';
import { SourceFile } from '../core/source.js';
import type { TsParse } from '../languages/typescript/loader.js';
import { verifierFor } from '../fix/apply.js';
import { fixAll } from '../fix/fixer.js';
import type { DocumentLint } from './document-lint.js';

const BOM = '\uFEFF';

/**
 * One finding's fix as edits of the buffer, when the fix verifies on it as `--fix` verifies it
 * (the file re-read and the fix's expectations checked); undefined when it does not, or when it
 * edits another file.
 */
export function verifiedFixEdits(document: TextDocument, path: string, fix: Fix, parseTypeScript: TsParse | undefined): LspTextEdit[] | undefined {
  if (fix.edits.some((edit) => edit.path !== undefined && edit.path !== path)) return undefined;
  const text = document.getText();
  const bom = text.startsWith(BOM);
  const source = new SourceFile(path, bom ? text.slice(1) : text, bom);
  if (verifierFor(source, parseTypeScript).check([fix]) !== undefined) return undefined;
  // The engine's offsets leave the byte-order mark out; the buffer's count it.
  const shift = bom ? 1 : 0;
  return fix.edits.map((edit) => ({
    range: { start: document.positionAt(edit.start + shift), end: document.positionAt(edit.end + shift) },
    newText: edit.text,
  }));
}

/** The buffer with every safe fix applied, through the fix loop `--fix` runs (verified, re-linted until settled); undefined when nothing changes. */
export function textWithSafeFixes(run: DocumentLint, path: string): string | undefined {
  const fixed = fixAll(run.inputs, run.options, { unsafe: false }).fixed.get(path);
  return fixed && (fixed.bom ? BOM : '') + fixed.output;
}
