import { createColors } from 'picocolors';
import { activeFindings, type FileResult } from '../core/findings.js';
import type { Severity } from '../core/severity.js';
import type { FormatContext } from './types.js';

interface RuleCount {
  ruleId: string;
  count: number;
  severities: Set<Severity>;
  safe: number;
  unsafe: number;
}

/**
 * `--statistics`, after a text report: the findings it shows counted per rule, most first, with
 * their levels and how many `--fix` (or `--fix --unsafe-fixes`) would fix. Nothing when there are none.
 */
export function statistics(results: readonly FileResult[], { color, quiet }: Pick<FormatContext, 'color' | 'quiet'>): string {
  const counts = new Map<string, RuleCount>();
  for (const result of results) {
    for (const f of activeFindings(result, quiet)) {
      const entry = counts.get(f.ruleId) ?? { ruleId: f.ruleId, count: 0, severities: new Set(), safe: 0, unsafe: 0 };
      entry.count++;
      entry.severities.add(f.severity);
      if (f.fix?.safety === 'safe') entry.safe++;
      if (f.fix?.safety === 'unsafe') entry.unsafe++;
      counts.set(f.ruleId, entry);
    }
  }
  if (counts.size === 0) return '';
  const c = createColors(color);
  const rows = [...counts.values()]
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId))
    .map((r) => [String(r.count), r.ruleId, (['error', 'warn'] as const).filter((s) => r.severities.has(s)).join(' / '), fixable(r)]);
  const headers = ['count', 'rule', 'level', 'fixable'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const paint = (level: string) => level.replace(/error|warn/g, (word) => (word === 'error' ? c.red(word) : c.yellow(word)));
  const line = (cells: string[], style: (cell: string, column: number) => string = (cell) => cell) =>
    `${cells[0]!.padStart(widths[0]!)}  ${cells.slice(1).map((cell, i) => style(cell.padEnd(widths[i + 1]!), i + 1)).join('  ')}`.trimEnd();
  const body = rows.map((row) => line(row, (cell, column) => (column === 2 ? paint(cell) : cell)));
  return `\n${c.bold('Findings per rule')}\n${c.dim(line(headers))}\n${body.join('\n')}\n`;
}

/** `3`, `2 unsafe`, `3 + 2 unsafe`, or nothing. */
function fixable({ safe, unsafe }: RuleCount): string {
  if (safe > 0 && unsafe > 0) return `${safe} + ${unsafe} unsafe`;
  if (safe > 0) return String(safe);
  return unsafe > 0 ? `${unsafe} unsafe` : '';
}
