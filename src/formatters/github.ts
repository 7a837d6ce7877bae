import { plural } from '../core/plural.js';
import { activeFindings, countBySeverity, type Finding } from '../core/findings.js';
import type { Formatter } from './types.js';

/** GitHub shows at most 10 error and 10 warning annotations per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Workflow commands for the step log: annotations (`::error file=…,line=…::message`) for the
 * first findings of each level, as many as GitHub shows, the most severe first; a notice counting
 * the rest; then every finding as a plain log line, in a collapsed group per file, so a repository
 * without code scanning still sees them all.
 */
export const github: Formatter = (results, { quiet }) => {
  const files = results.map((r) => ({ path: r.path, findings: activeFindings(r, quiet) })).filter((file) => file.findings.length > 0);
  const findings = files.flatMap(({ path, findings }) => findings.map((f) => ({ path, f })));
  const errors = findings.filter(({ f }) => f.severity === 'error');
  const warnings = findings.filter(({ f }) => f.severity === 'warn');
  const shown = [...errors.slice(0, ANNOTATIONS_PER_LEVEL), ...warnings.slice(0, ANNOTATIONS_PER_LEVEL)];
  const lines = shown.map(({ path, f }) => annotation(path, f));
  const hidden = findings.length - shown.length;
  if (hidden > 0) {
    const { errors: e, warnings: w } = countBySeverity(results);
    lines.push(
      `::notice title=gpu-drain-lint::${escapeData(
        `${hidden} more findings are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} errors and ${ANNOTATIONS_PER_LEVEL} warnings per step); ` +
          `${plural(e, 'error')} and ${plural(w, 'warning')} in all. Every finding is listed in this step's log, grouped by file, and in the job summary.`,
      )}`,
    );
  }
  for (const { path, findings } of files) {
    const fileErrors = findings.filter((f) => f.severity === 'error').length;
    lines.push(`::group::${escapeData(logText(`${path}: ${plural(fileErrors, 'error')}, ${plural(findings.length - fileErrors, 'warning')}`))}`);
    for (const f of findings) lines.push(logText(`${path}:${f.line}:${f.column}  ${f.severity === 'error' ? 'error' : 'warning'}  ${f.ruleId}  ${f.message}`));
    lines.push('::endgroup::');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

/** A problem with the run itself (an invalid config) as an error annotation, at its place in a file when it has one. */
export function runErrorAnnotation(message: string, at?: { file: string; line?: number; column?: number }): string {
  const properties: [string, string | number | undefined][] = [
    ['file', at?.file],
    ['line', at?.line],
    ['col', at?.line === undefined ? undefined : at.column],
    ['title', 'gpu-drain-lint'],
  ];
  return `::error ${commandProperties(properties)}::${escapeData(message)}\n`;
}

function annotation(path: string, f: Finding): string {
  const properties: [string, string | number][] = [
    ['file', path],
    ['line', f.line],
    ['endLine', f.endLine],
    // Columns only make sense to GitHub on a single line.
    ...(f.line === f.endLine ? ([['col', f.column], ['endColumn', f.endColumn]] as [string, number][]) : []),
    ['title', f.ruleId],
  ];
  const level = f.severity === 'error' ? 'error' : 'warning';
  return `::${level} ${commandProperties(properties)}::${escapeData(f.message)}`;
}

function commandProperties(properties: readonly [string, string | number | undefined][]): string {
  return properties
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
}

/**
 * One log line: its line breaks shown as `\n`, so a name or message cannot start a line of its
 * own (which the runner would read as a workflow command).
 */
function logText(text: string): string {
  return text.replace(/\r\n|\r|\n/g, (m) => (m === '\r\n' ? '\\r\\n' : m === '\r' ? '\\r' : '\\n'));
}

/** GitHub's escaping of a command's message (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command property (`escapeProperty`): also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
