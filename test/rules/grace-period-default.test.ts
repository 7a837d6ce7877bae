import rule from '../../rules/grace-period-default.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { runRuleTests } from '../support/rule-tester.js';
import { dynamoV1alpha1, MAIN_WORKER } from '../support/dynamo.js';

/** A KubeAI Model (CRDS.md §13): no grace field; `spec:` at 4:1. */
const kubeaiModel = (engine: string) => `apiVersion: kubeai.org/v1
kind: Model
metadata: {name: llama}
spec:
  engine: ${engine}
  resourceProfile: nvidia-gpu-l4:1
`;


/**
 * A Deployment whose pod spec is at line 11 (`    spec:` at 11:5; one line later per line of
 * `metadataLines`), with `podSpecLines` right under it and one container, `containerLines`.
 */
const deployment = (name: string, podSpecLines: string, containerLines: string, metadataLines = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}, team: ml}${metadataLines ? `\n${metadataLines}` : ''}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:${podSpecLines ? `\n${podSpecLines}` : ''}
      containers:
        - ${containerLines}
`;

const VLLM = `name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
          lifecycle: {preStop: {sleep: {seconds: 15}}}`;

const WEB = `name: web
          image: ghcr.io/example/chat-server:2.4.1
          ports: [{containerPort: 8080}]
          lifecycle: {preStop: {sleep: {seconds: 20}}}`;

const withResource = (resource: string) => `name: server
          image: registry.example.com/ml/model-server:1.0
          ports: [{containerPort: 8080}]
          resources: {limits: {${resource}: 1}}
          lifecycle: {preStop: {sleep: {seconds: 15}}}`;

const withImage = (image: string) => `name: server
          image: ${image}
          ports: [{containerPort: 8080}]
          lifecycle: {preStop: {sleep: {seconds: 15}}}`;

const gpuInference = DEFAULT_PROFILES['gpu-inference'];

/**
 * A `kind: List` with a GPU Deployment (grace at 26:11) and a plain web Deployment (grace at
 * 12:11) that share one grace value through an anchor and an alias.
 */
const ALIASED_GRACE = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          terminationGracePeriodSeconds: WEB_GRACE
          containers:
            - {name: web, image: "ghcr.io/example/web:1.0", ports: [{containerPort: 8080}]}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec:
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
          # the GPU pods keep the web tier's grace period
          terminationGracePeriodSeconds: GPU_GRACE
`;

/** ALIASED_GRACE with its two Deployments swapped: the GPU one (grace at 15:11) holds `&grace 30`, the web one uses `*grace`. */
const ANCHORED_GRACE_FIRST = (() => {
  const [head, web, gpu] = ALIASED_GRACE.split(/^(?=  - apiVersion)/m) as [string, string, string];
  return head + gpu.replace('GPU_GRACE', '&grace 30') + web.replace('WEB_GRACE', '*grace');
})();


/** Issue 15, item 11: servers that declare no port, probe or Service, as real manifests do. */
const TGI_PORT_IN_ENV = `name: tgi
          image: ghcr.io/huggingface/text-generation-inference:3.0.1
          args: ["--model-id", "meta-llama/Llama-3.1-8B-Instruct"]
          env:
            - {name: PORT, value: "8080"}
          resources: {limits: {nvidia.com/gpu: 1}}`;

const SGLANG_PORT_IN_ARGS = `name: sglang
          image: lmsysorg/sglang:v0.4.6.post1-cu124
          command: ["/bin/bash", "-c"]
          args: ["python3 -m sglang.launch_server --model-path meta-llama/Llama-3.1-8B-Instruct --host 0.0.0.0 --port 30000"]
          resources: {limits: {nvidia.com/gpu: 1}}`;

/** Issue 15, item 13: a GPU server whose preStop is the given exec command. */
const withPreStop = (command: string) => VLLM.replace('{preStop: {sleep: {seconds: 15}}}', `{preStop: {exec: {command: ${command}}}}`);
const NATS_LAME_DUCK = withPreStop('["sh", "-c", "nats-server --signal ldm && /bin/sleep 60"]');
const UNTIL_IDLE = withPreStop('["/bin/sh", "-c", "until curl -sf localhost:8000/idle; do sleep 1; done"]');
const WHILE_TRUE = withPreStop('["sh", "-c", "while true; do sleep 1; done"]');

runRuleTests(rule, {
  valid: [
    { name: 'a KubeAI Model of an engine other than vLLM is not judged', code: kubeaiModel('OLlama') },
    { name: 'a KubeAI Model on the cpu resource profile (no accelerator, no image written) is not profiled', code: kubeaiModel('VLLM').replace('nvidia-gpu-l4:1', 'cpu:4') },
    { name: 'grace exactly at the budget (180 s)', code: deployment('vllm', '      terminationGracePeriodSeconds: 180', VLLM) },
    { name: 'grace above 30 s but below the budget is grace-budget-exceeded’s', code: deployment('vllm', '      terminationGracePeriodSeconds: 31', VLLM) },
    { name: 'an unprofiled app keeps the default', code: deployment('web', '', WEB) },
    {
      name: 'config workloads[] profile none silences a GPU Deployment',
      code: deployment('vllm', '', VLLM),
      lint: { profiles: { workloads: [{ match: { kind: 'Deployment', name: 'vllm' }, profile: 'none' }] } },
    },
    {
      name: 'the annotation wins over config: annotation none beats a declared gpu-inference',
      code: deployment('vllm', '', VLLM, '  annotations: {gpu-drain-lint.io/profile: none}'),
      lint: { profiles: { workloads: [{ match: { name: 'vllm' }, profile: 'gpu-inference' }] } },
    },
    {
      name: 'a config declaration in another namespace does not match',
      code: deployment('web', '', WEB),
      lint: { profiles: { workloads: [{ match: { namespace: 'realtime', name: 'web' }, profile: 'long-lived' }] } },
    },
    {
      name: 'config longestRequest shrinks the budget to exactly the default 30 s (5 + 10 + 15)',
      code: deployment('vllm', '', VLLM.replace('seconds: 15', 'seconds: 5')),
      lint: { profiles: { workloads: [{ match: { labels: { team: 'ml' } }, longestRequest: 10 }] } },
    },
    {
      name: 'a Rollout of another API group is not a pod-bearing kind',
      code: deployment('vllm', '', VLLM).replace('apiVersion: apps/v1\nkind: Deployment', 'apiVersion: example.com/v1\nkind: Rollout'),
    },
    // Issue 15, item 11: a GPU pod that runs no server is not profiled.
    {
      name: 'a GPU pod that sleeps, even with PORT set',
      code: deployment('idle', '', 'name: idle\n          image: vllm/vllm-openai:v0.11.0\n          command: ["sleep", "infinity"]\n          env: [{name: PORT, value: "8000"}]\n          resources: {limits: {nvidia.com/gpu: 1}}'),
    },
    {
      name: 'a GPU benchmark client that names the server port',
      code: deployment('bench', '', 'name: bench\n          image: vllm/vllm-openai:v0.11.0\n          command: ["vllm", "bench", "serve", "--host", "vllm", "--port", "8000", "--model", "m"]\n          resources: {limits: {nvidia.com/gpu: 1}}'),
    },
    {
      name: 'a GPU Job running nvidia-smi',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: gpu-smoke}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: smoke, image: "nvidia/cuda:12.4.0-base-ubuntu22.04", command: ["nvidia-smi"], resources: {limits: {nvidia.com/gpu: 1}}}
`,
    },
    // Issue 15, item 13: the budgets a preStop chain or loop gives, met.
    { name: 'nats lame duck + sleep 60 with grace at its budget (225 s)', code: deployment('vllm', '      terminationGracePeriodSeconds: 225', NATS_LAME_DUCK) },
    { name: 'an until loop with grace at the assumed budget (180 s)', code: deployment('vllm', '      terminationGracePeriodSeconds: 180', UNTIL_IDLE) },
    {
      name: 'the rule turned off',
      code: deployment('vllm', '', VLLM),
      lint: { settings: { 'grace-period-default': { level: 'off', options: {} } } },
    },
  ],
  invalid: [
    {
      name: 'a Dynamo v1alpha1 worker whose GPU is resources.limits.gpu sets 30 s in extraPodSpec: raised there',
      code: dynamoV1alpha1(undefined, `        terminationGracePeriodSeconds: 30\n${MAIN_WORKER}`),
      errors: [{ line: 13, column: 9, messageId: 'setsShort', data: { label: 'DynamoGraphDeployment llm (service decode)', grace: 30, total: 180 } }],
      output: dynamoV1alpha1(undefined, `        terminationGracePeriodSeconds: 180\n${MAIN_WORKER}`),
    },
    {
      name: 'a KubeAI Model: the grace period cannot be set there, so a warning with no fix (budget 165: it cannot have a preStop either)',
      code: kubeaiModel('VLLM'),
      errors: [{ line: 4, column: 1, severity: 'warn', messageId: 'keepsDefault', data: { total: 165 }, unfixable: /the resource cannot express it: a KubeAI Model has no pod fields/ }],
    },
    {
      name: 'grace unset on a GPU Deployment points at the pod spec',
      code: deployment('vllm', '', VLLM),
      errors: [
        {
          line: 11,
          column: 5,
          messageId: 'keepsDefault',
          data: { label: 'Deployment vllm', grace: 30, budget: '180 s (preStop 15 s + longest request 150 s + margin 15 s)', total: 180 },
        },
      ],
    },
    {
      name: 'an explicit 30 points at the field',
      code: deployment('vllm', '      terminationGracePeriodSeconds: 30', VLLM),
      errors: [{ line: 12, column: 7, messageId: 'setsShort', data: { grace: 30 } }],
    },
    {
      name: 'the budget follows the measured preStop (45 s sleep → 210 s)',
      code: deployment('vllm', '', VLLM.replace('seconds: 15', 'seconds: 45')),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', data: { budget: '210 s (preStop 45 s + longest request 150 s + margin 15 s)' } }],
    },
    // Issue 15, item 11: a server invocation makes a GPU pod reachable.
    {
      name: 'TGI with its port only in env (PORT=8080)',
      code: deployment('tgi', '', TGI_PORT_IN_ENV),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', data: { label: 'Deployment tgi', budget: '180 s (preStop 15 s + longest request 150 s + margin 15 s)' }, profile: "requests nvidia.com/gpu; no preStop yet: counted at the gpu-inference profile's 15 s" }],
      output: deployment('tgi', '      terminationGracePeriodSeconds: 180', TGI_PORT_IN_ENV),
    },
    {
      name: 'SGLang with its port only in args (python3 -m sglang.launch_server --port 30000)',
      code: deployment('sglang', '', SGLANG_PORT_IN_ARGS),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', data: { label: 'Deployment sglang', total: 180 } }],
      output: deployment('sglang', '      terminationGracePeriodSeconds: 180', SGLANG_PORT_IN_ARGS),
    },
    // Issue 15, item 13: preStop chains and loops.
    {
      name: 'nats-server --signal ldm && /bin/sleep 60 counts as at least 60 s (budget 225 s)',
      code: deployment('vllm', '', NATS_LAME_DUCK),
      errors: [
        {
          line: 11,
          column: 5,
          messageId: 'keepsDefault',
          data: { budget: '225 s (preStop 60 s + longest request 150 s + margin 15 s)', total: 225 },
          profile: 'the preStop runs "nats-server", whose duration cannot be known: counted as at least its 60 s of sleep',
        },
      ],
      output: deployment('vllm', '      terminationGracePeriodSeconds: 225', NATS_LAME_DUCK),
    },
    {
      name: 'an until loop is assumed at the profile preStop and says it can use the whole grace period',
      code: deployment('vllm', '', UNTIL_IDLE),
      errors: [
        {
          line: 11,
          column: 5,
          messageId: 'keepsDefault',
          data: { budget: '180 s (preStop 15 s + longest request 150 s + margin 15 s)', total: 180 },
          profile: "the preStop runs an until loop with no bound, which can use the whole grace period: assumed to take the gpu-inference profile's 15 s",
        },
      ],
      output: deployment('vllm', '      terminationGracePeriodSeconds: 180', UNTIL_IDLE),
    },
    {
      name: 'a while true loop, with an explicit short grace',
      code: deployment('vllm', '      terminationGracePeriodSeconds: 30', WHILE_TRUE),
      errors: [{ line: 12, column: 7, messageId: 'setsShort', data: { total: 180 }, profile: 'a while loop with no bound, which can use the whole grace period: assumed' }],
      output: deployment('vllm', '      terminationGracePeriodSeconds: 180', WHILE_TRUE),
    },
    {
      name: 'a missing preStop is counted at the profile value and says so',
      code: deployment('vllm', '', VLLM.replace('\n          lifecycle: {preStop: {sleep: {seconds: 15}}}', '')),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', profile: "no preStop yet: counted at the gpu-inference profile's 15 s" }],
    },
    ...['gpu.intel.com/i915', 'google.com/tpu', 'aws.amazon.com/neuron', 'habana.ai/gaudi', 'nvidia.com/mig-2g.10gb'].map((resource) => ({
      name: `GPU-class resource ${resource}`,
      code: deployment('model', '', withResource(resource)),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', profile: `requests ${resource}` }],
    })),
    ...[
      ['openmmlab/lmdeploy:v0.6.4-cu12', 'lmdeploy'],
      ['nvcr.io/nvidia/tensorrt-llm/release:0.16.0', 'tensorrt-llm'],
      ['rayproject/ray-ml:2.9.0-gpu', 'ray'],
      ['registry.internal:5000/team/sglang_router:1', 'sglang'],
    ].map(([image, engine]) => ({
      name: `engine image ${image}`,
      code: deployment('model', '', withImage(image!)),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', profile: `runs ${engine} (${image})` }],
    })),
    {
      name: 'config workloads[] declares long-lived (budget 260 s)',
      code: deployment('web', '', WEB),
      lint: { profiles: { workloads: [{ match: { kind: 'Deployment', name: 'web' }, profile: 'long-lived' }] } },
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', data: { budget: '260 s (preStop 20 s + longest request 180 s + margin 60 s)' } }],
    },
    {
      name: 'config workloads[] matched by labels, with the index in the reason',
      code: deployment('web', '', WEB),
      lint: {
        profiles: {
          workloads: [
            { match: { labels: { team: 'search' } }, profile: 'gpu-inference' },
            { match: { labels: { team: 'ml' } }, profile: 'long-lived' },
          ],
        },
      },
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', profile: 'long-lived: config workloads[1]: long-lived' }],
    },
    {
      name: 'the annotation wins over config: annotation gpu-inference beats a declared none',
      code: deployment('web', '', WEB, '  annotations: {gpu-drain-lint.io/profile: gpu-inference}'),
      lint: { profiles: { workloads: [{ match: { name: 'web' }, profile: 'none' }] } },
      errors: [{ line: 12, column: 5, messageId: 'keepsDefault', data: { budget: '185 s (preStop 20 s + longest request 150 s + margin 15 s)' } }],
    },
    {
      name: 'a profile override (longestRequest 10) makes the budget small: 15 + 10 + 15 = 40',
      code: deployment('vllm', '', VLLM),
      lint: { profiles: { profiles: { ...DEFAULT_PROFILES, 'gpu-inference': { ...gpuInference, longestRequest: 10 } } } },
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', data: { total: 40 } }],
    },
    {
      name: 'a profile override of the margin (60 s): 15 + 150 + 60 = 225',
      code: deployment('vllm', '      terminationGracePeriodSeconds: 20', VLLM),
      lint: { profiles: { profiles: { ...DEFAULT_PROFILES, 'gpu-inference': { ...gpuInference, marginSeconds: 60 } } } },
      errors: [{ line: 12, column: 7, messageId: 'setsShort', data: { budget: '225 s (preStop 15 s + longest request 150 s + margin 60 s)' } }],
    },
    {
      name: 'a GPU Deployment with no port is profiled when a Service in another file selects it',
      code: deployment('vllm', '', VLLM.replace('\n          ports: [{containerPort: 8000}]', '')),
      lint: {
        others: [
          {
            path: 'service.yaml',
            text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: vllm\nspec:\n  selector: {app: vllm}\n  ports: [{port: 80, targetPort: 8000}]\n',
          },
        ],
      },
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault', data: { label: 'Deployment vllm' } }],
    },
    {
      name: 'an ingress-nginx Ingress in another file makes the workload long-lived',
      code: deployment('chat', '      terminationGracePeriodSeconds: 30', WEB.replace('name: web', 'name: chat')),
      lint: {
        others: [
          {
            path: 'network.yaml',
            text: `apiVersion: v1
kind: Service
metadata: {name: chat}
spec:
  selector: {app: chat}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations: {nginx.ingress.kubernetes.io/proxy-send-timeout: "300"}
spec:
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: chat, port: {number: 80}}}}
`,
          },
        ],
      },
      errors: [{ line: 12, column: 7, messageId: 'setsShort', profile: 'long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-send-timeout: 300' }],
    },
    {
      name: 'a Pod with restartPolicy Always serves traffic',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: vllm-dev
spec:
  restartPolicy: Always
  containers:
    - name: vllm
      image: vllm/vllm-openai:v0.11.0
      ports: [{containerPort: 8000}]
`,
      errors: [{ line: 5, column: 1, messageId: 'keepsDefault', data: { label: 'Pod vllm-dev' } }],
    },
    {
      name: 'a DaemonSet and a ReplicaSet are judged too',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: edge-infer}
spec:
  template:
    spec:
      containers:
        - {name: triton, image: "nvcr.io/nvidia/tritonserver:24.08-py3", ports: [{containerPort: 8000}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: vllm-7d9f}
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 15
      containers:
        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}]}
`,
      errors: [
        { line: 6, column: 5, messageId: 'keepsDefault', data: { label: 'DaemonSet edge-infer' } },
        { line: 16, column: 7, messageId: 'setsShort', data: { label: 'ReplicaSet vllm-7d9f', grace: 15 } },
      ],
    },
    {
      name: 'the configured level applies (warn)',
      code: deployment('vllm', '', VLLM),
      lint: { settings: { 'grace-period-default': { level: 'warn', options: {} } } },
      errors: [{ line: 11, column: 5, severity: 'warn' }],
    },

    // ---- The fix: set terminationGracePeriodSeconds to the budget, touching nothing else. ----
    {
      name: 'fix: a missing grace is added as the first key of the pod spec, at its indentation',
      code: deployment('vllm', '', VLLM),
      errors: [{ line: 11, column: 5 }],
      output: deployment('vllm', '      terminationGracePeriodSeconds: 180', VLLM),
    },
    {
      name: 'fix: a written value is replaced in place; its comment and the key order stay',
      code: deployment('vllm', '      nodeSelector: {cloud.google.com/gke-accelerator: nvidia-l4}\n      terminationGracePeriodSeconds: 30   # the default, written out\n      priorityClassName: inference', VLLM),
      errors: [{ line: 13, column: 7 }],
      output: deployment('vllm', '      nodeSelector: {cloud.google.com/gke-accelerator: nvidia-l4}\n      terminationGracePeriodSeconds: 180   # the default, written out\n      priorityClassName: inference', VLLM),
    },
    {
      name: 'fix: trailing whitespace after the value and on neighbouring lines is kept',
      code: deployment('vllm', '      terminationGracePeriodSeconds: 10   \n      dnsPolicy: ClusterFirst  ', VLLM).replace('    spec:\n', '    spec:    \n'),
      errors: [{ line: 12, column: 7 }],
      output: deployment('vllm', '      terminationGracePeriodSeconds: 180   \n      dnsPolicy: ClusterFirst  ', VLLM).replace('    spec:\n', '    spec:    \n'),
    },
    {
      name: 'fix: a key present with no value (`terminationGracePeriodSeconds:`) is given the value',
      code: deployment('vllm', '      terminationGracePeriodSeconds:', VLLM),
      errors: [{ line: 11, column: 5, messageId: 'keepsDefault' }],
      output: deployment('vllm', '      terminationGracePeriodSeconds: 180', VLLM),
    },
    {
      name: 'fix: a flow-style pod spec gets the key inside its braces',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec: {containers: [{name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}]}
`,
      errors: [{ line: 8, column: 5 }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec: {terminationGracePeriodSeconds: 180, containers: [{name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}]}
`,
    },
    {
      name: 'fix: a flow-style neighbour (`securityContext: {…}`) is left as written',
      code: deployment('vllm', '      securityContext: {runAsNonRoot: true}\n      terminationGracePeriodSeconds: 30', VLLM),
      errors: [{ line: 13, column: 7 }],
      output: deployment('vllm', '      securityContext: {runAsNonRoot: true}\n      terminationGracePeriodSeconds: 180', VLLM),
    },
    {
      name: 'fix: CRLF line endings, 4-space indentation and an unindented `- ` list are the file’s style',
      code: [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '    name: sglang',
        'spec:',
        '    serviceName: sglang',
        '    selector:',
        '        matchLabels:',
        '            app: sglang',
        '    template:',
        '        metadata:',
        '            labels:',
        '                app: sglang',
        '        spec:',
        '            containers:',
        '            - name: sglang',
        '              image: lmsysorg/sglang:v0.4.6.post1-cu124',
        '              ports:',
        '              - containerPort: 30000',
        '              resources:',
        '                  limits:',
        '                      nvidia.com/gpu: 1',
        '',
      ].join('\r\n'),
      errors: [{ line: 14, column: 9 }],
      output: [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '    name: sglang',
        'spec:',
        '    serviceName: sglang',
        '    selector:',
        '        matchLabels:',
        '            app: sglang',
        '    template:',
        '        metadata:',
        '            labels:',
        '                app: sglang',
        '        spec:',
        '            terminationGracePeriodSeconds: 180',
        '            containers:',
        '            - name: sglang',
        '              image: lmsysorg/sglang:v0.4.6.post1-cu124',
        '              ports:',
        '              - containerPort: 30000',
        '              resources:',
        '                  limits:',
        '                      nvidia.com/gpu: 1',
        '',
      ].join('\r\n'),
    },
    {
      // The grace comes through `*grace`: editing the anchor would change every user of it.
      name: 'no fix: the value is reached through a YAML alias, and the finding says why',
      code: ALIASED_GRACE.replace('GPU_GRACE', '*grace').replace('WEB_GRACE', '&grace 30'),
      errors: [{ line: 26, column: 11, messageId: 'setsShort', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
    {
      // The anchor sits on the flagged GPU workload and a web Deployment uses it: setting 180 at
      // the anchor would silently give the web Deployment a 180 s grace period too.
      // (The GPU Deployment comes first: an alias must follow its anchor.)
      name: 'no fix: the value is an anchor that another workload uses through an alias',
      code: ANCHORED_GRACE_FIRST,
      errors: [{ line: 15, column: 11, messageId: 'setsShort', unfixable: /not fixed: .*(alias|anchor)/ }],
      output: null,
    },
    {
      name: 'no fix: the value comes from a merge key (`<<: *defaults`), and the finding says why',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: &defaults
          terminationGracePeriodSeconds: 30
          containers:
            - {name: web, image: "ghcr.io/example/web:1.0", ports: [{containerPort: 8080}]}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec:
          <<: *defaults
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
`,
      errors: [{ line: 12, column: 11, messageId: 'setsShort', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
  ],
});
