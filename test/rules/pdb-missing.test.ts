import rule from '../../rules/pdb-missing.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import singleReplica from '../../rules/single-replica.js';
import { lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';
import { groupPdb, rayCluster } from '../support/kuberay.js';

/** A GPU Deployment whose `name:` is at 4:3. */
const deployment = (name: string, replicas: number | undefined, namespace?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}, tier: gpu}}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

const pdb = (name: string, selector: string, namespace?: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  maxUnavailable: 1
  selector: ${selector}
`;

const hpa = (name: string, minReplicas: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: ${minReplicas}
  maxReplicas: 8
`;

/** A KEDA ScaledObject over Deployment `name`, with `spec` lines besides its target. */
const scaledObject = (name: string, spec = '') => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: ${name}}
spec:
  scaleTargetRef: {name: ${name}}
${spec}  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "60"}}]
`;

const doc = (...docs: string[]) => docs.join('---\n');

/** The PodDisruptionBudget the fix appends, in block style at 2 spaces; `selector` lines sit under `selector:`. */
const suggested = (name: string, selector: string[], namespace?: string) =>
  [
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  maxUnavailable: 1',
    '  selector:',
    ...selector,
    '',
  ].join('\n');

/** A StatefulSet in a namespace whose selector has matchLabels (one value quoted) and matchExpressions; `name:` at 4:3. */
const MATCH_EXPRESSIONS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: sglang
  namespace: inference
spec:
  serviceName: sglang
  replicas: 3
  selector:
    matchLabels:
      app: sglang
      version: "1.0"
    matchExpressions:
      - {key: tier, operator: In, values: [serving, canary]}
      - {key: debug, operator: DoesNotExist}
  template:
    metadata:
      labels: {app: sglang, version: "1.0", tier: serving}
    spec:
      containers:
        - name: sglang
          image: lmsysorg/sglang:v0.4.6.post1-cu124
          ports: [{containerPort: 30000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

/** A LeaderWorkerSet of 2 groups of 2 pods; `name:` at 4:3. */
const LWS = `apiVersion: leaderworkerset.x-k8s.io/v1
kind: LeaderWorkerSet
metadata:
  name: vllm-70b
  namespace: inference
spec:
  replicas: 2
  leaderWorkerTemplate:
    size: 2
    leaderTemplate:
      metadata:
        labels: {role: leader}
      spec:
        containers:
          - name: vllm-leader
            image: vllm/vllm-openai:v0.8.5
            ports: [{containerPort: 8080}]
            resources: {limits: {nvidia.com/gpu: "8"}}
    workerTemplate:
      spec:
        containers:
          - name: vllm-worker
            image: vllm/vllm-openai:v0.8.5
            resources: {limits: {nvidia.com/gpu: "8"}}
`;

/** A 4-space, CRLF Deployment in a namespace; `name:` at 4:5. */
const CRLF_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '    name: sglang',
  '    namespace: inference',
  'spec:',
  '    replicas: 2',
  '    selector:',
  '        matchLabels:',
  '            app: sglang',
  '    template:',
  '        metadata:',
  '            labels:',
  '                app: sglang',
  '        spec:',
  '            containers:',
  '            - name: sglang',
  '              image: lmsysorg/sglang:v0.4.6.post1-cu124',
  '              ports:',
  '              - containerPort: 30000',
  '              resources:',
  '                  limits:',
  '                      nvidia.com/gpu: 1',
  '',
].join('\r\n');

runRuleTests(rule, {
  valid: [
    {
      name: 'a PDB of its namespace whose selector holds an invalid value (invalid-value) may be its own: no finding, no second PDB',
      code: doc(deployment('v', 2), pdb('v', '{matchExpressions: [{key: app, operator: In, values: [v, y]}]}')),
    },
    { name: 'a PDB on another label of the pods', code: doc(deployment('vllm', 2), pdb('gpu', '{matchLabels: {tier: gpu}}')) },
    { name: 'a PDB in another file of the run', code: deployment('vllm', 2), lint: { others: [{ path: 'pdb.yaml', text: pdb('vllm', '{matchLabels: {app: vllm}}') }] } },
    { name: 'a PDB in a context file', code: deployment('vllm', 2), lint: { others: [{ path: 'pdb.yaml', text: pdb('vllm', '{matchLabels: {app: vllm}}'), reportable: false }] } },
    { name: 'replicas unset (1): single-replica’s finding', code: deployment('vllm', undefined) },
    { name: 'replicas 4 but an HPA minReplicas 1: single-replica’s finding', code: doc(deployment('vllm', 4), hpa('vllm', 1)) },
    { name: 'replicas 4 but a ScaledObject without minReplicaCount serves on 1 (and scales to zero): single-replica’s finding', code: doc(deployment('vllm', 4), scaledObject('vllm')) },
  ],
  invalid: [
    {
      name: 'two replicas and no PDB: a PDB to paste in the message',
      code: deployment('vllm', 2, 'inference'),
      errors: [
        {
          line: 4,
          column: 3,
          messageId: 'dropsRequests',
          data: {
            workload: 'Deployment inference/vllm',
            replicas: '2 replicas',
            allowed: 1,
            pdb: '{ apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: vllm, namespace: inference }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: vllm } } } }',
          },
        },
      ],
    },
    {
      name: 'replicas 1 with an HPA minReplicas 2: HPA-aware',
      code: doc(deployment('vllm', 1), hpa('vllm', 2)),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests', data: { workload: 'Deployment vllm', replicas: "2 replicas at HorizontalPodAutoscaler vllm's minReplicas" } }],
    },
    {
      name: 'replicas 1 with a ScaledObject minReplicaCount 2 (and idleReplicaCount 0): 2 pods while it serves',
      code: doc(deployment('vllm', 1), scaledObject('vllm', '  minReplicaCount: 2\n  idleReplicaCount: 0\n')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests', data: { workload: 'Deployment vllm', replicas: "2 replicas at ScaledObject vllm's minReplicaCount (idleReplicaCount: 0; scaled to zero when idle)" } }],
    },
    {
      name: 'a PDB of the same name in another namespace does not count',
      code: doc(deployment('vllm', 3, 'prod'), pdb('vllm', '{matchLabels: {app: vllm}}', 'staging')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests', data: { pdb: '{ apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: vllm, namespace: prod }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: vllm } } } }' } }],
      output: doc(deployment('vllm', 3, 'prod'), pdb('vllm', '{matchLabels: {app: vllm}}', 'staging')) + suggested('vllm', ['    matchLabels:', '      app: vllm'], 'prod'),
    },

    {
      name: 'a PDB of its namespace selects nothing (a typo): no second PDB is appended, the message names the one to fix',
      code: doc(deployment('v', 2), pdb('v', '{matchLabels: {app: vllm}}')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequestsFixStray', data: { workload: 'Deployment v', replicas: '2 replicas', stray: 'PodDisruptionBudget v' } }],
      output: null,
    },
    {
      name: 'a PDB with no selector in its namespace: fix that one, not a second PDB',
      code: doc(deployment('v', 2, 'inference'), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: v-budget, namespace: inference}\nspec: {maxUnavailable: 1}\n'),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequestsFixStray', data: { stray: 'PodDisruptionBudget inference/v-budget' } }],
      output: null,
    },
    {
      name: 'the PDB named after the workload is the one named when several select nothing',
      code: doc(deployment('v', 2), pdb('other', '{matchLabels: {app: nope}}'), pdb('v-pdb', '{matchLabels: {app: vllm}}')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequestsFixStray', data: { stray: 'PodDisruptionBudget v-pdb' } }],
      output: null,
    },
    {
      name: 'a per-pod StatefulSet budget (statefulset.kubernetes.io/pod-name): widen it, no second budget that would overlap it',
      code: doc(deployment('web', 2).replace('kind: Deployment', 'kind: StatefulSet'), pdb('web-0', '{matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequestsWidenPartial', data: { workload: 'StatefulSet web', partial: 'PodDisruptionBudget web-0' } }],
      output: null,
    },
    {
      name: 'a budget on another StatefulSet’s pod does not stop the suggestion',
      code: doc(deployment('web', 2).replace('kind: Deployment', 'kind: StatefulSet'), pdb('db-0', '{matchLabels: {statefulset.kubernetes.io/pod-name: db-0}}')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests' }],
    },
    {
      name: 'a PDB selecting nothing that is named after another workload (in files not linted) does not stop the fix',
      code: doc(deployment('api', 2), pdb('worker-pdb', '{matchLabels: {app: worker}}')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests' }],
      output: doc(deployment('api', 2), pdb('worker-pdb', '{matchLabels: {app: worker}}')) + suggested('api', ['    matchLabels:', '      app: api']),
    },
    {
      name: 'a PDB selecting nothing in another namespace does not stop the fix',
      code: doc(deployment('vllm', 2, 'prod'), pdb('web', '{matchLabels: {app: web}}', 'staging'), deployment('api', 1, 'staging')),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests' }],
      output: doc(deployment('vllm', 2, 'prod'), pdb('web', '{matchLabels: {app: web}}', 'staging'), deployment('api', 1, 'staging')) + suggested('vllm', ['    matchLabels:', '      app: vllm'], 'prod'),
    },

    // ---- The fix (unsafe): a PodDisruptionBudget document appended at the end of the file. ----
    {
      name: 'fix: the PDB is appended with the workload’s namespace and selector, maxUnavailable: 1',
      code: deployment('vllm', 2, 'inference'),
      errors: [{ line: 4, column: 3 }],
      output: deployment('vllm', 2, 'inference') + suggested('vllm', ['    matchLabels:', '      app: vllm'], 'inference'),
    },
    {
      name: 'fix: without a namespace the PDB has none either (both land in the same one)',
      code: doc(deployment('vllm', 1), hpa('vllm', 2)),
      errors: [{ line: 4, column: 3 }],
      output: doc(deployment('vllm', 1), hpa('vllm', 2)) + suggested('vllm', ['    matchLabels:', '      app: vllm']),
    },
    {
      name: 'fix: a file without a final newline gets one before the `---`',
      code: deployment('vllm', 2, 'inference').trimEnd(),
      errors: [{ line: 4, column: 3 }],
      output: deployment('vllm', 2, 'inference') + suggested('vllm', ['    matchLabels:', '      app: vllm'], 'inference'),
    },
    {
      name: 'fix: a file ending in a comment without a newline',
      code: deployment('vllm', 2) + '# end of vllm',
      errors: [{ line: 4, column: 3 }],
      output: deployment('vllm', 2) + '# end of vllm\n' + suggested('vllm', ['    matchLabels:', '      app: vllm']),
    },
    {
      name: 'fix: a file ending in an empty document (`---`) gets the PDB after it',
      code: deployment('vllm', 2) + '---\n',
      errors: [{ line: 4, column: 3 }],
      output: deployment('vllm', 2) + '---\n' + suggested('vllm', ['    matchLabels:', '      app: vllm']),
    },
    {
      name: 'fix: a namespace and matchExpressions are copied; values keep YAML 1.1-safe quoting',
      code: MATCH_EXPRESSIONS,
      errors: [{ line: 4, column: 3 }],
      output:
        MATCH_EXPRESSIONS +
        suggested(
          'sglang',
          [
            '    matchLabels:',
            '      app: sglang',
            '      version: "1.0"',
            '    matchExpressions:',
            '      - key: tier',
            '        operator: In',
            '        values:',
            '          - serving',
            '          - canary',
            '      - key: debug',
            '        operator: DoesNotExist',
          ],
          'inference',
        ),
    },
    {
      name: 'fix: a label key YAML 1.1 reads as a boolean (`"on"`) stays quoted in the PDB',
      code: deployment('vllm', 2).replace('matchLabels: {app: vllm}', 'matchLabels: {app: vllm, "on": "yes"}').replace('labels: {app: vllm, tier: gpu}', 'labels: {app: vllm, "on": "yes", tier: gpu}'),
      errors: [{ line: 4, column: 3 }],
      output:
        deployment('vllm', 2).replace('matchLabels: {app: vllm}', 'matchLabels: {app: vllm, "on": "yes"}').replace('labels: {app: vllm, tier: gpu}', 'labels: {app: vllm, "on": "yes", tier: gpu}') +
        suggested('vllm', ['    matchLabels:', '      app: vllm', '      "on": "yes"']),
    },
    {
      name: 'fix: a selector written through an alias (`matchLabels: *labels`) is spelled out, not aliased across documents',
      code: deployment('vllm', 2).replace('matchLabels: {app: vllm}', 'matchLabels: &labels {app: vllm, tier: gpu}').replace('labels: {app: vllm, tier: gpu}', 'labels: *labels'),
      errors: [{ line: 4, column: 3 }],
      output:
        deployment('vllm', 2).replace('matchLabels: {app: vllm}', 'matchLabels: &labels {app: vllm, tier: gpu}').replace('labels: {app: vllm, tier: gpu}', 'labels: *labels') +
        suggested('vllm', ['    matchLabels:', '      app: vllm', '      tier: gpu']),
    },
    {
      name: 'fix: a LeaderWorkerSet gets a PDB on the leaderworkerset.sigs.k8s.io/name label, once',
      code: LWS,
      errors: [{ line: 4, column: 3 }],
      output: LWS + suggested('vllm-70b', ['    matchLabels:', '      leaderworkerset.sigs.k8s.io/name: vllm-70b'], 'inference'),
    },
    {
      name: 'fix: the name is taken by another PDB of the namespace: <name>-pdb',
      code: doc(deployment('vllm', 2), pdb('vllm', '{matchLabels: {app: vllm-router}}'), deployment('vllm-router', 1)),
      errors: [{ line: 4, column: 3 }],
      output: doc(deployment('vllm', 2), pdb('vllm', '{matchLabels: {app: vllm-router}}'), deployment('vllm-router', 1)) + suggested('vllm-pdb', ['    matchLabels:', '      app: vllm']),
    },
    {
      // Issue 14, item 5: `<name>-pdb` was written although a PDB of that name existed; kubectl
      // apply would have replaced it.
      name: 'fix: <name> and <name>-pdb are both taken: the next free name, <name>-pdb-2',
      code: doc(deployment('vllm', 2), pdb('vllm', '{matchLabels: {app: vllm-router}}'), pdb('vllm-pdb', '{matchLabels: {app: vllm-cache}}'), deployment('vllm-router', 1), deployment('vllm-cache', 1)),
      errors: [{ line: 4, column: 3, messageId: 'dropsRequests', data: { pdb: '{ apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: vllm-pdb-2 }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: vllm } } } }' } }],
      output:
        doc(deployment('vllm', 2), pdb('vllm', '{matchLabels: {app: vllm-router}}'), pdb('vllm-pdb', '{matchLabels: {app: vllm-cache}}'), deployment('vllm-router', 1), deployment('vllm-cache', 1)) +
        suggested('vllm-pdb-2', ['    matchLabels:', '      app: vllm']),
    },
    {
      name: 'fix: CRLF line endings and 4-space indentation are the file’s style',
      code: CRLF_DEPLOYMENT,
      errors: [{ line: 4, column: 5 }],
      output:
        CRLF_DEPLOYMENT +
        [
          '---',
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata:',
          '    name: sglang',
          '    namespace: inference',
          'spec:',
          '    maxUnavailable: 1',
          '    selector:',
          '        matchLabels:',
          '            app: sglang',
          '',
        ].join('\r\n'),
    },
  ],
});

describe('pdb-missing', () => {
  it('the suggested PDB is valid YAML that selects the workload and names its namespace', () => {
    const [finding] = lintText(deployment('vllm', 2, 'inference'), { rules: [rule] });
    expect(finding!.messageId).toBe('dropsRequests');
    const suggestion = parse(String(finding!.data!.pdb));
    expect(suggestion).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'vllm', namespace: 'inference' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'vllm' } } },
    });
  });

  it('single-replica and pdb-missing never report the same workload', () => {
    for (const code of [deployment('a', 1), deployment('b', 2), doc(deployment('c', 3), hpa('c', 1)), doc(deployment('d', 1), hpa('d', 2))]) {
      const ids = lintText(code, { rules: [singleReplica, rule] }).map((f) => f.ruleId);
      expect(ids, code).toHaveLength(1);
    }
  });
});

describe('a KubeRay worker group is a serving unit of its own (issue 16)', () => {
  runRuleTests(rule, {
    valid: [{ name: 'a budget selecting the group', code: rayCluster(groupPdb('minAvailable: 1')) }],
    invalid: [
      {
        name: 'no budget: an integer minAvailable is asked for (the RayCluster has no scale subresource)',
        code: rayCluster(),
        errors: [{ line: 15, column: 5, messageId: 'dropsRequestsIntegerMin', data: { workload: 'RayCluster vllm (worker group gpu)', minAvailable: 1, owner: 'RayCluster vllm' } }],
      },
    ],
  });
});
