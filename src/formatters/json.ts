import { countBySeverity } from '../engine/findings.js';
import type { Formatter } from './types.js';

/** The stable JSON report; its shape is documented in docs/formats.md and versioned. */
export const json: Formatter = (results, { version }) => {
  const { errors, warnings } = countBySeverity(results);
  const report = {
    version: 1,
    tool: { name: 'gpu-drain-lint', version },
    errorCount: errors,
    warningCount: warnings,
    files: results.map((result) => {
      const counts = countBySeverity([result]);
      return { path: result.path, errorCount: counts.errors, warningCount: counts.warnings, findings: result.findings };
    }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
