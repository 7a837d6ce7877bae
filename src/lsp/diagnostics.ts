import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding, ObjectRef } from '../core/findings.js';

export const SOURCE = 'gpu-drain-lint';

/** A finding's place: the engine's 1-based lines and UTF-16 columns, LSP's 0-based ones. */
export function rangeOf(finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  return {
    start: { line: finding.line - 1, character: finding.column - 1 },
    end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
  };
}

/** What a diagnostic names beyond its finding: a rule's documentation, a file's URI. */
export interface DiagnosticLinks {
  docsUrl(ruleId: string): string | undefined;
  /** The URI of a path as the lint named it. */
  uriOf(path: string): string;
}

/**
 * A finding as the editor shows it: the rule id as `code`, its documentation as `codeDescription`
 * (the built-in diagnostics have none), and for a relation the other object as
 * `relatedInformation` (the PDB, in this file or another, that blocks the Deployment).
 */
export function diagnosticOf(finding: Finding, links: DiagnosticLinks): Diagnostic {
  const href = links.docsUrl(finding.ruleId);
  const { related } = finding;
  return {
    range: rangeOf(finding),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
    ...(related ? { relatedInformation: [{ location: { uri: links.uriOf(related.path), range: rangeOf(related) }, message: objectName(related.object) }] } : {}),
  };
}

/** `PodDisruptionBudget search/embeddings`. */
function objectName({ kind, namespace, name }: ObjectRef): string {
  return [kind, [namespace, name].filter(Boolean).join('/')].filter(Boolean).join(' ');
}
