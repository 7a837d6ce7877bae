import rule from '../../rules/prestop-too-short.js';
import { VLLM_DEPLOYMENT_HEAD } from '../support/manifests.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A vLLM Deployment whose `preStop:` is at 19:13 (its value starts at 19:22). */
const deployment = (preStop: string) => `${VLLM_DEPLOYMENT_HEAD}          lifecycle:
            preStop: ${preStop}
`;

/** A 4-space, CRLF StatefulSet whose preStop command (at 24:27) is an unindented block list. */
const crlfStatefulSet = (sleep: string) =>
  [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '    name: sglang',
    'spec:',
    '    serviceName: sglang',
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
    '              lifecycle:',
    '                  preStop:',
    '                      exec:',
    '                          command:',
    '                          - /bin/sh',
    '                          - -c',
    `                          - touch /tmp/drain && ${sleep}   # then SIGTERM`,
    '              resources:',
    '                  limits:',
    '                      nvidia.com/gpu: 1',
    '',
  ].join('\r\n');

/** `seconds: *short` (at 22:17) reuses the number anchored on the readiness probe's periodSeconds. */
const ALIASED_SECONDS = deployment('\n              sleep:\n                seconds: *short')
  .replace('preStop: \n', 'preStop:\n')
  .replace('          lifecycle:\n', '          readinessProbe: {httpGet: {path: /health, port: 8000}, periodSeconds: &short 3}\n          lifecycle:\n');

/** Two Deployments of one List share a preStop hook through `&hook` / `*hook`. */
const ALIASED_HOOK = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
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
              lifecycle:
                preStop: &hook {sleep: {seconds: 3}}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-canary}
    spec:
      replicas: 2
      selector: {matchLabels: {app: vllm-canary}}
      template:
        metadata: {labels: {app: vllm-canary}}
        spec:
          containers:
            - name: vllm
              image: vllm/vllm-openai:v0.11.0
              ports: [{containerPort: 8000}]
              resources: {limits: {nvidia.com/gpu: 1}}
              lifecycle:
                preStop: *hook
`;

runRuleTests(rule, {
  valid: [
    { name: 'a 5 s sleep meets the default minimum', code: deployment('{sleep: {seconds: 5}}') },
    { name: '"sleep 1m" parses as 60 s', code: deployment('{exec: {command: ["sleep", "1m"]}}') },
    { name: 'a 0 s sleep with minSeconds 0', code: deployment('{sleep: {seconds: 0}}'), options: { minSeconds: 0 } },
    { name: 'an unreadable sleep.seconds is invalid-value’s, not a 0 s sleep', code: deployment('{sleep: {seconds: "15s"}}') },
    { name: 'a templated sleep is unknown', code: deployment('{sleep: {seconds: "${PRESTOP}"}}') },
    { name: 'an exec running a program of unknown duration', code: deployment('{exec: {command: ["/app/drain", "--wait"]}}') },
    // Issue 15, item 13: a sleep beside a command of unknown duration is only a lower bound; a loop has none.
    { name: 'a 2 s sleep beside an unknown command is at least 2 s, not known to be short', code: deployment('{exec: {command: ["sh", "-c", "nats-server --signal ldm && sleep 2"]}}') },
    { name: 'a loop with a 1 s sleep inside', code: deployment('{exec: {command: ["sh", "-c", "until curl -sf localhost:8000/idle; do sleep 1; done"]}}') },
  ],
  invalid: [
    {
      name: 'a 3 s native sleep: at seconds',
      code: deployment('{sleep: {seconds: 3}}'),
      errors: [{ line: 19, column: 31, messageId: 'tooShortForProfile', data: { waits: '3 s', how: 'preStop sleep action', minimum: '5 s' } }],
    },
    {
      name: 'with minSeconds 10, a 5 s sleep is too short; the profile’s 15 s is suggested',
      code: deployment('{sleep: {seconds: 5}}'),
      options: { minSeconds: 10 },
      errors: [{ line: 19, column: 31, messageId: 'tooShortForProfile', data: { minimum: '10 s', profileName: 'gpu-inference', suggested: '15 s' } }],
    },
    {
      name: 'a minSeconds above the profile’s preStop is the suggestion itself',
      code: deployment('{sleep: {seconds: 15}}'),
      options: { minSeconds: 20 },
      errors: [{ line: 19, column: 31, messageId: 'tooShort', data: { minimum: '20 s' }, profile: 'gpu-inference: ' }],
    },
    {
      name: 'a marker write without a sleep waits 0 s: at the exec command',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "echo draining > /tmp/drain"]}}'),
      errors: [{ line: 19, column: 30, messageId: 'tooShortForProfile', data: { waits: '0 s', how: 'preStop exec sleep' } }],
      // Nothing to raise: adding a sleep to a command is left to a person.
      output: null,
    },

    // ---- The fix (safe): the native seconds, or the one `sleep N` of an exec command, raised. ----
    {
      name: 'fix: a flow-style native sleep is raised to the profile’s 15 s inside its braces',
      code: deployment('{sleep: {seconds: 3}}'),
      errors: [{ line: 19, column: 31 }],
      output: deployment('{sleep: {seconds: 15}}'),
    },
    {
      name: 'fix: with minSeconds 10 the profile’s 15 s is written',
      code: deployment('{sleep: {seconds: 5}}'),
      options: { minSeconds: 10 },
      errors: [{ line: 19, column: 31 }],
      output: deployment('{sleep: {seconds: 15}}'),
    },
    {
      name: 'fix: a minSeconds above the profile’s preStop is written itself',
      code: deployment('{sleep: {seconds: 15}}'),
      options: { minSeconds: 20 },
      errors: [{ line: 19, column: 31 }],
      output: deployment('{sleep: {seconds: 20}}'),
    },
    {
      name: 'fix: the one `sleep N` inside `sh -c` is raised; the other words and the quoting stay',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 2"]}}'),
      errors: [{ line: 19, column: 30 }],
      output: deployment('{exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]}}'),
    },
    {
      // The most common way to write it: a block `exec:` with an inline command list. The list
      // must stay inline: a block list cannot start on the `command:` line.
      name: 'fix: an inline command list under a block `exec:` stays inline',
      code: deployment('\n              exec:\n                command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 3"]').replace('preStop: \n', 'preStop:\n'),
      errors: [{ line: 21, column: 17 }],
      output: deployment('\n              exec:\n                command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]').replace('preStop: \n', 'preStop:\n'),
    },
    {
      name: 'fix: a unit suffix (`sleep 3s`) is replaced by plain seconds',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "sleep 3s; kill -TERM 1"]}}'),
      errors: [{ line: 19, column: 30 }],
      output: deployment('{exec: {command: ["/bin/sh", "-c", "sleep 15; kill -TERM 1"]}}'),
    },
    {
      name: 'fix: a standalone `sleep` argv (`["sleep", "3"]`) gets its argument raised',
      code: deployment('{exec: {command: ["sleep", "3"]}}'),
      errors: [{ line: 19, column: 30 }],
      output: deployment('{exec: {command: ["sleep", "15"]}}'),
    },
    {
      // Only the script changes: `-c` must not gain quotes, nor the script lose them.
      name: 'fix: in a flow list with mixed quoting only the item holding the sleep changes',
      code: deployment('{exec: {command: [sh, -c, "touch /tmp/drain; sleep 3"]}}'),
      errors: [{ line: 19, column: 30 }],
      output: deployment('{exec: {command: [sh, -c, "touch /tmp/drain; sleep 15"]}}'),
    },
    {
      // A literal block script keeps its `|` style: only the number changes.
      name: 'fix: a `sleep N` line of a literal block script (`- |`) is raised in place',
      code: deployment('\n              exec:\n                command:\n                  - /bin/sh\n                  - -c\n                  - |\n                    touch /tmp/drain\n                    sleep 3').replace('preStop: \n', 'preStop:\n'),
      errors: [{ line: 21, column: 17 }],
      output: deployment('\n              exec:\n                command:\n                  - /bin/sh\n                  - -c\n                  - |\n                    touch /tmp/drain\n                    sleep 15').replace('preStop: \n', 'preStop:\n'),
    },
    {
      name: 'no fix: two sleeps in one command are left to a person',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "sleep 1; touch /tmp/drain; sleep 2"]}}'),
      errors: [{ line: 19, column: 30, messageId: 'tooShortForProfile', data: { waits: '3 s' } }],
      output: null,
    },
    {
      // Issue 14, item 9: `sleep 3 &` was "fixed" to `sleep 15 &`, which still waits nothing, and
      // the finding stayed advertised as fixable.
      name: 'no fix: a backgrounded sleep waits nothing however long it is',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "touch /tmp/drain; sleep 3 &"]}}'),
      errors: [{ line: 19, column: 30, messageId: 'tooShortForProfile', data: { waits: '0 s' } }],
      output: null,
    },
    {
      name: 'no fix: two `sleep` words in separate argv items',
      code: deployment('{exec: {command: ["/bin/sh", "-c", "sleep 1", "sleep 2"]}}'),
      errors: [{ line: 19, column: 30 }],
      output: null,
    },
    {
      name: 'fix: block style with a comment on the edited line and after it',
      code: deployment('\n              sleep:\n                seconds: 2   # too short\n              # see runbook').replace('preStop: \n', 'preStop:\n'),
      errors: [{ line: 21, column: 17 }],
      output: deployment('\n              sleep:\n                seconds: 15   # too short\n              # see runbook').replace('preStop: \n', 'preStop:\n'),
    },
    {
      name: 'fix: CRLF line endings, 4-space indentation and an unindented block command list',
      code: crlfStatefulSet('sleep 3'),
      errors: [{ line: 24, column: 27 }],
      output: crlfStatefulSet('sleep 15'),
    },
    {
      name: 'fix: CRLF line endings and 4-space indentation with a native sleep',
      code: crlfStatefulSet('sleep 3').replace(/exec:\r\n.*# then SIGTERM/s, 'sleep:\r\n                          seconds: 3   # then SIGTERM'),
      errors: [{ line: 24, column: 27 }],
      output: crlfStatefulSet('sleep 3').replace(/exec:\r\n.*# then SIGTERM/s, 'sleep:\r\n                          seconds: 15   # then SIGTERM'),
    },
    {
      name: 'no fix: seconds comes through a YAML alias, and the finding says why',
      code: ALIASED_SECONDS,
      errors: [{ line: 22, column: 17, messageId: 'tooShortForProfile', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
    {
      name: 'no fix: the preStop hook is an anchor another workload uses through an alias',
      code: ALIASED_HOOK,
      errors: [
        { line: 19, column: 41, messageId: 'tooShortForProfile', data: { label: 'Deployment vllm-canary' }, unfixable: /not fixed: .*alias/ },
        { line: 19, column: 41, messageId: 'tooShortForProfile', data: { label: 'Deployment vllm' }, unfixable: /not fixed: .*anchor &hook/ },
      ],
      output: null,
    },
  ],
});
