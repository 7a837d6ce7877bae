import rule from '../../rules/prestop-missing.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { runRuleTests } from '../support/rule-tester.js';
import { dynamoV1alpha1, MAIN_FRONTEND, MAIN_WORKER } from '../support/dynamo.js';

/** A Deployment whose containers follow `      containers:` at line 12; the first item's `name` is at 13:11. */
const deployment = (name: string, containers: string, metadataLines = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${metadataLines ? `\n${metadataLines}` : ''}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
${containers}`;

const VLLM_NO_PRESTOP = `        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

const SERVICE = (name: string, targetPort: number) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80, targetPort: ${targetPort}}]\n`;


/** Issue 15, item 11: GPU servers whose manifests declare no port, probe or Service. */
const TGI_PORT_IN_ENV = `        - name: tgi
          image: ghcr.io/huggingface/text-generation-inference:3.0.1
          env: [{name: PORT, value: "8080"}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;
const SGLANG_PORT_IN_ARGS = `        - name: sglang
          image: lmsysorg/sglang:v0.4.6.post1-cu124
          command: [python3, -m, sglang.launch_server]
          args: [--model-path, meta-llama/Llama-3.1-8B-Instruct, --port, "30000"]
          resources: {limits: {nvidia.com/gpu: 1}}
`;
const GPU_SLEEPING = `        - name: dev
          image: vllm/vllm-openai:v0.11.0
          command: [sleep, infinity]
          env: [{name: PORT, value: "8000"}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

const K131 = { kubernetesVersion: '1.31' };

/** `lifecycle.preStop.sleep.seconds: 15` as block lines at `indent`. */
const NATIVE_SLEEP = (indent: string) =>
  `${indent}lifecycle:\n${indent}  preStop:\n${indent}    sleep:\n${indent}      seconds: 15\n`;

/** A Pod in CRLF with 4-space indentation and `- ` at the key's column; `extra` ends the container. */
const CRLF_POD = (extra: string) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '    name: tgi',
    'spec:',
    '    containers:',
    '    - name: tgi',
    '      image: ghcr.io/huggingface/text-generation-inference:3.0.1',
    '      ports:',
    '      - containerPort: 80',
    '      resources:',
    '          limits:',
    '              nvidia.com/gpu: 1',
    '',
  ].join('\r\n') + extra;

runRuleTests(rule, {
  valid: [
    {
      name: 'a Dynamo worker needs no preStop: it leaves discovery on SIGTERM (CRDS.md §1d)',
      code: dynamoV1alpha1(undefined, `        terminationGracePeriodSeconds: 180\n${MAIN_WORKER}`),
      lint: K131,
    },
    {
      name: 'a native sleep preStop',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle: {preStop: {sleep: {seconds: 15}}}\n`),
    },
    {
      name: 'a zero-second preStop is present (too short is prestop-too-short’s business)',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle: {preStop: {sleep: {seconds: 0}}}\n`),
    },
    {
      name: 'an exec preStop whose duration cannot be read is still a preStop',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle: {preStop: {exec: {command: [/usr/local/bin/drain.sh]}}}\n`),
    },
    {
      name: 'the GPU container is judged, not a sidecar without a preStop listed first',
      code: deployment(
        'vllm',
        `        - name: oauth2-proxy
          image: quay.io/oauth2-proxy/oauth2-proxy:v7.7.1
          ports: [{containerPort: 4180}]
          readinessProbe: {httpGet: {path: /ready, port: 4180}}
${VLLM_NO_PRESTOP}          lifecycle: {preStop: {sleep: {seconds: 15}}}
`,
      ),
    },
    {
      name: 'the engine container is judged when no container requests a GPU (DRA claims)',
      code: deployment(
        'sglang',
        `        - name: metrics
          image: prom/statsd-exporter:v0.27.1
          ports: [{containerPort: 9102}]
        - name: sglang
          image: lmsysorg/sglang:v0.4.6.post1-cu124
          ports: [{containerPort: 30000}]
          resources: {claims: [{name: gpu}]}
          lifecycle: {preStop: {exec: {command: [sleep, "15"]}}}
`,
      ),
    },
    {
      name: 'config workloads[] profile none',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      lint: { profiles: { workloads: [{ match: { name: 'vllm' }, profile: 'none' }] } },
    },
    {
      name: 'profile none on the pod template',
      code: deployment('vllm', VLLM_NO_PRESTOP).replace(
        '    metadata: {labels: {app: vllm}}',
        '    metadata: {labels: {app: vllm}, annotations: {gpu-drain-lint.io/profile: none}}',
      ),
    },
    {
      name: 'a Job with a GPU (run to completion, deliberate)',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}}
`,
    },
    {
      name: 'a GPU container of a workload no connection reaches (no port, no network probe, no Service)',
      code: deployment(
        'gpu-smoke',
        `        - name: cuda
          image: nvcr.io/nvidia/k8s/cuda-sample:vectoradd-cuda12.5.0
          resources: {limits: {nvidia.com/gpu: 1}}
`,
      ),
    },
    {
      name: 'the rule turned off',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      lint: { settings: { 'prestop-missing': { level: 'off', options: {} } } },
    },
    // Issue 15, item 11: a GPU pod that sleeps or benchmarks serves no one, whatever port it names.
    { name: 'a GPU pod running sleep infinity with PORT set', code: deployment('dev', GPU_SLEEPING), lint: K131 },
    {
      name: 'a GPU benchmark client (benchmark_serving.py --port 8000)',
      code: deployment('bench', GPU_SLEEPING.replace('command: [sleep, infinity]', 'command: [sh, -c, "python3 benchmarks/benchmark_serving.py --backend vllm --port 8000"]')),
      lint: K131,
    },
  ],
  invalid: [
    {
      name: "a Dynamo frontend (v1alpha1) has none: reported at mainContainer, the fix (1.31) adds the sleep there",
      code: dynamoV1alpha1(`        terminationGracePeriodSeconds: 200\n${MAIN_FRONTEND}`, `        terminationGracePeriodSeconds: 180\n${MAIN_WORKER}`),
      lint: K131,
      errors: [{ line: 11, column: 9, messageId: 'noPreStop', data: { container: 'main', label: 'DynamoGraphDeployment llm (service Frontend)' } }],
      output: dynamoV1alpha1(
        `        terminationGracePeriodSeconds: 200\n${MAIN_FRONTEND}${NATIVE_SLEEP('          ')}`,
        `        terminationGracePeriodSeconds: 180\n${MAIN_WORKER}`,
      ),
    },
    {
      name: 'no lifecycle: points at the container name',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      errors: [
        {
          line: 13,
          column: 11,
          messageId: 'noPreStop',
          data: { container: 'vllm', label: 'Deployment vllm' },
        },
      ],
    },
    {
      name: 'the suggested sleep is the profile value (15 s for gpu-inference)',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', data: { seconds: 15 } }],
    },
    {
      name: 'a lifecycle with only postStart: points at lifecycle',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle:\n            postStart: {exec: {command: [/bin/warmup]}}\n`),
      errors: [{ line: 17, column: 11, messageId: 'noPreStop', data: { container: 'vllm', label: 'Deployment vllm' } }],
    },
    {
      name: 'a flow-style container: points at its name inside the braces',
      code: deployment('vllm', '        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}]}\n'),
      errors: [{ line: 13, column: 12, messageId: 'noPreStop', data: { container: 'vllm', label: 'Deployment vllm' } }],
    },
    {
      name: 'multi-container: the GPU container is judged even when the sidecar has the preStop',
      code: deployment(
        'vllm',
        `        - name: log-shipper
          image: fluent/fluent-bit:3.1
          lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
${VLLM_NO_PRESTOP}`,
      ),
      errors: [{ line: 16, column: 11, messageId: 'noPreStop', data: { container: 'vllm', label: 'Deployment vllm' } }],
    },
    {
      name: 'native sidecar and init containers are never judged; the serving container is',
      code: deployment('vllm', VLLM_NO_PRESTOP).replace(
        '      containers:\n',
        `      initContainers:
        - {name: fetch, image: "amazon/aws-cli:2.17.0", command: [aws, s3, sync, "s3://models", /models]}
        - {name: envoy, image: "envoyproxy/envoy:v1.31.2", restartPolicy: Always, ports: [{containerPort: 10000}]}
      containers:
`,
      ),
      errors: [{ line: 16, column: 11, messageId: 'noPreStop', data: { container: 'vllm', label: 'Deployment vllm' } }],
    },
    {
      name: 'a container with readiness is the serving one when a declared profile finds no GPU or engine',
      code: deployment(
        'ocr',
        `        - name: cache
          image: redis:7.4
        - name: ocr
          image: registry.example.com/docs/ocr:7.3
          ports: [{containerPort: 8080}]
          readinessProbe: {httpGet: {path: /ready, port: 8080}}
`,
        '  annotations: {gpu-drain-lint.io/profile: gpu-inference}',
      ),
      errors: [{ line: 16, column: 11, messageId: 'noPreStop', data: { container: 'ocr', label: 'Deployment ocr' } }],
    },
    {
      name: 'config workloads[] declares long-lived: the suggestion is 20 s',
      code: deployment('ws', '        - name: ws\n          image: ghcr.io/example/ws-hub:3.0\n          ports: [{containerPort: 8080}]\n'),
      lint: { profiles: { workloads: [{ match: { kind: 'Deployment', name: 'ws' }, profile: 'long-lived' }] } },
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', data: { seconds: 20 }, profile: 'long-lived: config workloads[0]: long-lived' }],
    },
    {
      name: 'a profile override of preStop (25 s) changes the suggestion',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      lint: { profiles: { profiles: { ...DEFAULT_PROFILES, 'gpu-inference': { ...DEFAULT_PROFILES['gpu-inference'], preStop: 25 } } } },
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', data: { seconds: 25 } }],
    },
    {
      name: 'a GPU Deployment without ports is judged when a Service in another file selects it',
      code: deployment('vllm', VLLM_NO_PRESTOP.replace('          ports: [{containerPort: 8000}]\n', '')),
      lint: { others: [{ path: 'service.yaml', text: SERVICE('vllm', 8000) }] },
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', data: { container: 'vllm', label: 'Deployment vllm' } }],
    },
    {
      name: 'a Pod in a namespace',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: tgi
  namespace: llm
spec:
  containers:
    - name: tgi
      image: ghcr.io/huggingface/text-generation-inference:3.0.1
      ports: [{containerPort: 80}]
`,
      errors: [{ line: 8, column: 7, messageId: 'noPreStop', data: { container: 'tgi', label: 'Pod llm/tgi' } }],
    },
    {
      name: 'the configured level applies (warn)',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      lint: { settings: { 'prestop-missing': { level: 'warn', options: {} } } },
      errors: [{ line: 13, column: 11, severity: 'warn' }],
    },

    // ---- The fix with the native sleep action (kubernetesVersion ≥ 1.30): safe. ----
    // Issue 15, item 11: a server invocation alone (no port, probe or Service) makes the pod reachable.
    {
      name: 'TGI with its port only in env (PORT=8080): fix (1.31) adds a native sleep',
      code: deployment('tgi', TGI_PORT_IN_ENV),
      lint: K131,
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', data: { container: 'tgi', label: 'Deployment tgi', seconds: 15 } }],
      output: deployment('tgi', `${TGI_PORT_IN_ENV}${NATIVE_SLEEP('          ')}`),
    },
    {
      name: 'SGLang with its port only in args (python3 -m sglang.launch_server --port 30000)',
      code: deployment('sglang', SGLANG_PORT_IN_ARGS),
      lint: K131,
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', data: { container: 'sglang', label: 'Deployment sglang' } }],
      output: deployment('sglang', `${SGLANG_PORT_IN_ARGS}${NATIVE_SLEEP('          ')}`),
    },
    {
      name: 'fix (1.31): a native sleep preStop is added at the end of the container',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      lint: K131,
      errors: [{ line: 13, column: 11 }],
      output: deployment('vllm', `${VLLM_NO_PRESTOP}${NATIVE_SLEEP('          ')}`),
    },
    {
      // Issue 15, item 10: the API server rejects a native sleep longer than the grace period.
      name: 'no native sleep fix (1.31) when the sleep would exceed the grace period; the finding says to raise it first',
      code: deployment('vllm', VLLM_NO_PRESTOP).replace('terminationGracePeriodSeconds: 180', 'terminationGracePeriodSeconds: 10'),
      lint: K131,
      errors: [{ line: 13, column: 11, unfixable: /not fixed: a native preStop sleep of 15 s must not exceed the grace period \(10 s\)/ }],
      output: null,
    },
    {
      name: 'fix (1.31): a key present with no value (`lifecycle:`) gets the preStop',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle:\n`),
      lint: K131,
      errors: [{ line: 13, column: 11 }],
      output: deployment('vllm', `${VLLM_NO_PRESTOP}${NATIVE_SLEEP('          ')}`),
    },
    {
      name: 'fix (1.31): an empty `lifecycle:` followed by other keys keeps them and their order',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle:\n          readinessProbe: {httpGet: {path: /health, port: 8000}}\n`),
      lint: K131,
      errors: [{ line: 13, column: 11 }],
      output: deployment('vllm', `${VLLM_NO_PRESTOP}${NATIVE_SLEEP('          ')}          readinessProbe: {httpGet: {path: /health, port: 8000}}\n`),
    },
    {
      name: 'fix (1.31): a lifecycle with only postStart gets preStop after it',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle:\n            postStart: {exec: {command: [/bin/warmup]}}  # load the weights\n`),
      lint: K131,
      errors: [{ line: 17, column: 11 }],
      output: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          lifecycle:\n            postStart: {exec: {command: [/bin/warmup]}}  # load the weights\n            preStop:\n              sleep:\n                seconds: 15\n`,
      ),
    },
    {
      name: 'fix (1.31): a flow-style lifecycle is edited inside its braces',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle: {postStart: {exec: {command: [/bin/warmup]}}}\n`),
      lint: K131,
      errors: [{ line: 17, column: 11 }],
      output: deployment('vllm', `${VLLM_NO_PRESTOP}          lifecycle: {postStart: {exec: {command: [/bin/warmup]}}, preStop: {sleep: {seconds: 15}}}\n`),
    },
    {
      name: 'fix (1.31): a container given as a flow map gets the lifecycle inside its braces',
      code: deployment('vllm', '        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}]}\n'),
      lint: K131,
      errors: [{ line: 13, column: 12 }],
      output: deployment('vllm', '        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], lifecycle: {preStop: {sleep: {seconds: 15}}}}\n'),
    },
    {
      name: 'fix (1.31): comment lines and a blank line after the container stay after it',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}\n          # TODO: add a startupProbe\n---\n${SERVICE('vllm', 8000)}`),
      lint: K131,
      errors: [{ line: 13, column: 11 }],
      output: deployment('vllm', `${VLLM_NO_PRESTOP}${NATIVE_SLEEP('          ')}\n          # TODO: add a startupProbe\n---\n${SERVICE('vllm', 8000)}`),
    },
    {
      // A `#` line inside a block scalar is script text, not a comment: the new key goes after it.
      name: 'fix (1.31): a literal block scalar that ends the container stays whole',
      code: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          command:\n            - /bin/bash\n            - -c\n            - |\n              python3 -m vllm.entrypoints.openai.api_server --port 8000\n              # exec sleep infinity   # uncomment to debug\n`,
      ),
      lint: K131,
      errors: [{ line: 13, column: 11 }],
      output: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          command:\n            - /bin/bash\n            - -c\n            - |\n              python3 -m vllm.entrypoints.openai.api_server --port 8000\n              # exec sleep infinity   # uncomment to debug\n${NATIVE_SLEEP('          ')}`,
      ),
    },
    {
      name: 'fix (1.31): CRLF line endings, 4-space indentation and an unindented `- ` list',
      code: CRLF_POD(''),
      lint: K131,
      errors: [{ line: 7, column: 7 }],
      output: CRLF_POD('      lifecycle:\r\n          preStop:\r\n              sleep:\r\n                  seconds: 15\r\n'),
    },
    {
      name: 'fix (1.30.2) counts as 1.30',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      lint: { kubernetesVersion: '1.30.2' },
      errors: [{ line: 13, column: 11 }],
      output: deployment('vllm', `${VLLM_NO_PRESTOP}${NATIVE_SLEEP('          ')}`),
    },

    // ---- Without the native action: the marker pattern, unsafe (it needs a shell). ----
    {
      name: 'fix (no version): an exec preStop that writes the marker and sleeps, as a block list',
      code: deployment('vllm', VLLM_NO_PRESTOP),
      errors: [{ line: 13, column: 11 }],
      output: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          lifecycle:\n            preStop:\n              exec:\n                command:\n                  - /bin/sh\n                  - -c\n                  - touch /tmp/drain && sleep 15\n`,
      ),
    },
    {
      name: 'fix (1.29): an exec readiness that is not a shell script is wrapped; flow lists like the file’s own `[curl, -sf, …]`',
      code: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          readinessProbe:\n            exec:\n              command: [curl, -sf, "http://localhost:8000/health"]\n            periodSeconds: 5\n          livenessProbe: {tcpSocket: {port: 8000}, failureThreshold: 6}\n`,
      ),
      lint: { kubernetesVersion: '1.29' },
      errors: [{ line: 13, column: 11 }],
      output: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          readinessProbe:\n            exec:\n              command: [/bin/sh, -c, "! test -f /tmp/drain && curl -sf http://localhost:8000/health"]\n            periodSeconds: 2\n            failureThreshold: 1\n          livenessProbe: {tcpSocket: {port: 8000}, failureThreshold: 6}\n          lifecycle:\n            preStop:\n              exec:\n                command: [/bin/sh, -c, touch /tmp/drain && sleep 15]\n`,
      ),
    },
    // Issue 15, item 16: the readiness script written as a `|` block stays a block.
    {
      name: 'fix (1.29): a `|` block readiness script is wrapped in place and stays a block',
      code: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          readinessProbe:\n            exec:\n              command:\n                - sh\n                - -c\n                - |\n                  curl -sf http://localhost:8000/health\n`,
      ),
      lint: { kubernetesVersion: '1.29' },
      errors: [{ line: 13, column: 11 }],
      output: deployment(
        'vllm',
        `${VLLM_NO_PRESTOP}          readinessProbe:\n            exec:\n              command:\n                - sh\n                - -c\n                - |\n                  ! test -f /tmp/drain && (curl -sf http://localhost:8000/health)\n            periodSeconds: 2\n            failureThreshold: 1\n          lifecycle:\n            preStop:\n              exec:\n                command:\n                  - /bin/sh\n                  - -c\n                  - touch /tmp/drain && sleep 15\n`,
      ),
    },
    {
      name: 'fix: an HTTPS readiness on a named port becomes curl -k on the port number',
      code: deployment(
        'vllm',
        `        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          command: ["vllm", "serve", "--ssl-certfile", "/tls/tls.crt"]
          ports: [{name: https, containerPort: 8443}]
          resources: {limits: {nvidia.com/gpu: 1}}
          readinessProbe: {httpGet: {path: /health, port: https, scheme: HTTPS}}
          startupProbe: {httpGet: {path: /health, port: https, scheme: HTTPS}, failureThreshold: 60}
`,
      ),
      errors: [{ line: 13, column: 11 }],
      output: deployment(
        'vllm',
        `        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          command: ["vllm", "serve", "--ssl-certfile", "/tls/tls.crt"]
          ports: [{name: https, containerPort: 8443}]
          resources: {limits: {nvidia.com/gpu: 1}}
          readinessProbe: {exec: {command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsSk https://localhost:8443/health"]}, periodSeconds: 2, failureThreshold: 1}
          startupProbe: {httpGet: {path: /health, port: https, scheme: HTTPS}, failureThreshold: 60}
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]
`,
      ),
    },
    {
      name: 'no fix: a tcpSocket readiness cannot test a marker, and the finding says why',
      code: deployment('vllm', `${VLLM_NO_PRESTOP}          readinessProbe: {tcpSocket: {port: 8000}}\n`),
      errors: [{ line: 13, column: 11, messageId: 'noPreStop', unfixable: /not fixed: a tcpSocket readiness check/ }],
      output: null,
    },
    {
      name: 'no fix: a container shared through an alias (`- *vllm`) is not edited, and the finding says why',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-a}
    spec:
      selector: {matchLabels: {app: vllm-a}}
      template:
        metadata: {labels: {app: vllm-a}}
        spec:
          terminationGracePeriodSeconds: 180
          containers:
            - &vllm
              name: vllm
              image: vllm/vllm-openai:v0.11.0
              ports: [{containerPort: 8000}]
              resources: {limits: {nvidia.com/gpu: 1}}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-b}
    spec:
      selector: {matchLabels: {app: vllm-b}}
      template:
        metadata: {labels: {app: vllm-b}}
        spec:
          terminationGracePeriodSeconds: 180
          containers:
            - *vllm
`,
      lint: K131,
      errors: [
        { line: 15, column: 15, messageId: 'noPreStop', unfixable: /not fixed: .*(alias|anchor)/ },
        { line: 15, column: 15, messageId: 'noPreStop', unfixable: /not fixed: .*(alias|anchor)/ },
      ],
      output: null,
    },
  ],
});
