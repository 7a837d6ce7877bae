import rule from '../../rules/prestop-too-short.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A vLLM Deployment whose `preStop:` is at 19:13 (its value starts at 19:22). */
const deployment = (preStop: string) => `apiVersion: apps/v1
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
          lifecycle:
            preStop: ${preStop}
`;

runRuleTests(rule, {
  valid: [
    { name: 'a 5 s sleep meets the default minimum', code: deployment('{sleep: {seconds: 5}}') },
    { name: '"sleep 1m" parses as 60 s', code: deployment('{exec: {command: ["sleep", "1m"]}}') },
    { name: 'a 0 s sleep with minSeconds 0', code: deployment('{sleep: {seconds: 0}}'), options: { minSeconds: 0 } },
    { name: 'an unreadable sleep.seconds is invalid-value’s, not a 0 s sleep', code: deployment('{sleep: {seconds: "15s"}}') },
    { name: 'a templated sleep is unknown', code: deployment('{sleep: {seconds: "${PRESTOP}"}}') },
    { name: 'an exec running a program of unknown duration', code: deployment('{exec: {command: ["/app/drain", "--wait"]}}') },
  ],
  invalid: [
    {
      name: 'a 3 s native sleep: at seconds',
      code: deployment('{sleep: {seconds: 3}}'),
      errors: [{ line: 19, column: 31, message: 'the preStop hook waits only 3 s (preStop sleep action) before SIGTERM, less than the 5 s' }],
    },
    {
      name: 'with minSeconds 10, a 5 s sleep is too short; the profile’s 15 s is suggested',
      code: deployment('{sleep: {seconds: 5}}'),
      options: { minSeconds: 10 },
      errors: [{ line: 19, column: 31, message: 'Raise the sleep to at least 10 s (the gpu-inference profile assumes 15 s).' }],
    },
    {
      name: 'a minSeconds above the profile’s preStop is the suggestion itself',
      code: deployment('{sleep: {seconds: 15}}'),
      options: { minSeconds: 20 },
      errors: [{ line: 19, column: 31, message: /Raise the sleep to at least 20 s\. \[gpu-inference/ }],
    },
    {
      name: 'a marker write without a sleep waits 0 s: at the exec command',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "echo draining > /tmp/drain"]}}'),
      errors: [{ line: 19, column: 30, message: 'waits only 0 s (preStop exec sleep)' }],
    },
  ],
});
