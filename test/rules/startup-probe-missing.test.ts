import rule from '../../rules/startup-probe-missing.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A vLLM Deployment whose `livenessProbe:` key is at 18:11; `startup` (when given) comes first. */
const deployment = (liveness: string, startup = '') => `apiVersion: apps/v1
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
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
${startup}          livenessProbe: ${liveness}
`;

const ACCEPTANCE = '{httpGet: {path: /health, port: 8000}, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3}';

runRuleTests(rule, {
  valid: [
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
      name: 'acceptance: liveness 0 + 10 × 3 and no startupProbe on a vLLM container',
      code: deployment(ACCEPTANCE),
      errors: [
        {
          line: 18,
          column: 11,
          message:
            'Container vllm of Deployment vllm has a liveness probe but no startupProbe: the kubelet restarts the container when the server has not answered 30 s after it starts (initialDelaySeconds 0 + periodSeconds 10 × failureThreshold 3)',
        },
      ],
    },
    {
      name: 'the suggested startupProbe covers the cold start at the liveness period',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 15}'),
      errors: [{ line: 18, column: 11, message: 'Add a startupProbe with the liveness check, periodSeconds: 15 and failureThreshold: 8 (120 s).' }],
    },
    {
      name: 'coldStart "5m": a 150 s window is too short',
      code: deployment('{tcpSocket: {port: 8000}, periodSeconds: 30, failureThreshold: 5}'),
      options: { coldStart: '5m' },
      errors: [{ line: 18, column: 11, message: 'has not answered 150 s after it starts' }],
    },
  ],
});
