import rule from '../../rules/proxy-timeout-too-short.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A GPU Deployment and its Service `vllm` in namespace ml (Deployment name on line 3). */
const stack = `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: ml}
spec:
  replicas: 2
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - {name: vllm, image: "vllm/vllm-openai:v0.18.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}}
---
apiVersion: v1
kind: Service
metadata: {name: vllm, namespace: ml}
spec:
  selector: {app: vllm}
  ports: [{name: http, port: 80, targetPort: 8000}]
`;

/** An Ingress to Service vllm; `metadata:` is its 3rd line, `annotations:` (when given) its 6th. */
const ingress = (annotations: string, spec = '  ingressClassName: nginx\n', name = 'vllm') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ml
${annotations ? `  annotations:\n${annotations}` : ''}spec:
${spec}  defaultBackend: {service: {name: vllm, port: {number: 80}}}
`;

const doc = (...docs: string[]) => docs.join('---\n');
const ingressClass = (name: string, controller: string, isDefault = false) => `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: ${name}
${isDefault ? '  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}\n' : ''}spec:
  controller: ${controller}
`;

/** A GPU Knative Service; `spec.template.spec` on line 8, `timeoutSeconds` (when given) on line 9. */
const knative = (timeout: string, annotations = '') => `apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: llm, namespace: ml${annotations}}
spec:
  template:
    metadata:
      annotations: {autoscaling.knative.dev/min-scale: "2"}
    spec:
${timeout}      containers:
        - image: vllm/vllm-openai:v0.19.0
          resources: {limits: {nvidia.com/gpu: 1}}
`;

/** A GPU InferenceService in KServe's Knative mode (the shipped default); `predictor:` on line 5. */
const isvc = (timeout: string, annotations = '') => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: llama, namespace: ml${annotations}}
spec:
  predictor:
${timeout}    model:
      modelFormat: {name: huggingface}
      resources: {limits: {nvidia.com/gpu: 1}}
`;

runRuleTests(rule, {
  valid: [
    { name: 'Knative: the default 300 s revision timeout outlasts the 150 s longest request', code: knative('') },
    { name: 'Knative: timeoutSeconds 150 lets the longest request finish', code: knative('      timeoutSeconds: 150\n') },
    { name: 'KServe Knative mode: the default 300 s component timeout', code: isvc('') },
    {
      name: 'KServe Standard mode: no queue-proxy, so the component timeout cuts nothing',
      code: isvc('    timeout: 60\n', ', annotations: {serving.kserve.io/deploymentMode: RawDeployment}'),
    },
    { name: 'the controller’s ConfigMap raised the default: option nginxDefaultTimeout 300', code: doc(stack, ingress('')), options: { nginxDefaultTimeout: 300 } },
    { name: 'an ALB default of 600 (option albIdleTimeout)', code: doc(stack, ingress('', '  ingressClassName: alb\n')), options: { albIdleTimeout: 600 } },
    { name: 'a class-less Ingress with no hint of its controller is not judged', code: doc(stack, ingress('', '')) },
    { name: 'a Service the run does not have', code: doc(ingress('')) },
    // proxy-send-timeout bounds the silence between two writes to the upstream, not the
    // response: it is not judged, however short (issue 15, item 7).
    {
      name: 'ingress-nginx: a short proxy-send-timeout beside a long enough proxy-read-timeout',
      code: doc(stack, ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: "30"\n')),
    },
    {
      name: 'NGINX Inc: a short nginx.org/proxy-send-timeout beside a long enough read timeout',
      code: doc(stack, ingress('    nginx.org/proxy-read-timeout: "1h"\n    nginx.org/proxy-send-timeout: "30s"\n')),
    },
    {
      name: 'a proxy-send-timeout that is not a string is not judged either',
      code: doc(stack, ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: 30\n')),
    },
    {
      name: 'a declared 45 s longest request fits the 60 s default',
      code: doc(stack.replace('metadata: {name: vllm, namespace: ml}', 'metadata: {name: vllm, namespace: ml, annotations: {gpu-drain-lint.io/longest-request: 45s}}'), ingress('')),
    },
  ],
  invalid: [
    {
      name: 'Knative: timeoutSeconds 100 cuts the 150 s longest request; raised to longest request + margin',
      code: knative('      timeoutSeconds: 100\n'),
      errors: [{ line: 9, column: 7, messageId: 'operatorTimeout', data: { label: 'Service ml/llm', timeout: 100, how: 'timeoutSeconds: 100', key: 'timeoutSeconds', target: 165 } }],
      output: knative('      timeoutSeconds: 165\n'),
    },
    {
      name: 'KServe Knative mode: the predictor timeout, at that field',
      code: isvc('    timeout: 60\n'),
      errors: [{ line: 6, column: 5, messageId: 'operatorTimeout', data: { label: 'InferenceService ml/llama (predictor)', timeout: 60, key: 'timeout', target: 165 } }],
      output: isvc('    timeout: 165\n'),
    },
    {
      name: 'Knative: unset (300 s) but a 400 s longest request: added at spec.template.spec',
      code: knative('', ', annotations: {gpu-drain-lint.io/longest-request: 400s}'),
      errors: [{ line: 8, column: 5, messageId: 'operatorTimeout', data: { how: 'timeoutSeconds unset: the default', timeout: 300, target: 415 } }],
      output: `${knative('', ', annotations: {gpu-drain-lint.io/longest-request: 400s}')}      timeoutSeconds: 415\n`,
    },
    {
      name: 'Knative: a 590 s longest request gets the 600 s maximum, not longest + margin',
      code: knative('      timeoutSeconds: 300\n', ', annotations: {gpu-drain-lint.io/longest-request: 590s}'),
      errors: [{ line: 9, column: 7, messageId: 'operatorTimeoutCapped', data: { target: 600, wanted: 605 } }],
      output: knative('      timeoutSeconds: 600\n', ', annotations: {gpu-drain-lint.io/longest-request: 590s}'),
    },
    {
      name: 'Knative: a 700 s longest request is beyond the 600 s Knative accepts: no fix',
      code: knative('      timeoutSeconds: 300\n', ', annotations: {gpu-drain-lint.io/longest-request: 700s}'),
      errors: [{ line: 9, column: 7, messageId: 'operatorTimeoutTooLong', data: { max: 600 } }],
      output: null,
    },
    {
      name: 'an IngressClass of the run maps a custom class name to ingress-nginx',
      code: doc(stack, ingressClass('internal', 'k8s.io/ingress-nginx'), ingress('', '  ingressClassName: internal\n')),
      errors: [{ line: 31, column: 3, messageId: 'ingressNginxTimeout', data: { object: 'Ingress ml/vllm', why: 'its IngressClass internal (controller k8s.io/ingress-nginx)', services: 'Service vllm', timeout: 60 } }],
      output: doc(
        stack,
        ingressClass('internal', 'k8s.io/ingress-nginx'),
        ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "165"\n', '  ingressClassName: internal\n'),
      ),
    },
    {
      name: 'the default IngressClass serves a class-less Ingress',
      code: doc(stack, ingressClass('nginx', 'k8s.io/ingress-nginx', true), ingress('', '')),
      errors: [{ line: 32, column: 3, messageId: 'ingressNginxTimeout', data: { object: 'Ingress ml/vllm', why: 'the default IngressClass nginx (controller k8s.io/ingress-nginx)' } }],
      output: doc(stack, ingressClass('nginx', 'k8s.io/ingress-nginx', true), ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "165"\n', '')),
    },
    {
      name: 'a long-lived (WebSocket) backend needs its 180 s: the fix adds the profile’s margin (30 % of preStop + longest request)',
      code: doc(
        stack.replace(', resources: {limits: {nvidia.com/gpu: 1}}', '').replace('vllm/vllm-openai:v0.18.0', 'ghcr.io/example/chat:1.0').replace('{name: http, port: 80, targetPort: 8000}', '{name: ws, port: 80, targetPort: 8000, appProtocol: kubernetes.io/ws}'),
        ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "120"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"\n'),
      ),
      errors: [
        {
          line: 27,
          column: 5,
          messageId: 'ingressNginxTimeout',
          data: { longest: 180, workload: 'Deployment ml/vllm (test.yaml:3)', annotations: 'proxy-read-timeout', target: '240', margin: 60 },
          profile: 'long-lived: Service vllm serves WebSockets (appProtocol kubernetes.io/ws)',
        },
      ],
      output: doc(
        stack.replace(', resources: {limits: {nvidia.com/gpu: 1}}', '').replace('vllm/vllm-openai:v0.18.0', 'ghcr.io/example/chat:1.0').replace('{name: http, port: 80, targetPort: 8000}', '{name: ws, port: 80, targetPort: 8000, appProtocol: kubernetes.io/ws}'),
        ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "240"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"\n'),
      ),
    },
    {
      name: 'a BackendConfig named for the Service port the Ingress uses; gkeBackendTimeout is not used when timeoutSec is set',
      code: doc(
        stack.replace('metadata: {name: vllm, namespace: ml}\nspec:\n  selector', 'metadata: {name: vllm, namespace: ml, annotations: {cloud.google.com/backend-config: \'{"ports": {"http": "bc-http"}, "default": "bc-other"}\'}}\nspec:\n  selector'),
        'apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata: {name: bc-http, namespace: ml}\nspec:\n  timeoutSec: 120\n',
        'apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata: {name: bc-other, namespace: ml}\nspec: {}\n',
        ingress('', '  ingressClassName: gce\n'),
      ),
      options: { gkeBackendTimeout: 3600 },
      errors: [{ line: 25, column: 3, messageId: 'backendConfigTimeout', data: { object: 'BackendConfig ml/bc-http', location: 'test.yaml:23', services: 'Service vllm', timeout: 120 } }],
      output: null,
    },
    {
      name: 'the message says proxy-read-timeout is the longest silence between two reads, not a total',
      code: doc(stack, ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "120"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"\n')),
      errors: [
        {
          line: 27,
          column: 5,
          messageId: 'ingressNginxTimeout',
          data: { timeout: 120, how: 'nginx.ingress.kubernetes.io/proxy-read-timeout: "120"', annotations: 'proxy-read-timeout', target: '165' },
        },
      ],
      output: doc(stack, ingress('    nginx.ingress.kubernetes.io/proxy-read-timeout: "165"\n    nginx.ingress.kubernetes.io/proxy-send-timeout: "3600"\n')),
    },
    {
      name: 'an Ingress only in a --context file: reported on the workload',
      code: stack,
      lint: { others: [{ path: 'edge/ingress.yaml', text: ingress(''), reportable: false }] },
      errors: [{ line: 3, column: 12, messageId: 'ingressNginxTimeout', data: { object: 'Ingress ml/vllm', why: 'class nginx' } }],
      output: null,
    },
  ],
});
