import type { Explanation } from './explanation.js';
import type { Fix } from './fix.js';
import type { FileCoverage } from './coverage.js';
import type { Severity } from './severity.js';

/** How a finding was silenced, as SARIF names it: in the file, or in the config. */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification?: string;
}

/** The object a finding is about, as JSON and SARIF name it. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name?: string;
}

/** The other object of a relation (the PDB that blocks a Deployment), and where it is. */
export interface RelatedLocation {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object: ObjectRef;
}

/** One problem at one place: the stable shape every formatter reads. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The rule's message id and the values that filled it (for tests and tools; not in the JSON report). */
  messageId?: string;
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object?: ObjectRef;
  /** For a relation: the other object, in this file or another (editors show it; not in the JSON report). */
  related?: RelatedLocation;
  /** The arithmetic behind the finding (editors show it on hover; not in the JSON report). */
  explain?: Explanation;
  /** The file could not be linted (syntax error, unreadable, a template). */
  fatal?: boolean;
  /** Whether a fix exists for this finding (see `fix`). */
  fixable: boolean;
  fix?: Fix;
  /** Present when a comment, annotation or config entry silenced the finding. */
  suppressions?: Suppression[];
  /**
   * Stable across edits elsewhere and line moves: the rule, the object and the key path of the
   * offending field, not its line, its value or the file's path (docs/baseline.md; SARIF
   * partialFingerprints, baselines).
   */
  fingerprint: string;
}

export interface FileResult {
  path: string;
  findings: Finding[];
  /** With --fix-dry-run: the whole fixed text, when fixes change the file. */
  output?: string;
  /** What was judged in this file (absent on a result that is not a linted file: unused config ignores). */
  coverage?: FileCoverage;
}

export { INVALID_VALUE, TYPESCRIPT_SYNTAX, UNKNOWN_VALUE, UNUSED_SUPPRESSION, YAML_SYNTAX } from './diagnostics.js';

export function countBySeverity(results: readonly FileResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const finding of result.findings) {
      if (finding.suppressions) continue;
      if (finding.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

/** Rule ids as we write them, for which code-unit order is the collation's order. */
const PLAIN_ID = /^[a-z0-9-]*$/;

/**
 * `a.localeCompare(b)`, without its collator where the answer is known: equal strings, and two
 * plain ids (lowercase ASCII letters, digits and hyphens sort alike in both orders). Opening the
 * collator costs a run 10–25 ms, more than linting a small file.
 */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (PLAIN_ID.test(a) && PLAIN_ID.test(b)) return a < b ? -1 : 1;
  return a.localeCompare(b);
}

/** Findings that count and are shown: not suppressed (and, when quiet, errors only). */
export function activeFindings(result: FileResult, quiet = false): Finding[] {
  return result.findings.filter((f) => !f.suppressions && (!quiet || f.severity === 'error'));
}
