import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { Rule } from '../../src/engine/rule.js';
import { fixText, lintText, type LintTextOptions } from './lint-text.js';

export interface ExpectedFinding {
  line: number;
  column: number;
  /** The rule's message id (a case about positions or the fix alone may leave it out). */
  messageId?: string;
  /** Values the message was filled with: each one listed must be equal (others are not checked). */
  data?: Record<string, string | number>;
  /** Text the drain-profile note (`[gpu-inference: …]`) must contain. */
  profile?: string;
  /** Why the fix was withheld (the message's trailing `(not fixed: …)`). */
  unfixable?: string | RegExp;
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
 * `# expect: LINE:COL [(warn)] messageId [{data}] [[profile note]]` comments list).
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
            if (expected.messageId !== undefined) expect(finding.messageId).toBe(expected.messageId);
            if (expected.data !== undefined) expect(finding.data).toMatchObject(expected.data);
            if (expected.profile !== undefined) expect(profileNote(finding.message)).toContain(expected.profile);
            if (expected.unfixable !== undefined) expect(finding.message).toMatch(expected.unfixable);
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
        ...expectation(m[4]?.trim() ?? '', `${id}/${kind}/${file}`),
      }));
      return { name: `fixtures/rules/${id}/${kind}/${file}`, code, errors, ...(output !== undefined ? { output } : {}) };
    });
}

/**
 * `messageId`, then optionally `{"key": value, …}` (data the message must have been filled with)
 * and `[text]` (text of the drain-profile note).
 */
function expectation(text: string, where: string): Pick<ExpectedFinding, 'messageId' | 'data' | 'profile'> {
  const match = /^([a-z][A-Za-z0-9]*)(?: (\{.*\}))?(?: \[(.+)\])?$/.exec(text);
  if (!match) throw new Error(`${where}: "# expect: … ${text}" is not "messageId {data} [profile note]"`);
  try {
    return {
      messageId: match[1]!,
      ...(match[2] ? { data: JSON.parse(match[2]) as Record<string, string | number> } : {}),
      ...(match[3] ? { profile: match[3] } : {}),
    };
  } catch (error) {
    throw new Error(`${where}: the data after "# expect: … ${match[1]}" is not JSON: ${String(error)}`);
  }
}

/** The text of a message's trailing `[profile: reason]` note. */
function profileNote(message: string): string {
  const start = Math.max(...['gpu-inference', 'long-lived'].map((name) => message.lastIndexOf(` [${name}: `)));
  return start === -1 ? '' : message.slice(start + 2);
}

function describeAll(findings: Finding[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.message}`);
}
