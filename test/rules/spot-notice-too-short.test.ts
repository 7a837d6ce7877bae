import rule from '../../rules/spot-notice-too-short.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A GPU Deployment whose pod-spec lines `podSpec` start at line 9 (indented 6). */
const deployment = (podSpec: string, annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: ml${annotations}}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
${podSpec}      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.18.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;
const spot = '      nodeSelector: {karpenter.sh/capacity-type: spot}\n';

runRuleTests(rule, {
  valid: [
    { name: 'no spot anywhere', code: deployment('') },
    { name: 'a longer AWS notice (option notices.aws: 180)', code: deployment(spot), options: { notices: { aws: 180 } } },
    { name: 'a declared longest request that fits: 105 s + 15 s = 120 s', code: deployment(spot, ', annotations: {gpu-drain-lint.io/longest-request: 105s}') },
    {
      name: 'a workload declared profile none',
      code: deployment(spot, ', annotations: {gpu-drain-lint.io/profile: none}'),
    },
    {
      name: 'spot for GKE’s label with the value "false"',
      code: deployment('      nodeSelector: {cloud.google.com/gke-spot: "false"}\n'),
    },
  ],
  invalid: [
    {
      name: 'option provider overrides the inferred one: gcp gives 30 s',
      code: deployment(spot),
      options: { provider: 'gcp' },
      errors: [{ line: 9, column: 22, messageId: 'outlastsNotice', data: { provider: 'GCP', notice: 30, preStop: 15, longest: 150, total: 165, cap: 15 } }],
    },
    {
      name: 'a notice too short for the preStop alone: no cap is suggested',
      code: deployment(spot),
      options: { notices: { aws: 10 } },
      errors: [{ line: 9, column: 22, messageId: 'preStopOutlastsNotice', data: { notice: 10, preStop: 15 } }],
    },
    {
      name: 'GKE preemptible VMs through required affinity Exists',
      code: deployment(
        '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions: [{key: cloud.google.com/gke-preemptible, operator: Exists}]\n',
      ),
      errors: [{ line: 13, column: 36, messageId: 'outlastsNotice', data: { how: 'required node affinity cloud.google.com/gke-preemptible Exists', provider: 'GCP', notice: 30 } }],
    },
    {
      name: 'a preferred affinity for spot lets the pod run there',
      code: deployment(
        '      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 50\n              preference:\n                matchExpressions: [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]\n',
      ),
      errors: [{ line: 14, column: 36, messageId: 'outlastsNotice', data: { how: 'preferred node affinity karpenter.sh/capacity-type In [spot]', provider: 'AWS', notice: 120 } }],
    },
    {
      name: 'an AKSNodeClass pool allowing spot: Azure’s notice',
      code: `${deployment('')}---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: aks-spot}
spec:
  template:
    spec:
      requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]
      nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
`,
      errors: [{ line: 8, column: 5, messageId: 'outlastsNotice', data: { how: 'NodePool aks-spot (test.yaml:17) allows karpenter.sh/capacity-type spot and nothing keeps Deployment ml/vllm off it', provider: 'Azure', notice: 30 } }],
    },
  ],
});
