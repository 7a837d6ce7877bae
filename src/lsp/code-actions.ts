import { CodeActionKind, type CodeAction, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings.js';
import { languageOf } from '../languages/index.js';
import { diagnosticOf, rangeOf, type DiagnosticLinks } from './diagnostics.js';
import type { DocumentLint } from './document-lint.js';
import { textWithSafeFixes, verifiedFixEdits } from './fixes.js';
import { commentPlaces, disableForLineEdit } from './suppression-comment.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.gpu-drain-lint`;
export const FIX_ALL_TITLE = 'Fix all safe problems in this file';

export interface CodeActionRequest {
  document: TextDocument;
  /** The document's path as the lint named it. */
  path: string;
  run: DocumentLint;
  range: Range;
  /** The kinds the client asked for (`context.only`); all when absent. */
  only?: readonly string[];
  links: DiagnosticLinks;
  /** The client resolves an action's edit on demand (`codeAction/resolve`): fixing the whole file is left until chosen. */
  resolvesEdits: boolean;
}

/** What a "fix all" action left to resolve carries: the document and the version its lint saw. */
export interface FixAllData {
  uri: string;
  version: number;
}

/**
 * The actions for the findings at a range: each finding's fix as a quick fix (when it verifies on
 * the buffer; an unsafe one says so), "disable <rule> for this line", and fixing every safe
 * problem of the file (also as the file's source.fixAll action).
 */
export function codeActionsFor(request: CodeActionRequest): CodeAction[] {
  const { document, path, run, range } = request;
  const wants = (kind: string) => !request.only || request.only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
  const actions: CodeAction[] = [];
  const uri = document.uri;
  const here = run.findings.filter((finding) => overlaps(rangeOf(finding), range));
  if (wants(CodeActionKind.QuickFix)) {
    const lineComment = languageOf(path).lineComment;
    let fitsAbove: ((line: number) => boolean) | undefined;
    const commentFits = (line: number) => lineComment !== '#' || (fitsAbove ??= commentPlaces(document.getText()))(line);
    for (const finding of here) {
      const diagnostic = diagnosticOf(finding, request.links);
      const fix = finding.fix;
      const edits = fix && verifiedFixEdits(document, path, fix, run.options.parseTypeScript);
      if (fix && edits) {
        actions.push({
          title: `Fix: ${fix.description}${fix.safety === 'unsafe' ? ' (unsafe)' : ''}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safety === 'safe',
          edit: { changes: { [uri]: edits } },
        });
      }
      // Inside a multi-line string a comment would become part of the value: no directive there.
      if (!finding.fatal && commentFits(finding.line - 1)) {
        actions.push({
          title: `Disable ${finding.ruleId} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: [disableForLineEdit(document, finding.line - 1, finding.ruleId, lineComment)] } },
        });
      }
    }
  }
  const fixAllKind = wants(CodeActionKind.QuickFix) && here.some(safelyFixable) ? CodeActionKind.QuickFix : wants(FIX_ALL_KIND) ? FIX_ALL_KIND : undefined;
  if (fixAllKind && run.findings.some(safelyFixable)) {
    if (request.resolvesEdits) {
      const data: FixAllData = { uri, version: document.version };
      actions.push({ title: FIX_ALL_TITLE, kind: fixAllKind, data });
    } else {
      const edit = fixAllEdit(document, path, run);
      if (edit) actions.push({ title: FIX_ALL_TITLE, kind: fixAllKind, edit });
    }
  }
  return actions;
}

/** The whole document replaced by its text with every safe fix applied; undefined when none applies. */
export function fixAllEdit(document: TextDocument, path: string, run: DocumentLint): WorkspaceEdit | undefined {
  const fixed = textWithSafeFixes(run, path);
  if (fixed === undefined) return undefined;
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
  return { changes: { [document.uri]: [{ range: whole, newText: fixed }] } };
}

function safelyFixable(finding: Finding): boolean {
  return finding.fix?.safety === 'safe';
}

/** Whether two ranges share a position (a cursor at either end of a diagnostic touches it). */
function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
