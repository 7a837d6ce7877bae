import { createColors } from 'picocolors';
import { activeFindings, countBySeverity } from '../engine/findings.js';
import type { Formatter } from './types.js';

/**
 * One line per finding, `path:line:col  severity  message  rule-id` (terminals and editors make
 * the location clickable), grouped by file, then a summary.
 */
export const stylish: Formatter = (results, { color, quiet }) => {
  const c = createColors(color);
  const blocks: string[] = [];
  for (const result of results) {
    const findings = activeFindings(result, quiet);
    if (findings.length === 0) continue;
    const lines = findings.map((f) => {
      const severity = f.severity === 'error' ? c.red('error') : c.yellow('warn ');
      return `${c.underline(`${result.path}:${f.line}:${f.column}`)}  ${severity}  ${f.message}  ${c.dim(f.ruleId)}`;
    });
    blocks.push(lines.join('\n'));
  }
  const counts = countBySeverity(results);
  const errors = counts.errors;
  const warnings = quiet ? 0 : counts.warnings;
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  return `${blocks.join('\n\n')}\n\n${errors > 0 ? c.red(c.bold(`✖ ${summary}`)) : c.yellow(c.bold(`⚠ ${summary}`))}\n`;
};

