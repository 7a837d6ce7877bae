import rule from '../../rules/pdb-blocks-drain.js';
import { describe, expect, it } from 'vitest';
import { lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';
import { groupPdb, rayCluster } from '../support/kuberay.js';

/** A plain (unprofiled) Deployment named `name`; `spec:` at line 4, `replicas:` at 5:3 when given. */
const deployment = (name: string, replicas: number | undefined, labels = `app: ${name}`) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {${labels}}}
    spec:
      containers: [{name: app, image: "ghcr.io/example/${name}:1.0", ports: [{containerPort: 8080}]}]
`;

/** A PDB document; its budget line is the 5th line of the document. */
const pdb = (name: string, budget: string, selector = `{matchLabels: {app: ${name}}}`) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}}
spec:
  ${budget}
  selector: ${selector}
`;

const hpa = (name: string, minReplicas: number | undefined) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
${minReplicas === undefined ? '' : `  minReplicas: ${minReplicas}\n`}  maxReplicas: 10
`;

/** A KEDA ScaledObject over Deployment `name` (scaleTargetRef kind unset: KEDA's default, Deployment). */
const scaledObject = (name: string, spec = '') => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: ${name}-scaler}
spec:
  scaleTargetRef: {name: ${name}}
${spec}  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "60"}}]
`;

/** An AIBrix PodAutoscaler over Deployment `name`. */
const podAutoscaler = (name: string, spec: string) => `apiVersion: autoscaling.aibrix.ai/v1alpha1
kind: PodAutoscaler
metadata: {name: ${name}-pa}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
${spec}  maxReplicas: 10
`;

const doc = (...docs: string[]) => docs.join('---\n');

/** 1-based line and column of the last occurrence of `needle` in `code` (the PDB comes last). */
const at = (code: string, needle: string) => {
  const offset = code.lastIndexOf(needle);
  if (offset === -1) throw new Error(`${needle} not in the case`);
  const before = code.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
};
/** An invalid case whose one finding is at the last occurrence of `needle`. */
const finding = (
  name: string,
  code: string,
  needle: string,
  expected: { messageId?: string; data?: Record<string, string | number>; severity?: 'error' | 'warn' },
  lint?: Parameters<typeof runRuleTests>[1]['invalid'][number]['lint'],
) => ({ name, code, ...(lint ? { lint } : {}), errors: [{ ...at(code, needle), ...expected }] });

runRuleTests(rule, {
  valid: [
    { name: 'minAvailable 2 over 3 replicas', code: doc(deployment('api', 3), pdb('api', 'minAvailable: 2')) },
    {
      name: 'a ScaledObject with minReplicaCount 3 owns the scale: minAvailable 2 of 3 lets one go',
      code: doc(deployment('api', 2), scaledObject('api', '  minReplicaCount: 3\n'), pdb('api', 'minAvailable: 2')),
    },
    {
      name: 'a ScaledObject that scales to zero when idle (idleReplicaCount 0) serves on 3: minAvailable 2 lets one go',
      code: doc(deployment('api', 2), scaledObject('api', '  minReplicaCount: 3\n  idleReplicaCount: 0\n'), pdb('api', 'minAvailable: 2')),
    },
    {
      name: 'a PodAutoscaler with minReplicas 3 owns the scale: minAvailable 1 of 3 lets two go',
      code: doc(deployment('api', 1), podAutoscaler('api', '  scalingStrategy: APA\n  minReplicas: 3\n'), pdb('api', 'minAvailable: 1')),
    },
    { name: 'maxUnavailable 1', code: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 1')) },
    { name: 'maxUnavailable 1% of 3 rounds up to 1', code: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 1%')) },
    { name: 'minAvailable 50% of 3 rounds up to 2 < 3', code: doc(deployment('api', 3), pdb('api', 'minAvailable: 50%')) },
    { name: 'minAvailable 0', code: doc(deployment('api', 1), pdb('api', 'minAvailable: 0')) },
    { name: 'a PDB that selects nothing in the run', code: doc(deployment('api', 3), pdb('other', 'maxUnavailable: 0')) },
    { name: 'a Deployment scaled to 0 has nothing to evict', code: doc(deployment('api', 0), pdb('api', 'maxUnavailable: 0')) },
    {
      name: 'HPA minReplicas 3 leaves one eviction under minAvailable 2 (replicas 2 is the HPA’s to change)',
      code: doc(deployment('api', 2), hpa('api', 3), pdb('api', 'minAvailable: 2')),
    },
    {
      name: 'an HPA that targets another Deployment does not count',
      code: doc(deployment('api', 3), hpa('worker', 1), pdb('api', 'minAvailable: 2')),
    },
    {
      name: 'a Job’s pods are not judged (run to completion)',
      code: doc(
        `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    metadata: {labels: {app: migrate}}
    spec:
      restartPolicy: Never
      containers: [{name: m, image: "ghcr.io/example/migrate:1.0"}]
`,
        pdb('migrate', 'minAvailable: 1'),
      ),
    },
    // Since kubernetes#103414 the disruption controller skips pods without a controller when it
    // computes the expected scale: with a Deployment among the selected pods, maxUnavailable and
    // a percentage minAvailable are computed against the Deployment's replicas (3 → 2 must stay),
    // and the stray pod only adds to the healthy count. Only a PDB over bare pods alone gets an
    // expected count of 0 and allows nothing.
    {
      name: 'a Deployment plus a stray bare pod under maxUnavailable 1 still allows evictions',
      code: doc(
        deployment('api', 3),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: api-debug, labels: {app: api}}\nspec:\n  containers: [{name: c, image: nginx}]\n',
        pdb('api', 'maxUnavailable: 1'),
      ),
    },
    {
      name: 'a Deployment plus a stray bare pod under minAvailable 50% still allows evictions',
      code: doc(
        deployment('api', 3),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: api-debug, labels: {app: api}}\nspec:\n  containers: [{name: c, image: nginx}]\n',
        pdb('api', 'minAvailable: 50%'),
      ),
    },
    {
      name: 'the rule turned off',
      code: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 0')),
      lint: { settings: { 'pdb-blocks-drain': { level: 'off', options: {} } } },
    },
  ],
  invalid: [
    finding('minAvailable 70% over 2 replicas: the message shows the rounding', doc(deployment('api', 2), pdb('api', 'minAvailable: 70%')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: {
        pdb: 'PodDisruptionBudget api',
        location: 'test.yaml:15',
        workloads: 'Deployment api (test.yaml:3, 2 replicas)',
        reason: 'minAvailable 70% of 2 pods rounds up to 2, so all 2 must stay',
      },
    }),
    finding('maxUnavailable 0 on a plain web app', doc(deployment('web', 3), pdb('web', 'maxUnavailable: 0')), 'maxUnavailable', {
      messageId: 'useMaxUnavailable',
      data: { reason: 'maxUnavailable: 0 lets no pod go' },
    }),
    finding('maxUnavailable "0%" (quoted) lets no pod go', doc(deployment('web', 3), pdb('web', 'maxUnavailable: "0%"')), 'maxUnavailable', {
      messageId: 'useMaxUnavailable',
      data: { reason: 'maxUnavailable: 0% lets no pod go' },
    }),
    finding('minAvailable 1 over a Deployment with replicas unset (1)', doc(deployment('api', undefined), pdb('api', 'minAvailable: 1')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: { workloads: 'Deployment api (test.yaml:3, 1 replica)', reason: 'minAvailable 1 ≥ 1 pod, so all of them must stay' },
    }),
    finding('minAvailable above the replicas', doc(deployment('api', 2), pdb('api', 'minAvailable: 3')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: { reason: 'minAvailable 3 ≥ 2 pods, so all of them must stay' },
    }),
    finding('HPA minReplicas replaces the declared replicas', doc(deployment('api', 5), hpa('api', 2), pdb('api', 'minAvailable: 2')), 'minAvailable: 2', {
      messageId: 'useMaxUnavailable',
      data: { workloads: "Deployment api (test.yaml:3, 2 replicas at HorizontalPodAutoscaler api's minReplicas)", reason: 'minAvailable 2 ≥ 2 pods, so all of them must stay' },
    }),
    finding('an HPA without minReplicas scales down to 1', doc(deployment('api', 5), hpa('api', undefined), pdb('api', 'minAvailable: 50%')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: { workloads: "Deployment api (test.yaml:3, 1 replica at HorizontalPodAutoscaler api's minReplicas (unset: 1))", reason: 'minAvailable 50% of 1 pod rounds up to 1, so all 1 must stay' },
    }),
    finding(
      'a ScaledObject without minReplicaCount: idle it scales to zero, active the HPA KEDA creates keeps 1, which minAvailable 1 keeps',
      doc(deployment('api', 4), scaledObject('api'), pdb('api', 'minAvailable: 1')),
      'minAvailable',
      {
        messageId: 'useMaxUnavailable',
        data: {
          workloads: "Deployment api (test.yaml:3, 1 replica at ScaledObject api-scaler's minReplicaCount (unset: 0; the HPA KEDA creates keeps at least 1; scaled to zero when idle))",
          reason: 'minAvailable 1 ≥ 1 pod, so all of them must stay',
        },
      },
    ),
    finding('a ScaledObject with minReplicaCount 2 and minAvailable 2', doc(deployment('api', 4), scaledObject('api', '  minReplicaCount: 2\n'), pdb('api', 'minAvailable: 2')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: { workloads: "Deployment api (test.yaml:3, 2 replicas at ScaledObject api-scaler's minReplicaCount)", reason: 'minAvailable 2 ≥ 2 pods, so all of them must stay' },
    }),
    finding('a PodAutoscaler with minReplicas 2 and minAvailable 2', doc(deployment('api', 4), podAutoscaler('api', '  scalingStrategy: HPA\n  minReplicas: 2\n'), pdb('api', 'minAvailable: 2')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: { workloads: "Deployment api (test.yaml:3, 2 replicas at PodAutoscaler api-pa's minReplicas)", reason: 'minAvailable 2 ≥ 2 pods, so all of them must stay' },
    }),
    finding(
      'a PodAutoscaler (KPA) with minReplicas 0 serves on 1 pod, which minAvailable 1 keeps',
      doc(deployment('api', 4), podAutoscaler('api', '  scalingStrategy: KPA\n  minReplicas: 0\n'), pdb('api', 'minAvailable: 1')),
      'minAvailable',
      {
        messageId: 'useMaxUnavailable',
        data: { workloads: "Deployment api (test.yaml:3, 1 replica at PodAutoscaler api-pa's minReplicas (scalingStrategy: KPA; scaled to zero when idle))" },
      },
    ),
    finding(
      'matchExpressions selector (In)',
      doc(deployment('api', 2), pdb('api', 'maxUnavailable: 0', '{matchExpressions: [{key: app, operator: In, values: [api, web]}]}')),
      'maxUnavailable',
      { messageId: 'useMaxUnavailable', data: { workloads: 'Deployment api (test.yaml:3, 2 replicas)' } },
    ),
    finding('policy/v1 empty selector selects every workload of the namespace', doc(deployment('api', 2), deployment('web', 2), pdb('all', 'minAvailable: 4', '{}')), 'minAvailable', {
      messageId: 'useMaxUnavailable',
      data: { workloads: 'Deployment api (test.yaml:3, 2 replicas) and Deployment web (test.yaml:15, 2 replicas)', reason: 'minAvailable 4 ≥ 4 pods, so all of them must stay' },
    }),
    finding(
      'a LeaderWorkerSet counts groups × size',
      doc(
        `apiVersion: leaderworkerset.x-k8s.io/v1
kind: LeaderWorkerSet
metadata: {name: lws}
spec:
  replicas: 2
  leaderWorkerTemplate:
    size: 4
    workerTemplate:
      metadata: {labels: {app: lws}}
      spec:
        containers: [{name: w, image: "vllm/vllm-openai:v0.11.0"}]
`,
        pdb('lws', 'minAvailable: 8'),
      ),
      'minAvailable',
      { messageId: 'useMaxUnavailable', data: { workloads: 'LeaderWorkerSet lws (test.yaml:3, 2 groups of 4 pods)', reason: 'minAvailable 8 ≥ 8 pods, so all of them must stay' } },
    ),
    finding('the PDB is reported, naming a workload in another file of the run', pdb('api', 'maxUnavailable: 0'), 'maxUnavailable', {
      messageId: 'useMaxUnavailable',
      data: { pdb: 'PodDisruptionBudget api', location: 'test.yaml:3', workloads: 'Deployment api (deploy/api.yaml:3, 3 replicas)' },
    }, { others: [{ path: 'deploy/api.yaml', text: deployment('api', 3) }] }),
    finding('a PDB in a context file is reported on the workload, at its replicas', deployment('api', 3), 'replicas', {
      messageId: 'useMaxUnavailable',
      data: { pdb: 'PodDisruptionBudget api', location: 'other/pdb.yaml:3', workloads: 'Deployment api (test.yaml:3, 3 replicas)' },
    }, { others: [{ path: 'other/pdb.yaml', text: pdb('api', 'maxUnavailable: 0'), reportable: false }] }),
    finding('a PDB in a context file over a workload without replicas: at the workload’s name', deployment('api', undefined), 'name: api', {
      messageId: 'useMaxUnavailable',
      data: { pdb: 'PodDisruptionBudget api', location: 'other/pdb.yaml:3' },
    }, { others: [{ path: 'other/pdb.yaml', text: pdb('api', 'minAvailable: 1'), reportable: false }] }),
    // Pods without a controller only support an integer minAvailable (configure-pdb, "Arbitrary
    // workloads and arbitrary selectors"): advising maxUnavailable: 1 for them gives another
    // PDB that blocks every eviction.
    finding(
      'bare pods: the fix is an integer minAvailable below the pod count, not maxUnavailable',
      doc(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: solo-a, labels: {app: solo}}\nspec:\n  containers: [{name: c, image: nginx}]\n',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: solo-b, labels: {app: solo}}\nspec:\n  containers: [{name: c, image: nginx}]\n',
        pdb('solo', 'minAvailable: 2'),
      ),
      'minAvailable',
      { messageId: 'useMinAvailableBelowCount', data: { reason: 'minAvailable 2 ≥ 2 pods, so all of them must stay', suggested: 1 } },
    ),
    finding(
      'a bare pod under maxUnavailable: the advice must not be the maxUnavailable it already has',
      doc('apiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {app: solo}}\nspec:\n  containers: [{name: c, image: nginx}]\n', pdb('solo', 'maxUnavailable: 1')),
      'maxUnavailable',
      { messageId: 'singleBarePod', data: { reason: 'maxUnavailable cannot be computed for pods without a controller, so the disruption controller allows no eviction' } },
    ),
    finding('the configured level applies (warn)', doc(deployment('api', 3), pdb('api', 'maxUnavailable: 0')), 'maxUnavailable', { severity: 'warn' }, {
      settings: { 'pdb-blocks-drain': { level: 'warn', options: {} } },
    }),

    // ---- The fix: the budget becomes maxUnavailable: 1, in place (unsafe: more may go at once). ----
    {
      ...finding('fix: minAvailable is replaced in place by maxUnavailable: 1', doc(deployment('api', 3), pdb('api', 'minAvailable: 3')), 'minAvailable', {}),
      output: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 1')),
    },
    {
      ...finding(
        'fix: the comment after the value, and trailing whitespace, stay',
        doc(deployment('api', 3), pdb('api', 'minAvailable: 100%   # never evict during business hours')).replace('kind: PodDisruptionBudget\n', 'kind: PodDisruptionBudget   \n'),
        'minAvailable',
        {},
      ),
      output: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 1   # never evict during business hours')).replace('kind: PodDisruptionBudget\n', 'kind: PodDisruptionBudget   \n'),
    },
    {
      ...finding('fix: a quoted percentage becomes the integer 1', doc(deployment('api', 3), pdb('api', 'maxUnavailable: "0%"')), 'maxUnavailable', {}),
      output: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 1')),
    },
    {
      ...finding(
        'fix: a flow-style PDB spec is edited inside its braces, the key order kept',
        doc(deployment('api', 3), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec: {minAvailable: 3, selector: {matchLabels: {app: api}}}\n'),
        'minAvailable',
        {},
      ),
      output: doc(deployment('api', 3), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec: {maxUnavailable: 1, selector: {matchLabels: {app: api}}}\n'),
    },
    {
      ...finding('fix: CRLF line endings', doc(deployment('api', 3), pdb('api', 'minAvailable: 3')).replace(/\n/g, '\r\n'), 'minAvailable', {}),
      output: doc(deployment('api', 3), pdb('api', 'maxUnavailable: 1')).replace(/\n/g, '\r\n'),
    },
    {
      ...finding(
        'no fix for bare pods: maxUnavailable cannot be computed for them',
        doc('apiVersion: v1\nkind: Pod\nmetadata: {name: solo-a, labels: {app: solo}}\nspec:\n  containers: [{name: c, image: nginx}]\n', pdb('solo', 'minAvailable: 1')),
        'minAvailable',
        {},
      ),
      output: null,
    },
    {
      // The disruption controller computes maxUnavailable through the scale subresource, which
      // DaemonSets lack ("only Deployment, ReplicationController, ReplicaSet and StatefulSet can
      // use maxUnavailable", configure-pdb): maxUnavailable: 1 would still allow no eviction.
      ...finding(
        'no fix for DaemonSet pods: maxUnavailable: 1 would still block every eviction',
        doc(
          'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: node-cache}\nspec:\n  selector: {matchLabels: {app: node-cache}}\n  template:\n    metadata: {labels: {app: node-cache}}\n    spec:\n      containers: [{name: cache, image: "registry.k8s.io/dns/k8s-dns-node-cache:1.23.1"}]\n',
          pdb('node-cache', 'maxUnavailable: 0'),
        ),
        'maxUnavailable',
        {},
      ),
      output: null,
    },
    {
      // Replacing the anchored pair would delete `&none` and leave `*none` dangling (kubectl
      // rejects the file); editing the anchor would change the other PDB too.
      name: 'no fix: a budget shared through an anchor and an alias, and both findings say why',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      replicas: 3
      selector: {matchLabels: {app: api}}
      template:
        metadata: {labels: {app: api}}
        spec: {containers: [{name: api, image: "ghcr.io/example/api:1.0"}]}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: worker}
    spec:
      replicas: 3
      selector: {matchLabels: {app: worker}}
      template:
        metadata: {labels: {app: worker}}
        spec: {containers: [{name: worker, image: "ghcr.io/example/worker:1.0"}]}
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: api}
    spec:
      maxUnavailable: &none 0
      selector: {matchLabels: {app: api}}
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: worker}
    spec:
      maxUnavailable: *none
      selector: {matchLabels: {app: worker}}
`,
      errors: [
        { line: 26, column: 7, messageId: 'useMaxUnavailable', unfixable: /not fixed: .*(alias|anchor)/ },
        { line: 32, column: 7, messageId: 'useMaxUnavailable', unfixable: /not fixed: .*alias/ },
      ],
      output: null,
    },
  ],
});

// Issue 15, item 5: only kubectl drain waits forever on a zero budget; the autoscaler and Karpenter do otherwise.
describe('the zero-budget message', () => {
  it('says who waits forever and what the cluster autoscaler and Karpenter do instead', () => {
    const text = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]\n',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 0\n  selector: {matchLabels: {app: web}}\n',
    ].join('---\n');
    const [finding] = lintText(text, { rules: [rule] });
    expect(finding?.message).toContain(
      "kubectl drain retries it forever, the cluster autoscaler leaves the node out of scale-down, and Karpenter consolidation skips it, while its drift and expiry drains wait until the NodePool's terminationGracePeriod and then delete the pods regardless of the budget",
    );
    expect(finding?.message).not.toContain('wait on these nodes forever');
  });
});

describe('a budget over a KubeRay worker group counts that group’s pods (issue 16)', () => {
  runRuleTests(rule, {
    valid: [{ name: 'minAvailable 1 of the group’s 2 pods', code: rayCluster(groupPdb('minAvailable: 1')) }],
    invalid: [
      {
        name: 'minAvailable 2 of the group’s 2 pods (the head is not selected)',
        code: rayCluster(groupPdb('minAvailable: 2')),
        errors: [{ line: 30, column: 3 }],
      },
    ],
  });
});
