import { activeFindings, type Finding } from '../core/findings.js';
import { sha256Hex } from '../core/sha256.js';
import type { Formatter } from './types.js';

/** Code Climate's severities, which GitLab shows. */
type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: CodeQualitySeverity;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * A GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of Code Climate
 * issues, each at a repository-relative path and line, with a fingerprint GitLab compares between
 * the merge request and its target branch to tell new findings from fixed ones.
 */
export const gitlab: Formatter = (results, { quiet, root }) => {
  const issues = results.flatMap((result) => {
    const path = result.path;
    const seen = new Map<string, number>();
    return activeFindings(result, quiet).map((f): CodeQualityIssue => {
      // Two findings of one rule on one field share a fingerprint: their order tells them apart.
      const occurrence = seen.get(f.fingerprint) ?? 0;
      seen.set(f.fingerprint, occurrence + 1);
      return {
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        categories: ['Bug Risk'],
        severity: severityOf(f),
        fingerprint: sha256Hex(`${path}\u0000${f.fingerprint}\u0000${occurrence}`),
        location: { path, lines: { begin: f.line, end: f.endLine } },
      };
    });
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};

/**
 * An error is `major`: it fails the run and breaks drains, a reliability defect, and in a report
 * GitLab merges from every tool of the pipeline, `critical` and `blocker` stay for what is worse
 * (security scanners use them). A warning is `minor`. A file that could not be linted at all is
 * `critical`: nothing in it was checked.
 */
function severityOf(f: Finding): CodeQualitySeverity {
  if (f.fatal) return 'critical';
  return f.severity === 'error' ? 'major' : 'minor';
}
