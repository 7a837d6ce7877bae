import rule from '../../rules/grace-budget-exceeded.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { runRuleTests } from '../support/rule-tester.js';
import { dynamoV1alpha1, MAIN_WORKER } from '../support/dynamo.js';

/**
 * A GPU Deployment with `terminationGracePeriodSeconds: <grace>` at 12:7 and the given preStop
 * (a `lifecycle.preStop` value in flow style), or none.
 */
const vllm = (grace: number | string, preStop?: string, name = 'vllm') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}${preStop ? `\n          lifecycle: {preStop: ${preStop}}` : ''}
`;

const sleep = (seconds: number) => `{sleep: {seconds: ${seconds}}}`;
const exec = (...argv: string[]) => `{exec: {command: ${JSON.stringify(argv)}}}`;

const gpuInference = DEFAULT_PROFILES['gpu-inference'];
const smallBudget = { profiles: { ...DEFAULT_PROFILES, 'gpu-inference': { ...gpuInference, longestRequest: 10 } } };

runRuleTests(rule, {
  valid: [
    { name: 'grace exactly at the budget', code: vllm(180, sleep(15)) },
    { name: 'grace above the budget', code: vllm(600, sleep(15)) },
    { name: 'exec sleep 20 → budget 185, grace 185', code: vllm(185, exec('/bin/sh', '-c', 'touch /tmp/drain && sleep 20')) },
    { name: 'exec sleep 1m → budget 225, grace 225', code: vllm(225, exec('sleep', '1m')) },
    { name: 'nats lame duck + sleep 60 → at least 60: budget 225, grace 225', code: vllm(225, exec('sh', '-c', 'nats-server --signal ldm && /bin/sleep 60')) },
    { name: 'an until loop → assumed 15: budget 180, grace 180', code: vllm(180, exec('sh', '-c', 'until curl -sf localhost:8000/idle; do sleep 1; done')) },
    { name: 'two sleeps are summed: 5 + 10 → budget 180', code: vllm(180, exec('sh', '-c', 'sleep 5; sleep 10')) },
    { name: 'a backgrounded sleep does not hold the hook: budget 180 for sleep 15', code: vllm(180, exec('sh', '-c', 'sleep 300 & sleep 15')) },
    { name: 'grace 30 with a 30 s preStop is grace-period-default’s', code: vllm(30, sleep(30)) },
    { name: 'grace 10 is grace-period-default’s', code: vllm(10, sleep(15)) },
    { name: 'grace unset is grace-period-default’s', code: vllm(180, sleep(15)).replace('      terminationGracePeriodSeconds: 180\n', '') },
    { name: 'a wrong-typed grace is invalid-value', code: vllm('"150"', sleep(15)) },
    { name: 'a templated grace (${GRACE}) is unknown, not judged', code: vllm('${GRACE_SECONDS}', sleep(15)) },
    {
      name: 'with longestRequest 10 the budget is 40; grace 30 is grace-period-default’s',
      code: vllm(30, sleep(15)),
      lint: { profiles: smallBudget },
    },
    {
      name: 'with longestRequest 10 the budget is 40; grace 40 is enough',
      code: vllm(40, sleep(15)),
      lint: { profiles: smallBudget },
    },
    {
      name: 'config workloads[] profile none',
      code: vllm(60, sleep(60)),
      lint: { profiles: { workloads: [{ match: { kind: 'Deployment', name: 'vllm' }, profile: 'none' }] } },
    },
  ],
  invalid: [
    {
      name: "a Dynamo worker gets the operator's 60 s: set at extraPodSpec, first",
      code: dynamoV1alpha1(undefined, MAIN_WORKER),
      errors: [{ line: 12, column: 7, messageId: 'requestsCut', data: { graceFrom: 'gets terminationGracePeriodSeconds from the Dynamo operator', grace: 60, total: 180 } }],
      output: dynamoV1alpha1(undefined, `        terminationGracePeriodSeconds: 180\n${MAIN_WORKER}`),
    },
    {
      name: 'the worst case: a 60 s preStop sleep under grace 60',
      code: vllm(60, sleep(60)),
      errors: [
        {
          line: 12,
          column: 7,
          messageId: 'preStopUsesAll',
          data: { label: 'Deployment vllm', grace: 60, budget: '225 s (preStop 60 s + longest request 150 s + margin 15 s)', preStop: 60, total: 225 },
        },
      ],
    },
    {
      name: 'an exec sleep longer than the grace period (nobody checks it)',
      code: vllm(45, exec('sleep', '90')),
      errors: [{ line: 12, column: 7, messageId: 'preStopUsesAll', data: { budget: '255 s (preStop 90 s + longest request 150 s + margin 15 s)', preStop: 90 } }],
    },
    {
      name: 'native sleep.seconds: 20 s left after a 15 s preStop',
      code: vllm(35, sleep(15)),
      errors: [
        {
          line: 12,
          column: 7,
          messageId: 'requestsCut',
          data: {
            left: 20,
            preStop: 15,
            longestRequest: 150,
            total: 180,
            orDeclare: ', or declare your longest request with the gpu-drain-lint.io/longest-request annotation if it is shorter than 150 s',
          },
        },
      ],
    },
    {
      name: 'sh -c "touch /tmp/drain && sleep 20"',
      code: vllm(120, exec('/bin/sh', '-c', 'touch /tmp/drain && sleep 20')),
      errors: [{ line: 12, column: 7, messageId: 'requestsCut', data: { budget: '185 s (preStop 20 s + longest request 150 s + margin 15 s)', left: 100 } }],
    },
    {
      name: '["sleep", "1m"]',
      code: vllm(120, exec('sleep', '1m')),
      errors: [{ line: 12, column: 7, messageId: 'requestsCut', data: { budget: '225 s (preStop 60 s + longest request 150 s + margin 15 s)', left: 60 } }],
    },
    {
      name: 'bash -c with a redirect and a full path: echo bye > /tmp/drain; /bin/sleep 25',
      code: vllm(120, exec('/bin/bash', '-c', 'echo bye > /tmp/drain; /bin/sleep 25')),
      errors: [{ line: 12, column: 7, messageId: 'requestsCut', data: { preStop: 25, total: 190 } }],
    },
    {
      name: 'an httpGet preStop is counted at the profile value and says so',
      code: vllm(120, '{httpGet: {path: /drain, port: 8000}}'),
      errors: [
        {
          line: 12,
          column: 7,
          messageId: 'requestsCut',
          data: { budget: '180 s (preStop 15 s + longest request 150 s + margin 15 s)', left: 105, preStop: 15 },
        },
      ],
    },
    {
      name: 'the httpGet assumption is named in the message',
      code: vllm(120, '{httpGet: {path: /drain, port: 8000}}'),
      errors: [{ line: 12, column: 7, profile: "an httpGet preStop takes as long as the server answers: counted at the gpu-inference profile's 15 s" }],
    },
    {
      name: 'an unreadable exec preStop is counted at the profile value and says why',
      code: vllm(120, exec('/bin/sh', '-c', 'kill -TERM 1; if pgrep vllm; then sleep 1; fi')),
      errors: [{ line: 12, column: 7, profile: "the preStop command cannot be read (the script uses shell control flow): counted at the gpu-inference profile's 15 s" }],
    },
    // Issue 15, item 13: a loop with no bound is assumed at the profile value and says it can take the whole grace period.
    {
      name: 'a while loop waiting for the engine to exit',
      code: vllm(120, exec('/bin/sh', '-c', 'kill -TERM 1; while pgrep vllm; do sleep 1; done')),
      errors: [
        {
          line: 12,
          column: 7,
          messageId: 'requestsCut',
          data: { left: 105, preStop: 15, total: 180 },
          profile: "the preStop runs a while loop with no bound, which can use the whole grace period: assumed to take the gpu-inference profile's 15 s",
        },
      ],
      output: vllm(180, exec('/bin/sh', '-c', 'kill -TERM 1; while pgrep vllm; do sleep 1; done')),
    },
    // Issue 15, item 13: a known sleep in a chain with an unknown command counts as at least its seconds.
    {
      name: 'nats-server --signal ldm && /bin/sleep 60: at least 60 s, not the profile 15 s',
      code: vllm(120, exec('sh', '-c', 'nats-server --signal ldm && /bin/sleep 60')),
      errors: [
        {
          line: 12,
          column: 7,
          messageId: 'requestsCut',
          data: { budget: '225 s (preStop 60 s + longest request 150 s + margin 15 s)', left: 60, preStop: 60, total: 225 },
          profile: 'the preStop runs "nats-server", whose duration cannot be known: counted as at least its 60 s of sleep',
        },
      ],
      output: vllm(225, exec('sh', '-c', 'nats-server --signal ldm && /bin/sleep 60')),
    },
    {
      name: 'a lower bound that uses the whole grace period',
      code: vllm(60, exec('sh', '-c', 'nats-server --signal ldm; sleep 60')),
      errors: [{ line: 12, column: 7, messageId: 'preStopUsesAll', data: { preStop: 60, total: 225 }, profile: 'counted as at least its 60 s of sleep' }],
      output: vllm(225, exec('sh', '-c', 'nats-server --signal ldm; sleep 60')),
    },
    {
      name: 'an exec preStop running an unknown program',
      code: vllm(120, exec('/usr/local/bin/drain.sh')),
      errors: [{ line: 12, column: 7, profile: 'the preStop runs "drain.sh", whose duration cannot be known' }],
    },
    {
      name: 'a missing preStop is counted at the profile value',
      code: vllm(120),
      errors: [{ line: 12, column: 7, profile: "no preStop yet: counted at the gpu-inference profile's 15 s" }],
    },
    {
      name: 'longestRequest 10 (profile override): budget 15 + 10 + 15 = 40, grace 35 fires',
      code: vllm(35, sleep(15)),
      lint: { profiles: smallBudget },
      errors: [{ line: 12, column: 7, messageId: 'marginCut', data: { budget: '40 s (preStop 15 s + longest request 10 s + margin 15 s)', marginLeft: 10, margin: 15 } }],
    },
    {
      name: 'config workloads[] longestRequest by name: 15 + 60 + 15 = 90',
      code: vllm(75, sleep(15)),
      lint: { profiles: { workloads: [{ match: { name: 'vllm' }, longestRequest: 60 }] } },
      errors: [{ line: 12, column: 7, messageId: 'marginCut', data: { budget: '90 s (preStop 15 s + longest request 60 s + margin 15 s)', marginLeft: 0, orDeclare: '' } }],
    },
    {
      name: 'config workloads[] declares long-lived on a plain app: margin is 30 % rounded up (5 + 180 → 56)',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ws
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 240
      containers:
        - name: ws
          image: ghcr.io/example/ws-hub:3.0
          ports: [{containerPort: 8080}]
          lifecycle: {preStop: {sleep: {seconds: 5}}}
`,
      lint: { profiles: { workloads: [{ match: { kind: 'Deployment' }, profile: 'long-lived' }] } },
      errors: [
        { line: 8, column: 7, messageId: 'marginCut', data: { budget: '241 s (preStop 5 s + longest request 180 s + margin 56 s)', marginLeft: 55, margin: 56 } },
      ],
    },
    {
      name: 'the longest-request annotation (2m) on the object',
      code: vllm(100, sleep(15)).replace('  labels: {app: vllm}', '  labels: {app: vllm}\n  annotations: {gpu-drain-lint.io/longest-request: 2m}'),
      errors: [{ line: 13, column: 7, messageId: 'requestsCut', data: { budget: '150 s (preStop 15 s + longest request 120 s + margin 15 s)', orDeclare: '' } }],
    },
    {
      name: 'a Pod, a StatefulSet and a LeaderWorkerSet in one stream, each at its own field',
      code: `apiVersion: v1
kind: Pod
metadata: {name: tgi}
spec:
  terminationGracePeriodSeconds: 60
  containers:
    - {name: tgi, image: "ghcr.io/huggingface/text-generation-inference:3.0.1", ports: [{containerPort: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: sglang}
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 90
      containers:
        - {name: sglang, image: "lmsysorg/sglang:v0.4.6.post1-cu124", ports: [{containerPort: 30000}]}
---
apiVersion: leaderworkerset.x-k8s.io/v1
kind: LeaderWorkerSet
metadata: {name: lws}
spec:
  leaderWorkerTemplate:
    leaderTemplate:
      spec:
        terminationGracePeriodSeconds: 170
        containers:
          - {name: leader, image: "vllm/vllm-openai:v0.8.5", ports: [{containerPort: 8080}], resources: {limits: {nvidia.com/gpu: 8}}}
    workerTemplate:
      spec:
        terminationGracePeriodSeconds: 150
        containers:
          - {name: worker, image: "vllm/vllm-openai:v0.8.5", resources: {limits: {nvidia.com/gpu: 8}}}
`,
      errors: [
        { line: 5, column: 3, messageId: 'requestsCut', data: { label: 'Pod tgi', grace: 60 } },
        { line: 15, column: 7, messageId: 'requestsCut', data: { label: 'StatefulSet sglang', grace: 90 } },
        { line: 26, column: 9, messageId: 'marginCut', data: { label: 'LeaderWorkerSet lws (leaderTemplate)', grace: 170 } },
        // Workers take no connections: no preStop is budgeted, so 0 + 150 + 15 = 165 s.
        { line: 31, column: 9, messageId: 'marginCut', data: { label: 'LeaderWorkerSet lws (workerTemplate)', grace: 150, total: 165 } },
      ],
    },
    {
      name: 'the configured level applies (warn)',
      code: vllm(60, sleep(15)),
      lint: { settings: { 'grace-budget-exceeded': { level: 'warn', options: {} } } },
      errors: [{ line: 12, column: 7, severity: 'warn' }],
    },

    // ---- The fix: raise terminationGracePeriodSeconds to the budget, in place. ----
    {
      name: 'fix: the value is raised in place',
      code: vllm(60, sleep(15)),
      errors: [{ line: 12, column: 7 }],
      output: vllm(180, sleep(15)),
    },
    {
      name: 'fix: the comment after the value and trailing whitespace stay',
      code: vllm('120   # raised after the March incident', sleep(15)).replace('  labels: {app: vllm}\n', '  labels: {app: vllm}   \n'),
      errors: [{ line: 12, column: 7 }],
      output: vllm('180   # raised after the March incident', sleep(15)).replace('  labels: {app: vllm}\n', '  labels: {app: vllm}   \n'),
    },
    {
      name: 'fix: a value written on the next line is replaced where it stands',
      code: vllm('\n        90', sleep(15)),
      errors: [{ line: 12, column: 7 }],
      output: vllm('\n        180', sleep(15)),
    },
    {
      name: 'fix: a YAML 1.1 hex value (0x3C = 60) becomes a plain decimal',
      code: vllm('0x3C', sleep(15)),
      errors: [{ line: 12, column: 7, messageId: 'requestsCut', data: { grace: 60 } }],
      output: vllm(180, sleep(15)),
    },
    {
      name: 'fix: inside a flow-style pod spec',
      code: `apiVersion: v1
kind: Pod
metadata: {name: tgi, labels: {app: tgi}}
spec: {terminationGracePeriodSeconds: 90, containers: [{name: tgi, image: "ghcr.io/huggingface/text-generation-inference:3.0.1", ports: [{containerPort: 80}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}]}
`,
      errors: [{ line: 4, column: 8 }],
      output: `apiVersion: v1
kind: Pod
metadata: {name: tgi, labels: {app: tgi}}
spec: {terminationGracePeriodSeconds: 180, containers: [{name: tgi, image: "ghcr.io/huggingface/text-generation-inference:3.0.1", ports: [{containerPort: 80}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}]}
`,
    },
    {
      name: 'no fix: the grace comes through a YAML alias, and the finding says why',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-a}
    spec:
      selector: {matchLabels: {app: vllm-a}}
      template:
        metadata: {labels: {app: vllm-a}}
        spec:
          terminationGracePeriodSeconds: &grace 180
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-b}
    spec:
      selector: {matchLabels: {app: vllm-b}}
      template:
        metadata: {labels: {app: vllm-b}}
        spec:
          terminationGracePeriodSeconds: *grace
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 60}}}}
`,
      errors: [{ line: 23, column: 11, messageId: 'requestsCut', data: { grace: 180, total: 225 }, unfixable: /not fixed: .*alias/ }],
      output: null,
    },
    {
      name: 'no fix: the grace comes from a merge key, and the finding says why',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec: &gpu-pod
          terminationGracePeriodSeconds: 180
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-slow-drain}
    spec:
      selector: {matchLabels: {app: vllm-slow-drain}}
      template:
        metadata: {labels: {app: vllm-slow-drain}}
        spec:
          <<: *gpu-pod
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 60}}}}
`,
      errors: [{ line: 12, column: 11, messageId: 'requestsCut', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
  ],
});
