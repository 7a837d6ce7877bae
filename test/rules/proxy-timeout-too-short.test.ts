import { describe, expect, it } from 'vitest';
import rule from '../../rules/proxy-timeout-too-short.js';
import { lintText } from '../support/lint-text.js';
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


/** A GKE Gateway GCPBackendPolicy on Service vllm; `spec:` is its 4th line, `targetRef` its 5th. */
const gcpPolicy = (rest: string, namespace = 'ml') => `apiVersion: networking.gke.io/v1
kind: GCPBackendPolicy
metadata: {name: vllm, namespace: ${namespace}}
spec:
  targetRef: {group: "", kind: Service, name: vllm}
${rest}`;

/** An HTTPRoute to Service vllm on Gateway eg (7 lines, then `extra` inside its only rule). */
const route = (name: string, extra = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ml}
spec:
  parentRefs: [{name: eg}]
  rules:
    - backendRefs: [{name: vllm, port: 80}]
${extra}`;

/** An Envoy Gateway BackendTrafficPolicy; with the default `http`, requestTimeout is its 8th line (column 7). */
const trafficPolicy = (name: string, target: string, http = '      requestTimeout: 60s\n', extra = '', namespace = 'ml') => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, ${target}}]
${extra}  timeout:
    http:
${http}`;

/** An InferencePool (v1) selecting the vllm pods: 7 lines. */
const pool = `apiVersion: inference.networking.k8s.io/v1
kind: InferencePool
metadata: {name: vllm-pool, namespace: ml}
spec:
  targetPorts: [{number: 8000}]
  selector: {matchLabels: {app: vllm}}
  endpointPickerRef: {name: vllm-epp, port: {number: 9002}}
`;

/** An Envoy AI Gateway route whose only rule (its 7th line, `- backendRefs` at column 7) ends with `extra`. */
const aiRoute = (extra: string, apiVersion = 'v1beta1', backendRefs = '[{group: inference.networking.k8s.io, kind: InferencePool, name: vllm-pool}]') => `apiVersion: aigateway.envoyproxy.io/${apiVersion}
kind: AIGatewayRoute
metadata: {name: llm, namespace: ml}
spec:
  parentRefs: [{name: eg, kind: Gateway, group: gateway.networking.k8s.io}]
  rules:
    - backendRefs: ${backendRefs}
${extra}`;

const aiServiceBackend = (backendRef: string, apiVersion = 'v1beta1') => `apiVersion: aigateway.envoyproxy.io/${apiVersion}
kind: AIServiceBackend
metadata: {name: vllm, namespace: ml}
spec:
  schema: {name: OpenAI}
  backendRef: ${backendRef}
`;

const envoyBackend = (hostname: string) => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: {name: vllm, namespace: ml}
spec:
  endpoints: [{fqdn: {hostname: ${hostname}, port: 80}}]
`;

/** An Istio VirtualService to `host`; `extra` goes inside its only http route (its 9th line, column 7). */
const virtualService = (host: string, extra: string, namespace = 'ml') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vllm, namespace: ${namespace}}
spec:
  hosts: [llm.example.com]
  http:
    - route:
        - destination: {host: ${host}}
${extra}`;

const httpRouteTarget = 'kind: HTTPRoute, name: chat';

/** Gateway eg in namespace ml of class `className`, and that GatewayClass with `controller` (13 lines). */
const gatewayOfClass = (controller: string, className = 'eg') => `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: ${className}}
spec:
  controllerName: ${controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: ml}
spec:
  gatewayClassName: ${className}
  listeners: [{name: http, protocol: HTTP, port: 80}]
`;
const envoyGateway = gatewayOfClass('gateway.envoyproxy.io/gatewayclass-controller');
const gatewayTarget = 'kind: Gateway, name: eg';

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
    // GKE Gateway GCPBackendPolicy (issue 16).
    { name: 'GCPBackendPolicy: timeoutSec long enough', code: doc(stack, gcpPolicy('  default: {timeoutSec: 300}\n')) },
    { name: 'GCPBackendPolicy: option gkeBackendTimeout raises the default', code: doc(stack, gcpPolicy('')), options: { gkeBackendTimeout: 600 } },
    { name: 'GCPBackendPolicy: an unreadable timeoutSec is invalid-value’s, not the default', code: doc(stack, gcpPolicy('  default: {timeoutSec: "300s"}\n')) },
    { name: 'GCPBackendPolicy: targetRef names a Service of its own namespace', code: doc(stack, gcpPolicy('  default: {timeoutSec: 10}\n', 'other')) },
    // Envoy Gateway BackendTrafficPolicy.
    { name: 'BackendTrafficPolicy: requestTimeout long enough', code: doc(stack, route('chat'), trafficPolicy('p', httpRouteTarget, '      requestTimeout: 10m\n')) },
    { name: 'BackendTrafficPolicy: the route’s own timeouts.request wins', code: doc(stack, route('chat', '      timeouts: {request: 10m}\n'), trafficPolicy('p', httpRouteTarget)) },
    { name: 'BackendTrafficPolicy: a policy in another namespace does not reach the route', code: doc(stack, route('chat'), trafficPolicy('p', httpRouteTarget, undefined, '', 'other')) },
    {
      name: 'BackendTrafficPolicy: a route policy without a timeout replaces its Gateway’s',
      code: doc(stack, route('chat'), trafficPolicy('gw', gatewayTarget), trafficPolicy('rt', httpRouteTarget, '      connectionIdleTimeout: 1h\n')),
    },
    { name: 'BackendTrafficPolicy: a Gateway policy does not reach a route of another Gateway', code: doc(stack, route('chat'), trafficPolicy('gw', 'kind: Gateway, name: other-gateway')) },
    { name: 'BackendTrafficPolicy: "0s" disables the timeout', code: doc(stack, route('chat'), trafficPolicy('p', httpRouteTarget, '      requestTimeout: 0s\n')) },
    // Envoy Gateway's 15 s route default.
    { name: 'an HTTPRoute without timeouts on a Gateway of another implementation', code: doc(stack, gatewayOfClass('example.net/gateway-controller'), route('chat')) },
    { name: 'an HTTPRoute without timeouts whose Gateway the run does not show', code: doc(stack, route('chat')) },
    { name: 'Envoy Gateway: a BackendTrafficPolicy requestTimeout long enough replaces the 15 s default', code: doc(stack, envoyGateway, route('chat'), trafficPolicy('p', gatewayTarget, '      requestTimeout: 10m\n')) },
    { name: 'Envoy Gateway: timeouts.request "0s" disables the route timeout', code: doc(stack, envoyGateway, route('chat', '      timeouts: {request: 0s}\n')) },
    { name: 'Envoy Gateway: an unreadable timeouts.request is invalid-value’s, not the default', code: doc(stack, envoyGateway, route('chat', '      timeouts: {request: 10 minutes}\n')) },
    // Envoy AI Gateway AIGatewayRoute.
    { name: 'AIGatewayRoute: timeouts.request long enough', code: doc(stack, pool, aiRoute('      timeouts: {request: 10m}\n')) },
    { name: 'AIGatewayRoute: timeouts.request "0s" disables the 60 s default', code: doc(stack, pool, aiRoute('      timeouts: {request: 0s}\n')) },
    { name: 'AIGatewayRoute: a pool the run does not have', code: doc(stack, aiRoute('')) },
    { name: 'AIGatewayRoute: a Backend outside the cluster (a hosted model API)', code: doc(stack, aiRoute('', 'v1beta1', '[{name: vllm}]'), aiServiceBackend('{group: gateway.envoyproxy.io, kind: Backend, name: vllm}'), envoyBackend('api.openai.com')) },
    { name: 'AIGatewayRoute: an AIServiceBackend the run does not have', code: doc(stack, aiRoute('', 'v1beta1', '[{name: vllm}]')) },
    // Istio VirtualService.
    { name: 'VirtualService: no timeout (Istio sets none)', code: doc(stack, virtualService('vllm', '')) },
    { name: 'VirtualService: a timeout long enough', code: doc(stack, virtualService('vllm', '      timeout: 10m\n')) },
    { name: 'VirtualService: a short name means a Service of the VirtualService’s namespace', code: doc(stack, virtualService('vllm', '      timeout: 30s\n', 'gateway')) },
    { name: 'VirtualService: a partly qualified host is not expanded', code: doc(stack, virtualService('vllm.ml', '      timeout: 30s\n')) },
  ],
  invalid: [
    {
      name: 'Knative: timeoutSeconds 100 cuts the 150 s longest request; raised to Knative’s 30 s drain + longest request + margin (the timeout is the grace period too)',
      code: knative('      timeoutSeconds: 100\n'),
      errors: [{ line: 9, column: 7, messageId: 'operatorTimeout', data: { label: 'Service ml/llm', timeout: 100, how: 'timeoutSeconds: 100', key: 'timeoutSeconds', target: 195, budget: 'preStop 30 s + longest request 150 s + margin 15 s' } }],
      output: knative('      timeoutSeconds: 195\n'),
    },
    {
      name: 'KServe Knative mode: the predictor timeout, at that field',
      code: isvc('    timeout: 60\n'),
      errors: [{ line: 6, column: 5, messageId: 'operatorTimeout', data: { label: 'InferenceService ml/llama (predictor)', timeout: 60, key: 'timeout', target: 195 } }],
      output: isvc('    timeout: 195\n'),
    },
    {
      name: 'Knative: unset (300 s) but a 400 s longest request: added at spec.template.spec',
      code: knative('', ', annotations: {gpu-drain-lint.io/longest-request: 400s}'),
      errors: [{ line: 8, column: 5, messageId: 'operatorTimeout', data: { how: 'timeoutSeconds unset: the default', timeout: 300, target: 445 } }],
      output: `${knative('', ', annotations: {gpu-drain-lint.io/longest-request: 400s}')}      timeoutSeconds: 445\n`,
    },
    {
      name: 'Knative: a 590 s longest request gets the 600 s maximum, not drain + longest + margin',
      code: knative('      timeoutSeconds: 300\n', ', annotations: {gpu-drain-lint.io/longest-request: 590s}'),
      errors: [{ line: 9, column: 7, messageId: 'operatorTimeoutCapped', data: { target: 600, wanted: 635 } }],
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
    {
      name: 'GCPBackendPolicy: a short timeoutSec, reported on the policy at the field',
      code: doc(stack, gcpPolicy('  default:\n    timeoutSec: 60\n')),
      errors: [{ line: 27, column: 5, messageId: 'gcpBackendPolicyTimeout', data: { object: 'GCPBackendPolicy ml/vllm', location: 'test.yaml:23', services: 'Service vllm', timeout: 60, target: 165 } }],
      output: doc(stack, gcpPolicy('  default:\n    timeoutSec: 165\n')),
    },
    {
      name: 'GCPBackendPolicy: timeoutSec unset is the 30 s default, at default:',
      code: doc(stack, gcpPolicy('  default:\n    logging: {enabled: true}\n')),
      errors: [{ line: 26, column: 3, messageId: 'gcpBackendPolicyDefaultTimeout', data: { timeout: 30, services: 'Service vllm' } }],
      output: doc(stack, gcpPolicy('  default:\n    logging: {enabled: true}\n    timeoutSec: 165\n')),
    },
    {
      name: 'GCPBackendPolicy: no default at all, at spec:',
      code: doc(stack, gcpPolicy('')),
      errors: [{ line: 24, column: 1, messageId: 'gcpBackendPolicyDefaultTimeout', data: { timeout: 30 } }],
      output: doc(stack, gcpPolicy('  default:\n    timeoutSec: 165\n')),
    },
    {
      name: 'GCPBackendPolicy on an InferencePool (v1)',
      code: doc(stack, pool, gcpPolicy('  default: {timeoutSec: 120}\n').replace('{group: "", kind: Service, name: vllm}', '{group: inference.networking.k8s.io, kind: InferencePool, name: vllm-pool}')),
      errors: [{ line: 34, column: 13, messageId: 'gcpBackendPolicyTimeout', data: { services: 'InferencePool vllm-pool', timeout: 120 } }],
      output: doc(stack, pool, gcpPolicy('  default: {timeoutSec: 165}\n').replace('{group: "", kind: Service, name: vllm}', '{group: inference.networking.k8s.io, kind: InferencePool, name: vllm-pool}')),
    },
    {
      name: 'BackendTrafficPolicy on an HTTPRoute: reported on the policy at requestTimeout',
      code: doc(stack, route('chat'), trafficPolicy('p', httpRouteTarget)),
      errors: [{ line: 36, column: 7, messageId: 'trafficPolicyTimeout', data: { object: 'BackendTrafficPolicy ml/p', routes: 'HTTPRoute ml/chat', services: 'Service vllm', timeout: 60, value: '60s', duration: '165s' } }],
      output: doc(stack, route('chat'), trafficPolicy('p', httpRouteTarget, '      requestTimeout: 165s\n')),
    },
    {
      name: 'BackendTrafficPolicy on a Gateway: every route of that Gateway in the run, one finding',
      code: doc(stack, route('chat'), route('chat2'), trafficPolicy('gw', gatewayTarget)),
      errors: [{ line: 44, column: 7, messageId: 'trafficPolicyTimeout', data: { object: 'BackendTrafficPolicy ml/gw', routes: 'HTTPRoute ml/chat, HTTPRoute ml/chat2' } }],
      output: doc(stack, route('chat'), route('chat2'), trafficPolicy('gw', gatewayTarget, '      requestTimeout: 165s\n')),
    },
    {
      name: 'BackendTrafficPolicy: a route policy with mergeType and no timeout lets its Gateway’s through',
      code: doc(stack, route('chat'), trafficPolicy('gw', gatewayTarget), trafficPolicy('rt', httpRouteTarget, '      connectionIdleTimeout: 1h\n', '  mergeType: StrategicMerge\n')),
      errors: [{ line: 36, column: 7, messageId: 'trafficPolicyTimeout', data: { object: 'BackendTrafficPolicy ml/gw' } }],
      output: doc(stack, route('chat'), trafficPolicy('gw', gatewayTarget, '      requestTimeout: 165s\n'), trafficPolicy('rt', httpRouteTarget, '      connectionIdleTimeout: 1h\n', '  mergeType: StrategicMerge\n')),
    },
    {
      name: 'BackendTrafficPolicy: a policy on the route rule (sectionName) wins over the route’s',
      code: doc(stack, route('chat', '      name: generate\n'), trafficPolicy('rt', httpRouteTarget, '      requestTimeout: 10m\n'), trafficPolicy('rule', `${httpRouteTarget}, sectionName: generate`)),
      errors: [{ line: 46, column: 7, messageId: 'trafficPolicyTimeout', data: { object: 'BackendTrafficPolicy ml/rule' } }],
      output: doc(stack, route('chat', '      name: generate\n'), trafficPolicy('rt', httpRouteTarget, '      requestTimeout: 10m\n'), trafficPolicy('rule', `${httpRouteTarget}, sectionName: generate`, '      requestTimeout: 165s\n')),
    },
    {
      name: 'AIGatewayRoute to an InferencePool with no timeouts: the 60 s default, at the rule',
      code: doc(stack, pool, aiRoute('')),
      errors: [{ line: 35, column: 7, messageId: 'aiGatewayDefaultTimeout', data: { object: 'AIGatewayRoute ml/llm', services: 'InferencePool vllm-pool', timeout: 60, duration: '165s' } }],
      output: doc(stack, pool, aiRoute('      timeouts:\n        request: 165s\n')),
    },
    {
      name: 'AIGatewayRoute v1alpha1 with a short timeouts.request, at the field',
      code: doc(stack, pool, aiRoute('      timeouts:\n        request: 90s\n', 'v1alpha1')),
      errors: [{ line: 37, column: 9, messageId: 'routeTimeout', data: { object: 'AIGatewayRoute ml/llm', timeout: 90, key: 'request', value: '90s', fields: 'timeouts.request' } }],
      output: doc(stack, pool, aiRoute('      timeouts:\n        request: 165s\n', 'v1alpha1')),
    },
    {
      name: 'AIGatewayRoute: a backendRequest shorter than the default request timeout',
      code: doc(stack, pool, aiRoute('      timeouts:\n        backendRequest: 30s\n')),
      errors: [{ line: 37, column: 9, messageId: 'routeTimeout', data: { timeout: 30, key: 'backendRequest', fields: 'timeouts.request and timeouts.backendRequest' } }],
      output: null,
    },
    {
      name: 'AIGatewayRoute: timeouts with only a longer backendRequest: the 60 s default, at timeouts:',
      code: doc(stack, pool, aiRoute('      timeouts:\n        backendRequest: 90s\n')),
      errors: [{ line: 36, column: 7, messageId: 'aiGatewayDefaultTimeout', data: { timeout: 60 } }],
      output: null,
    },
    {
      name: 'AIGatewayRoute → AIServiceBackend → Service (v1alpha1, before Backends were required)',
      code: doc(stack, aiRoute('', 'v1alpha1', '[{name: vllm}]'), aiServiceBackend('{kind: Service, name: vllm, port: 80}', 'v1alpha1')),
      errors: [{ line: 27, column: 7, messageId: 'aiGatewayDefaultTimeout', data: { services: 'Service vllm' } }],
      output: doc(stack, aiRoute('      timeouts:\n        request: 165s\n', 'v1alpha1', '[{name: vllm}]'), aiServiceBackend('{kind: Service, name: vllm, port: 80}', 'v1alpha1')),
    },
    {
      name: 'VirtualService: a short timeout to a fully qualified host, from another namespace',
      code: doc(stack, virtualService('vllm.ml.svc.cluster.local', '      timeout: 30s\n', 'gateway')),
      errors: [{ line: 29, column: 7, messageId: 'virtualServiceTimeout', data: { object: 'VirtualService gateway/vllm', services: 'Service vllm', timeout: 30, value: '30s', duration: '165s' } }],
      output: doc(stack, virtualService('vllm.ml.svc.cluster.local', '      timeout: 165s\n', 'gateway')),
    },
    {
      name: 'Envoy Gateway: an HTTPRoute rule without timeouts gets Envoy’s 15 s, reported at the rule',
      code: doc(stack, envoyGateway, route('chat')),
      errors: [{ line: 40, column: 7, messageId: 'envoyDefaultTimeout', data: { object: 'HTTPRoute ml/chat', services: 'Service vllm', timeout: 15, gatewayClass: 'eg', duration: '165s' } }],
      output: doc(stack, envoyGateway, route('chat', '      timeouts:\n        request: 165s\n')),
    },
    {
      name: 'Envoy Gateway: a BackendTrafficPolicy without requestTimeout leaves the 15 s default, at timeouts:',
      code: doc(stack, envoyGateway, route('chat', '      timeouts: {}\n'), trafficPolicy('p', httpRouteTarget, '      connectionIdleTimeout: 1h\n')),
      errors: [{ line: 41, column: 7, messageId: 'envoyDefaultTimeout', data: { timeout: 15 } }],
      output: doc(stack, envoyGateway, route('chat', '      timeouts: {request: 165s}\n'), trafficPolicy('p', httpRouteTarget, '      connectionIdleTimeout: 1h\n')),
    },
  ],
});

describe('gateway timeouts that are not durations are invalid-value', () => {
  const invalid = (code: string) => lintText(code, { rules: [rule] }).filter((f) => f.ruleId === 'invalid-value').map((f) => `${f.line}:${f.column} ${f.message}`);
  it('BackendTrafficPolicy, AIGatewayRoute and VirtualService durations; GCPBackendPolicy seconds', () => {
    expect(invalid(trafficPolicy('p', httpRouteTarget, '      requestTimeout: "60"\n'))).toEqual(['8:23 spec.timeout.http.requestTimeout must be a duration such as "300s", "5m" or "1h30m", got "60"']);
    expect(invalid(aiRoute('      timeouts: {request: soon}\n'))).toEqual(['8:27 spec.rules[0].timeouts.request must be a duration such as "300s", "5m" or "1h30m", got "soon"']);
    expect(invalid(virtualService('vllm', '      timeout: 1 minute\n'))).toEqual(['9:16 spec.http[0].timeout must be a duration such as "300s", "5m" or "1h30m", got "1 minute"']);
    expect(invalid(gcpPolicy('  default: {timeoutSec: "300s", connectionDraining: {drainingTimeoutSec: 7200}}\n'))).toEqual([
      '6:25 spec.default.timeoutSec must be an integer, got the string "300s"',
      '6:74 spec.default.connectionDraining.drainingTimeoutSec must be between 0 and 3600, got 7200',
    ]);
  });
});

describe('gateway objects of the wrong shape', () => {
  it('are reported as invalid-value, and judged no further, without a crash', () => {
    const shapes = [
      'apiVersion: networking.gke.io/v1\nkind: GCPBackendPolicy\nmetadata: {name: p, namespace: ml}\nspec: {targetRef: vllm, default: [1]}\n',
      'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: p, namespace: ml}\nspec: {targetRefs: {kind: Gateway}, timeout: {http: 30}}\n',
      'apiVersion: aigateway.envoyproxy.io/v1beta1\nkind: AIGatewayRoute\nmetadata: {name: r, namespace: ml}\nspec: {rules: [{backendRefs: [{kind: InferencePool}], timeouts: 60s}]}\n',
      'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: Backend\nmetadata: {name: vllm, namespace: ml}\nspec: {endpoints: [{fqdn: {hostname: 5}}]}\n',
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v, namespace: ml}\nspec: {http: [{route: [{destination: {host: [vllm]}}], timeout: 30}]}\n',
    ];
    const findings = lintText(doc(stack, ...shapes), { rules: [rule] });
    expect(findings.filter((f) => f.ruleId !== 'invalid-value')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'invalid-value').length).toBeGreaterThanOrEqual(shapes.length);
  });
});
