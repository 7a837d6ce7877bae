import { activeFindings, type Finding } from '../core/findings.js';
import { headline } from './headline.js';
import type { Formatter } from './types.js';
import { xmlTag, xmlText } from './xml.js';

/**
 * JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins, Azure DevOps): one
 * suite, one test case per linted file, a `<failure>` per finding (its headline as `message`, its
 * rule as `type`, the whole message at `file:line:col` as text). A file without findings is a
 * passing test case. `failures` counts the failing test cases, as JUnit counts failed tests.
 */
export const junit: Formatter = (results, { quiet, root }) => {
  const cases = results.map((result) => ({ path: result.path, findings: activeFindings(result, quiet) }));
  const counts = { tests: cases.length, failures: cases.filter((c) => c.findings.length > 0).length, errors: 0, skipped: 0 };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlTag('testsuites', { name: 'gpu-drain-lint', tests: counts.tests, failures: counts.failures, errors: counts.errors }),
    `  ${xmlTag('testsuite', { name: 'gpu-drain-lint', ...counts })}`,
  ];
  for (const { path, findings } of cases) {
    const attributes = { classname: path, name: path, file: path };
    if (findings.length === 0) {
      lines.push(`    ${xmlTag('testcase', attributes, true)}`);
      continue;
    }
    lines.push(`    ${xmlTag('testcase', attributes)}`);
    for (const f of findings) lines.push(`      ${xmlTag('failure', { message: headline(f), type: f.ruleId })}${xmlText(failureText(path, f))}</failure>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
};

function failureText(path: string, f: Finding): string {
  return `${path}:${f.line}:${f.column}: ${f.severity === 'error' ? 'error' : 'warning'} ${f.ruleId}: ${f.message}`;
}
