import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';

const root = new URL('../../', import.meta.url).pathname;
const ruleFiles = readdirSync(`${root}rules`)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const catalogue = existsSync(`${root}../shared/RULES.md`) ? readFileSync(`${root}../shared/RULES.md`, 'utf8') : undefined;

/** kube-linter's rule: a rule without docs, fixtures or tests does not ship. */
describe('every rule is complete', () => {
  it('the registry lists every file in rules/, once', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual([...ruleFiles].sort());
    expect(new Set(rules.map((r) => r.meta.id)).size).toBe(rules.length);
  });

  for (const rule of rules) {
    const { id } = rule.meta;
    describe(id, () => {
      it('has metadata', () => {
        expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(rule.meta.description.length).toBeGreaterThan(20);
        expect(rule.meta.description.length).toBeLessThanOrEqual(200);
        expect(['error', 'warn']).toContain(rule.meta.defaultSeverity);
        expect(['safe', 'unsafe', 'none']).toContain(rule.meta.fixable);
        expect(rule.meta.docsUrl).toMatch(new RegExp(`/docs/rules/${id}\.md$`));
      });

      it('has a doc with Ruff sections', () => {
        const doc = readFileSync(`${root}docs/rules/${id}.md`, 'utf8');
        const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        expect(headings).toEqual(['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'Options', 'References']);
        expect(doc).toContain(`# ${id}`);
      });

      it('has fixtures that fire and fixtures that must not', () => {
        for (const kind of ['valid', 'invalid']) {
          const dir = `${root}fixtures/rules/${id}/${kind}`;
          expect(existsSync(dir) && readdirSync(dir).some((f) => /\.ya?ml$/.test(f)), `${dir} has fixtures`).toBe(true);
        }
      });

      it.skipIf(rule.meta.fixable === 'none')('shows its fix: an invalid fixture with a .fixed.yaml twin', () => {
        const dir = `${root}fixtures/rules/${id}/invalid`;
        const fixed = existsSync(dir) ? readdirSync(dir).filter((f) => /\.fixed\.ya?ml$/.test(f)) : [];
        expect(fixed.length, `${dir} has a <name>.fixed.yaml`).toBeGreaterThan(0);
      });

      it('has a test', () => {
        expect(existsSync(`${root}test/rules/${id}.test.ts`)).toBe(true);
      });

      it.skipIf(!catalogue)('is in the catalogue with the same default severity', () => {
        const row = catalogue!.split('\n').find((line) => line.includes(`| \`${id}\` |`));
        expect(row, `RULES.md has a row for ${id}`).toBeDefined();
        expect(row!.split('|')[3]!.trim().split(' ')[0]).toBe(rule.meta.defaultSeverity);
      });
    });
  }
});
