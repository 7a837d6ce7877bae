import { describe } from 'vitest';
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

/** A GPU InferenceService (KServe's Knative mode); `predictor:` at 5:3, `extra` inside it. */
const inferenceService = (extra: string) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: llama}
spec:
  predictor:
${extra}    model:
      modelFormat: {name: huggingface}
      resources: {limits: {nvidia.com/gpu: 1}}
`;

/** A KAITO preset Workspace with no `resource.count` (`resource:` at 4:1). */
const kaitoWorkspace = `apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata: {name: phi}
resource:
  instanceType: Standard_NC24ads_A100_v4
  labelSelector: {matchLabels: {apps: phi}}
inference:
  preset: {name: phi-4-mini-instruct}
`;

/** A RayCluster under the in-tree autoscaler whose GPU worker group keeps minReplicas 1 (at 15:7). */
const rayCluster = `apiVersion: ray.io/v1
kind: RayCluster
metadata: {name: vllm}
spec:
  enableInTreeAutoscaling: true
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        containers:
          - name: ray-head
            image: rayproject/ray:2.46.0
  workerGroupSpecs:
    - groupName: gpu
      minReplicas: 1
      maxReplicas: 4
      rayStartParams: {}
      template:
        spec:
          containers:
            - name: ray-worker
              image: rayproject/ray:2.46.0
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

/** A KEDA ScaledObject over Deployment `target`; `spec` lines (when given) start at its 6th line, `spec:` is at its 5th. */
const scaledObject = (name: string, target: string, spec = '', apiVersion = 'keda.sh/v1alpha1') => `apiVersion: ${apiVersion}
kind: ScaledObject
metadata:
  name: ${name}
spec:
${spec}  scaleTargetRef: {name: ${target}}
  triggers: [{type: prometheus, metadata: {serverAddress: "http://prometheus:9090", query: "sum(vllm:num_requests_waiting)", threshold: "5"}}]
`;

/** An AIBrix PodAutoscaler over Deployment `target`; `spec` lines start at its 6th line. */
const podAutoscaler = (name: string, target: string, spec: string) => `apiVersion: autoscaling.aibrix.ai/v1alpha1
kind: PodAutoscaler
metadata:
  name: ${name}
spec:
${spec}  maxReplicas: 8
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
`;

const doc = (...docs: string[]) => docs.join('---\n');

/** An Argo Rollout that takes its pods from Deployment `name` (workloadRef). */
const workloadRefRollout = (name: string, replicas: number) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
`;

runRuleTests(rule, {
  valid: [
    { name: 'acceptance: replicas 1 with an HPA minReplicas 2', code: doc(deployment('vllm', 1), hpa('vllm', 2)) },
    { name: 'an HPA in another file of the run counts', code: deployment('vllm', 1), lint: { others: [{ path: 'hpa.yaml', text: hpa('vllm', 2) }] } },
    { name: 'an HPA in a context file counts', code: deployment('vllm', 1), lint: { others: [{ path: 'hpa.yaml', text: hpa('vllm', 3), reportable: false }] } },
    { name: 'two replicas', code: deployment('vllm', 2) },
    {
      name: "a Deployment behind an Argo Rollout's workloadRef is not judged for its own replicas (the Rollout runs 3)",
      code: doc(deployment('vllm', 1), workloadRefRollout('vllm', 3)),
    },
    { name: 'RULES.md judges Deployments and StatefulSets only (not a ReplicaSet)', code: deployment('vllm', 1, 'ReplicaSet') },
    { name: 'a ScaledObject with minReplicaCount 2', code: doc(deployment('vllm', 1), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 2\n')) },
    {
      name: 'a ScaledObject with minReplicaCount 2 and idleReplicaCount 0: zero pods when idle, 2 while it serves',
      code: doc(deployment('vllm', 1), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 2\n  idleReplicaCount: 0\n')),
    },
    {
      name: 'a ScaledObject of another API group is no scaler',
      code: doc(deployment('vllm', 2), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 1\n', 'scaling.example.com/v1')),
    },
    {
      name: 'a ScaledObject whose scaleTargetRef kind is another: not this Deployment’s scaler',
      code: doc(deployment('vllm', 2), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 1\n').replace('{name: vllm}', '{name: vllm, kind: StatefulSet}')),
    },
    { name: 'a PodAutoscaler with minReplicas 2', code: doc(deployment('vllm', 1), podAutoscaler('vllm-pa', 'vllm', '  scalingStrategy: APA\n  minReplicas: 2\n')) },
    {
      name: 'a PodAutoscaler that scales one role of its target (subTargetSelector.roleName) does not set the whole target’s scale',
      code: doc(deployment('vllm', 2), podAutoscaler('vllm-pa', 'vllm', '  scalingStrategy: APA\n  minReplicas: 1\n  subTargetSelector: {roleName: decode}\n')),
    },
    {
      name: 'a ScaledObject whose bounds KEDA rejects (invalid-value) is not judged',
      code: doc(deployment('vllm', 2), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 1\n  idleReplicaCount: 1\n')),
    },
    {
      name: 'overlays of one Deployment that disagree on replicas are not guessed at',
      code: deployment('vllm', 1),
      lint: { others: [{ path: 'overlays/prod/vllm.yaml', text: deployment('vllm', 4) }] },
    },
  ],
  invalid: [
    { name: 'replicas: 1, at replicas', code: deployment('vllm', 1), errors: [{ line: 6, column: 3, messageId: 'runsOneWaitsForModel', data: { workload: 'Deployment vllm', replicas: '1 replica' } }] },
    {
      name: 'replicas unset, at spec',
      code: deployment('vllm', undefined, 'StatefulSet'),
      errors: [{ line: 5, column: 1, messageId: 'runsOneWaitsForModel', data: { workload: 'StatefulSet vllm', replicas: '1 replica (replicas unset)', field: 'replicas' } }],
    },
    {
      name: 'an InferenceService without minReplicas: named as such, at spec.predictor',
      code: inferenceService(''),
      errors: [{ line: 5, column: 3, messageId: 'runsOneWaitsForModel', data: { workload: 'InferenceService llama', replicas: '1 replica (minReplicas unset)', field: 'minReplicas' } }],
    },
    {
      name: 'a KAITO Workspace without resource.count: named count, at resource',
      code: kaitoWorkspace,
      errors: [{ line: 4, column: 1, messageId: 'runsOneWaitsForModel', data: { workload: 'Workspace phi', replicas: '1 replica (count unset)', field: 'count' } }],
    },
    {
      name: 'a KubeRay worker group under the in-tree autoscaler: its minReplicas is the key to raise',
      code: rayCluster,
      errors: [{ line: 15, column: 7, messageId: 'runsOneWaitsForModel', data: { replicas: '1 replica', field: 'minReplicas' } }],
    },
    {
      name: 'an HPA with minReplicas 1 owns the scale: reported on the HPA, naming the Deployment',
      code: doc(deployment('vllm', 4), hpa('vllm', 1)),
      errors: [
        {
          line: 23,
          column: 3,
          messageId: 'scalerWaitsForModel',
          data: { scaler: 'HorizontalPodAutoscaler vllm', scalerLocation: 'test.yaml:21', workload: 'Deployment vllm', workloadLocation: 'test.yaml:4', replicas: '1 replica', min: 'minReplicas: 1' },
        },
      ],
    },
    {
      name: 'an HPA scaled to zero (minReplicas 0)',
      code: doc(deployment('vllm', 2), hpa('vllm', 0)),
      errors: [{ line: 23, column: 3, messageId: 'scalerWaitsForModel', data: { replicas: '0 replicas', min: 'minReplicas: 0' } }],
    },
    {
      name: 'an HPA in a context file: reported on the Deployment, at its replicas',
      code: deployment('vllm', 3),
      lint: { others: [{ path: 'platform/hpa.yaml', text: hpa('vllm', undefined), reportable: false }] },
      errors: [
        {
          line: 6,
          column: 3,
          messageId: 'scalerWaitsForModel',
          data: { scalerLocation: 'platform/hpa.yaml:4', workloadLocation: 'test.yaml:4', replicas: '1 replica', min: 'minReplicas unset: 1' },
        },
      ],
    },
    {
      name: 'a ScaledObject without minReplicaCount scales to zero when idle and to 1 replica while it serves: reported on it, at spec, naming its kind',
      code: doc(deployment('vllm', 3), scaledObject('vllm-scaler', 'vllm')),
      errors: [
        {
          line: 22,
          column: 1,
          messageId: 'scalerWaitsForModel',
          data: {
            scaler: 'ScaledObject vllm-scaler',
            scalerLocation: 'test.yaml:21',
            workload: 'Deployment vllm',
            replicas: '1 replica while it serves, and to zero when idle',
            min: 'minReplicaCount unset: 0, and the HPA KEDA creates keeps at least 1',
            minKey: 'minReplicaCount',
            keepZero: ' (with idleReplicaCount: 0 it still scales to zero when idle)',
          },
        },
      ],
    },
    {
      name: 'a ScaledObject with minReplicaCount 0: at minReplicaCount',
      code: doc(deployment('vllm', 3), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 0\n')),
      errors: [{ line: 23, column: 3, messageId: 'scalerWaitsForModel', data: { replicas: '1 replica while it serves, and to zero when idle', min: 'minReplicaCount: 0, and the HPA KEDA creates keeps at least 1' } }],
    },
    {
      name: 'a ScaledObject with minReplicaCount 1 and idleReplicaCount 0',
      code: doc(deployment('vllm', 3), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 1\n  idleReplicaCount: 0\n')),
      errors: [{ line: 23, column: 3, messageId: 'scalerWaitsForModel', data: { replicas: '1 replica while it serves, and to zero when idle', min: 'minReplicaCount: 1, idleReplicaCount: 0' } }],
    },
    {
      name: 'a ScaledObject with minReplicaCount 1 never scales to zero',
      code: doc(deployment('vllm', 3), scaledObject('vllm-scaler', 'vllm', '  minReplicaCount: 1\n')),
      errors: [{ line: 23, column: 3, messageId: 'scalerWaitsForModel', data: { replicas: '1 replica', min: 'minReplicaCount: 1', keepZero: '' } }],
    },
    {
      name: 'a PodAutoscaler (APA) with minReplicas 1: reported on it, naming its kind',
      code: doc(deployment('vllm', 3), podAutoscaler('vllm-pa', 'vllm', '  scalingStrategy: APA\n  minReplicas: 1\n')),
      errors: [{ line: 24, column: 3, messageId: 'scalerWaitsForModel', data: { scaler: 'PodAutoscaler vllm-pa', replicas: '1 replica', min: 'minReplicas: 1', minKey: 'minReplicas', keepZero: '' } }],
    },
    {
      name: 'a PodAutoscaler (KPA) with minReplicas 0 scales to zero',
      code: doc(deployment('vllm', 3), podAutoscaler('vllm-pa', 'vllm', '  scalingStrategy: KPA\n  minReplicas: 0\n')),
      errors: [{ line: 24, column: 3, messageId: 'scalerWaitsForModel', data: { replicas: '1 replica while it serves, and to zero when idle', min: 'minReplicas: 0, scalingStrategy: KPA' } }],
    },
    {
      name: 'a PodAutoscaler (HPA strategy) with minReplicas 0: the HPA AIBrix creates keeps 1',
      code: doc(deployment('vllm', 3), podAutoscaler('vllm-pa', 'vllm', '  scalingStrategy: HPA\n  minReplicas: 0\n')),
      errors: [{ line: 24, column: 3, messageId: 'scalerWaitsForModel', data: { replicas: '1 replica', min: 'minReplicas: 0, and AIBrix sets no minReplicas on the HPA it creates, whose default is 1' } }],
    },
    {
      name: 'a PodAutoscaler without minReplicas: 1, at spec',
      code: doc(deployment('vllm', 3), podAutoscaler('vllm-pa', 'vllm', '  scalingStrategy: KPA\n')),
      errors: [{ line: 22, column: 1, messageId: 'scalerWaitsForModel', data: { replicas: '1 replica', min: 'minReplicas unset: 1' } }],
    },
    {
      name: 'one HPA over two copies of its Deployment (base and overlay): one finding',
      code: doc(hpa('vllm', 1), deployment('vllm', 2)),
      lint: { others: [{ path: 'base/vllm.yaml', text: deployment('vllm', 2) }] },
      errors: [{ line: 6, column: 3, messageId: 'scalerWaitsForModel', data: { scalerLocation: 'test.yaml:4', workloadLocation: 'test.yaml:13' } }],
    },
  ],
});

/** An LLMInferenceService with `scale` lines under spec (line 6 on), a GPU template, and `prefill` lines. */
const llmisvc = (scale: string, prefill = '') => `apiVersion: serving.kserve.io/v1alpha2
kind: LLMInferenceService
metadata:
  name: qwen
spec:
${scale}  template:
    terminationGracePeriodSeconds: 180
    containers:
    - name: main
      resources: {limits: {nvidia.com/gpu: "1"}}
${prefill}`;
const prefillPool = (replicas: string) => `  prefill:
${replicas}    template:
      terminationGracePeriodSeconds: 180
      containers:
      - name: main
        resources: {limits: {nvidia.com/gpu: "1"}}
`;

describe('LLMInferenceService: replicas, scaling and the prefill pool (issue 16, review)', () => {
  runRuleTests(rule, {
    valid: [
      { name: 'scaling.minReplicas 2 (exclusive with replicas)', code: llmisvc('  scaling: {minReplicas: 2, maxReplicas: 4}\n') },
      { name: 'a prefill pool of 2 beside 2 decode replicas', code: llmisvc('  replicas: 2\n', prefillPool('    replicas: 2\n')) },
    ],
    invalid: [
      {
        name: 'scaling without minReplicas: 1',
        code: llmisvc('  scaling: {maxReplicas: 4}\n'),
        errors: [{ line: 6, column: 3, messageId: 'runsOneWaitsForModel' }],
      },
      {
        name: 'a prefill pool of one (unset) beside 2 decode replicas',
        code: llmisvc('  replicas: 2\n', prefillPool('')),
        errors: [{ line: 12, column: 3, messageId: 'runsOneWaitsForModel', data: { workload: 'LLMInferenceService qwen (prefill template)' } }],
      },
    ],
  });
});
