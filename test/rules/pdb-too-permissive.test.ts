import rule from '../../rules/pdb-too-permissive.js';
import { describe, expect, it } from 'vitest';
import pdbBlocksDrain from '../../rules/pdb-blocks-drain.js';
import { lintText } from '../support/lint-text.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
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

/** A bare Pod (no controller) with the vLLM Deployment's labels. */
const BARE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: vllm-debug
  labels: {app: vllm}
spec:
  containers:
    - {name: server, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}}
`;

/** A flow-style PDB document: its budget is on its 4th line, at column 8. */
const FLOW_PDB = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: vllm}
spec: {${budget}, selector: {matchLabels: {app: vllm}}}
`;

/** A 4-space, CRLF Deployment of 4 replicas and its PDB, whose budget (line 31) is `budget`. */
const crlf = (budget: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '    name: vllm',
    'spec:',
    '    replicas: 4',
    '    selector:',
    '        matchLabels:',
    '            app: vllm',
    '    template:',
    '        metadata:',
    '            labels:',
    '                app: vllm',
    '        spec:',
    '            containers:',
    '            - name: server',
    '              image: vllm/vllm-openai:v0.11.0',
    '              ports:',
    '              - containerPort: 8000',
    '              resources:',
    '                  limits:',
    '                      nvidia.com/gpu: 1',
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    '    name: vllm',
    'spec:',
    '    selector:',
    '        matchLabels: {app: vllm}',
    budget,
    '',
  ].join('\r\n');

/** Two PDBs of one List share a budget through `&budget` / `*budget`: the second's is at 13:7. */
const ALIASED_BUDGET = `apiVersion: v1
kind: List
items:
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: web}
    spec: {maxUnavailable: &budget 2, selector: {matchLabels: {app: web}}}
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: vllm}
    spec:
      selector: {matchLabels: {app: vllm}}
      maxUnavailable: *budget
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      replicas: 4
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec:
          containers:
            - {name: server, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}}
`;

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
          messageId: 'dropsRequests',
          data: {
            pdb: 'PodDisruptionBudget vllm',
            location: 'test.yaml:21',
            evicted: '3 pods of Deployment vllm (test.yaml:4, 4 replicas)',
            arithmetic: 'minAvailable 1 of 4 pods leaves 3',
            limit: 1,
            profileName: 'gpu-inference',
          },
          profile: 'gpu-inference: container server requests nvidia.com/gpu',
        },
      ],
    },
    {
      name: 'judged at the HPA’s maxReplicas, where the budget lets the most go',
      code: doc(deployment('vllm', 2), hpa('vllm', 2, 6), pdb('vllm', 'maxUnavailable: 25%')),
      errors: [{ line: 32, column: 3, messageId: 'dropsRequests', data: { evicted: "2 pods of Deployment vllm (test.yaml:4, 6 replicas at HorizontalPodAutoscaler vllm's maxReplicas)", arithmetic: 'maxUnavailable 25% of 6 pods rounds up to 2' } }],
    },
    {
      name: 'a ScaledObject without maxReplicaCount scales to KEDA’s default of 100, where 10% lets 10 go',
      code: doc(
        deployment('vllm', 2),
        'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: vllm-scaler}\nspec:\n  scaleTargetRef: {name: vllm}\n  minReplicaCount: 2\n',
        pdb('vllm', 'maxUnavailable: 10%'),
      ),
      errors: [{ line: 30, column: 3, messageId: 'dropsRequests', data: { evicted: "10 pods of Deployment vllm (test.yaml:4, 100 replicas at ScaledObject vllm-scaler's maxReplicaCount (unset: 100))", arithmetic: 'maxUnavailable 10% of 100 pods rounds up to 10' } }],
    },
    {
      name: 'a PDB over a profiled and an unprofiled workload: the budget is shared, the GPU pods named',
      code: doc(deployment('vllm', 2), deployment('web', 4, false), pdb('serving', 'maxUnavailable: 50%', '{matchLabels: {tier: serving}}')),
      errors: [{ line: 39, column: 3, messageId: 'dropsRequests', data: { evicted: '2 pods of Deployment vllm (test.yaml:4, 2 replicas)', arithmetic: 'maxUnavailable 50% of 6 pods rounds up to 3' } }],
    },
    {
      name: 'a PDB in a context file: reported on the workload',
      code: deployment('vllm', 4),
      lint: { others: [{ path: 'platform/pdb.yaml', text: pdb('vllm', 'maxUnavailable: 2'), reportable: false }] },
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests', data: { pdb: 'PodDisruptionBudget vllm', location: 'platform/pdb.yaml:4', evicted: '2 pods of Deployment vllm (test.yaml:4, 4 replicas)' } }],
      // The PDB is only context: it is never edited, and the linted file has nothing to change.
      output: null,
    },

    // ---- The fix (unsafe): maxUnavailable: <the profile's maxConcurrentDisruption>. ----
    {
      name: 'fix: minAvailable is replaced by maxUnavailable: 1 on the same line',
      code: doc(deployment('vllm', 4), pdb('vllm', 'minAvailable: 1')),
      errors: [{ line: 23, column: 3 }],
      output: doc(deployment('vllm', 4), pdb('vllm', 'maxUnavailable: 1')),
    },
    {
      name: 'fix: a percentage maxUnavailable becomes 1 (judged at the HPA’s maxReplicas)',
      code: doc(deployment('vllm', 2), hpa('vllm', 2, 6), pdb('vllm', 'maxUnavailable: 25%')),
      errors: [{ line: 32, column: 3 }],
      output: doc(deployment('vllm', 2), hpa('vllm', 2, 6), pdb('vllm', 'maxUnavailable: 1')),
    },
    {
      name: 'fix: a quoted percentage becomes the integer 1, not the string "1"',
      code: doc(deployment('vllm', 4), pdb('vllm', 'minAvailable: "25%"')),
      errors: [{ line: 23, column: 3 }],
      output: doc(deployment('vllm', 4), pdb('vllm', 'maxUnavailable: 1')),
    },
    {
      name: 'fix: a shared budget over a profiled and an unprofiled workload',
      code: doc(deployment('vllm', 2), deployment('web', 4, false), pdb('serving', 'maxUnavailable: 50%', '{matchLabels: {tier: serving}}')),
      errors: [{ line: 39, column: 3 }],
      output: doc(deployment('vllm', 2), deployment('web', 4, false), pdb('serving', 'maxUnavailable: 1', '{matchLabels: {tier: serving}}')),
    },
    {
      name: 'fix: a profile allowing 2 at a time (maxConcurrentDisruption) writes maxUnavailable: 2',
      code: doc(deployment('vllm', 8), pdb('vllm', 'maxUnavailable: 50%')),
      lint: { profiles: { profiles: { ...DEFAULT_PROFILES, 'gpu-inference': { ...DEFAULT_PROFILES['gpu-inference'], maxConcurrentDisruption: 2 } } } },
      errors: [{ line: 23, column: 3, messageId: 'dropsRequests', data: { limit: 2, profileName: 'gpu-inference' } }],
      output: doc(deployment('vllm', 8), pdb('vllm', 'maxUnavailable: 2')),
    },
    {
      name: 'fix: a comment after the value stays',
      code: doc(deployment('vllm', 4), pdb('vllm', 'minAvailable: 1   # keep one serving')),
      errors: [{ line: 23, column: 3 }],
      output: doc(deployment('vllm', 4), pdb('vllm', 'maxUnavailable: 1   # keep one serving')),
    },
    {
      name: 'fix: a flow-style spec keeps its braces and key order',
      code: doc(deployment('vllm', 4), FLOW_PDB('minAvailable: 1')),
      errors: [{ line: 21, column: 8 }],
      output: doc(deployment('vllm', 4), FLOW_PDB('maxUnavailable: 1')),
    },
    {
      name: 'fix: the budget after the selector is replaced where it is',
      code: doc(deployment('vllm', 4), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: vllm\nspec:\n  selector:\n    matchLabels: {app: vllm}\n  minAvailable: 50%\n'),
      errors: [{ line: 25, column: 3 }],
      output: doc(deployment('vllm', 4), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: vllm\nspec:\n  selector:\n    matchLabels: {app: vllm}\n  maxUnavailable: 1\n'),
    },
    {
      name: 'fix: CRLF line endings and 4-space indentation are the file’s style',
      code: crlf('    minAvailable: 1'),
      errors: [{ line: 31, column: 5 }],
      output: crlf('    maxUnavailable: 1'),
    },
    {
      // The disruption controller computes maxUnavailable from the pods' controllers; for a pod
      // without one it fails ("found no controller ref") and allows no disruption at all, so a
      // drain would hang. Only minAvailable with an integer works for bare pods.
      name: 'no fix: the PDB also selects a bare Pod, which maxUnavailable cannot count',
      code: doc(deployment('vllm', 4), BARE_POD, pdb('vllm', 'minAvailable: 1')),
      errors: [{ line: 32, column: 3 }],
      output: null,
    },
    {
      name: 'no fix: the budget comes through a YAML alias, and the finding says why',
      code: ALIASED_BUDGET,
      errors: [{ line: 13, column: 7, messageId: 'dropsRequests', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
  ],
});

describe('pdb-too-permissive and pdb-blocks-drain', () => {
  it('never report the same PDB: blocked at the HPA’s minimum is pdb-blocks-drain’s, however loose at its maximum', () => {
    const code = doc(deployment('vllm', 2), hpa('vllm', 2, 10), pdb('vllm', 'minAvailable: 2'));
    expect(lintText(code, { rules: [pdbBlocksDrain, rule] }).map((f) => f.ruleId)).toEqual(['pdb-blocks-drain']);
  });
});
