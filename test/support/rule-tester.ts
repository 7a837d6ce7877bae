import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { Rule } from '../../src/engine/rule.js';
import { fixText, lintText, type LintTextOptions } from './lint-text.js';

export interface ExpectedFinding {
  line: number;
  column: number;
  /** Text (or a pattern) the message must contain. */
  message?: string | RegExp;
  severity?: 'error' | 'warn';
}

interface CaseBase {
  name: string;
  code: string;
  options?: Record<string, unknown>;
  lint?: Omit<LintTextOptions, 'rules'>;
}
export type ValidCase = CaseBase;
export interface InvalidCase extends CaseBase {
  errors: ExpectedFinding[];
  /**
   * The exact text after applying this rule's fixes (safe and unsafe, over passes), or null for
   * "no fix applies". Fixtures give it as `<name>.fixed.yaml` beside `<name>.yaml`.
   */
  output?: string | null;
}

export const FIXTURES = new URL('../../fixtures/rules/', import.meta.url).pathname;

/**
 * ESLint's RuleTester for manifests. Besides the inline cases it runs every file in
 * `fixtures/rules/<id>/valid/` (no finding of the rule) and `invalid/` (exactly the findings its
 * `# expect: LINE:COL [(warn)] [message text]` comments list).
 */
export function runRuleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  const optionsOf = (c: CaseBase): LintTextOptions => ({
    ...c.lint,
    rules: [rule],
    settings: { ...c.lint?.settings, ...(c.options ? { [id]: { level: rule.meta.defaultSeverity, options: c.options } } : {}) },
  });
  const findingsOf = (c: CaseBase) => lintText(c.code, optionsOf(c)).filter((f) => f.ruleId === id);

  describe(id, () => {
    describe('valid', () => {
      for (const c of [...cases.valid, ...fixtureCases(id, 'valid')]) {
        it(c.name, () => expect(describeAll(findingsOf(c))).toEqual([]));
      }
    });
    describe('invalid', () => {
      for (const c of [...cases.invalid, ...fixtureCases(id, 'invalid')]) {
        it(c.name, () => {
          expect(c.errors.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
          const findings = findingsOf(c);
          expect(findings.map((f) => `${f.line}:${f.column}`)).toEqual(c.errors.map((e) => `${e.line}:${e.column}`));
          c.errors.forEach((expected, i) => {
            const finding = findings[i]!;
            if (expected.message instanceof RegExp) expect(finding.message).toMatch(expected.message);
            else if (expected.message) expect(finding.message).toContain(expected.message);
            expect(finding.severity).toBe(expected.severity ?? rule.meta.defaultSeverity);
          });
          if (c.output !== undefined) {
            const output = fixText(c.code, optionsOf(c));
            expect(output).toBe(c.output);
            if (output !== null) {
              // ESLint's check: the output parses, and fixing it again changes nothing.
              expect(fixText(output, optionsOf(c))).toBeNull();
            }
          }
        });
      }
    });
  });
}

function fixtureCases(id: string, kind: 'valid' | 'invalid'): InvalidCase[] {
  const dir = join(FIXTURES, id, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !/\.fixed\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const code = readFileSync(join(dir, file), 'utf8');
      const fixedPath = join(dir, file.replace(/\.(ya?ml)$/, '.fixed.$1'));
      const output = existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : undefined;
      const errors = [...code.matchAll(/^# expect: (\d+):(\d+)(?: \((error|warn)\))?(?: (.+))?$/gm)].map((m) => ({
        line: Number(m[1]),
        column: Number(m[2]),
        ...(m[3] ? { severity: m[3] as 'error' | 'warn' } : {}),
        ...(m[4] ? { message: m[4].trim() } : {}),
      }));
      return { name: `fixtures/rules/${id}/${kind}/${file}`, code, errors, ...(output !== undefined ? { output } : {}) };
    });
}

function describeAll(findings: Finding[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.message}`);
}
