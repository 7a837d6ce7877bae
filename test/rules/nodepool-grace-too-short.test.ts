import rule from '../../rules/nodepool-grace-too-short.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A v1 NodePool; its `terminationGracePeriod:` is on line 8 (column 7) when given. */
const nodePool = (name: string, grace: string | undefined, extra = '', labels = '{}') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: ${name}}
spec:
  template:
    metadata: {labels: ${labels}}
    spec:
${grace ? `      terminationGracePeriod: ${grace}\n` : ''}${extra}      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
`;

/** A GPU Deployment with pod-spec lines `podSpec` (indented 6). */
const gpuDeployment = (podSpec = '      terminationGracePeriodSeconds: 180\n') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: ml}
spec:
  replicas: 2
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

const doc = (...docs: string[]) => docs.join('---\n');
const at8 = (data: Record<string, string | number>) => [{ line: 8, column: 7, messageId: 'cutsGrace', data }];

runRuleTests(rule, {
  valid: [
    { name: 'no NodePool in the run', code: gpuDeployment() },
    { name: 'grace equal to the pool’s terminationGracePeriod', code: doc(nodePool('gpu', '3m'), gpuDeployment()) },
    {
      name: 'Karpenter defaults capacity-type to on-demand: a pod that requires spot cannot use a pool that says nothing',
      code: doc(nodePool('gpu', '60s'), gpuDeployment('      terminationGracePeriodSeconds: 180\n      nodeSelector: {karpenter.sh/capacity-type: spot}\n')),
    },
    {
      name: 'Gt: a pod that needs more than 4 GPUs per node cannot use a pool of 1- or 2-GPU instances',
      code: doc(
        nodePool('gpu', '60s', '      requirements:\n        - {key: karpenter.k8s.aws/instance-gpu-count, operator: In, values: ["1", "2"]}\n'),
        gpuDeployment(
          '      terminationGracePeriodSeconds: 180\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions: [{key: karpenter.k8s.aws/instance-gpu-count, operator: Gt, values: ["4"]}]\n',
        ),
      ),
    },
    {
      name: 'a label of an EKS managed node group is on no Karpenter node',
      code: doc(nodePool('gpu', '60s'), gpuDeployment('      terminationGracePeriodSeconds: 180\n      nodeSelector: {eks.amazonaws.com/nodegroup: gpu-ng}\n')),
    },
    {
      name: 'a terminationGracePeriod Karpenter rejects ("1d") is invalid-value’s, not a short one',
      code: doc(nodePool('gpu', '1d'), gpuDeployment()),
    },
    {
      name: 'an invalid grace period is not compared',
      code: doc(nodePool('gpu', '60s'), gpuDeployment('      terminationGracePeriodSeconds: "180s"\n')),
    },
    { name: 'the rule turned off', code: doc(nodePool('gpu', '60s'), gpuDeployment()), lint: { settings: { 'nodepool-grace-too-short': { level: 'off', options: {} } } } },
  ],
  invalid: [
    {
      name: 'a grace period left unset (30 s) on a pool with 20s',
      code: doc(nodePool('gpu', '20s'), gpuDeployment('')),
      errors: at8({ limit: '20s', workloads: 'Deployment ml/vllm (test.yaml:13, 30 s, no node selector or required affinity)', longest: '30 s' }),
    },
    {
      name: 'a nodeSelector on the karpenter.sh/nodepool label selects the pool by name',
      code: doc(nodePool('gpu', '60s'), gpuDeployment('      terminationGracePeriodSeconds: 180\n      nodeSelector: {karpenter.sh/nodepool: gpu}\n')),
      errors: at8({ workloads: 'Deployment ml/vllm (test.yaml:13, 180 s)' }),
    },
    {
      name: 'Gt on a pool with Gt: the ranges overlap',
      code: doc(
        nodePool('gpu', '60s', '      requirements:\n        - {key: karpenter.k8s.aws/instance-gpu-count, operator: Gt, values: ["0"]}\n'),
        gpuDeployment(
          '      terminationGracePeriodSeconds: 180\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions: [{key: karpenter.k8s.aws/instance-gpu-count, operator: Gt, values: ["4"]}]\n',
        ),
      ),
      errors: at8({ workloads: 'Deployment ml/vllm (test.yaml:15, 180 s)' }),
    },
    {
      name: 'DoesNotExist on a label the pool does not set; one of two ORed terms is enough',
      code: doc(
        nodePool('gpu', '60s', '', '{team: ml}'),
        gpuDeployment(
          '      terminationGracePeriodSeconds: 180\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions: [{key: team, operator: In, values: [web]}]\n              - matchExpressions: [{key: dedicated, operator: DoesNotExist}]\n',
        ),
      ),
      errors: at8({ workloads: 'Deployment ml/vllm (test.yaml:13, 180 s)' }),
    },
    {
      name: 'the message gives a duration Karpenter accepts for the fix',
      code: doc(nodePool('gpu', '60s'), gpuDeployment('      terminationGracePeriodSeconds: 3700\n')),
      errors: at8({ raiseTo: '3700s' }),
    },
    {
      name: 'more than three workloads: the longest three are named',
      code: doc(
        nodePool('gpu', '60s'),
        ...[100, 200, 300, 400].map((grace, i) => gpuDeployment(`      terminationGracePeriodSeconds: ${grace}\n`).replace(/vllm/g, `vllm${i}`)),
      ),
      errors: at8({
        workloads:
          'Deployment ml/vllm3 (test.yaml:61, 400 s, no node selector or required affinity), Deployment ml/vllm2 (test.yaml:45, 300 s, no node selector or required affinity), Deployment ml/vllm1 (test.yaml:29, 200 s, no node selector or required affinity) and 1 more',
        longest: '400 s',
      }),
    },
    {
      name: 'equal grace periods under different placements: named in the order of the workloads',
      code: doc(
        nodePool('gpu', '60s'),
        gpuDeployment().replace(/vllm/g, 'vllm0'),
        gpuDeployment('      terminationGracePeriodSeconds: 180\n      nodeSelector: {karpenter.sh/nodepool: gpu}\n').replace(/vllm/g, 'vllm1'),
        gpuDeployment().replace(/vllm/g, 'vllm2'),
      ),
      errors: at8({
        workloads:
          'Deployment ml/vllm0 (test.yaml:13, 180 s, no node selector or required affinity), Deployment ml/vllm1 (test.yaml:29, 180 s), Deployment ml/vllm2 (test.yaml:46, 180 s, no node selector or required affinity)',
      }),
    },
    {
      name: 'a NodePool only in a --context file: reported on the workload it cuts',
      code: gpuDeployment(),
      lint: { others: [{ path: 'platform/nodepools.yaml', text: nodePool('gpu', '60s'), reportable: false }] },
      errors: [{ line: 10, column: 7, messageId: 'cutsGrace', data: { pool: 'NodePool gpu', location: 'platform/nodepools.yaml:3', limit: '60s' } }],
    },
  ],
});
