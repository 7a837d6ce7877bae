import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding } from '../core/findings.js';

export const SOURCE = 'gpu-drain-lint';

/** A finding's place: the engine's 1-based lines and UTF-16 columns, LSP's 0-based ones. */
export function rangeOf(finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  return {
    start: { line: finding.line - 1, character: finding.column - 1 },
    end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
  };
}

/**
 * A finding as the editor shows it: the rule id as `code`, its documentation as `codeDescription`
 * (the built-in diagnostics have none). Finding carries no place of a related object (a PDB that
 * blocks the Deployment in another file says so in its message), so there is no relatedInformation.
 */
export function diagnosticOf(finding: Finding, docsUrl: (ruleId: string) => string | undefined): Diagnostic {
  const href = docsUrl(finding.ruleId);
  return {
    range: rangeOf(finding),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
  };
}
