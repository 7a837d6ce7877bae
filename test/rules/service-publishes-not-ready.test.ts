import rule from '../../rules/service-publishes-not-ready.js';
import { describe, expect, it } from 'vitest';
import { fixText, lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';
import { parseTypeScript } from '../support/typescript.js';

/** A vLLM Deployment (gpu-inference); `name:` at 4:3. */
const vllm = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  replicas: 2
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

/** A plain web Deployment (profile none). */
const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
`;

/** A Service selecting `app: <app>`; its 8th line is `publishNotReadyAddresses:` (8:3) when set. */
const service = (app: string, extra: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector: {app: ${app}}
  ports: [{port: 8000}]
${extra}`;

const doc = (...docs: string[]) => docs.join('---\n');
const PUBLISH = '  publishNotReadyAddresses: true\n';
const HEADLESS = '  clusterIP: None\n';

runRuleTests(rule, {
  valid: [
    { name: 'the field unset', code: doc(service('vllm', ''), vllm) },
    { name: 'publishNotReadyAddresses: false', code: doc(service('vllm', '  publishNotReadyAddresses: false\n'), vllm) },
    { name: 'a workload without a drain profile', code: doc(service('web', PUBLISH), web) },
    { name: 'a Service that selects no workload of the run', code: doc(service('other', PUBLISH), vllm) },
    {
      name: 'a headless Service for peer discovery (no proxy names it)',
      code: doc(service('vllm', `${HEADLESS}${PUBLISH}`), vllm),
    },
    {
      name: 'a proxy naming the headless Service in another namespace is not its proxy',
      code: doc(
        service('vllm', `${HEADLESS}${PUBLISH}`),
        vllm,
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: api, namespace: other}\nspec:\n  defaultBackend: {service: {name: vllm, port: {number: 8000}}}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'acceptance: a ClusterIP Service publishing not-ready vLLM pods; the fix removes the line',
      code: doc(service('vllm', PUBLISH), vllm),
      errors: [{ line: 8, column: 3, messageId: 'published', data: { service: 'Service vllm', workloads: 'Deployment vllm (test.yaml:13)', starting: 'loading their model' }, profile: 'gpu-inference' }],
      output: doc(service('vllm', ''), vllm),
    },
    {
      name: 'the field first in spec, written as YAML 1.1 `yes`, CRLF line ends: its line goes',
      code: doc(
        'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: vllm}\r\nspec:\r\n  publishNotReadyAddresses: yes\r\n  selector: {app: vllm}\r\n  ports: [{port: 8000}]\r\n',
        vllm,
      ),
      errors: [{ line: 5, column: 3, messageId: 'published' }],
      output: doc('apiVersion: v1\r\nkind: Service\r\nmetadata: {name: vllm}\r\nspec:\r\n  selector: {app: vllm}\r\n  ports: [{port: 8000}]\r\n', vllm),
    },
    {
      name: 'a comment after the field: not fixed (the comment would be lost)',
      code: doc('apiVersion: v1\nkind: Service\nmetadata: {name: vllm}\nspec:\n  publishNotReadyAddresses: true # for the router\n  selector: {app: vllm}\n', vllm),
      errors: [{ line: 5, column: 3, messageId: 'published', unfixable: /a comment follows spec.publishNotReadyAddresses on its line/ }],
      output: null,
    },
    {
      name: 'the field inside an anchor that an alias reuses: not fixed',
      code: doc(
        'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: vllm}\n    spec: &spec\n      publishNotReadyAddresses: true\n      selector: {app: vllm}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: vllm-b}\n    spec: *spec\n',
        vllm,
      ),
      errors: [
        { line: 8, column: 7, messageId: 'published', data: { service: 'Service vllm' }, unfixable: /anchor &spec/ },
        { line: 8, column: 7, messageId: 'published', data: { service: 'Service vllm-b' }, unfixable: /YAML alias/ },
      ],
      output: null,
    },
    {
      name: 'a flow-mapping spec: the pair and its comma',
      code: doc('apiVersion: v1\nkind: Service\nmetadata: {name: vllm}\nspec: {publishNotReadyAddresses: true, selector: {app: vllm}}\n', vllm),
      errors: [{ line: 4, column: 8, messageId: 'published' }],
      output: doc('apiVersion: v1\nkind: Service\nmetadata: {name: vllm}\nspec: {selector: {app: vllm}}\n', vllm),
    },
    {
      name: 'a headless Service that an Ingress sends clients to',
      code: doc(
        service('vllm', `${HEADLESS}${PUBLISH}`),
        vllm,
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: api}\nspec:\n  defaultBackend: {service: {name: vllm, port: {number: 8000}}}\n',
      ),
      errors: [{ line: 9, column: 3, messageId: 'headlessBehindProxy', data: { proxies: 'Ingress api (test.yaml:29)' } }],
    },
    {
      name: 'a headless Service that an HTTPRoute sends clients to',
      code: doc(
        service('vllm', `${HEADLESS}${PUBLISH}`),
        vllm,
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: chat}\nspec:\n  rules:\n    - backendRefs: [{name: vllm, port: 8000}]\n',
      ),
      errors: [{ line: 9, column: 3, messageId: 'headlessBehindProxy', data: { proxies: 'HTTPRoute chat (test.yaml:29)', send: 'sends' } }],
    },
    {
      name: 'a headless Service that a GRPCRoute sends clients to',
      code: doc(
        service('vllm', `${HEADLESS}${PUBLISH}`),
        vllm,
        'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: chat}\nspec:\n  rules:\n    - backendRefs: [{name: vllm, port: 8000}]\n',
      ),
      errors: [{ line: 9, column: 3, messageId: 'headlessBehindProxy', data: { proxies: 'GRPCRoute chat (test.yaml:29)', send: 'sends' } }],
    },
    {
      name: 'two proxies send',
      code: doc(
        service('vllm', `${HEADLESS}${PUBLISH}`),
        vllm,
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: chat}\nspec:\n  rules:\n    - backendRefs: [{name: vllm, port: 8000}]\n',
        'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: grpc}\nspec:\n  rules:\n    - backendRefs: [{name: vllm, port: 8000}]\n',
      ),
      errors: [{ line: 9, column: 3, messageId: 'headlessBehindProxy', data: { proxies: 'HTTPRoute chat (test.yaml:29), GRPCRoute grpc (test.yaml:36)', send: 'send' } }],
    },
    {
      name: 'the Service in a context file: reported on the workload, without a fix',
      code: vllm,
      lint: { others: [{ path: 'platform/svc.yaml', text: service('vllm', PUBLISH), reportable: false }] },
      errors: [{ line: 4, column: 3, messageId: 'published' }],
      output: null,
    },
  ],
});

describe('service-publishes-not-ready in TypeScript', () => {
  const chart = (spec: string) => `import { Chart } from 'cdk8s';
import { KubeService } from './imports/k8s';

export class Serving extends Chart {
  constructor(scope: Construct) {
    super(scope, 'serving');
    new KubeService(this, 'vllm', {
      metadata: { name: 'vllm' },
      spec: ${spec},
    });
  }
}
`;
  const options = { rules: [rule], path: 'chart.ts', parseTypeScript, others: [{ path: 'vllm.yaml', text: vllm }] };

  it('removes the property on its own line', () => {
    const code = chart(`{\n        selector: { app: 'vllm' },\n        publishNotReadyAddresses: true,\n        ports: [{ port: 8000 }],\n      }`);
    expect(lintText(code, options).map((f) => f.messageId)).toEqual(['published']);
    expect(fixText(code, options)).toBe(chart(`{\n        selector: { app: 'vllm' },\n        ports: [{ port: 8000 }],\n      }`));
  });

  it('removes the property and one comma on one line', () => {
    const code = chart(`{ selector: { app: 'vllm' }, publishNotReadyAddresses: true }`);
    expect(fixText(code, options)).toBe(chart(`{ selector: { app: 'vllm' } }`));
    const first = chart(`{ publishNotReadyAddresses: true, selector: { app: 'vllm' } }`);
    expect(fixText(first, options)).toBe(chart(`{ selector: { app: 'vllm' } }`));
  });
});
