import { plural } from '../core/plural.js';
import { runCoverage } from '../core/coverage.js';
import { activeFindings, countBySeverity, type FileResult, type Finding } from '../core/findings.js';
import { coverageLine } from './coverage-line.js';

/** GitHub keeps at most 1 MiB of a step's summary (and shows an error instead of a larger one). */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** A rule with more findings than this is listed in a collapsed `<details>` section. */
export const OPEN_RULE_FINDINGS = 10;

/** What a finding links to: its file at the commit the workflow runs on (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA). */
export interface SummaryLinks {
  server: string;
  repository: string;
  sha: string;
}

export interface SummaryOptions {
  /** Bytes the summary may take: what is left of the step's 1 MiB. */
  maxBytes?: number;
  links?: SummaryLinks;
}

/** Room kept for the note that says how many findings were left out. */
const NOTE_ROOM = 400;

interface Located {
  path: string;
  f: Finding;
}

/**
 * The Markdown job summary: totals and what was checked, counts per rule, then every finding
 * grouped by rule (a rule with many findings in a collapsed section), each at `file:line:col`
 * linked to the file when the links are known. Cut, with a note saying how many findings are left
 * out, where it would pass `maxBytes`.
 */
export function jobSummary(results: readonly FileResult[], options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT;
  const findings = results.flatMap((r) => activeFindings(r).map((f) => ({ path: r.path, f })));
  const { errors, warnings } = countBySeverity(results);
  const checked = coverageLine(runCoverage(results));
  const head = [
    '## gpu-drain-lint',
    '',
    findings.length === 0
      ? `No findings in ${plural(results.length, 'file')}.`
      : `**${plural(errors, 'error')}, ${plural(warnings, 'warning')}** in ${plural(results.length, 'file')}.`,
    '',
    `${checked.what}${checked.unchecked ? `; ${checked.unchecked}` : ''}.`,
  ];
  const groups = byRule(findings);
  if (groups.length > 0) {
    head.push('', '| Rule | Errors | Warnings |', '| --- | ---: | ---: |');
    for (const { rule, errors: e, warnings: w } of groups) head.push(`| \`${rule}\` | ${e} | ${w} |`);
  }
  const out: string[] = [];
  let used = 0;
  const add = (lines: readonly string[]) => {
    out.push(...lines);
    used += bytes(lines);
  };
  add(head);
  let listed = 0;
  let full = false;
  for (const group of groups) {
    const collapsed = group.findings.length > OPEN_RULE_FINDINGS;
    const title = `\`${group.rule}\`: ${plural(group.errors, 'error')}, ${plural(group.warnings, 'warning')}`;
    const open = [
      '',
      ...(collapsed ? [`<details><summary>${title.replace(/`([^`]*)`/g, '<code>$1</code>')}</summary>`, ''] : [`### ${title}`, '']),
      '| Severity | Location | Message |',
      '| --- | --- | --- |',
    ];
    const close = collapsed ? ['', '</details>'] : [];
    if (used + bytes(open) + bytes(close) + NOTE_ROOM > maxBytes) break;
    add(open);
    for (const located of group.findings) {
      const row = findingRow(located, options.links);
      full = used + bytes([row]) + bytes(close) + NOTE_ROOM > maxBytes;
      if (full) break;
      add([row]);
      listed++;
    }
    add(close);
    if (full) break;
  }
  const left = findings.length - listed;
  if (left > 0) {
    add(['', `_${plural(left, 'more finding')} ${left === 1 ? 'is' : 'are'} not listed here: GitHub keeps at most 1 MiB of a step's summary. This step's log lists every finding, grouped by file._`]);
  }
  return `${out.join('\n')}\n`;
}

/** Findings by rule: rules with errors first, then by id; in a rule, errors first, then by place. */
function byRule(findings: readonly Located[]): { rule: string; errors: number; warnings: number; findings: Located[] }[] {
  const groups = new Map<string, Located[]>();
  for (const located of findings) groups.set(located.f.ruleId, [...(groups.get(located.f.ruleId) ?? []), located]);
  return [...groups]
    .map(([rule, list]) => {
      const errors = list.filter(({ f }) => f.severity === 'error').length;
      const sorted = [...list].sort((a, b) => severityRank(a.f) - severityRank(b.f) || compareText(a.path, b.path) || a.f.line - b.f.line || a.f.column - b.f.column);
      return { rule, errors, warnings: list.length - errors, findings: sorted };
    })
    .sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || compareText(a.rule, b.rule));
}

function findingRow({ path, f }: Located, links: SummaryLinks | undefined): string {
  const where = `${path}:${f.line}:${f.column}`;
  const location = links ? `[${cell(where.replace(/([[\]\\])/g, '\\$1'))}](${fileUrl(links, path, f.line)})` : `\`${oneLine(where).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  return `| ${f.severity === 'error' ? 'error' : 'warning'} | ${location} | ${cell(f.message)} |`;
}

function fileUrl({ server, repository, sha }: SummaryLinks, path: string, line: number): string {
  const encoded = path
    .split(/[\\/]/)
    .filter((segment) => segment !== '.')
    .map(encodeURIComponent)
    .join('/');
  return `${server.replace(/\/$/, '')}/${repository}/blob/${sha}/${encoded}#L${line}`;
}

/** A table cell: one line, no `|` that would end it, no HTML that would open a tag. */
function cell(text: string): string {
  return oneLine(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).replace(/\|/g, '\\|');
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

function severityRank(f: Finding): number {
  return f.severity === 'error' ? 0 : 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bytes(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);
}

