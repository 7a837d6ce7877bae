/**
 * Every file `npm run generate` writes is what it would write now: each artefact is rendered in
 * memory by the generator's own functions, from the rules in the sources, and compared with the
 * committed file. A failure means: run `npm run generate` and commit the result. (The Action
 * bundle, action/index.js, is checked by test/integrations/action.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { configSchema } from '../../src/config/schema.js';
import type { Rule } from '../../src/engine/rule.js';
// @ts-expect-error: a plain .mjs script, without type declarations
import * as generator from '../../scripts/generate.mjs';

const g = generator as {
  ROOT: string;
  REGISTRY: string;
  SCHEMA: string;
  VALIDATOR: string;
  README: string;
  RULE_DOCS: string;
  ruleFiles(): string[];
  renderRegistry(ids: string[], current: string): string;
  renderSchema(rules: readonly Rule[], schema: typeof configSchema): string;
  renderValidator(schemaText: string): Promise<string>;
  renderReadme(readme: string, rules: readonly Rule[]): string;
  renderRuleTable(rules: readonly { meta: Pick<Rule['meta'], 'id' | 'defaultSeverity' | 'docs'> }[]): string;
  renderDocHeader(doc: string, rule: Rule): string;
  renderDocExample(doc: string, name: string): { text: string; stderr: string };
  docOptionProblems(doc: string, rule: Rule): string[];
};

const STALE = 'is stale: run `npm run generate` and commit the result';
const read = (path: string) => readFileSync(join(g.ROOT, path), 'utf8');

describe('generated files are current', () => {
  it(`${g.REGISTRY} imports every file of rules/ and lists each once`, () => {
    const committed = read(g.REGISTRY);
    expect(g.renderRegistry(g.ruleFiles(), committed), `${g.REGISTRY} ${STALE}`).toBe(committed);
  });

  it(g.SCHEMA, () => {
    expect(g.renderSchema(rules, configSchema), `${g.SCHEMA} ${STALE}`).toBe(read(g.SCHEMA));
  });

  it(`${g.VALIDATOR}, the schema compiled ahead of time`, async () => {
    expect(await g.renderValidator(g.renderSchema(rules, configSchema)), `${g.VALIDATOR} ${STALE}`).toBe(read(g.VALIDATOR));
  });

  it(`the rule table of ${g.README}`, () => {
    const committed = read(g.README);
    expect(g.renderReadme(committed, rules), `the rule table of ${g.README} ${STALE}`).toBe(committed);
  });

  for (const rule of rules) {
    const path = `${g.RULE_DOCS}/${rule.meta.id}.md`;
    describe(path, () => {
      it('states the default severity and fix safety of the meta', () => {
        const committed = read(path);
        expect(g.renderDocHeader(committed, rule), `the header of ${path} ${STALE}`).toBe(committed);
      });

      /** actionlint's rule: a doc's example output is the real output, so docs cannot drift. */
      it('shows the real output of its example', () => {
        const committed = read(path);
        const { text, stderr } = g.renderDocExample(committed, path);
        expect(stderr).toBe('');
        expect(text, `the example output of ${path} ${STALE}`).toBe(committed);
      });

      it('lists every option with its default (Options is prose: edit it by hand)', () => {
        expect(g.docOptionProblems(read(path), rule)).toEqual([]);
      });
    });
  }
});

// Issue 15, item 1: a warn rule with an error case (engine-shutdown-timeout) says so, as an error
// rule with warning cases does.
describe('a rule whose cases differ from its default severity', () => {
  const meta = (defaultSeverity: 'warn' | 'error', docs: Rule['meta']['docs']) => ({ meta: { id: 'r', defaultSeverity, docs } });
  it('the README table: error / warn, warn / error', () => {
    expect(g.renderRuleTable([meta('error', { finds: 'x', alsoWarns: true })])).toContain('| error / warn | x |');
    expect(g.renderRuleTable([meta('warn', { finds: 'x', alsoErrors: true })])).toContain('| warn / error | x |');
  });
  it('the doc header keeps its note, or gets a generic one', () => {
    const rule = { meta: { id: 'r', defaultSeverity: 'warn', fixable: 'none', docs: { finds: 'x', alsoErrors: true } } } as unknown as Rule;
    expect(g.renderDocHeader('# r\n\nDefault severity: **warn** · Fixable: **none**\n', rule)).toContain('Default severity: **warn** (**error** in some cases) · Fixable: **none**');
    expect(g.renderDocHeader('# r\n\nDefault severity: **warn** (**error** for y) · Fixable: **none**\n', rule)).toContain('(**error** for y)');
  });
});
