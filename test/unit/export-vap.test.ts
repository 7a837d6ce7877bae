/**
 * The exported ValidatingAdmissionPolicies decide each object of the rule fixtures as the built-in
 * rules do. Each object is judged alone, as an admission request shows it: what a rule learns from
 * other objects of a fixture (a Service selecting the pods, an Ingress's timeouts) is no
 * single-object fact, and the export says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { rules } from '../../rules/index.js';
import { DEFAULT_PROFILES, type ProfileConfig } from '../../src/analysis/profile.js';
import { lint } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule.js';
import { admissionPolicyCheck } from '../../src/policy/admission/check.js';
import { EXPORTABLE_RULES } from '../../src/policy/export/builtin-rules.js';
import { exportAdmissionPolicies } from '../../src/policy/export/export.js';
import { EXPORTED_KINDS } from '../../src/policy/export/workload-cel.js';
import { ROOT } from '../cli/run.js';

const PROFILES: ProfileConfig = { profiles: DEFAULT_PROFILES, workloads: [] };
const encode = (text: string) => new TextEncoder().encode(text);

/** Each object of a rule's fixtures (valid and invalid; List items one by one) as YAML text, named by file and position. */
function fixtureObjects(id: string): { name: string; text: string; kind: string }[] {
  const objects: { name: string; text: string; kind: string }[] = [];
  for (const folder of ['valid', 'invalid']) {
    const dir = join(ROOT, 'fixtures/rules', id, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.fixed.yaml'))) {
      const documents = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
      if (!Array.isArray(documents)) continue;
      documents.forEach((document, d) => {
        const value = document.toJS() as Record<string, unknown> | null;
        if (!value || typeof value !== 'object') return;
        const items = value.kind === 'List' && Array.isArray(value.items) ? (value.items as Record<string, unknown>[]) : [value];
        items.forEach((item, i) => {
          if (typeof item?.kind !== 'string') return;
          objects.push({ name: `${folder}/${file}#${d}${items.length > 1 || value.kind === 'List' ? `.items[${i}]` : ''} ${item.kind}`, text: stringify(item), kind: item.kind });
        });
      });
    }
  }
  return objects;
}

function builtinFires(rule: Rule, text: string): boolean {
  const [result] = lint([{ path: 'object.yaml', content: encode(text), reportable: true }], { rules: [rule], settings: new Map(), profiles: PROFILES, defaultNamespace: 'default' });
  return result!.findings.some((f) => f.ruleId === rule.meta.id);
}

function exportedFires(policy: string, text: string): { fires: boolean; messages: string[] } {
  const results = lint(
    [
      { path: 'object.yaml', content: encode(text), reportable: true },
      { path: 'policy.yaml', content: encode(policy), reportable: false },
    ],
    { rules: [admissionPolicyCheck], settings: new Map(), profiles: PROFILES, defaultNamespace: 'default' },
  );
  const messages = results.flatMap((r) => r.findings.filter((f) => f.ruleId === 'admission-policy').map((f) => `${f.line}:${f.column} ${f.message}`));
  // An expression that errs (or cannot be evaluated offline) would deny under failurePolicy Fail for the wrong reason.
  const failures = messages.filter((m) => /resulted in error|cannot be evaluated offline|not supported/.test(m));
  if (failures.length > 0) throw new Error(`the exported policy cannot decide:\n${failures.join('\n')}`);
  return { fires: messages.length > 0, messages };
}

const exportedKinds = new Set(EXPORTED_KINDS.map((k) => k.kind));

describe('exported policies decide the rule fixtures as the built-in rules do', () => {
  for (const id of Object.keys(EXPORTABLE_RULES)) {
    it(id, () => {
      const rule = rules.find((r) => r.meta.id === id)!;
      const { exported } = exportAdmissionPolicies({ rules: [{ id, description: rule.meta.description, level: 'error', options: rule.meta.defaultOptions }], policies: [], config: PROFILES, defaultNamespace: 'default' });
      const policy = exported[0]!.objects.map((o) => stringify(o)).join('---\n');
      const judged = fixtureObjects(id).filter((o) => id === 'karpenter-deprecated-annotation' || exportedKinds.has(o.kind));
      const disagreements: string[] = [];
      let fired = 0;
      for (const object of judged) {
        const builtin = builtinFires(rule, object.text);
        const vap = exportedFires(policy, object.text);
        if (builtin) fired++;
        if (builtin !== vap.fires) disagreements.push(`${object.name}: rule ${builtin ? 'fires' : 'passes'}, policy ${vap.fires ? 'fires' : 'passes'} ${vap.messages.join(' | ')}`);
      }
      expect(disagreements).toEqual([]);
      // Both outcomes are met, so agreement is no accident of a policy that always passes or always fails.
      expect(fired).toBeGreaterThan(0);
      expect(judged.length - fired).toBeGreaterThan(0);
    });
  }
});
