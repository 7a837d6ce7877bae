import rule from '../../rules/readiness-ignores-drain.js';
import { runRuleTests } from '../support/rule-tester.js';

/**
 * A GPU Deployment with one vLLM container whose `lifecycle:` is at line 19 and whose
 * `readinessProbe:` key (when given) is at 20:11 (19:11 without a preStop). `preStop` and `readiness` are flow mappings.
 */
const deployment = (name: string, preStop: string | undefined, readiness: string | undefined, metadataLines = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${metadataLines ? `\n${metadataLines}` : ''}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          args: ["--model", "meta-llama/Llama-3.1-8B-Instruct"]
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
${preStop ? `          lifecycle: {preStop: ${preStop}}\n` : ''}${readiness ? `          readinessProbe: ${readiness}\n` : ''}`;

const SLEEP = '{sleep: {seconds: 15}}';
const exec = (script: string) => `{exec: {command: ["/bin/sh", "-c", ${JSON.stringify(script)}]}}`;
const HTTP_HEALTH = '{httpGet: {path: /health, port: 8000}}';
const HTTP_READY = '{httpGet: {path: /ready, port: 8000}, periodSeconds: 2, failureThreshold: 1}';
const markerReadiness = (file: string) =>
  `{exec: {command: ["/bin/sh", "-c", "test ! -f ${file} && curl -sf http://localhost:8000/health"]}, periodSeconds: 2, failureThreshold: 1}`;

/**
 * A block-style GPU Deployment with a marker preStop; `readinessTail` follows `path: /health`
 * under `readinessProbe:` (its key at 23:11). With `replacement`, that is the whole probe.
 */
const blockDeployment = (readinessTail: string, replacement?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  replicas: 2
  selector:
    matchLabels: {app: vllm}
  template:
    metadata:
      labels: {app: vllm}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          args: ["--model", "Qwen/Qwen2.5-7B-Instruct"]
          resources: {limits: {nvidia.com/gpu: 1}}
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]
${replacement ?? `          readinessProbe:\n            httpGet:\n              path: /health\n${readinessTail}`}`;

runRuleTests(rule, {
  valid: [
    {
      name: 'the marker pattern done right: touch in preStop, test ! -f in readiness',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), markerReadiness('/tmp/drain')),
    },
    {
      name: 'an httpGet readiness on a path listed in drainAwarePaths is drain-aware',
      code: deployment('vllm', SLEEP, HTTP_READY),
      options: { drainAwarePaths: ['/ready', '/v2/health/ready'] },
    },
    {
      name: 'an exec readiness that tests a file is drain-aware even without a marker in preStop',
      code: deployment('vllm', SLEEP, markerReadiness('/tmp/drain')),
    },
    {
      name: 'no preStop: prestop-missing reports it, not this rule',
      code: deployment('vllm', undefined, HTTP_HEALTH),
    },
    {
      name: 'no readinessProbe: readiness-missing reports it, not this rule',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), undefined),
    },
    {
      name: 'an unprofiled web app is not judged, even with a plain readiness',
      code: deployment('vllm', SLEEP, HTTP_HEALTH)
        .replace('image: vllm/vllm-openai:v0.11.0', 'image: nginx:1.27')
        .replace('\n          resources: {limits: {nvidia.com/gpu: 1}}', ''),
    },
    {
      name: 'profile none silences a GPU workload',
      code: deployment('vllm', SLEEP, HTTP_HEALTH, '  annotations: {gpu-drain-lint.io/profile: none}'),
    },
    {
      // The user declared /ready as failing while the pod drains (e.g. the server watches the
      // marker file): a marker that readiness does not test directly is then not a problem.
      name: 'a marker written while readiness uses a configured drain-aware path',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), HTTP_READY),
      options: { drainAwarePaths: ['/ready'] },
    },
    {
      name: 'the rule turned off',
      code: deployment('vllm', exec('echo draining > /tmp/drain && sleep 15'), HTTP_HEALTH),
      lint: { settings: { 'readiness-ignores-drain': { level: 'off', options: {} } } },
    },
  ],
  invalid: [
    {
      name: 'echo draining > /tmp/drain, never tested by an httpGet readiness (error at readinessProbe)',
      code: deployment('vllm', exec('echo draining > /tmp/drain && sleep 15'), HTTP_HEALTH),
      errors: [
        {
          line: 20,
          column: 11,
          messageId: 'markerNotTested',
          data: { container: 'vllm', label: 'Deployment vllm', markers: '/tmp/drain', marker: '/tmp/drain' },
        },
      ],
    },
    ...[
      ['touch F', 'touch /tmp/drain && sleep 15'],
      ['> F', '> /tmp/drain; sleep 15'],
      [': > F', ': > /tmp/drain; sleep 15'],
      ['echo … > F', 'echo 1 > /tmp/drain; sleep 15'],
      ['printf … > F', "printf '%s' draining > /tmp/drain && sleep 15"],
      ['echo … >> F', 'echo 1 >> /tmp/drain && sleep 15'],
    ].map(([form, script]) => ({
      name: `marker written by \`${form}\` in an sh -c string`,
      code: deployment('vllm', exec(script!), HTTP_HEALTH),
      errors: [{ line: 20, column: 11, messageId: 'markerNotTested', data: { markers: '/tmp/drain' } }],
    })),
    {
      name: 'marker written by an exec array without a shell (touch F)',
      code: deployment('vllm', '{exec: {command: [touch, /tmp/drain]}}', HTTP_HEALTH),
      errors: [{ line: 20, column: 11, messageId: 'markerNotTested', data: { markers: '/tmp/drain' } }],
    },
    {
      name: 'the message suggests the marker-aware readiness',
      code: deployment('vllm', exec('touch /run/drain && sleep 15'), HTTP_HEALTH),
      errors: [{ line: 20, column: 11, messageId: 'markerNotTested', data: { marker: '/run/drain' } }],
    },
    {
      name: 'readiness tests a different file than the marker',
      code: deployment('vllm', exec('touch /tmp/draining && sleep 15'), markerReadiness('/tmp/drain')),
      errors: [{ line: 20, column: 11, messageId: 'markerNotTested', data: { markers: '/tmp/draining' } }],
    },
    {
      name: 'warn: no marker, a plain httpGet readiness',
      code: deployment('vllm', SLEEP, HTTP_HEALTH),
      errors: [
        {
          line: 20,
          column: 11,
          severity: 'warn',
          messageId: 'notDrainAware',
          data: { container: 'vllm', label: 'Deployment vllm', probe: 'httpGet /health' },
        },
      ],
    },
    {
      name: 'warn: an httpGet readiness on a path that is not in drainAwarePaths',
      code: deployment('vllm', SLEEP, HTTP_HEALTH),
      options: { drainAwarePaths: ['/ready'] },
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'notDrainAware', data: { probe: 'httpGet /health' } }],
    },
    {
      name: 'warn: a tcpSocket readiness under an exec sleep preStop',
      code: deployment('vllm', exec('sleep 15'), '{tcpSocket: {port: 8000}}'),
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'notDrainAware', data: { probe: 'tcpSocket' } }],
    },
    {
      name: 'warn: an httpGet preStop writes no marker',
      code: deployment('vllm', '{httpGet: {path: /drain, port: 8000}}', HTTP_HEALTH),
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'notDrainAware' }],
    },
    {
      name: 'the configured level applies (warn)',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), HTTP_HEALTH),
      lint: { settings: { 'readiness-ignores-drain': { level: 'warn', options: {} } } },
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'markerNotTested', data: { markers: '/tmp/drain' } }],
    },
    {
      name: 'error written only to pass options keeps the warn case a warning',
      code: deployment('vllm', exec('sleep 15'), '{tcpSocket: {port: 8000}}'),
      lint: { settings: { 'readiness-ignores-drain': { level: 'error', options: { drainAwarePaths: ['/ready'] } } } },
      errors: [{ line: 20, column: 11, severity: 'warn', messageId: 'notDrainAware' }],
    },
    {
      name: 'a LeaderWorkerSet leader template is judged and named',
      code: `apiVersion: leaderworkerset.x-k8s.io/v1
kind: LeaderWorkerSet
metadata:
  name: vllm-405b
spec:
  replicas: 2
  leaderWorkerTemplate:
    size: 2
    leaderTemplate:
      spec:
        terminationGracePeriodSeconds: 180
        containers:
          - name: vllm-leader
            image: vllm/vllm-openai:v0.11.0
            ports: [{containerPort: 8000}]
            resources: {limits: {nvidia.com/gpu: 8}}
            lifecycle: {preStop: {exec: {command: ["sh", "-c", "touch /tmp/drain && sleep 15"]}}}
            readinessProbe: {httpGet: {path: /health, port: 8000}}
    workerTemplate:
      spec:
        terminationGracePeriodSeconds: 180
        containers:
          - name: vllm-worker
            image: vllm/vllm-openai:v0.11.0
            resources: {limits: {nvidia.com/gpu: 8}}
`,
      errors: [{ line: 18, column: 13, messageId: 'markerNotTested', data: { container: 'vllm-leader', label: 'LeaderWorkerSet vllm-405b (leaderTemplate)', markers: '/tmp/drain' } }],
    },

    // ---- The fix: readiness fails on the marker (period 2 s, threshold 1); unsafe (shell, curl). ----
    {
      name: 'fix: a flow-style readiness is rewritten inside its braces; flow lists quoted like the file’s',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), '{httpGet: {path: /health, port: 8000}, periodSeconds: 5}'),
      errors: [{ line: 20, column: 11 }],
      output: deployment(
        'vllm',
        exec('touch /tmp/drain && sleep 15'),
        '{exec: {command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"]}, periodSeconds: 2, failureThreshold: 1}',
      ),
    },
    {
      name: 'fix (warn case): a native sleep preStop becomes an exec that writes the marker, in the flow map',
      code: deployment('vllm', SLEEP, HTTP_HEALTH),
      errors: [{ line: 20, column: 11, severity: 'warn' }],
      output: deployment(
        'vllm',
        '{exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]}}',
        '{exec: {command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"]}, periodSeconds: 2, failureThreshold: 1}',
      ),
    },
    {
      name: 'fix: a block readiness; the comment on its last line (with an apostrophe) is kept',
      code: blockDeployment("              port: 8000 # vLLM's OpenAI-compatible port\n            periodSeconds: 5\n"),
      errors: [{ line: 23, column: 11 }],
      output: blockDeployment(
        '',
        `          readinessProbe:\n            exec:\n              command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"] # vLLM's OpenAI-compatible port\n            periodSeconds: 2\n            failureThreshold: 1\n`,
      ),
    },
    {
      name: 'fix: a block readiness; the comment on its last line is kept (no quote in it)',
      code: blockDeployment('              port: 8000 # the OpenAI-compatible port\n            periodSeconds: 5\n'),
      errors: [{ line: 23, column: 11 }],
      output: blockDeployment(
        '',
        `          readinessProbe:\n            exec:\n              command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"] # the OpenAI-compatible port\n            periodSeconds: 2\n            failureThreshold: 1\n`,
      ),
    },
    {
      // `# wait for endpoints` is the end of a shell line inside a literal block, not a YAML comment.
      name: 'fix (warn case): a preStop script in a literal block is wrapped, stays a literal block, and no stray text is left behind',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
          lifecycle:
            preStop:
              exec:
                command:
                  - /bin/sh
                  - -c
                  - |
                    sleep 15 # wait for endpoints
          readinessProbe:
            httpGet: {path: /health, port: 8000}
`,
      errors: [{ line: 23, column: 11, severity: 'warn' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
          lifecycle:
            preStop:
              exec:
                command:
                  - /bin/sh
                  - -c
                  - |
                    touch /tmp/drain && sleep 15 # wait for endpoints
          readinessProbe:
            exec:
              command:
                - /bin/sh
                - -c
                - "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"
            periodSeconds: 2
            failureThreshold: 1
`,
    },
    // Issue 15, item 16: an exec readiness script written as a block scalar stays one, under its own shell.
    {
      name: 'fix: a `|` block readiness script is wrapped in place and stays a `|` block; the shell and the other items keep their bytes',
      code: blockDeployment('', '          readinessProbe:\n            exec:\n              command:\n                - sh # busybox\n                - -c\n                - |\n                  curl -fsS localhost:8000/health\n                  test -f /tmp/ready\n            periodSeconds: 5\n'),
      errors: [{ line: 23, column: 11 }],
      output: blockDeployment(
        '',
        '          readinessProbe:\n            exec:\n              command:\n                - sh # busybox\n                - -c\n                - |\n                  ! test -f /tmp/drain && (curl -fsS localhost:8000/health\n                  test -f /tmp/ready)\n            periodSeconds: 2\n            failureThreshold: 1\n',
      ),
    },
    {
      name: 'fix: a `|-` block readiness script in a CRLF file stays a `|-` block with CRLF lines',
      code: blockDeployment('', '          readinessProbe:\n            exec:\n              command:\n                - /bin/bash\n                - -c\n                - |-\n                  curl -fsS localhost:8000/health &&\n                    test -f /tmp/ready\n').replace(/\n/g, '\r\n'),
      errors: [{ line: 23, column: 11 }],
      output: blockDeployment(
        '',
        '          readinessProbe:\n            exec:\n              command:\n                - /bin/bash\n                - -c\n                - |-\n                  ! test -f /tmp/drain && (curl -fsS localhost:8000/health &&\n                    test -f /tmp/ready)\n            periodSeconds: 2\n            failureThreshold: 1\n',
      ).replace(/\n/g, '\r\n'),
    },
    {
      name: 'fix: CRLF line endings are kept in the rewritten probe',
      code: blockDeployment('              port: 8000\n            periodSeconds: 5\n').replace(/\n/g, '\r\n'),
      errors: [{ line: 23, column: 11 }],
      output: blockDeployment(
        '',
        `          readinessProbe:\n            exec:\n              command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"]\n            periodSeconds: 2\n            failureThreshold: 1\n`,
      ).replace(/\n/g, '\r\n'),
    },
    // ---- Issue 14, item 2: the new readiness script is real shell that keeps the check's meaning. ----
    {
      name: 'fix: a query string with & is quoted, so curl gets the whole URL and the script is one command',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), '{httpGet: {path: "/health?a=1&b=2", port: 8000}}'),
      errors: [{ line: 20, column: 11 }],
      output: deployment(
        'vllm',
        exec('touch /tmp/drain && sleep 15'),
        `{exec: {command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS 'http://localhost:8000/health?a=1&b=2'"]}, periodSeconds: 2, failureThreshold: 1}`,
      ),
    },
    {
      name: 'fix: the probe’s httpHeaders are sent by curl, quoted; brackets in the path turn off curl’s URL globbing',
      code: deployment(
        'vllm',
        exec('touch /tmp/drain && sleep 15'),
        `{httpGet: {path: "/health/[0]", port: 8000, httpHeaders: [{name: Authorization, value: "Bearer it's-me"}]}}`,
      ),
      errors: [{ line: 20, column: 11 }],
      output: deployment(
        'vllm',
        exec('touch /tmp/drain && sleep 15'),
        `{exec: {command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS -g -H 'Authorization: Bearer it'\\\\''s-me' 'http://localhost:8000/health/[0]'"]}, periodSeconds: 2, failureThreshold: 1}`,
      ),
    },
    {
      name: 'fix: an exec readiness script whose last line is a comment gets its ) on a line of its own',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), exec('curl -fsS localhost:8000/health # the OpenAI server')),
      errors: [{ line: 20, column: 11 }],
      output: deployment(
        'vllm',
        exec('touch /tmp/drain && sleep 15'),
        `{exec: {command: ["/bin/sh", "-c", "! test -f /tmp/drain && (curl -fsS localhost:8000/health # the OpenAI server\\n)"]}, periodSeconds: 2, failureThreshold: 1}`,
      ),
    },
    {
      name: 'fix: a marker path with a space is quoted in the readiness test',
      code: deployment('vllm', exec('touch "/tmp/drain marker" && sleep 15'), HTTP_HEALTH),
      errors: [{ line: 20, column: 11 }],
      output: deployment(
        'vllm',
        exec('touch "/tmp/drain marker" && sleep 15'),
        `{exec: {command: ["/bin/sh", "-c", "! test -f '/tmp/drain marker' && curl -fsS http://localhost:8000/health"]}, periodSeconds: 2, failureThreshold: 1}`,
      ),
    },
    {
      name: 'no fix: a readiness script that is not valid shell (an unclosed quote) is not wrapped',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), exec(`curl -fsS 'localhost:8000/health`)),
      errors: [{ line: 20, column: 11, unfixable: /not fixed: the readiness script cannot be read as shell/ }],
      output: null,
    },
    {
      name: 'no fix: a header computed elsewhere cannot be copied into curl',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), '{httpGet: {path: /health, port: 8000, httpHeaders: [{name: X-Token}]}}'),
      errors: [{ line: 20, column: 11, unfixable: /not fixed: the readiness httpHeaders cannot be read/ }],
      output: null,
    },
    {
      name: 'no fix: a readiness port name that no container port has, and the finding says why',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), '{httpGet: {path: /health, port: metrics}}'),
      errors: [{ line: 20, column: 11, messageId: 'markerNotTested', unfixable: /not fixed: the readiness port metrics cannot be resolved/ }],
      output: null,
    },
    {
      name: 'no fix: a readiness probe shared through an alias, and the finding says why',
      code: deployment('vllm', exec('touch /tmp/drain && sleep 15'), '*probe').replace(
        '          resources: {limits: {nvidia.com/gpu: 1}}\n',
        '          resources: {limits: {nvidia.com/gpu: 1}}\n          startupProbe: &probe {httpGet: {path: /health, port: 8000}}\n',
      ),
      errors: [{ line: 21, column: 11, messageId: 'markerNotTested', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
    {
      // Replacing `sleep:` would drop the comments inside it; the fix is refused, and says so,
      // rather than left on the finding for a --fix that never applies it.
      name: 'no fix: comments inside the preStop sleep would be lost, and the finding says why',
      code: deployment('vllm', undefined, HTTP_HEALTH).replace(
        '          readinessProbe:',
        `          lifecycle:
            preStop:
              sleep:
                # the p99 time for the gateway to take the pod out of rotation;
                # update terminationGracePeriodSeconds with it
                seconds: 15
          readinessProbe:`,
      ),
      errors: [{ line: 25, column: 11, severity: 'warn', messageId: 'notDrainAware', unfixable: /not fixed/ }],
      output: null,
    },
  ],
});
