import rule from '../../rules/single-replica.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A GPU Deployment; `replicas:` (when given) is at 6:3, else `spec:` at 5:1 is where findings point. */
const deployment = (name: string, replicas: number | undefined, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

/** An HPA document; `minReplicas:` (when given) is its 6th line. */
const hpa = (name: string, minReplicas: number | undefined, kind = 'Deployment') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
${minReplicas === undefined ? '' : `  minReplicas: ${minReplicas}\n`}  maxReplicas: 8
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${name}}
`;

const doc = (...docs: string[]) => docs.join('---\n');

runRuleTests(rule, {
  valid: [
    { name: 'acceptance: replicas 1 with an HPA minReplicas 2', code: doc(deployment('vllm', 1), hpa('vllm', 2)) },
    { name: 'an HPA in another file of the run counts', code: deployment('vllm', 1), lint: { others: [{ path: 'hpa.yaml', text: hpa('vllm', 2) }] } },
    { name: 'an HPA in a context file counts', code: deployment('vllm', 1), lint: { others: [{ path: 'hpa.yaml', text: hpa('vllm', 3), reportable: false }] } },
    { name: 'two replicas', code: deployment('vllm', 2) },
    { name: 'RULES.md judges Deployments and StatefulSets only (not a ReplicaSet)', code: deployment('vllm', 1, 'ReplicaSet') },
    {
      name: 'overlays of one Deployment that disagree on replicas are not guessed at',
      code: deployment('vllm', 1),
      lint: { others: [{ path: 'overlays/prod/vllm.yaml', text: deployment('vllm', 4) }] },
    },
  ],
  invalid: [
    { name: 'replicas: 1, at replicas', code: deployment('vllm', 1), errors: [{ line: 6, column: 3, messageId: 'runsOneWaitsForModel', data: { workload: 'Deployment vllm', replicas: '1 replica' } }] },
    { name: 'replicas unset, at spec', code: deployment('vllm', undefined, 'StatefulSet'), errors: [{ line: 5, column: 1, messageId: 'runsOneWaitsForModel', data: { workload: 'StatefulSet vllm', replicas: '1 replica (replicas unset)' } }] },
    {
      name: 'an HPA with minReplicas 1 owns the scale: reported on the HPA, naming the Deployment',
      code: doc(deployment('vllm', 4), hpa('vllm', 1)),
      errors: [
        {
          line: 23,
          column: 3,
          messageId: 'hpaWaitsForModel',
          data: { hpa: 'HorizontalPodAutoscaler vllm', hpaLocation: 'test.yaml:21', workload: 'Deployment vllm', workloadLocation: 'test.yaml:4', replicas: '1 replica', min: 'minReplicas: 1' },
        },
      ],
    },
    {
      name: 'an HPA scaled to zero (minReplicas 0)',
      code: doc(deployment('vllm', 2), hpa('vllm', 0)),
      errors: [{ line: 23, column: 3, messageId: 'hpaWaitsForModel', data: { replicas: '0 replicas', min: 'minReplicas: 0' } }],
    },
    {
      name: 'an HPA in a context file: reported on the Deployment, at its replicas',
      code: deployment('vllm', 3),
      lint: { others: [{ path: 'platform/hpa.yaml', text: hpa('vllm', undefined), reportable: false }] },
      errors: [
        {
          line: 6,
          column: 3,
          messageId: 'hpaWaitsForModel',
          data: { hpaLocation: 'platform/hpa.yaml:4', workloadLocation: 'test.yaml:4', replicas: '1 replica', min: 'minReplicas unset: 1' },
        },
      ],
    },
    {
      name: 'one HPA over two copies of its Deployment (base and overlay): one finding',
      code: doc(hpa('vllm', 1), deployment('vllm', 2)),
      lint: { others: [{ path: 'base/vllm.yaml', text: deployment('vllm', 2) }] },
      errors: [{ line: 6, column: 3, messageId: 'hpaWaitsForModel', data: { hpaLocation: 'test.yaml:4', workloadLocation: 'test.yaml:13' } }],
    },
  ],
});
