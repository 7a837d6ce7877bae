import rule from '../../rules/rollout-too-aggressive.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A VLLMRuntime (no pod template; CRDS.md §14): `deploymentStrategy` at 7:5 when given. */
const vllmRuntime = (replicas: number, strategy?: string) => `apiVersion: production-stack.vllm.ai/v1alpha1
kind: VLLMRuntime
metadata: {name: llama}
spec:
  deploymentConfig:
    replicas: ${replicas}
${strategy ? `    deploymentStrategy: ${strategy}\n` : ''}    resources: {gpu: "1"}
`;
/** A NIMService: its Deployment rolls out at a fixed 25 % (CRDS.md §9); `spec:` at 4:1. */
const nimService = (replicas: number) => `apiVersion: apps.nvidia.com/v1alpha1
kind: NIMService
metadata: {name: llama}
spec:
  image: {repository: nvcr.io/nim/meta/llama-3.1-8b-instruct, tag: "1.3.3"}
  replicas: ${replicas}
  resources: {limits: {nvidia.com/gpu: 1}}
`;


/**
 * A GPU workload of `kind` with `replicas`, and `strategyLines` (already indented by two spaces)
 * right after `replicas:`. `spec:` is at 4:1, `replicas:` at 5:3, the first strategy line at 6:3.
 */
const workload = (kind: string, name: string, replicas: number, strategyLines = '', apiVersion = 'apps/v1') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
${strategyLines ? `${strategyLines}\n` : ''}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
`;

const deployment = (replicas: number, strategyLines = '') => workload('Deployment', 'vllm', replicas, strategyLines);
const statefulSet = (replicas: number, strategyLines = '') => workload('StatefulSet', 'vllm', replicas, strategyLines);
const rollout = (replicas: number, strategyLines = '') => workload('Rollout', 'vllm', replicas, strategyLines, 'argoproj.io/v1alpha1');

const hpa = (min: number, max: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: vllm}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: vllm}
  minReplicas: ${min}
  maxReplicas: ${max}
`;

runRuleTests(rule, {
  valid: [
    { name: 'a NIMService: the fixed 25% of 4 replicas is 1', code: nimService(4) },
    { name: 'a VLLMRuntime rolling out 2 replicas (25% rounds down to 0)', code: vllmRuntime(2, 'RollingUpdate') },
    { name: 'a VLLMRuntime with no deploymentStrategy (RollingUpdate)', code: vllmRuntime(3) },
    { name: 'default 25% of 4 replicas is 1', code: deployment(4) },
    { name: 'default 25% of 7 replicas rounds down to 1', code: deployment(7) },
    { name: 'a single replica: 25% rounds down to 0', code: deployment(1) },
    { name: 'maxUnavailable 1', code: deployment(8, '  strategy: {rollingUpdate: {maxUnavailable: 1}}') },
    { name: 'maxUnavailable 0 with maxSurge 1', code: deployment(8, '  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}') },
    { name: 'maxUnavailable 50% of 3 rounds down to 1', code: deployment(3, '  strategy: {rollingUpdate: {maxUnavailable: 50%}}') },
    { name: 'a StatefulSet with the default rolling update (1)', code: statefulSet(8) },
    { name: 'a StatefulSet with maxUnavailable 1', code: statefulSet(8, '  updateStrategy: {rollingUpdate: {maxUnavailable: 1}}') },
    { name: 'a StatefulSet with OnDelete', code: statefulSet(8, '  updateStrategy: {type: OnDelete}') },
    // The StatefulSet controller rounds a percentage down, never below 1 (issue 15, item 3).
    { name: 'a StatefulSet with maxUnavailable 50% of 3 rounds down to 1', code: statefulSet(3, '  updateStrategy: {rollingUpdate: {maxUnavailable: 50%}}') },
    { name: 'a StatefulSet with maxUnavailable 26% of 4 rounds down to 1', code: statefulSet(4, '  updateStrategy: {rollingUpdate: {maxUnavailable: 26%}}') },
    { name: 'a StatefulSet with maxUnavailable 10% of 3 is 1 (never below 1)', code: statefulSet(3, '  updateStrategy: {rollingUpdate: {maxUnavailable: 10%}}') },
    // Where the MaxUnavailableStatefulSet gate is off by default the field has no effect.
    ...['1.34', '1.34.2', '1.35.4', '1.35.10', '1.36', '1.36.1', '1.30'].map((kubernetesVersion) => ({
      name: `a StatefulSet with maxUnavailable 2 on Kubernetes ${kubernetesVersion} (the gate is off by default)`,
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      lint: { kubernetesVersion },
    })),
    { name: 'an Argo canary with maxUnavailable 1', code: rollout(8, '  strategy: {canary: {maxUnavailable: 1, steps: [{setWeight: 25}]}}') },
    { name: 'an Argo blueGreen rollout', code: rollout(8, '  strategy: {blueGreen: {activeService: vllm}}') },
    {
      name: 'an unprofiled Deployment with Recreate is never judged',
      code: deployment(3, '  strategy: {type: Recreate}').replace(', resources: {limits: {nvidia.com/gpu: 1}}', '').replace('vllm/vllm-openai:v0.11.0', 'nginx:1.27'),
    },
    {
      name: 'a profile override allowing 2 at once (maxConcurrentDisruption 2)',
      code: deployment(8),
      lint: {
        profiles: {
          profiles: {
            'gpu-inference': { longestRequest: 150, preStop: 15, marginSeconds: 15, marginPercent: 0, maxConcurrentDisruption: 2 },
            'long-lived': { longestRequest: 180, preStop: 20, marginSeconds: 15, marginPercent: 30, maxConcurrentDisruption: 1 },
          },
        },
      },
    },
    {
      name: 'an invalid maxUnavailable is invalid-value’s, not this rule’s',
      code: deployment(8, '  strategy: {rollingUpdate: {maxUnavailable: 150%}}'),
    },
  ],
  invalid: [
    {
      name: "workloadRef: the Rollout's canary rolls the Deployment's pods; the Deployment's own Recreate is not judged",
      code: `${deployment(2, '  strategy: {type: Recreate}')}---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: vllm}
spec:
  replicas: 2
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: vllm}
  strategy:
    canary: {maxUnavailable: 2, steps: [{setWeight: 50}]}
`,
      errors: [{ line: 23, column: 14, messageId: 'setsTooMany', data: { label: 'Rollout vllm' } }],
      output: `${deployment(2, '  strategy: {type: Recreate}')}---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: vllm}
spec:
  replicas: 2
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: vllm}
  strategy:
    canary: {maxUnavailable: 1, steps: [{setWeight: 50}]}
`,
    },
    {
      name: 'a VLLMRuntime with Recreate: the one rollout field it has is set to RollingUpdate',
      code: vllmRuntime(2, 'Recreate'),
      errors: [{ line: 7, column: 5, messageId: 'recreate', data: { label: 'VLLMRuntime llama', allowed: 1 } }],
      output: vllmRuntime(2, 'RollingUpdate'),
    },
    {
      name: 'a VLLMRuntime rolling out 8 replicas: 25% is 2, and maxUnavailable has no field',
      code: vllmRuntime(8, 'RollingUpdate'),
      errors: [{ line: 5, column: 3, messageId: 'defaultTooMany', unfixable: /\(the resource cannot express it: VLLMRuntime sets only the strategy type/ }],
    },
    {
      name: 'a NIMService of 8 replicas: the operator\'s fixed 25% takes 2, and the resource cannot change it',
      code: nimService(8),
      errors: [{ line: 4, column: 1, messageId: 'defaultTooMany', unfixable: /\(the resource cannot express it: NIMService has no strategy field/ }],
    },
    {
      name: 'Recreate, reported at type: Recreate',
      code: deployment(3, '  strategy:\n    type: Recreate'),
      errors: [
        {
          line: 7,
          column: 5,
          messageId: 'recreate',
          data: { label: 'Deployment vllm', allowed: 1 },
          profile: 'gpu-inference: container vllm requests nvidia.com/gpu',
        },
      ],
    },
    {
      name: 'Recreate with a single replica still stops it before the new one is ready',
      code: deployment(1, '  strategy: {type: Recreate}'),
      errors: [{ line: 6, column: 14, messageId: 'recreate' }],
    },
    {
      name: 'default 25% of 8 replicas is 2 (rounded down), at spec:',
      code: deployment(8),
      errors: [
        {
          line: 4,
          column: 1,
          messageId: 'defaultTooMany',
          data: { label: 'Deployment vllm', maxUnavailable: '25%', unavailable: 2, pods: '8 replicas', rounding: ' (25% of 8 rounded down)', allowed: 1, profileName: 'gpu-inference' },
        },
      ],
    },
    {
      name: 'an explicit strategy without maxUnavailable: at the strategy key',
      code: deployment(12, '  strategy:\n    type: RollingUpdate'),
      errors: [{ line: 6, column: 3, messageId: 'defaultTooMany', data: { maxUnavailable: '25%', unavailable: 3, pods: '12 replicas' } }],
    },
    {
      name: 'maxUnavailable 2, at the field',
      code: deployment(4, '  strategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { maxUnavailable: '2', unavailable: 2, pods: '4 replicas', rounding: '', allowed: 1 } }],
    },
    {
      name: 'a StatefulSet with maxUnavailable 2',
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { label: 'StatefulSet vllm', maxUnavailable: '2', unavailable: 2, pods: '4 replicas' } }],
    },
    {
      name: 'a StatefulSet percentage rounds down (60% of 4 = 2.4 → 2)',
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 60%'),
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { unavailable: 2, pods: '4 replicas', rounding: ' (60% of 4 rounded down, never below 1)' } }],
    },
    {
      name: 'without kubernetesVersion a StatefulSet finding says the field needs the MaxUnavailableStatefulSet gate',
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      errors: [
        {
          line: 8,
          column: 7,
          messageId: 'setsTooMany',
          data: {
            gateNote:
              ' This holds only where the MaxUnavailableStatefulSet feature gate is on, by default in Kubernetes 1.35.0–1.35.3 and from 1.37; elsewhere the field has no effect and pods are replaced one at a time (set kubernetesVersion to judge by your cluster).',
          },
        },
      ],
    },
    ...['1.35.0', '1.35.2', '1.35.3', '1.37', '1.37.1', '1.38'].map((kubernetesVersion) => ({
      name: `a StatefulSet with maxUnavailable 2 on Kubernetes ${kubernetesVersion} (the gate is on by default): no note`,
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      lint: { kubernetesVersion },
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { unavailable: 2, gateNote: '' } }],
    })),
    {
      name: 'kubernetesVersion 1.35 names no patch release, and the gate differs between them: the note asks for one',
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      lint: { kubernetesVersion: '1.35' },
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { gateNote: ' This holds only where the MaxUnavailableStatefulSet feature gate is on, by default in Kubernetes 1.35.0–1.35.3 and from 1.37; elsewhere the field has no effect and pods are replaced one at a time (kubernetesVersion 1.35 names no patch release: give it (e.g. "1.35.4") to judge by it).' } }],
    },
    {
      name: 'a Deployment finding has no gate note',
      code: deployment(4, '  strategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      errors: [{ line: 8, column: 7, data: { gateNote: '' } }],
    },
    {
      // StatefulSets have no maxSurge, and their maxUnavailable cannot be 0: the advice must
      // only be maxUnavailable: 1 for them.
      name: 'a StatefulSet’s advice does not mention maxSurge',
      code: statefulSet(4, '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2'),
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { allowed: 1, surgeAdvice: '' } }],
    },
    {
      name: 'an Argo canary with maxUnavailable 50% of 6 (3, rounded down)',
      code: rollout(6, '  strategy:\n    canary:\n      maxUnavailable: 50%'),
      errors: [{ line: 8, column: 7, messageId: 'setsTooMany', data: { label: 'Rollout vllm', maxUnavailable: '50%', unavailable: 3, pods: '6 replicas', rounding: ' (50% of 6 rounded down)' } }],
    },
    {
      name: 'an Argo canary without maxUnavailable: default 25% of 8, at canary:',
      code: rollout(8, '  strategy:\n    canary:\n      steps: [{setWeight: 50}]'),
      errors: [{ line: 7, column: 5, messageId: 'defaultTooMany', data: { maxUnavailable: '25%', unavailable: 2, pods: '8 replicas' } }],
    },
    {
      name: 'a long-lived (WebSocket) Deployment is judged too',
      code: `${workload('Deployment', 'chat', 4, '  strategy: {rollingUpdate: {maxUnavailable: 2}}')
        .replace(', resources: {limits: {nvidia.com/gpu: 1}}', '')
        .replace('vllm/vllm-openai:v0.11.0', 'ghcr.io/example/chat:2.0')}---
apiVersion: v1
kind: Service
metadata: {name: chat}
spec:
  selector: {app: chat}
  ports: [{port: 80, targetPort: 8000, appProtocol: kubernetes.io/ws}]
`,
      errors: [{ line: 6, column: 30, messageId: 'setsTooMany', data: { allowed: 1, profileName: 'long-lived' } }],
    },
    {
      // The HPA owns the scale: a rollout can start at any replica count up to maxReplicas,
      // and 25% of 8 is 2 pods at once (the declared replicas: 2 no longer apply).
      name: 'an HPA’s maxReplicas bounds how many pods a rollout takes at once',
      code: deployment(2) + hpa(2, 8),
      errors: [{ line: 4, column: 1, messageId: 'defaultTooMany', data: { unavailable: 2, pods: "8 replicas at HorizontalPodAutoscaler vllm's maxReplicas" } }],
    },
    {
      name: 'an AIBrix PodAutoscaler’s maxReplicas bounds it as an HPA’s does',
      code: `${deployment(2)}---
apiVersion: autoscaling.aibrix.ai/v1alpha1
kind: PodAutoscaler
metadata: {name: vllm-apa}
spec:
  scalingStrategy: APA
  minReplicas: 2
  maxReplicas: 8
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: vllm}
`,
      errors: [{ line: 4, column: 1, messageId: 'defaultTooMany', data: { unavailable: 2, pods: "8 replicas at PodAutoscaler vllm-apa's maxReplicas" } }],
    },
    {
      name: 'the configured level applies (error)',
      code: deployment(8),
      lint: { settings: { 'rollout-too-aggressive': { level: 'error', options: {} } } },
      errors: [{ line: 4, column: 1, severity: 'error' }],
    },

    // ---- The fix (unsafe): maxUnavailable: <allowed>, or with fixWith maxSurge 0 + surge 1. ----
    {
      name: 'fix: Recreate becomes RollingUpdate with maxUnavailable 1',
      code: deployment(3, '  strategy:\n    type: Recreate'),
      errors: [{ line: 7, column: 5 }],
      output: deployment(3, '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1'),
    },
    {
      name: 'fix (fixWith maxSurge): Recreate becomes RollingUpdate with maxUnavailable 0 and maxSurge 1',
      code: deployment(3, '  strategy:\n    type: Recreate'),
      options: { fixWith: 'maxSurge' },
      errors: [{ line: 7, column: 5 }],
      output: deployment(3, '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1'),
    },
    {
      name: 'fix: a flow-style Recreate strategy is edited inside its braces',
      code: deployment(1, '  strategy: {type: Recreate}'),
      errors: [{ line: 6, column: 14 }],
      output: deployment(1, '  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}'),
    },
    {
      name: 'fix (fixWith maxSurge): no strategy at all: one is added at the end of the spec',
      code: deployment(8),
      options: { fixWith: 'maxSurge' },
      errors: [{ line: 4, column: 1 }],
      output: `${deployment(8)}  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n`,
    },
    {
      name: 'fix: an empty `strategy:` is filled in where it stands',
      code: deployment(8, '  strategy:'),
      errors: [{ line: 4, column: 1 }],
      output: deployment(8, '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1'),
    },
    {
      name: 'fix (fixWith maxSurge): both values replaced in place in a flow map; the comment stays',
      code: deployment(8, '  strategy:\n    rollingUpdate: {maxSurge: 2, maxUnavailable: 50%}  # fast rollouts'),
      options: { fixWith: 'maxSurge' },
      errors: [{ line: 7, column: 34 }],
      output: deployment(8, '  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}  # fast rollouts'),
    },
    {
      name: 'fix (fixWith maxSurge): a StatefulSet has no maxSurge, so it gets maxUnavailable 1',
      code: statefulSet(4, '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 2   # halve the rollout time'),
      options: { fixWith: 'maxSurge' },
      errors: [{ line: 9, column: 7 }],
      output: statefulSet(4, '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1   # halve the rollout time'),
    },
    {
      name: 'fix: an Argo canary without maxUnavailable gets it after its steps',
      code: rollout(8, '  strategy:\n    canary:\n      steps: [{setWeight: 50}]'),
      errors: [{ line: 7, column: 5 }],
      output: rollout(8, '  strategy:\n    canary:\n      steps: [{setWeight: 50}]\n      maxUnavailable: 1'),
    },
    {
      name: 'fix (fixWith maxSurge): an Argo canary gets maxUnavailable 0 and maxSurge 1',
      code: rollout(6, '  strategy:\n    canary:\n      maxUnavailable: 3\n      steps:\n        - setWeight: 20\n        - pause: {duration: 10m}'),
      options: { fixWith: 'maxSurge' },
      errors: [{ line: 8, column: 7 }],
      output: rollout(6, '  strategy:\n    canary:\n      maxUnavailable: 0\n      steps:\n        - setWeight: 20\n        - pause: {duration: 10m}\n      maxSurge: 1'),
    },
    {
      name: 'fix: CRLF line endings and 4-space indentation',
      code: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: vllm\r\nspec:\r\n    replicas: 3\r\n    strategy:\r\n        type: Recreate\r\n    selector:\r\n        matchLabels: {app: vllm}\r\n    template:\r\n        metadata: {labels: {app: vllm}}\r\n        spec:\r\n            terminationGracePeriodSeconds: 180\r\n            containers:\r\n            -   {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}\r\n',
      errors: [{ line: 8, column: 9 }],
      output: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: vllm\r\nspec:\r\n    replicas: 3\r\n    strategy:\r\n        type: RollingUpdate\r\n        rollingUpdate:\r\n            maxUnavailable: 1\r\n    selector:\r\n        matchLabels: {app: vllm}\r\n    template:\r\n        metadata: {labels: {app: vllm}}\r\n        spec:\r\n            terminationGracePeriodSeconds: 180\r\n            containers:\r\n            -   {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}\r\n',
    },
    {
      name: 'no fix: a strategy shared through an alias, and the finding says why',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 8
      strategy: &fast {rollingUpdate: {maxUnavailable: 50%}}
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: "ghcr.io/example/web:1.0", ports: [{containerPort: 8080}]}]}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      replicas: 8
      strategy: *fast
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec:
          terminationGracePeriodSeconds: 180
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
`,
      errors: [{ line: 9, column: 40, unfixable: /not fixed: .*alias/ }],
      output: null,
    },
  ],
});
