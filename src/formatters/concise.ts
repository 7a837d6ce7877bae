import { activeFindings } from '../core/findings.js';
import { colors, severityStyle } from './colors.js';
import { summaryLines } from './summary.js';
import type { Formatter } from './types.js';

/**
 * One line per finding, `path:line:col: severity rule-id [*] message`, the whole message on it
 * (for grep, editors' error parsers and narrow logs), then the summary.
 */
export const concise: Formatter = (results, context) => {
  const c = colors(context.color);
  const lines = results.flatMap((result) =>
    activeFindings(result, context.quiet).map((f) => {
      const mark = f.fix?.safety === 'safe' ? ` ${c.cyan('[*]')}` : '';
      const severity = severityStyle(c, f.severity)(f.severity === 'error' ? 'error' : 'warn');
      return `${c.bold(`${result.path}:${f.line}:${f.column}:`)} ${severity} ${f.ruleId}${mark} ${f.message}\n`;
    }),
  );
  const summary = summaryLines(results, context, c);
  return lines.length === 0 ? summary : `${lines.join('')}\n${summary}`;
};
