import rule from '../../rules/pdb-too-permissive.js';
import { describe, expect, it } from 'vitest';
import pdbBlocksDrain from '../../rules/pdb-blocks-drain.js';
import { lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A Deployment whose `name:` is at 4:3; a GPU one unless `image` says otherwise. */
const deployment = (name: string, replicas: number, gpu = true) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}, tier: serving}}
    spec:
      containers:
        - name: server
          image: ${gpu ? 'vllm/vllm-openai:v0.11.0' : 'nginx:1.27'}
          ports: [{containerPort: 8000}]
${gpu ? '          resources: {limits: {nvidia.com/gpu: 1}}\n' : ''}`;

/** A PDB document: its budget is its 6th line. */
const pdb = (name: string, budget: string, selector = `{matchLabels: {app: ${name}}}`) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  ${budget}
  selector: ${selector}
`;

const hpa = (name: string, min: number, max: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: ${min}
  maxReplicas: ${max}
`;

const doc = (...docs: string[]) => docs.join('---\n');

runRuleTests(rule, {
  valid: [
    { name: 'maxUnavailable 1', code: doc(deployment('vllm', 8), pdb('vllm', 'maxUnavailable: 1')) },
    { name: 'maxUnavailable 12% of 8 rounds up to 1', code: doc(deployment('vllm', 8), pdb('vllm', 'maxUnavailable: 12%')) },
    { name: 'minAvailable 2 of 3', code: doc(deployment('vllm', 3), pdb('vllm', 'minAvailable: 2')) },
    { name: 'a loose budget over an unprofiled app', code: doc(deployment('web', 6, false), pdb('web', 'maxUnavailable: 3')) },
    { name: 'a PDB whose budget is templated is not judged', code: doc(deployment('vllm', 4), pdb('vllm', 'maxUnavailable: "${MAX_UNAVAILABLE}"')) },
  ],
  invalid: [
    {
      name: 'minAvailable 1 of 4 lets 3 go',
      code: doc(deployment('vllm', 4), pdb('vllm', 'minAvailable: 1')),
      errors: [
        {
          line: 23,
          column: 3,
          message:
            'PodDisruptionBudget vllm (test.yaml:21) lets 3 pods of Deployment vllm (test.yaml:4, 4 replicas) be evicted at once (minAvailable 1 of 4 pods leaves 3), more than the 1 the gpu-inference profile allows',
        },
      ],
    },
    {
      name: 'judged at the HPA’s maxReplicas, where the budget lets the most go',
      code: doc(deployment('vllm', 2), hpa('vllm', 2, 6), pdb('vllm', 'maxUnavailable: 25%')),
      errors: [{ line: 32, column: 3, message: "lets 2 pods of Deployment vllm (test.yaml:4, 6 replicas at HorizontalPodAutoscaler vllm's maxReplicas) be evicted at once (maxUnavailable 25% of 6 pods rounds up to 2)" }],
    },
    {
      name: 'a PDB over a profiled and an unprofiled workload: the budget is shared, the GPU pods named',
      code: doc(deployment('vllm', 2), deployment('web', 4, false), pdb('serving', 'maxUnavailable: 50%', '{matchLabels: {tier: serving}}')),
      errors: [{ line: 39, column: 3, message: 'lets 2 pods of Deployment vllm (test.yaml:4, 2 replicas) be evicted at once (maxUnavailable 50% of 6 pods rounds up to 3)' }],
    },
    {
      name: 'a PDB in a context file: reported on the workload',
      code: deployment('vllm', 4),
      lint: { others: [{ path: 'platform/pdb.yaml', text: pdb('vllm', 'maxUnavailable: 2'), reportable: false }] },
      errors: [{ line: 4, column: 3, message: 'PodDisruptionBudget vllm (platform/pdb.yaml:4) lets 2 pods of Deployment vllm (test.yaml:4, 4 replicas)' }],
    },
  ],
});

describe('pdb-too-permissive and pdb-blocks-drain', () => {
  it('never report the same PDB: blocked at the HPA’s minimum is pdb-blocks-drain’s, however loose at its maximum', () => {
    const code = doc(deployment('vllm', 2), hpa('vllm', 2, 10), pdb('vllm', 'minAvailable: 2'));
    expect(lintText(code, { rules: [pdbBlocksDrain, rule] }).map((f) => f.ruleId)).toEqual(['pdb-blocks-drain']);
  });
});
