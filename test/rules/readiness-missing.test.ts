import rule from '../../rules/readiness-missing.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A NIMService (CRDS.md §9): the operator's readiness probe unless `readinessProbe.enabled: false`; `spec:` at 4:1. */
const nimService = (readiness = '') => `apiVersion: apps.nvidia.com/v1alpha1
kind: NIMService
metadata: {name: llama}
spec:
  image: {repository: nvcr.io/nim/meta/llama-3.1-8b-instruct, tag: "1.3.3"}
  resources: {limits: {nvidia.com/gpu: 1}}
${readiness}`;


/** A GPU Deployment whose one container's `name:` is at 13:11; `extra` lines follow its resources. */
const deployment = (name: string, extra = '', container = `        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
${container}${extra}`;

const SERVICE = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80, targetPort: 8000}]\n`;
const NO_PORT = `        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          resources: {limits: {nvidia.com/gpu: 1}}
`;

runRuleTests(rule, {
  valid: [
    { name: 'a NIMService: the NIM Operator\'s readiness probe counts', code: nimService() },
    { name: 'a NIMService with its own readiness probe at spec.readinessProbe.probe', code: nimService('  readinessProbe: {probe: {httpGet: {path: /v1/health/ready, port: api}}}\n') },
    { name: 'an httpGet readiness probe', code: deployment('vllm', '          readinessProbe: {httpGet: {path: /health, port: 8000}}\n') },
    { name: 'a GPU pod no connection reaches (no port, no probe, no Service) is not profiled', code: deployment('bench', '', NO_PORT) },
    {
      name: 'a workload declared profile none in the config',
      code: deployment('vllm'),
      lint: { profiles: { workloads: [{ match: { name: 'vllm' }, profile: 'none' }] } },
    },
    { name: 'the rule turned off', code: deployment('vllm'), lint: { settings: { 'readiness-missing': { level: 'off', options: {} } } } },
  ],
  invalid: [
    {
      name: 'a NIMService with readinessProbe.enabled false: the operator adds none',
      code: nimService('  readinessProbe: {enabled: false}\n'),
      errors: [{ line: 4, column: 1, messageId: 'noReadinessAfterStartup' }],
    },
    {
      name: 'no readiness probe: reported at the container name, with its only port',
      code: deployment('vllm'),
      errors: [{ line: 13, column: 11, messageId: 'noReadiness', data: { loading: 'loading its model', onPort: ' (port 8000)' } }],
    },
    {
      name: 'the port is named only when the container has exactly one',
      code: deployment('vllm', '          lifecycle: {preStop: {sleep: {seconds: 15}}}\n').replace('ports: [{containerPort: 8000}]', 'ports: [{containerPort: 8000}, {containerPort: 8001}]'),
      errors: [{ line: 13, column: 11, messageId: 'noReadiness', data: { onPort: '' } }],
    },
    {
      name: 'a pod without a port that a Service selects receives traffic',
      code: `${deployment('vllm', '', NO_PORT)}---\n${SERVICE('vllm')}`,
      errors: [{ line: 13, column: 11, messageId: 'noReadiness', data: { container: 'vllm', label: 'Deployment vllm', onPort: '' } }],
    },
    {
      name: 'a startupProbe alone holds requests off only until the first success',
      code: deployment('vllm', '          startupProbe: {httpGet: {path: /health, port: 8000}, failureThreshold: 30}\n'),
      errors: [{ line: 13, column: 11, messageId: 'noReadinessAfterStartup', data: { onPort: ' (port 8000)' } }],
    },
    {
      name: 'the configured level applies (warn)',
      code: deployment('vllm'),
      lint: { settings: { 'readiness-missing': { level: 'warn', options: {} } } },
      errors: [{ line: 13, column: 11, severity: 'warn' }],
    },
  ],
});
