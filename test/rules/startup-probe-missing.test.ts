import rule from '../../rules/startup-probe-missing.js';
import { VLLM_DEPLOYMENT_HEAD } from '../support/manifests.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A NIMService (CRDS.md §9) with its own liveness probe (7:3) and `startupProbe` as given; `spec:` at 4:1. */
const nimService = (startup: string) => `apiVersion: apps.nvidia.com/v1alpha1
kind: NIMService
metadata: {name: llama}
spec:
  image: {repository: nvcr.io/nim/meta/llama-3.1-8b-instruct, tag: "1.3.3"}
  resources: {limits: {nvidia.com/gpu: 1}}
  livenessProbe: {probe: {httpGet: {path: /v1/health/live, port: api}, periodSeconds: 10, failureThreshold: 6}}
${startup}`;

/** A vLLM Deployment whose `livenessProbe:` key is at 18:11; `startup` (when given) comes first. */
const deployment = (liveness: string, startup = '') => `${VLLM_DEPLOYMENT_HEAD}${startup}          livenessProbe: ${liveness}
`;

/** A Deployment with one flow-style vLLM container (its livenessProbe at 12:133); `extra` ends the container. */
const FLOW_CONTAINER = (extra: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm}
spec:
  replicas: 2
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, livenessProbe: {tcpSocket: {port: 8000}}${extra}}
`;

/** A 4-space, CRLF StatefulSet whose exec livenessProbe (at 24:15) is a block list; `startup` lines end the container. */
const crlfStatefulSet = (...startup: string[]) =>
  [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '    name: sglang',
    'spec:',
    '    serviceName: sglang',
    '    replicas: 2',
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
    '              livenessProbe:',
    '                  exec:',
    '                      command:',
    '                      - /bin/sh',
    '                      - -c',
    '                      - curl -sf localhost:30000/health',
    ...startup,
    '',
  ].join('\r\n');

/** Two Deployments of one List share their container list through `&containers` / `*containers`. */
const ALIASED_CONTAINERS = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      replicas: 2
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec:
          containers: &containers
            - name: vllm
              image: vllm/vllm-openai:v0.11.0
              resources: {limits: {nvidia.com/gpu: 1}}
              livenessProbe: {tcpSocket: {port: 8000}}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-canary}
    spec:
      replicas: 2
      selector: {matchLabels: {app: vllm-canary}}
      template:
        metadata: {labels: {app: vllm-canary}}
        spec:
          containers: *containers
`;

const ACCEPTANCE = '{httpGet: {path: /health, port: 8000}, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3}';

runRuleTests(rule, {
  valid: [
    { name: 'a NIMService: the NIM Operator adds its startup probe (20 min)', code: nimService('') },
    {
      name: 'acceptance: the same liveness with a startupProbe of failureThreshold 30',
      code: deployment(ACCEPTANCE, '          startupProbe: {httpGet: {path: /health, port: 8000}, periodSeconds: 10, failureThreshold: 30}\n'),
    },
    { name: 'exactly the cold start (60 + 20 × 3 = 120 s)', code: deployment('{tcpSocket: {port: 8000}, initialDelaySeconds: 60, periodSeconds: 20}') },
    { name: 'a shorter coldStart option (30 s) is covered by 0 + 10 × 3', code: deployment(ACCEPTANCE), options: { coldStart: 30 } },
    { name: 'coldStart as a duration ("30s")', code: deployment(ACCEPTANCE), options: { coldStart: '30s' } },
    { name: 'an unreadable failureThreshold is not guessed', code: deployment('{tcpSocket: {port: 8000}, failureThreshold: "3"}') },
  ],
  invalid: [
    {
      name: 'a NIMService with the startup probe disabled: no fix, since the probe is written in the resource\'s own shape',
      code: nimService('  startupProbe: {enabled: false}\n'),
      errors: [{ line: 7, column: 3, messageId: 'noStartupProbe', unfixable: /not fixed: write a startupProbe at spec\.startupProbe\.probe by hand/ }],
    },
    {
      name: 'acceptance: liveness 0 + 10 × 3 and no startupProbe on a vLLM container',
      code: deployment(ACCEPTANCE),
      errors: [
        {
          line: 18,
          column: 11,
          messageId: 'noStartupProbe',
          data: { container: 'vllm', label: 'Deployment vllm', window: '30 s', initialDelay: 0, period: 10, failures: 3, coldStart: '120 s' },
        },
      ],
    },
    {
      name: 'the suggested startupProbe covers the cold start at the liveness period',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 15}'),
      errors: [{ line: 18, column: 11, messageId: 'noStartupProbe', data: { period: 15, startupFailures: 8, startupWindow: '120 s' } }],
    },
    {
      name: 'coldStart "5m": a 150 s window is too short',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 30, failureThreshold: 5}'),
      options: { coldStart: '5m' },
      errors: [{ line: 18, column: 11, messageId: 'noStartupProbe', data: { window: '150 s', coldStart: '300 s' } }],
    },

    // ---- The fix (safe): a startupProbe with the liveness handler, after the container's last key. ----
    {
      name: 'fix: an httpGet liveness: the same check, periodSeconds 10, failureThreshold 12 (120 s)',
      code: deployment(ACCEPTANCE),
      errors: [{ line: 18, column: 11 }],
      output: deployment(ACCEPTANCE) + '          startupProbe:\n            httpGet:\n              path: /health\n              port: 8000\n            periodSeconds: 10\n            failureThreshold: 12\n',
    },
    {
      name: 'fix: an httpGet with scheme, a named port and headers is copied whole',
      code: deployment('{httpGet: {path: /health, port: http, scheme: HTTPS, httpHeaders: [{name: X-Probe, value: liveness}]}}'),
      errors: [{ line: 18, column: 11 }],
      output:
        deployment('{httpGet: {path: /health, port: http, scheme: HTTPS, httpHeaders: [{name: X-Probe, value: liveness}]}}') +
        '          startupProbe:\n            httpGet:\n              path: /health\n              port: http\n              scheme: HTTPS\n              httpHeaders:\n                - name: X-Probe\n                  value: liveness\n            periodSeconds: 10\n            failureThreshold: 12\n',
    },
    {
      name: 'fix: a tcpSocket liveness at period 15: failureThreshold 8 (120 s)',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 15}'),
      errors: [{ line: 18, column: 11 }],
      output: deployment('{tcpSocket: {port: 8000}, periodSeconds: 15}') + '          startupProbe:\n            tcpSocket:\n              port: 8000\n            periodSeconds: 15\n            failureThreshold: 8\n',
    },
    {
      name: 'fix: an exec liveness: the command in the file’s inline, quoted list style',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "curl -sf localhost:8000/health"]}}'),
      errors: [{ line: 18, column: 11 }],
      output:
        deployment('{exec: {command: ["/bin/sh", "-c", "curl -sf localhost:8000/health"]}}') +
        '          startupProbe:\n            exec:\n              command: ["/bin/sh", "-c", "curl -sf localhost:8000/health"]\n            periodSeconds: 10\n            failureThreshold: 12\n',
    },
    {
      name: 'fix: a grpc liveness',
      code: deployment('{grpc: {port: 9000, service: health}}'),
      errors: [{ line: 18, column: 11 }],
      output: deployment('{grpc: {port: 9000, service: health}}') + '          startupProbe:\n            grpc:\n              port: 9000\n              service: health\n            periodSeconds: 10\n            failureThreshold: 12\n',
    },
    {
      name: 'fix: coldStart "5m" at period 30: failureThreshold 10',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 30, failureThreshold: 5}'),
      options: { coldStart: '5m' },
      errors: [{ line: 18, column: 11 }],
      output: deployment('{tcpSocket: {port: 8000}, periodSeconds: 30, failureThreshold: 5}') + '          startupProbe:\n            tcpSocket:\n              port: 8000\n            periodSeconds: 30\n            failureThreshold: 10\n',
    },
    {
      name: 'fix: a cold start that is not a multiple of the period is rounded up (100 s at 15 s: 7 × 15 = 105 s)',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 15}'),
      options: { coldStart: 100 },
      errors: [{ line: 18, column: 11 }],
      output: deployment('{tcpSocket: {port: 8000}, periodSeconds: 15}') + '          startupProbe:\n            tcpSocket:\n              port: 8000\n            periodSeconds: 15\n            failureThreshold: 7\n',
    },
    {
      // A startupProbe with the default 1 s timeout fails on a health endpoint liveness gives 5 s:
      // the container would be restarted after the cold start although liveness would pass.
      name: 'fix: the liveness timeoutSeconds comes along with the check',
      code: deployment('{httpGet: {path: /health, port: 8000}, timeoutSeconds: 5}'),
      errors: [{ line: 18, column: 11 }],
      output:
        deployment('{httpGet: {path: /health, port: 8000}, timeoutSeconds: 5}') +
        '          startupProbe:\n            httpGet:\n              path: /health\n              port: 8000\n            timeoutSeconds: 5\n            periodSeconds: 10\n            failureThreshold: 12\n',
    },
    {
      name: 'fix: a block liveness with a comment on its last line: the startupProbe goes after the comment',
      code: deployment('\n            exec:\n              command: ["/bin/sh", "-c", "pgrep -f vllm"]\n            failureThreshold: 3   # restart after 30 s').replace('livenessProbe: \n', 'livenessProbe:\n'),
      errors: [{ line: 18, column: 11 }],
      output:
        deployment('\n            exec:\n              command: ["/bin/sh", "-c", "pgrep -f vllm"]\n            failureThreshold: 3   # restart after 30 s').replace('livenessProbe: \n', 'livenessProbe:\n') +
        '          startupProbe:\n            exec:\n              command: ["/bin/sh", "-c", "pgrep -f vllm"]\n            periodSeconds: 10\n            failureThreshold: 12\n',
    },
    {
      name: 'fix: a container followed by another: the startupProbe stays in the first',
      code: deployment('{tcpSocket: {port: 8000}}') + '        - name: sidecar\n          image: envoyproxy/envoy:v1.31.0\n',
      errors: [{ line: 18, column: 11 }],
      output:
        deployment('{tcpSocket: {port: 8000}}') +
        '          startupProbe:\n            tcpSocket:\n              port: 8000\n            periodSeconds: 10\n            failureThreshold: 12\n' +
        '        - name: sidecar\n          image: envoyproxy/envoy:v1.31.0\n',
    },
    {
      // `set(…, 'last')`: after the last key, as in a block container, not before `name`.
      name: 'fix: a flow-style container gets the startupProbe inside its braces, after its last key',
      code: FLOW_CONTAINER(''),
      errors: [{ line: 12, column: 133 }],
      output: FLOW_CONTAINER(', startupProbe: {tcpSocket: {port: 8000}, periodSeconds: 10, failureThreshold: 12}'),
    },
    {
      name: 'fix: CRLF line endings, 4-space indentation and unindented `- ` lists are the file’s style',
      code: crlfStatefulSet(),
      errors: [{ line: 24, column: 15 }],
      output: crlfStatefulSet(
        '              startupProbe:',
        '                  exec:',
        '                      command:',
        '                      - /bin/sh',
        '                      - -c',
        '                      - curl -sf localhost:30000/health',
        '                  periodSeconds: 10',
        '                  failureThreshold: 12',
      ),
    },
    {
      name: 'fix: CRLF line endings and 4-space indentation with an httpGet liveness',
      code: crlfStatefulSet().replace(/exec:.*health/s, 'httpGet:\r\n                      path: /health\r\n                      port: 30000'),
      errors: [{ line: 24, column: 15 }],
      output: crlfStatefulSet(
        '              startupProbe:',
        '                  httpGet:',
        '                      path: /health',
        '                      port: 30000',
        '                  periodSeconds: 10',
        '                  failureThreshold: 12',
      ).replace(/exec:.*?health/s, 'httpGet:\r\n                      path: /health\r\n                      port: 30000'),
    },
    {
      // Issue 14 (the layout property): the handler was copied as its nodes, so `*health` became `{source: health}`.
      name: 'fix: an alias in the liveness handler is copied as its value',
      code: `${VLLM_DEPLOYMENT_HEAD}          readinessProbe: {httpGet: {path: &health /health, port: 8000}}
          livenessProbe: {httpGet: {path: *health, port: 8000}}
`,
      errors: [{ line: 19, column: 11 }],
      output: `${VLLM_DEPLOYMENT_HEAD}          readinessProbe: {httpGet: {path: &health /health, port: 8000}}
          livenessProbe: {httpGet: {path: *health, port: 8000}}
          startupProbe:
            httpGet:
              path: /health
              port: 8000
            periodSeconds: 10
            failureThreshold: 12
`,
    },
    {
      // Issue 14 (the layout property): merging a handler in with `<<: *get` made the rule throw.
      name: 'fix: a liveness handler merged in with `<<` is copied as the API server reads it',
      code: `${VLLM_DEPLOYMENT_HEAD}          readinessProbe: {httpGet: &get {path: /ready, port: 8000}}
          livenessProbe:
            httpGet:
              <<: *get
              path: /health
`,
      errors: [{ line: 19, column: 11 }],
      output: `${VLLM_DEPLOYMENT_HEAD}          readinessProbe: {httpGet: &get {path: /ready, port: 8000}}
          livenessProbe:
            httpGet:
              <<: *get
              path: /health
          startupProbe:
            httpGet:
              path: /health
              port: 8000
            periodSeconds: 10
            failureThreshold: 12
`,
    },
    {
      name: 'no fix: the container comes through a YAML alias, and the finding says why',
      code: ALIASED_CONTAINERS,
      errors: [
        // Both point at the anchored container's livenessProbe (the canary's comes through `*containers`).
        { line: 17, column: 15, messageId: 'noStartupProbe', data: { label: 'Deployment vllm' }, unfixable: /not fixed: .*anchor &containers/ },
        { line: 17, column: 15, messageId: 'noStartupProbe', data: { label: 'Deployment vllm-canary' }, unfixable: /not fixed: .*alias/ },
      ],
      output: null,
    },
  ],
});
