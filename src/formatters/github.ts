import { runCoverage } from '../core/coverage.js';
import { activeFindings, countBySeverity, type FileResult, type Finding } from '../core/findings.js';
import { coverageLine } from './coverage-line.js';
import type { Formatter } from './types.js';

/** GitHub shows at most 10 error and 10 warning annotations per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Workflow commands (`::error file=…,line=…::message`) for pull-request annotations: the most
 * severe first, then a notice counting what GitHub would not show.
 */
export const github: Formatter = (results, { quiet }) => {
  const findings = results.flatMap((r) => activeFindings(r, quiet).map((f) => ({ path: r.path, f })));
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
          `${e} errors and ${w} warnings in all. See the job summary, or the SARIF report in code scanning, for every finding.`,
      )}`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

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
  return `::${level} ${properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(f.message)}`;
}

/** GitHub's escaping of a command's message (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command property (`escapeProperty`): also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Rows of the job summary's findings table before it is cut. */
export const SUMMARY_ROWS = 100;

/** The Markdown job summary: counts per rule and severity, then a (capped) table of findings. */
export function jobSummary(results: readonly FileResult[]): string {
  const findings = results.flatMap((r) => activeFindings(r).map((f) => ({ path: r.path, f })));
  const { errors, warnings } = countBySeverity(results);
  const perRule = new Map<string, { error: number; warn: number }>();
  for (const { f } of findings) {
    const counts = perRule.get(f.ruleId) ?? { error: 0, warn: 0 };
    counts[f.severity]++;
    perRule.set(f.ruleId, counts);
  }
  const checked = coverageLine(runCoverage(results));
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [
    '## gpu-drain-lint',
    '',
    findings.length === 0
      ? `No findings in ${results.length} file${results.length === 1 ? '' : 's'}.`
      : `**${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}** in ${results.length} file${results.length === 1 ? '' : 's'}.`,
    '',
    `${checked.what}${checked.unchecked ? `; ${checked.unchecked}` : ''}.`,
  ];
  if (findings.length > 0) {
    lines.push('', '| Rule | Errors | Warnings |', '| --- | ---: | ---: |');
    for (const [rule, counts] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| \`${rule}\` | ${counts.error} | ${counts.warn} |`);
    const sorted = [...findings].sort((a, b) => (a.f.severity === b.f.severity ? 0 : a.f.severity === 'error' ? -1 : 1));
    lines.push('', '| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
    for (const { path, f } of sorted.slice(0, SUMMARY_ROWS)) {
      lines.push(`| ${f.severity} | \`${cell(path)}:${f.line}:${f.column}\` | \`${f.ruleId}\` | ${cell(f.message)} |`);
    }
    if (sorted.length > SUMMARY_ROWS) lines.push('', `_${sorted.length - SUMMARY_ROWS} more findings are not listed here; the SARIF report has them all._`);
  }
  return `${lines.join('\n')}\n`;
}
