import rule from '../../rules/liveness-gates-on-load.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A NIMService (CRDS.md §9) with the operator's liveness (30 s window) unless `spec.livenessProbe.probe` is written; `spec:` at 4:1. */
const nimService = (liveness = '') => `apiVersion: apps.nvidia.com/v1alpha1
kind: NIMService
metadata: {name: llama}
spec:
  image: {repository: nvcr.io/nim/meta/llama-3.1-8b-instruct, tag: "1.3.3"}
  resources: {limits: {nvidia.com/gpu: 1}}
${liveness}`;
/** A KAITO preset Workspace (top-level `inference`, at 5:1): KAITO's liveness, which it cannot replace. */
const kaitoPreset = `apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata: {name: phi}
resource: {instanceType: Standard_NC24ads_A100_v4}
inference:
  preset: {name: phi-4-mini-instruct}
`;


/**
 * A GPU Deployment with one vLLM container; `readinessProbe:` is at line 19 and the
 * `livenessProbe:` mapping starts at line 20 (`livenessProbe:` key at 20:11, its first field at
 * 21:13, its second at 22:13). `liveness` is a list of block lines under `livenessProbe:`.
 */
const deployment = (readiness: string, liveness: string[], ports = '[{containerPort: 8000}]') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  replicas: 2
  selector:
    matchLabels: {app: vllm}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: ${ports}
          resources: {limits: {nvidia.com/gpu: 1}}
          lifecycle: {preStop: {exec: {command: ["sh", "-c", "touch /tmp/drain && sleep 15"]}}}
          readinessProbe: ${readiness}
          livenessProbe:
${liveness.map((l) => `            ${l}`).join('\n')}
`;

const MARKER_READINESS =
  '{exec: {command: ["sh", "-c", "test ! -f /tmp/drain && curl -sf localhost:8000/health"]}, periodSeconds: 2, failureThreshold: 1}';
const HTTP_READINESS = '{httpGet: {path: /health, port: 8000}, periodSeconds: 2, failureThreshold: 1}';

/** A DynamoGraphDeployment (v1beta1) with a frontend and a GPU worker, whose probes the operator adds. */
const dynamo = (workerLiveness = '') => `apiVersion: nvidia.com/v1beta1
kind: DynamoGraphDeployment
metadata:
  name: llm
spec:
  components:
  - name: Frontend
    type: frontend
    podTemplate:
      spec:
        terminationGracePeriodSeconds: 200
        containers:
        - name: main
          image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1
          lifecycle: {preStop: {sleep: {seconds: 35}}}
          livenessProbe: {httpGet: {path: /live, port: http}, failureThreshold: 6}
  - name: decode
    type: worker
    podTemplate:
      spec:
        terminationGracePeriodSeconds: 180
        containers:
        - name: main
          image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1
          command: [python3, -m, dynamo.vllm]
          resources: {limits: {nvidia.com/gpu: 1}}${workerLiveness}
`;

runRuleTests(rule, {
  valid: [
    { name: 'a NIMService with its own liveness window of 60 s', code: nimService('  livenessProbe:\n    probe: {httpGet: {path: /v1/health/live, port: api}, periodSeconds: 10, failureThreshold: 6}\n') },
    {
      name: "a Dynamo worker's operator liveness (5 s × 1 on the system status port) is not on a serving endpoint",
      code: dynamo(),
    },
    {
      name: "a tight liveness of the user's on a Dynamo worker's system port is not on a serving endpoint either",
      code: dynamo('\n          livenessProbe: {httpGet: {path: /live, port: system}, periodSeconds: 5, failureThreshold: 1}'),
    },
    {
      name: 'httpGet liveness on the serving port with a 60 s window (10 s × 6)',
      code: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 8000}', 'failureThreshold: 6']),
    },
    {
      name: 'a window of exactly 60 s (periodSeconds 20 × failureThreshold 3)',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'periodSeconds: 20']),
    },
    {
      name: 'an exec liveness with tight thresholds is not a serving endpoint',
      code: deployment(HTTP_READINESS, ['exec: {command: [pgrep, python3]}', 'periodSeconds: 5', 'failureThreshold: 1']),
    },
    {
      name: 'a tight liveness on another port than the one readiness probes',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /metrics, port: 9090}'], '[{containerPort: 8000}, {containerPort: 9090}]'),
    },
    {
      name: 'an exec readiness and several ports: the serving port is unknown, so no threshold warning',
      code: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 9090}'], '[{containerPort: 8000}, {containerPort: 9090}]'),
    },
    {
      name: 'liveness on a different path of the serving port, loose',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'periodSeconds: 15', 'failureThreshold: 4']),
    },
  ],
  invalid: [
    {
      name: "warn: a Dynamo frontend's operator liveness (10 s × 3 on its http port) serves requests; no fix (the operator writes it)",
      code: dynamo().replace('          livenessProbe: {httpGet: {path: /live, port: http}, failureThreshold: 6}\n', ''),
      errors: [{ line: 13, column: 11, severity: 'warn', messageId: 'givesUpFast', data: { window: 30 }, unfixable: /the Dynamo operator adds this livenessProbe/ }],
    },
    {
      name: 'a NIMService with the operator\'s liveness: no fix, the message says where to write one',
      code: nimService(),
      errors: [{ line: 4, column: 1, severity: 'warn', messageId: 'givesUpFast', unfixable: /the NIM Operator adds this livenessProbe; write your own spec\.livenessProbe\.probe to change it/ }],
    },
    {
      name: 'a NIMService with its own liveness: raised where it is written',
      code: nimService('  livenessProbe:\n    probe: {httpGet: {path: /v1/health/live, port: api}, periodSeconds: 10, failureThreshold: 3}\n'),
      errors: [{ line: 8, column: 77, severity: 'warn', messageId: 'givesUpFast' }],
      output: nimService('  livenessProbe:\n    probe: {httpGet: {path: /v1/health/live, port: api}, periodSeconds: 10, failureThreshold: 6}\n'),
    },
    {
      name: 'a KAITO preset Workspace: KAITO\'s liveness, which the resource cannot replace',
      code: kaitoPreset,
      errors: [{ line: 5, column: 1, severity: 'warn', messageId: 'givesUpFast', unfixable: /KAITO adds this livenessProbe, and the resource cannot express its own: a KAITO preset Workspace/ }],
    },
    {
      name: 'liveness identical to readiness (same httpGet path and port), reported at livenessProbe',
      code: deployment('{httpGet: {path: /health, port: 8000}}', ['httpGet: {path: /health, port: 8000}', 'failureThreshold: 6']),
      errors: [{ line: 20, column: 11, messageId: 'repeatsReadiness', data: { container: 'vllm', label: 'Deployment vllm' } }],
    },
    {
      name: 'an unset path is / for both probes',
      code: deployment('{httpGet: {port: 8000}}', ['httpGet: {path: /, port: 8000}', 'failureThreshold: 6']),
      errors: [{ line: 20, column: 11, messageId: 'repeatsReadiness' }],
    },
    {
      name: 'identical exec commands without a marker',
      code: deployment('{exec: {command: [curl, -sf, "localhost:8000/health"]}}', ['exec: {command: [curl, -sf, "localhost:8000/health"]}', 'failureThreshold: 6']),
      errors: [{ line: 20, column: 11, messageId: 'repeatsReadiness' }],
    },
    {
      name: 'the same port by name and by number is the same check',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /health, port: http}', 'failureThreshold: 6'], '[{name: http, containerPort: 8000}]'),
      errors: [{ line: 20, column: 11, messageId: 'repeatsReadiness' }],
    },
    {
      name: 'liveness testing the drain marker (a marker test wins over the identical-check case)',
      code: deployment(MARKER_READINESS, [
        'exec: {command: ["sh", "-c", "test ! -f /tmp/drain && curl -sf localhost:8000/health"]}',
        'failureThreshold: 6',
      ]),
      errors: [{ line: 20, column: 11, messageId: 'testsMarker', data: { markers: '/tmp/drain' } }],
    },
    {
      name: 'liveness testing the marker with [ ! -e F ]',
      code: deployment(HTTP_READINESS, ['exec: {command: ["/bin/sh", "-c", "[ ! -e /tmp/drain ]"]}', 'periodSeconds: 30']),
      errors: [{ line: 20, column: 11, messageId: 'testsMarker', data: { markers: '/tmp/drain' } }],
    },
    {
      name: 'warn: default thresholds (10 s × 3 = 30 s) on the serving port, at livenessProbe',
      code: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 8000}']),
      errors: [
        {
          line: 20,
          column: 11,
          severity: 'warn',
          messageId: 'givesUpFast',
          data: { window: 30, period: 10, failures: 3, needed: 6, neededWindow: 60 },
        },
      ],
    },
    {
      name: 'warn: at the failureThreshold field when it is written',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'periodSeconds: 5', 'failureThreshold: 3']),
      errors: [{ line: 23, column: 13, severity: 'warn', messageId: 'givesUpFast', data: { window: 15, period: 5, failures: 3 } }],
    },
    {
      name: 'warn: at periodSeconds when only it is written; failureThreshold needed = ceil(60 / 7)',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'periodSeconds: 7']),
      errors: [{ line: 22, column: 13, severity: 'warn', messageId: 'givesUpFast', data: { needed: 9, neededWindow: 63 } }],
    },
    {
      name: 'warn: a tcpSocket liveness on the serving port with default thresholds',
      code: deployment(HTTP_READINESS, ['tcpSocket: {port: 8000}']),
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'givesUpFast', data: { window: 30 } }],
    },
    {
      name: 'warn: the only container port, named, when readiness has no port',
      code: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: http}', 'periodSeconds: 5'], '[{name: http, containerPort: 8000}]'),
      errors: [{ line: 22, column: 13, severity: 'warn', messageId: 'givesUpFast', data: { window: 15 } }],
    },
    {
      name: 'warn: readiness probes the named port, liveness the same port by number',
      code: deployment('{httpGet: {path: /health, port: http}, periodSeconds: 2}', ['httpGet: {path: /ping, port: 8000}'], '[{name: http, containerPort: 8000}]'),
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'givesUpFast', data: { window: 30 } }],
    },
    {
      name: 'the configured level applies (warn) to the error cases',
      code: deployment('{httpGet: {path: /health, port: 8000}}', ['httpGet: {path: /health, port: 8000}', 'failureThreshold: 6']),
      lint: { settings: { 'liveness-gates-on-load': { level: 'warn', options: {} } } },
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'repeatsReadiness' }],
    },

    // ---- The fix: failureThreshold raised so that failing takes 60 s; safe. ----
    {
      name: 'fix: failureThreshold is added at the end of the probe when it is not written',
      code: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 8000}']),
      errors: [{ line: 20, column: 11, severity: 'warn' }],
      output: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 8000}', 'failureThreshold: 6']),
    },
    {
      name: 'fix: a written failureThreshold is replaced in place; its comment and the key order stay',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'failureThreshold: 3   # copied from the web tier', 'periodSeconds: 5', 'timeoutSeconds: 2']),
      errors: [{ line: 22, column: 13, severity: 'warn' }],
      output: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'failureThreshold: 12   # copied from the web tier', 'periodSeconds: 5', 'timeoutSeconds: 2']),
    },
    {
      name: 'fix: with only periodSeconds written, failureThreshold = ceil(60 / 7) is added after it',
      code: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'periodSeconds: 7']),
      errors: [{ line: 22, column: 13, severity: 'warn' }],
      output: deployment(HTTP_READINESS, ['httpGet: {path: /ping, port: 8000}', 'periodSeconds: 7', 'failureThreshold: 9']),
    },
    {
      name: 'fix: a flow-style liveness probe is edited inside its braces',
      code: deployment(HTTP_READINESS, ['X']).replace('livenessProbe:\n            X', 'livenessProbe: {tcpSocket: {port: 8000}, periodSeconds: 10}'),
      errors: [{ line: 20, column: 52, severity: 'warn' }],
      output: deployment(HTTP_READINESS, ['X']).replace('livenessProbe:\n            X', 'livenessProbe: {tcpSocket: {port: 8000}, periodSeconds: 10, failureThreshold: 6}'),
    },
    {
      name: 'fix: trailing whitespace and a blank line after the probe stay where they are',
      code: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 8000}   ', 'periodSeconds: 10']).replace(/\n$/, '\n\n'),
      errors: [{ line: 22, column: 13, severity: 'warn' }],
      output: deployment(MARKER_READINESS, ['httpGet: {path: /ping, port: 8000}   ', 'periodSeconds: 10', 'failureThreshold: 6']).replace(/\n$/, '\n\n'),
    },
    {
      name: 'no fix: a liveness probe shared through an alias, and the finding says why',
      code: deployment(HTTP_READINESS, ['X']).replace(
        '          livenessProbe:\n            X',
        '          startupProbe: &alive {tcpSocket: {port: 8000}, periodSeconds: 10}\n          livenessProbe: *alive',
      ),
      // Reported at the anchored periodSeconds the liveness probe reads through the alias.
      errors: [{ line: 20, column: 58, severity: 'warn', messageId: 'givesUpFast', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
  ],
});
