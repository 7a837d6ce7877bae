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
    { name: 'a longer AWS notice (option noticeSeconds.aws: 180)', code: deployment(spot), options: { noticeSeconds: { aws: 180 } } },
    // GKE pods get 15 s of a spot VM's 30 s notice by default, up to 120 s where it is extended (issue 15, item 6).
    {
      name: 'a GKE node pool with extended graceful termination (option noticeSeconds.gcp: 120): 15 s + 105 s fits',
      code: deployment('      nodeSelector: {cloud.google.com/gke-spot: "true"}\n', ', annotations: {gpu-drain-lint.io/longest-request: 105s}'),
      options: { noticeSeconds: { gcp: 120 } },
    },
    {
      name: 'the option’s former name notices is still read',
      code: deployment('      nodeSelector: {cloud.google.com/gke-spot: "true"}\n', ', annotations: {gpu-drain-lint.io/longest-request: 105s}'),
      options: { notices: { gcp: 120 } },
    },
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
    // Issue 15, item 13: the preStop seconds the sum uses say when they are assumed or a lower bound.
    {
      name: 'an until-loop preStop: counted at the assumed 15 s, and the message says so',
      code: deployment(spot).replace('resources: {limits: {nvidia.com/gpu: 1}}', 'resources: {limits: {nvidia.com/gpu: 1}}\n          lifecycle: {preStop: {exec: {command: [sh, -c, "until curl -sf localhost:8000/idle; do sleep 1; done"]}}}'),
      errors: [
        {
          line: 9,
          column: 22,
          messageId: 'outlastsNotice',
          data: { preStop: 15, total: 165, cap: 105 },
          profile: "the preStop runs an until loop with no bound, which can use the whole grace period: assumed to take the gpu-inference profile's 15 s",
        },
      ],
    },
    {
      name: 'a sleep beside an unknown command: at least 60 s',
      code: deployment(spot).replace('resources: {limits: {nvidia.com/gpu: 1}}', 'resources: {limits: {nvidia.com/gpu: 1}}\n          lifecycle: {preStop: {exec: {command: [sh, -c, "nats-server --signal ldm && sleep 60"]}}}'),
      errors: [{ line: 9, column: 22, messageId: 'outlastsNotice', data: { preStop: 60, total: 210, cap: 60 }, profile: 'counted as at least its 60 s of sleep' }],
    },
    {
      name: 'option provider overrides the inferred one: on GKE pods get 15 s, all of it the preStop’s',
      code: deployment(spot),
      options: { provider: 'gcp' },
      errors: [{ line: 9, column: 22, messageId: 'preStopOutlastsNotice', data: { provider: 'GCP', notice: 15, preStop: 15, longest: 150, total: 165 } }],
    },
    {
      name: 'GKE spot: the message says pods get 15 s of the 30 s notice, and how to say the node pool gives more',
      code: deployment('      nodeSelector: {cloud.google.com/gke-spot: "true"}\n', ', annotations: {gpu-drain-lint.io/longest-request: 10s}'),
      errors: [
        {
          line: 9,
          column: 22,
          messageId: 'preStopOutlastsNotice',
          data: {
            provider: 'GCP',
            notice: 15,
            total: 25,
            noticeDetail: " (GKE gives pods 15 s of the VM's 30 s notice by default; where the node pool extends graceful termination to up to 120 s, set the rule's option noticeSeconds.gcp)",
          },
        },
      ],
    },
    {
      name: 'GKE spot with an extended notice (noticeSeconds.gcp: 120): judged against 120 s, without the default’s note',
      code: deployment('      nodeSelector: {cloud.google.com/gke-spot: "true"}\n'),
      options: { noticeSeconds: { gcp: 120 } },
      errors: [{ line: 9, column: 22, messageId: 'outlastsNotice', data: { provider: 'GCP', notice: 120, cap: 105, noticeDetail: '' } }],
    },
    {
      name: 'AWS: no GKE note',
      code: deployment(spot),
      errors: [{ line: 9, column: 22, messageId: 'outlastsNotice', data: { provider: 'AWS', notice: 120, noticeDetail: '' } }],
    },
    {
      name: 'a notice too short for the preStop alone: no cap is suggested',
      code: deployment(spot),
      options: { noticeSeconds: { aws: 10 } },
      errors: [{ line: 9, column: 22, messageId: 'preStopOutlastsNotice', data: { notice: 10, preStop: 15 } }],
    },
    {
      name: 'noticeSeconds wins over notices even at the default value',
      code: deployment('      nodeSelector: {cloud.google.com/gke-spot: "true"}\n', ', annotations: {gpu-drain-lint.io/longest-request: 105s}'),
      options: { notices: { gcp: 120 }, noticeSeconds: { gcp: 15 } },
      errors: [{ line: 9, column: 22, data: { notice: 15 } }],
    },
    {
      name: 'noticeSeconds wins over the former name notices for the provider both set',
      code: deployment(spot),
      options: { notices: { aws: 180 }, noticeSeconds: { aws: 10 } },
      errors: [{ line: 9, column: 22, messageId: 'preStopOutlastsNotice', data: { notice: 10 } }],
    },
    {
      name: 'GKE preemptible VMs through required affinity Exists',
      code: deployment(
        '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions: [{key: cloud.google.com/gke-preemptible, operator: Exists}]\n',
      ),
      errors: [{ line: 13, column: 36, messageId: 'preStopOutlastsNotice', data: { how: 'required node affinity cloud.google.com/gke-preemptible Exists', provider: 'GCP', notice: 15 } }],
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
