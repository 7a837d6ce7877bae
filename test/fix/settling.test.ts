/**
 * Issue 14, items 7 and 8: a fix that never settles is applied once at most (and undone), and
 * documents appended by several fixes land in one pass. (Item 10, a fix that fails verification
 * isolated without a re-parse per fix, is in verification.test.ts, with issue 18's.)
 */
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { rules } from '../../rules/index.js';
import { lint, type LintInput } from '../../src/engine/lint.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { combine } from '../../src/languages/shared/editor.js';
import { fixAll } from '../../src/fix/fixer.js';
import { lintOptionsFor } from '../support/lint-text.js';
import { vllmDeployment } from '../support/manifests.js';

vi.mock('../../src/engine/lint.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/lint.js')>();
  return { ...actual, lint: vi.fn(actual.lint) };
});

const encoder = new TextEncoder();
const input = (text: string): LintInput => ({ path: 'm.yaml', content: encoder.encode(text), reportable: true });
const ruleNamed = (id: string) => rules.find((r) => r.meta.id === id)!;

function fix(text: string, ruleList: readonly Rule[]) {
  const run = fixAll([input(text)], lintOptionsFor({ rules: ruleList }), { unsafe: true });
  return { output: run.fixed.get('m.yaml')?.output ?? null, run };
}

/** How many times `fn` calls the mocked function. */
function callsOf(mock: unknown, fn: () => void): number {
  const calls = vi.mocked(mock as (...args: unknown[]) => unknown).mock.calls.length;
  fn();
  return vi.mocked(mock as (...args: unknown[]) => unknown).mock.calls.length - calls;
}

/** A 2-replica vLLM Deployment `name` whose `spec.selector` is `selector` and pod labels `labels` (flow maps). */
const deployment = (name: string, selector = `{app: ${name}}`, labels = `{app: ${name}}`) => vllmDeployment({ name, selector, labels });

const kinds = (text: string) => parseAllDocuments(text).map((d) => (d.toJS() as { kind: string }).kind);

describe('a fix that does not resolve its finding is not applied again and again (item 7)', () => {
  it.each([
    ['a typo in the selector', deployment('vllm', '{app: vllm}', '{app: vlm}')],
    ['a pod label YAML 1.1 reads as a boolean (off)', deployment('vllm', '{app: "off"}', '{app: off}')],
  ])('pdb-missing offers no PodDisruptionBudget whose selector misses the pods: %s', (_, text) => {
    const { output, run } = fix(text, [ruleNamed('pdb-missing')]);
    expect(output).toBeNull();
    const finding = run.results[0]!.findings.find((f) => f.ruleId === 'pdb-missing')!;
    expect(finding.fixable).toBe(false);
  });

  it.each([
    ['in a selector key', deployment('vllm', '{"\uFEFFapp": vllm}', '{app: vllm}')],
    ['in a pod label key', deployment('vllm', '{app: vllm}', '{"\uFEFFapp": vllm}')],
    ['in both', deployment('vllm', '{"\uFEFFapp": vllm}', '{"\uFEFFapp": vllm}')],
  ])('a byte order mark %s: at most one PodDisruptionBudget, and a second run changes nothing', (_, text) => {
    const { output } = fix(text, [ruleNamed('pdb-missing')]);
    const after = output ?? text;
    expect(kinds(after).filter((k) => k === 'PodDisruptionBudget').length).toBeLessThanOrEqual(1);
    expect(fix(after, [ruleNamed('pdb-missing')]).output).toBeNull();
  });

  /** Reports every ConfigMap and appends another one, which never makes the finding go away. */
  const appender = defineRule({
    meta: { id: 'test-appender', description: 'test rule', defaultSeverity: 'error', fixable: 'unsafe', docs: { finds: 'a ConfigMap' }, messages: { found: 'found' } },
    check(context) {
      const [first] = context.index.model.objects.filter((o) => o.kind === 'ConfigMap');
      if (!first) return;
      const document = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'extra' } };
      context.report({ object: first, span: first.anchor, messageId: 'found', fix: combine('unsafe', 'append a Secret', context.editor(first).appendDocument(document)) });
    },
  });
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n';

  it('the generic guard: the pass is redone without it, and the finding says why', () => {
    const { output, run } = fix(configMap, [appender]);
    expect(output).toBeNull();
    const [finding] = run.results[0]!.findings;
    expect(finding!.fixable).toBe(false);
    expect(finding!.message).toMatch(/not fixed: applying it did not resolve the finding/);
  });

  it('other fixes of the undone pass are kept', () => {
    const pdbMissing = ruleNamed('pdb-missing');
    const { output } = fix(`${configMap}---\n${deployment('vllm')}`, [appender, pdbMissing]);
    expect(kinds(output!)).toEqual(['ConfigMap', 'Deployment', 'PodDisruptionBudget']);
    expect(fix(output!, [appender, pdbMissing]).output).toBeNull();
  });
});

describe('documents appended by several fixes (item 8)', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => deployment(`vllm-${i}`)).join('---\n');

  it('twelve workloads without a PodDisruptionBudget get twelve, in one pass, in workload order; a second run changes nothing', () => {
    let output: string | null = null;
    const lints = callsOf(lint, () => (output = fix(twelve, [ruleNamed('pdb-missing')]).output));
    expect(lints).toBe(2); // the first lint, and the one after the single pass that changed the file
    const documents = parseAllDocuments(output!).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    const pdbs = documents.filter((d) => d.kind === 'PodDisruptionBudget').map((d) => d.metadata.name);
    expect(pdbs).toEqual(Array.from({ length: 12 }, (_, i) => `vllm-${i}`));
    expect(fix(output!, [ruleNamed('pdb-missing')]).output).toBeNull();
  });
});
