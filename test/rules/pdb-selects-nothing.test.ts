import rule from '../../rules/pdb-selects-nothing.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A plain Deployment whose pods carry `app: <name>`; `name:` at 4:3. */
const deployment = (name: string, namespace = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: "ghcr.io/example/${name}:1.0"}]
`;

/** A PDB; with a selector, `selector:` is its 7th line (7:3). */
const pdb = (name: string, selector: string | undefined, options: { namespace?: string; apiVersion?: string } = {}) => `apiVersion: ${options.apiVersion ?? 'policy/v1'}
kind: PodDisruptionBudget
metadata:
  name: ${name}
${options.namespace ? `  namespace: ${options.namespace}\n` : ''}spec:
  maxUnavailable: 1
${selector === undefined ? '' : `  selector: ${selector}\n`}`;

const doc = (...docs: string[]) => docs.join('---\n');

/** A StatefulSet `web` whose pods carry `app: web` as written; 13 lines, so a PDB after it has `selector:` at 21:3. */
const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "ghcr.io/example/web:1.0"}]
`;

runRuleTests(rule, {
  valid: [
    { name: 'the selector matches the pod template', code: doc(deployment('api'), pdb('api', '{matchLabels: {app: api}}')) },
    { name: 'matchExpressions that match', code: doc(deployment('api'), pdb('api', '{matchExpressions: [{key: app, operator: In, values: [api, web]}]}')) },
    { name: 'an empty selector in policy/v1 selects every pod of the namespace', code: doc(deployment('api'), pdb('all', '{}')) },
    { name: 'no workload of its namespace in the run: its workload is elsewhere', code: pdb('api', '{matchLabels: {app: api}}') },
    {
      name: 'workloads only in other namespaces',
      code: doc(deployment('web', 'web'), pdb('api', '{matchLabels: {app: api}}', { namespace: 'api' })),
    },
    {
      name: 'the workload in a --context file',
      code: doc(deployment('web'), pdb('api', '{matchLabels: {app: api}}')),
      lint: { others: [{ path: 'deploy/api.yaml', text: deployment('api'), reportable: false }] },
    },
    {
      name: 'a custom resource in the namespace runs pods no manifest shows (a Prometheus)',
      code: doc(
        deployment('grafana', 'monitoring'),
        'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec: {replicas: 2}\n',
        pdb('prometheus-k8s', '{matchLabels: {app.kubernetes.io/name: prometheus}}', { namespace: 'monitoring' }),
      ),
    },
    {
      name: 'an operator custom resource without a namespace that is not known cluster-scoped may run pods in the default namespace',
      code: doc(
        deployment('v'),
        'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: llama}\nspec: {predictor: {model: {modelFormat: {name: huggingface}}}}\n',
        pdb('llama', '{matchLabels: {serving.kserve.io/inferenceservice: llama}}'),
      ),
    },
    {
      name: 'a kustomize base whose pod labels come from the kustomization (metrics-server)',
      code: doc(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: metrics-server, namespace: kube-system}\nspec:\n  template:\n    spec:\n      containers: [{name: m, image: registry.k8s.io/metrics-server/metrics-server:v0.8.0}]\n',
        pdb('metrics-server', '{matchLabels: {k8s-app: metrics-server}}', { namespace: 'kube-system' }),
      ),
    },
    {
      name: 'a placeholder in the selector',
      code: doc(deployment('api'), pdb('api', '{matchLabels: {app: "${APP}"}}')),
    },
    {
      name: 'spec of the wrong type is invalid-value, not a missing selector',
      code: doc(deployment('api'), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec: 7\n'),
    },
    {
      name: 'a matchExpressions value YAML 1.1 reads as a boolean (y) is invalid-value, not a selector never written',
      code: doc(deployment('api'), pdb('api', '{matchExpressions: [{key: app, operator: In, values: [x, y]}, {key: canary, operator: DoesNotExist}]}')),
    },
    {
      name: 'a matchLabels value of the wrong type is invalid-value',
      code: doc(deployment('api'), pdb('api', '{matchLabels: {app: [api]}}')),
    },
    {
      name: 'matchLabels of the wrong type (it would read as {}, selecting every pod) is invalid-value',
      code: doc(deployment('api'), pdb('api', '{matchLabels: app=api}')),
    },
    {
      name: 'a PDB read only for context is not reported on',
      code: deployment('web'),
      lint: { others: [{ path: 'platform/pdb.yaml', text: pdb('api', undefined), reportable: false }] },
    },
    {
      name: 'a selector of the wrong type is an invalid-value, not a missing selector',
      code: doc(deployment('api'), pdb('api', 'app=api')),
    },
    {
      name: 'a StatefulSet pod by the pod-name label its controller adds (web-0)',
      code: doc(statefulSet, pdb('web-0', '{matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}')),
    },
    {
      name: 'a StatefulSet pod by the pod-index label its controller adds (1.28+), with the template label',
      code: doc(statefulSet, pdb('web-first', '{matchLabels: {app: web, apps.kubernetes.io/pod-index: "0"}}')),
    },
    {
      name: 'StatefulSet pods by pod-name In a list',
      code: doc(statefulSet, pdb('web-01', '{matchExpressions: [{key: statefulset.kubernetes.io/pod-name, operator: In, values: [web-0, web-1]}]}')),
    },
    {
      name: "a Deployment's pods by pod-template-hash (its controller's, value unknowable)",
      code: doc(deployment('api'), pdb('api-rev', '{matchLabels: {app: api, pod-template-hash: 7d4b9c8f6}}')),
    },
    {
      name: 'a LeaderWorkerSet group by the group-index label its controller adds',
      code: doc(
        'apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata: {name: lws}\nspec:\n  replicas: 2\n  leaderWorkerTemplate:\n    size: 2\n    workerTemplate:\n      metadata: {labels: {role: worker}}\n      spec: {containers: [{name: w, image: "vllm/vllm-openai:v0.8.5"}]}\n',
        pdb('lws-0', '{matchLabels: {leaderworkerset.sigs.k8s.io/name: lws, leaderworkerset.sigs.k8s.io/group-index: "0"}}'),
      ),
    },
  ],
  invalid: [
    {
      name: 'pod-name of another StatefulSet: no pod of web is named db-0',
      code: doc(statefulSet, pdb('db-0', '{matchLabels: {statefulset.kubernetes.io/pod-name: db-0}}')),
      errors: [{ line: 21, column: 3, messageId: 'noMatch', data: { selector: 'statefulset.kubernetes.io/pod-name=db-0' } }],
    },
    {
      name: 'pod-name with a Deployment only: no controller of the namespace adds it',
      code: doc(deployment('web'), pdb('web-0', '{matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}')),
      errors: [{ line: 20, column: 3, messageId: 'noMatch' }],
    },
    {
      name: 'pod-index with a template label no pod carries',
      code: doc(statefulSet, pdb('web-first', '{matchLabels: {app: webapp, apps.kubernetes.io/pod-index: "0"}}')),
      errors: [{ line: 21, column: 3, messageId: 'noMatch' }],
    },
    {
      name: 'acceptance: no selector at all, reported at spec',
      code: doc(deployment('api'), pdb('api', undefined)),
      errors: [{ line: 18, column: 1, messageId: 'noSelector', data: { pdb: 'PodDisruptionBudget api' } }],
    },
    {
      name: 'selector: null selects nothing, even with no workload in the run',
      code: pdb('api', 'null'),
      errors: [{ line: 7, column: 3, messageId: 'noSelector' }],
    },
    {
      name: 'an empty selector in policy/v1beta1 selects nothing',
      code: doc(deployment('api'), pdb('all', '{}', { apiVersion: 'policy/v1beta1' })),
      errors: [{ line: 20, column: 3, messageId: 'emptyV1beta1', data: { pdb: 'PodDisruptionBudget all' } }],
    },
    {
      name: 'acceptance: the selector matches no pod template of its namespace',
      code: doc(deployment('api'), deployment('web'), pdb('api', '{matchLabels: {app: apiserver}}')),
      errors: [
        {
          line: 33,
          column: 3,
          messageId: 'noMatch',
          data: { pdb: 'PodDisruptionBudget api', selector: 'app=apiserver', namespace: 'default', workloads: 'Deployment api, Deployment web' },
        },
      ],
    },
    {
      name: 'a matchLabels that matches but an expression that does not',
      code: doc(deployment('api'), pdb('api', '{matchLabels: {app: api}, matchExpressions: [{key: tier, operator: Exists}]}')),
      errors: [{ line: 20, column: 3, messageId: 'noMatch', data: { selector: 'app=api, tier' } }],
    },
    {
      name: 'a namespaced PDB, its workload in another namespace',
      code: doc(deployment('api', 'prod'), pdb('api', '{matchLabels: {app: api}}', { namespace: 'staging' }), deployment('web', 'staging')),
      errors: [{ line: 22, column: 3, messageId: 'noMatch', data: { namespace: 'staging', workloads: 'Deployment staging/web' } }],
    },
    {
      name: 'a custom resource known to run no pods does not excuse it',
      code: doc(
        deployment('api'),
        'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: api}\nspec: {selector: {matchLabels: {app: api}}}\n',
        pdb('api', '{matchLabels: {app: apiserver}}'),
      ),
      errors: [{ line: 25, column: 3, messageId: 'noMatch' }],
    },
    {
      name: 'an AIBrix PodAutoscaler runs no pods of its own: it does not excuse it',
      code: doc(
        deployment('api'),
        'apiVersion: autoscaling.aibrix.ai/v1alpha1\nkind: PodAutoscaler\nmetadata: {name: api}\nspec: {scalingStrategy: KPA, maxReplicas: 4, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}}\n',
        pdb('api', '{matchLabels: {app: apiserver}}'),
      ),
      errors: [{ line: 25, column: 3, messageId: 'noMatch' }],
    },
    {
      name: 'a cluster-scoped custom resource (a GatewayClass) is in no namespace: it does not excuse it',
      code: doc(
        deployment('v'),
        'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: envoy}\nspec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}\n',
        pdb('v', '{matchLabels: {app: vllm}}'),
      ),
      errors: [{ line: 25, column: 3, messageId: 'noMatch', data: { selector: 'app=vllm' } }],
    },
    {
      name: 'cluster-scoped custom resources of other projects (a ClusterIssuer, a GPU Operator ClusterPolicy) do not excuse it',
      code: doc(
        deployment('v'),
        'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt}\nspec: {selfSigned: {}}\n',
        'apiVersion: nvidia.com/v1\nkind: ClusterPolicy\nmetadata: {name: cluster-policy}\nspec: {}\n',
        pdb('v', '{matchLabels: {app: vllm}}'),
      ),
      errors: [{ line: 30, column: 3, messageId: 'noMatch' }],
    },
    {
      name: 'more than three workloads: three named',
      code: doc(deployment('a'), deployment('b'), deployment('c'), deployment('d'), pdb('x', '{matchLabels: {app: x}}')),
      errors: [{ line: 59, column: 3, messageId: 'noMatch', data: { workloads: 'Deployment a, Deployment b, Deployment c and 1 more' } }],
    },
  ],
});
