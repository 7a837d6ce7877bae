import { runCoverage } from '../core/coverage.js';
import { countBySeverity } from '../core/findings.js';
import type { Formatter } from './types.js';

/** The stable JSON report; its shape is documented in docs/formats.md and versioned. */
export const json: Formatter = (results, { version, quiet }) => {
  const { errors, warnings } = countBySeverity(results);
  const report = {
    version: 1,
    tool: { name: 'gpu-drain-lint', version },
    errorCount: errors,
    warningCount: warnings,
    coverage: runCoverage(results),
    files: results.map((result) => {
      const counts = countBySeverity([result]);
      const findings = (quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings).map(({ fix, messageId: _messageId, data: _data, related: _related, explain: _explain, ...finding }) => ({
        ...finding,
        ...(fix ? { fix: { safety: fix.safety, description: fix.description, edits: fix.edits.map(({ start, end, text, path }) => ({ ...(path ? { path } : {}), range: [start, end], text })) } } : {}),
      }));
      return {
        path: result.path,
        errorCount: counts.errors,
        warningCount: counts.warnings,
        findings,
        ...(result.output !== undefined ? { output: result.output } : {}),
      };
    }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
