import type { Colors } from './colors.js';
import { runCoverage } from '../core/coverage.js';
import { activeFindings, countBySeverity, type FileResult } from '../core/findings.js';
import { plural } from '../core/plural.js';
import { coverageLine } from './coverage-line.js';
import type { FormatContext } from './types.js';

/**
 * The lines that end a report for people: `✖ 3 problems (2 errors, 1 warning)`, how many
 * `--fix` (and `--fix --unsafe-fixes`) would repair, and what the run checked; a clean run says
 * only what it checked, with a tick.
 */
export function summaryLines(results: readonly FileResult[], { quiet, fixing }: Pick<FormatContext, 'quiet' | 'fixing'>, c: Colors): string {
  const counts = countBySeverity(results);
  const errors = counts.errors;
  const warnings = quiet ? 0 : counts.warnings;
  const total = errors + warnings;
  const checked = coverageLine(runCoverage(results));
  const unchecked = checked.unchecked ? `; ${checked.unchecked}` : '';
  if (total === 0) return `${c.green(c.bold(`✔ ${checked.what}, no ${quiet && counts.warnings > 0 ? 'errors' : 'problems'}`))}${unchecked}\n`;
  const problems = `${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const shown = results.flatMap((r) => activeFindings(r, quiet));
  const safe = shown.filter((f) => f.fix?.safety === 'safe').length;
  const unsafe = shown.filter((f) => f.fix?.safety === 'unsafe').length;
  const lines = [
    errors > 0 ? c.red(c.bold(`✖ ${problems}`)) : c.yellow(c.bold(`⚠ ${problems}`)),
    ...(safe > 0 ? [`${c.cyan('[*]')} ${safe} ${fixing ? 'more fixable with another `--fix` run' : 'fixable with `--fix`'}.`] : []),
    ...(unsafe > 0 ? [`${unsafe} more fixable with \`--fix --unsafe-fixes\`.`] : []),
    `${checked.what}${unchecked}`,
  ];
  return lines.map((line) => `${line}\n`).join('');
}
