import rule from '../../rules/pdb-missing.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import singleReplica from '../../rules/single-replica.js';
import { lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A GPU Deployment whose `name:` is at 4:3. */
const deployment = (name: string, replicas: number | undefined, namespace?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}, tier: gpu}}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

const pdb = (name: string, selector: string, namespace?: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  maxUnavailable: 1
  selector: ${selector}
`;

const hpa = (name: string, minReplicas: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: ${minReplicas}
  maxReplicas: 8
`;

const doc = (...docs: string[]) => docs.join('---\n');

runRuleTests(rule, {
  valid: [
    { name: 'a PDB on another label of the pods', code: doc(deployment('vllm', 2), pdb('gpu', '{matchLabels: {tier: gpu}}')) },
    { name: 'a PDB in another file of the run', code: deployment('vllm', 2), lint: { others: [{ path: 'pdb.yaml', text: pdb('vllm', '{matchLabels: {app: vllm}}') }] } },
    { name: 'a PDB in a context file', code: deployment('vllm', 2), lint: { others: [{ path: 'pdb.yaml', text: pdb('vllm', '{matchLabels: {app: vllm}}'), reportable: false }] } },
    { name: 'replicas unset (1): single-replica’s finding', code: deployment('vllm', undefined) },
    { name: 'replicas 4 but an HPA minReplicas 1: single-replica’s finding', code: doc(deployment('vllm', 4), hpa('vllm', 1)) },
  ],
  invalid: [
    {
      name: 'two replicas and no PDB: a PDB to paste in the message',
      code: deployment('vllm', 2, 'inference'),
      errors: [
        {
          line: 4,
          column: 3,
          message:
            'Add a PodDisruptionBudget that lets 1 go at a time: { apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: vllm, namespace: inference }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: vllm } } } }',
        },
      ],
    },
    {
      name: 'replicas 1 with an HPA minReplicas 2: HPA-aware',
      code: doc(deployment('vllm', 1), hpa('vllm', 2)),
      errors: [{ line: 4, column: 3, message: "Deployment vllm runs 2 replicas at HorizontalPodAutoscaler vllm's minReplicas, but no PodDisruptionBudget in this run selects its pods" }],
    },
    {
      name: 'a PDB of the same name in another namespace does not count',
      code: doc(deployment('vllm', 3, 'prod'), pdb('vllm', '{matchLabels: {app: vllm}}', 'staging')),
      errors: [{ line: 4, column: 3, message: 'metadata: { name: vllm, namespace: prod }' }],
    },
  ],
});

describe('pdb-missing', () => {
  it('the suggested PDB is valid YAML that selects the workload and names its namespace', () => {
    const [finding] = lintText(deployment('vllm', 2, 'inference'), { rules: [rule] });
    const suggestion = parse(/Add a PodDisruptionBudget that lets 1 go at a time: (\{.*\}) \[/.exec(finding!.message)![1]!);
    expect(suggestion).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'vllm', namespace: 'inference' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'vllm' } } },
    });
  });

  it('single-replica and pdb-missing never report the same workload', () => {
    for (const code of [deployment('a', 1), deployment('b', 2), doc(deployment('c', 3), hpa('c', 1)), doc(deployment('d', 1), hpa('d', 2))]) {
      const ids = lintText(code, { rules: [singleReplica, rule] }).map((f) => f.ruleId);
      expect(ids, code).toHaveLength(1);
    }
  });
});
