import { createColors } from 'picocolors';
import { runCoverage } from '../core/coverage.js';
import { coverageLine } from './coverage-line.js';
import { activeFindings, countBySeverity } from '../core/findings.js';
import type { Formatter } from './types.js';

/**
 * One line per finding, `path:line:col  severity  message  rule-id` (terminals and editors make
 * the location clickable), grouped by file, then a summary.
 */
export const stylish: Formatter = (results, { color, quiet, fixing }) => {
  const c = createColors(color);
  const blocks: string[] = [];
  for (const result of results) {
    const findings = activeFindings(result, quiet);
    if (findings.length === 0) continue;
    const lines = findings.map((f) => {
      const severity = f.severity === 'error' ? c.red('error') : c.yellow('warn ');
      const mark = f.fix?.safety === 'safe' ? `${c.cyan('[*]')} ` : '';
      return `${c.underline(`${result.path}:${f.line}:${f.column}`)}  ${severity}  ${mark}${f.message}  ${c.dim(f.ruleId)}`;
    });
    blocks.push(lines.join('\n'));
  }
  const counts = countBySeverity(results);
  const errors = counts.errors;
  const warnings = quiet ? 0 : counts.warnings;
  const total = errors + warnings;
  const checked = coverageLine(runCoverage(results));
  if (total === 0) return `${c.green(c.bold(`✔ ${checked.what}, no ${quiet && counts.warnings > 0 ? 'errors' : 'problems'}`))}${checked.unchecked ? `; ${checked.unchecked}` : ''}\n`;
  const summary = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  const shown = results.flatMap((r) => activeFindings(r, quiet));
  const safe = shown.filter((f) => f.fix?.safety === 'safe').length;
  const unsafe = shown.filter((f) => f.fix?.safety === 'unsafe').length;
  const hints = [
    safe > 0 ? `${c.cyan('[*]')} ${safe} ${fixing ? 'more fixable with another `--fix` run' : 'fixable with `--fix`'}.` : '',
    unsafe > 0 ? `${unsafe} more fixable with \`--fix --unsafe-fixes\`.` : '',
  ].filter(Boolean);
  const summaryLine = errors > 0 ? c.red(c.bold(`✖ ${summary}`)) : c.yellow(c.bold(`⚠ ${summary}`));
  return `${blocks.join('\n\n')}\n\n${summaryLine}\n${hints.map((h) => `${h}\n`).join('')}${checked.what}${checked.unchecked ? `; ${checked.unchecked}` : ''}\n`;
};
