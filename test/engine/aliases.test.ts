import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { fixText, lintText } from '../support/lint-text.js';

/** A GPU Deployment without a PDB (pdb-missing would append one) whose labels are `LABELS`. */
const deployment = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm}
spec:
  replicas: 2
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: vllm, image: "vllm/vllm-openai:v0.18.0", resources: {limits: {nvidia.com/gpu: 1}}, ports: [{containerPort: 8000}]}]
`;

// Issue 14, item 12: an unresolved alias was linted as if the field were absent, and --fix
// appended a PDB to a file kubectl refuses.
describe('aliases the API server cannot resolve make the document a yaml-syntax error', () => {
  it('an alias with no anchor: one fatal finding at the alias, and --fix writes nothing', () => {
    const code = deployment('*nope');
    const findings = lintText(code, { rules });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.fatal ?? false}`)).toEqual(['8:24 yaml-syntax true']);
    expect(findings[0]!.message).toBe('the alias *nope has no anchor &nope before it');
    expect(fixText(code, { rules })).toBeNull();
  });

  it('an alias inside the value its anchor names', () => {
    const findings = lintText('a: &x [1, *x]\n', { rules });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['1:11 yaml-syntax']);
    expect(findings[0]!.message).toMatch(/inside the value its anchor &x names/);
  });

  it('only the broken document is lost; a resolvable alias is read as its anchor', () => {
    const findings = lintText(`${deployment('&labels {app: vllm}')}---\n${deployment('*labels')}`, { rules });
    expect(findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.line)).toEqual([19]);
    expect(lintText(`x: &labels {app: vllm}\n---\n${deployment('{app: vllm}')}`, { rules }).some((f) => f.ruleId === 'yaml-syntax')).toBe(false);
    expect(lintText(`a: &x {k: 1}\nb: *x\n`, { rules })).toEqual([]);
  });
});
