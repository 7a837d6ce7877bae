import rule from '../../rules/readiness-too-slow.js';
import readinessIgnoresDrain from '../../rules/readiness-ignores-drain.js';
import readinessMissing from '../../rules/readiness-missing.js';
import prestopMissing from '../../rules/prestop-missing.js';
import prestopTooShort from '../../rules/prestop-too-short.js';
import { describe, expect, it } from 'vitest';
import { lintText } from '../support/lint-text.js';
import { VLLM_DEPLOYMENT_HEAD } from '../support/manifests.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A vLLM Deployment; `lifecycle:` (when given) is at line 18, then `readinessProbe:` at 19:11. */
const deployment = (preStop: string | undefined, readiness: string | undefined) => `${VLLM_DEPLOYMENT_HEAD}${preStop ? `          lifecycle: {preStop: ${preStop}}\n` : ''}${readiness ? `          readinessProbe:\n${readiness}` : ''}`;

const sleep = (seconds: number) => `{sleep: {seconds: ${seconds}}}`;
const marker = (seconds: number) => `{exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep ${seconds}"]}}`;
const markerProbe = (timing: string) => `            exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain && curl -sf localhost:8000/health"]}\n${timing}`;
const httpProbe = (timing: string) => `            httpGet: {path: /ready, port: 8000}\n${timing}`;

/** A 4-space, CRLF StatefulSet whose readinessProbe (at 29:15) tests the drain marker; `timing` lines follow its handler. */
const CRLF_STATEFULSET = (...timing: string[]) =>
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
    '            terminationGracePeriodSeconds: 180',
    '            containers:',
    '            - name: sglang',
    '              image: lmsysorg/sglang:v0.4.6.post1-cu124',
    '              ports:',
    '              - containerPort: 30000',
    '              resources:',
    '                  limits:',
    '                      nvidia.com/gpu: 1',
    '              lifecycle:',
    '                  preStop:',
    '                      exec:',
    '                          command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]',
    '              readinessProbe:',
    '                  exec:',
    '                      command:',
    '                      - /bin/sh',
    '                      - -c',
    '                      - test ! -f /tmp/drain',
    ...timing.map((line) => `      ${line}`),
    '',
  ].join('\r\n');

/** Two vLLM Deployments of one List share a readiness probe through `&probe` / `*probe`. */
const ALIASED_PROBE = `apiVersion: v1
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
          terminationGracePeriodSeconds: 180
          containers:
            - name: vllm
              image: vllm/vllm-openai:v0.11.0
              ports: [{containerPort: 8000}]
              resources: {limits: {nvidia.com/gpu: 1}}
              lifecycle: {preStop: {exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 10"]}}}
              readinessProbe: &probe
                exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain"]}
                failureThreshold: 3
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm-canary}
    spec:
      replicas: 2
      selector: {matchLabels: {app: vllm-canary}}
      template:
        metadata: {labels: {app: vllm-canary}}
        spec:
          terminationGracePeriodSeconds: 180
          containers:
            - name: vllm
              image: vllm/vllm-openai:v0.11.0
              ports: [{containerPort: 8000}]
              resources: {limits: {nvidia.com/gpu: 1}}
              lifecycle: {preStop: {exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 10"]}}}
              readinessProbe: *probe
`;

runRuleTests(rule, {
  valid: [
    {
      name: 'issue 16: a 1 s preStop (prestop-too-short) with a probe within the 15 s that rule asks for is its finding alone',
      code: deployment(marker(1), markerProbe('            periodSeconds: 2\n            failureThreshold: 5\n')),
    },
    { name: 'marker probe at 2 × 1 + 1 = 3 s under a 15 s sleep', code: deployment(marker(15), markerProbe('            periodSeconds: 2\n            failureThreshold: 1\n')) },
    { name: 'a drain-aware path that flips exactly when the sleep ends', code: deployment(sleep(31), httpProbe('')), options: { drainAwarePaths: ['/ready'] } },
    { name: 'no preStop: prestop-missing owns it', code: deployment(undefined, markerProbe('')) },
    { name: 'no readiness: readiness-missing owns it', code: deployment(marker(15), undefined) },
    { name: 'an httpGet probe on a path not declared drain-aware: readiness-ignores-drain owns it', code: deployment(sleep(15), httpProbe('')) },
    { name: 'a tcpSocket probe cannot notice the drain: readiness-ignores-drain owns it', code: deployment(sleep(15), '            tcpSocket: {port: 8000}\n') },
    { name: 'a marker the probe never tests: readiness-ignores-drain owns it', code: deployment(marker(15), httpProbe('')) },
    { name: 'a sleep below 5 s with a probe that fits in 5 s: prestop-too-short owns it', code: deployment(marker(1), markerProbe('            periodSeconds: 2\n            failureThreshold: 2\n')) },
    { name: 'an unreadable timeoutSeconds is not guessed', code: deployment(marker(15), markerProbe('            timeoutSeconds: "5s"\n')) },
    {
      // 3 × 2 + 1 = 7 s under a 5 s sleep is reported at the default minimum (see below); with
      // prestop-too-short's minSeconds at 10 the sleep is that rule's finding, and the probe fits in 10 s.
      name: 'prestop-too-short’s configured minSeconds (10) moves the deferral: a 5 s sleep with a 7 s probe is prestop-too-short’s',
      code: deployment(marker(5), markerProbe('            periodSeconds: 3\n            failureThreshold: 2\n')),
      lint: { settings: { 'prestop-too-short': { level: 'warn', options: { minSeconds: 10 } } } },
    },
  ],
  invalid: [
    {
      name: 'a drain-aware path (option drainAwarePaths) with the defaults (10 × 3 + 1 = 31 s) under a 15 s sleep: at the readinessProbe key',
      code: deployment(sleep(15), httpProbe('')),
      options: { drainAwarePaths: ['/ready'] },
      errors: [{ line: 19, column: 11, messageId: 'tooSlow', data: { flip: '31 s', period: 10, threshold: 3, timeout: 1, preStop: '15 s', afterMarker: '', fast: '3 s' } }],
    },
    {
      name: 'a marker probe too slow for its sleep: at failureThreshold',
      code: deployment(marker(5), markerProbe('            periodSeconds: 3\n            failureThreshold: 2\n')),
      errors: [{ line: 22, column: 13, messageId: 'tooSlow', data: { flip: '7 s', period: 3, threshold: 2, timeout: 1, preStop: '5 s', afterMarker: ' after /tmp/drain is written' } }],
    },
    {
      name: 'a sleep below 5 s with a probe no 5 s sleep would fit: both mistakes are reported',
      code: deployment(marker(2), markerProbe('            periodSeconds: 5\n')),
      errors: [{ line: 21, column: 13, messageId: 'tooSlowEvenFast', data: { preStop: '2 s', fast: '3 s' } }],
    },
    {
      // A sleep below prestop-too-short's minimum is that rule's finding, and its fix (the
      // profile's 15 s) covers a probe that flips within 15 s; a slower probe is a second mistake.
      name: 'a 1 s sleep (prestop-too-short fires) with a probe slower than the 15 s that rule asks for is reported too',
      code: deployment(marker(1), markerProbe('            periodSeconds: 10\n            failureThreshold: 2\n')),
      lint: { settings: { 'prestop-too-short': { level: 'warn', options: { minSeconds: 3 } } } },
      errors: [{ line: 22, column: 13, messageId: 'tooSlowEvenFast', data: { flip: '21 s', preStop: '1 s' } }],
    },

    // ---- The fix (unsafe): periodSeconds 2, failureThreshold 1, touching nothing else. ----
    {
      name: 'fix: written periodSeconds and failureThreshold are replaced in place',
      code: deployment(marker(5), markerProbe('            periodSeconds: 3\n            failureThreshold: 2\n')),
      errors: [{ line: 22, column: 13 }],
      output: deployment(marker(5), markerProbe('            periodSeconds: 2\n            failureThreshold: 1\n')),
    },
    {
      name: 'fix: absent timing keys are added after the handler, at the probe’s indentation; timeoutSeconds is kept',
      code: deployment(marker(15), markerProbe('            timeoutSeconds: 10\n')),
      errors: [{ line: 19, column: 11, messageId: 'tooSlow', data: { period: 10, threshold: 3, timeout: 10, fast: '12 s' } }],
      output: deployment(marker(15), markerProbe('            timeoutSeconds: 10\n            periodSeconds: 2\n            failureThreshold: 1\n')),
    },
    {
      name: 'fix: a drain-aware httpGet path (option) keeps its handler; the keys follow it',
      code: deployment(sleep(15), httpProbe('')),
      options: { drainAwarePaths: ['/ready'] },
      errors: [{ line: 19, column: 11 }],
      output: deployment(sleep(15), httpProbe('            periodSeconds: 2\n            failureThreshold: 1\n')),
    },
    {
      name: 'fix: only periodSeconds written: it is replaced and failureThreshold added after the last key',
      code: deployment(marker(2), markerProbe('            periodSeconds: 5\n')),
      errors: [{ line: 21, column: 13 }],
      output: deployment(marker(2), markerProbe('            periodSeconds: 2\n            failureThreshold: 1\n')),
    },
    {
      name: 'fix: comments on and after the edited lines stay where they were',
      code: deployment(
        marker(10),
        markerProbe('            periodSeconds: 5      # every 5 s\n            failureThreshold: 3   # three strikes\n            # timeoutSeconds: the default 1 s\n'),
      ),
      errors: [{ line: 22, column: 13 }],
      output: deployment(
        marker(10),
        markerProbe('            periodSeconds: 2      # every 5 s\n            failureThreshold: 1   # three strikes\n            # timeoutSeconds: the default 1 s\n'),
      ),
    },
    {
      name: 'fix: a comment at the end of the handler line: the new keys go on the next lines',
      code: deployment(sleep(15), '            httpGet: {path: /ready, port: 8000}   # fails while draining\n'),
      options: { drainAwarePaths: ['/ready'] },
      errors: [{ line: 19, column: 11 }],
      output: deployment(sleep(15), '            httpGet: {path: /ready, port: 8000}   # fails while draining\n            periodSeconds: 2\n            failureThreshold: 1\n'),
    },
    {
      name: 'fix: a flow-style probe keeps its braces; written values are replaced in place',
      code: deployment(marker(10), undefined) + `          readinessProbe: {exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain"]}, periodSeconds: 5, failureThreshold: 3}\n`,
      errors: [{ line: 19, column: 106 }],
      output: deployment(marker(10), undefined) + `          readinessProbe: {exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain"]}, periodSeconds: 2, failureThreshold: 1}\n`,
    },
    {
      // `set(…, 'last')`: after the last key, as in a block probe, not before the handler.
      name: 'fix: a flow-style probe without timing gets both keys inside its braces, after the handler',
      code: deployment(marker(15), undefined) + `          readinessProbe: {exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain"]}}\n`,
      errors: [{ line: 19, column: 11 }],
      output: deployment(marker(15), undefined) + `          readinessProbe: {exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain"]}, periodSeconds: 2, failureThreshold: 1}\n`,
    },
    {
      name: 'fix: CRLF line endings, 4-space indentation and unindented `- ` lists are the file’s style',
      code: CRLF_STATEFULSET('            periodSeconds: 10'),
      errors: [{ line: 35, column: 19 }],
      output: CRLF_STATEFULSET('            periodSeconds: 2', '            failureThreshold: 1'),
    },
    {
      // 2 × 1 + 30 s: the timeout alone outlasts the sleep, and the timing is already what the fix writes.
      name: 'no fix: periodSeconds 2 and failureThreshold 1 already, the timeout is what is slow',
      code: deployment(marker(15), markerProbe('            periodSeconds: 2\n            timeoutSeconds: 30\n            failureThreshold: 1\n')),
      errors: [{ line: 23, column: 13, messageId: 'tooSlowEvenFast', data: { period: 2, threshold: 1, timeout: 30, fast: '32 s' } }],
      output: null,
    },
    {
      name: 'no fix: failureThreshold comes through a YAML alias, and the finding says why',
      code: deployment(marker(10), undefined) +
        `          livenessProbe: {httpGet: {path: /health, port: 8000}, failureThreshold: &strikes 3}\n` +
        `          readinessProbe:\n${markerProbe('            periodSeconds: 5\n            failureThreshold: *strikes\n')}`,
      errors: [{ line: 23, column: 13, messageId: 'tooSlow', unfixable: /not fixed: .*alias/ }],
      output: null,
    },
    {
      name: 'no fix: the probe is an anchor another container uses through an alias',
      code: ALIASED_PROBE,
      errors: [
        // Both point at the anchored probe's failureThreshold (the canary's comes through `*probe`).
        { line: 22, column: 17, messageId: 'tooSlow', data: { label: 'Deployment vllm-canary' }, unfixable: /not fixed: .*comes through a YAML alias/ },
        { line: 22, column: 17, messageId: 'tooSlow', data: { label: 'Deployment vllm' }, unfixable: /not fixed: .*inside the anchor &probe/ },
      ],
      output: null,
    },
  ],
});

describe('readiness-too-slow with the rules it defers to', () => {
  const rules = [prestopMissing, readinessIgnoresDrain, readinessMissing, rule, prestopTooShort];
  const ids = (code: string) => lintText(code, { rules }).map((f) => f.ruleId);

  it('a missing readiness probe is one finding (readiness-missing), not three', () => {
    expect(ids(deployment(marker(15), undefined))).toEqual(['readiness-missing']);
  });

  it('a missing preStop is one finding (prestop-missing)', () => {
    expect(ids(deployment(undefined, httpProbe('')))).toEqual(['prestop-missing']);
  });

  it('an untested marker is one finding (readiness-ignores-drain)', () => {
    expect(ids(deployment(marker(15), httpProbe('')))).toEqual(['readiness-ignores-drain']);
  });

  it('a probe with no drain awareness and the default timing is one finding (readiness-ignores-drain, warn)', () => {
    expect(ids(deployment(sleep(15), httpProbe('')))).toEqual(['readiness-ignores-drain']);
  });

  it('with the same drainAwarePaths for both rules, a slow drain-aware path is readiness-too-slow’s only', () => {
    const settings = {
      'readiness-ignores-drain': { level: 'error' as const, options: { drainAwarePaths: ['/ready'] } },
      'readiness-too-slow': { level: 'warn' as const, options: { drainAwarePaths: ['/ready'] } },
    };
    expect(lintText(deployment(sleep(15), httpProbe('')), { rules, settings }).map((f) => f.ruleId)).toEqual(['readiness-too-slow']);
  });

  it('a fix that would change nothing is not offered (the finding is not counted as fixable)', () => {
    // Seen on kubernetes-sigs/gateway-api-inference-extension's sglang gpu-deployment.yaml: after
    // --fix --unsafe-fixes the summary still says "1 more fixable with `--fix --unsafe-fixes`".
    const code = deployment(marker(15), markerProbe('            periodSeconds: 2\n            timeoutSeconds: 30\n            failureThreshold: 1\n'));
    const [finding] = lintText(code, { rules: [rule] });
    expect(finding?.ruleId).toBe('readiness-too-slow');
    expect(finding?.fix).toBeUndefined();
    expect(finding?.fixable).toBe(false);
  });

  it('a preStop with no sleep at all is one finding (prestop-too-short)', () => {
    expect(ids(deployment('{exec: {command: ["touch", "/tmp/drain"]}}', markerProbe('            periodSeconds: 2\n            failureThreshold: 1\n')))).toEqual(['prestop-too-short']);
  });
});

describe('KubeRay’s injected head readiness: period 5 × failure 10 + timeout 5 (issue 16)', () => {
  runRuleTests(rule, {
    valid: [],
    invalid: [
      {
        name: 'a RayCluster head with a 15 s preStop: KubeRay’s probe flips in 55 s, no fix (write your own)',
        code: `apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: vllm
spec:
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        terminationGracePeriodSeconds: 180
        containers:
        - name: ray-head
          image: rayproject/ray:2.46.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: "1"}}
          lifecycle: {preStop: {sleep: {seconds: 15}}}
`,
        errors: [{ line: 12, column: 11, messageId: 'tooSlow', data: { flip: '55 s', period: 5, threshold: 10, timeout: 5 }, unfixable: /KubeRay adds this readinessProbe/ }],
      },
    ],
  });
});
