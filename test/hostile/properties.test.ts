/**
 * Property-based tests (fast-check): whatever bytes arrive, `lint()` returns (it never throws),
 * every finding of the file points inside it (1 ≤ line ≤ lines, 1 ≤ column ≤ the line's length
 * + 1) and the canary manifest linted beside it still gets its findings.
 *
 * Inputs: the fixtures under fixtures/ mutated line by line (lines deleted, duplicated, swapped,
 * re-indented; values swapped for maps, lists, numbers, strings, YAML 1.1 oddities, anchors and
 * aliases, Helm `{{`, random Unicode; raw bytes inserted), Kubernetes objects whose every field
 * the rules read takes a random YAML value, token soup, and random bytes. Run counts stay modest
 * so the suite stays fast; a failure prints the seed and the shrunk input to replay it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';
import { withEnding } from '../support/fix-checks.js';
import { CANARY, encode, expectCanaryLinted, expectPositionsInside, lintInputs } from './helpers.js';

/** Runs per property; GPU_DRAIN_LINT_PROPERTY_RUNS=5000 explores further (a local hunt, not CI). */
const RUNS = Number(process.env.GPU_DRAIN_LINT_PROPERTY_RUNS ?? 200);

function fixtureTexts(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) found.push(full);
    }
  };
  walk(join(ROOT, 'fixtures'));
  return found.sort().map((path) => readFileSync(path, 'utf8'));
}

const FIXTURES = fixtureTexts();

/** Values that stress the readers: every YAML type, YAML 1.1 oddities, placeholders, broken syntax. */
const VALUES = [
  '{}', '[]', '{a: 1}', '[1, 2]', '[[]]', '{seconds: 5}', '[{name: x}]', '0', '1', '-1', '42', '3.5', '-0', '1e3', '1e400', '.inf', '-.inf', '.nan',
  '0777', '0300', '0x1F', '0o17', '0b101', '1_000', '12:30', '2024-01-01', '9999999999999999999999', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False',
  '~', 'null', '""', "''", '"30s"', '30s', '2m', '"25%"', '150%', '-5%', '0%', 'abc', '"${GRACE}"', '${VAR}', '<value>', '__X__', '"{{ .Values.x }}"',
  '{{ .Values.x }}', '*a', '&a', '&a 5', '&a {seconds: 5}', '!!str 5', '!!int "7"', '!!binary aGk=', '!custom x', '|', '>-', '? k', '"unterminated',
  "'", '#', '[', '{', '}', ']', ',', ':', '- item', 'a: b: c', '"\\u0000"', '"\\uD800"', '"\\t"', 'sleep 15', '["sleep", "20"]',
  '["/bin/sh", "-c", "touch /tmp/drain; sleep 30"]', '"é漢字🙂"', '\u00a0', '\u2028', '\ufeff',
];

const TOKENS = ['{{', '}}', '{{ .Values.image }}', '&a ', '*a', '<<: *a', '<<: [*a, *a]', '---', '...', '%YAML 1.1', '? ', '!!map ', '- ', ': ', '# ', '"', "'", '\t', '\r', '\\', '|', '>', '[', ']', '{', '}', ',', '@', '`'];

type Op =
  | { kind: 'delete' | 'duplicate' | 'truncate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'value'; at: number; value: string }
  | { kind: 'block'; at: number; list: boolean }
  | { kind: 'insert'; at: number; column: number; text: string };

const index = fc.nat({ max: 10_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), at: index }),
  fc.record({ kind: fc.constant('swap' as const), at: index, with: index }),
  fc.record({ kind: fc.constant('indent' as const), at: index, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('value' as const), at: index, value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('block' as const), at: index, list: fc.boolean() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: index,
    column: fc.nat({ max: 80 }),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })),
  }),
);

/** Applies line mutations to a text. */
function mutate(text: string, ops: readonly Op[]): string {
  let lines = text.split('\n');
  for (const o of ops) {
    if (lines.length === 0) lines = [''];
    const i = o.at % lines.length;
    const line = lines[i]!;
    const indent = /^\s*/.exec(line)![0];
    switch (o.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'truncate':
        lines = lines.slice(0, i);
        break;
      case 'swap': {
        const j = o.with % lines.length;
        [lines[i], lines[j]] = [lines[j]!, line];
        break;
      }
      case 'indent':
        lines[i] = o.by >= 0 ? `${' '.repeat(o.by)}${line}` : line.slice(Math.min(-o.by, indent.length));
        break;
      case 'value': {
        // `key: old` becomes `key: <value>`; a line without a key becomes the value.
        const key = /^(\s*(?:- )?[^:#\s][^:#]*:)(\s.*)?$/.exec(line);
        lines[i] = key ? `${key[1]} ${o.value}` : `${indent}${o.value}`;
        break;
      }
      case 'block': {
        // A scalar value becomes a nested block map or list (and vice versa, by later ops).
        const key = /^(\s*(?:- )?[^:#\s][^:#]*:)\s.+$/.exec(line);
        if (key) lines.splice(i, 1, key[1]!, o.list ? `${indent}  - a` : `${indent}  a: 1`, o.list ? `${indent}  - {b: 2}` : `${indent}  b: [2]`);
        break;
      }
      case 'insert': {
        const column = Math.min(o.column, line.length);
        lines[i] = `${line.slice(0, column)}${o.text}${line.slice(column)}`;
        break;
      }
    }
  }
  return lines.join('\n');
}

/** Lints the bytes beside the canary; asserts the properties. */
function checkLint(content: Uint8Array): void {
  const results = lintInputs([
    { path: 'mutated.yaml', content, reportable: true },
    { path: 'canary.yaml', content: encode(CANARY), reportable: true },
  ]);
  const file = results.find((r) => r.path === 'mutated.yaml');
  const canary = results.find((r) => r.path === 'canary.yaml');
  expect(file).toBeDefined();
  expect(canary).toBeDefined();
  expectPositionsInside(file!.findings, content);
  for (const f of file!.findings) {
    expect(f.ruleId).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(['error', 'warn']).toContain(f.severity);
  }
  expectCanaryLinted(canary!.findings);
}

describe('property: lint() never throws and positions stay inside the file', () => {
  it('has fixtures to mutate', () => {
    expect(FIXTURES.length).toBeGreaterThan(20);
  });

  it('on mutated fixtures', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(op, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        (fixture, ops, crlf, bom) => {
          checkLint(encode(withEnding(mutate(FIXTURES[fixture]!, ops), crlf, bom)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('on mutated fixtures with raw bytes inserted (invalid UTF-8, NUL, lone continuation bytes)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(op, { maxLength: 3 }),
        fc.array(fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
        (fixture, ops, insertions) => {
          let bytes = encode(mutate(FIXTURES[fixture]!, ops));
          for (const { at, bytes: inserted } of insertions) {
            const offset = at % (bytes.length + 1);
            bytes = Uint8Array.from([...bytes.subarray(0, offset), ...inserted, ...bytes.subarray(offset)]);
          }
          checkLint(bytes);
        },
      ),
      { numRuns: RUNS / 2 },
    );
  });

  it('on objects whose every field the rules read holds a random YAML value', () => {
    const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALUES) }, fc.integer({ min: -5, max: 100_000 }).map(String));
    const fields = fc.record({
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod', 'LeaderWorkerSet', 'Rollout', 'ReplicaSet', 'List'),
      replicas: value, grace: value, sleep: value, command: value, httpPort: value, period: value, failure: value, delay: value,
      port: value, gpu: value, maxUnavailable: value, maxSurge: value, strategy: value, label: value, profile: value,
      longest: value, ignore: value, minAvailable: value, pdbMax: value, minReplicas: value, maxReplicas: value,
      target: value, svcPort: value, appProtocol: value, timeout: value, containers: fc.boolean(),
    });
    fc.assert(
      fc.property(fields, fc.boolean(), (v, crlf) => {
        const pod = [
          '    metadata:',
          '      labels: {app: gen}',
          `      annotations: {gpu-drain-lint.io/profile: ${v.profile}, gpu-drain-lint.io/longest-request: ${v.longest}}`,
          '    spec:',
          `      terminationGracePeriodSeconds: ${v.grace}`,
          ...(v.containers
            ? ['      containers:',
              '        - name: vllm',
              '          image: vllm/vllm-openai:v0.11.0',
              `          command: ${v.command}`,
              `          ports: [{name: http, containerPort: ${v.port}}]`,
              `          resources: {limits: {nvidia.com/gpu: ${v.gpu}}}`,
              `          lifecycle: {preStop: {sleep: {seconds: ${v.sleep}}}}`,
              `          readinessProbe: {httpGet: {path: /health, port: ${v.httpPort}}, periodSeconds: ${v.period}, failureThreshold: ${v.failure}}`,
              `          livenessProbe: {exec: {command: ${v.command}}, initialDelaySeconds: ${v.delay}, timeoutSeconds: ${v.timeout}}`]
            : [`      containers: ${v.command}`]),
        ];
        const workload = [
          `kind: ${v.kind === 'List' ? 'Deployment' : v.kind}`,
          'metadata:',
          '  name: gen',
          '  namespace: inference',
          `  annotations: {gpu-drain-lint.io/ignore: ${v.ignore}}`,
          'spec:',
          `  replicas: ${v.replicas}`,
          `  selector: {matchLabels: {app: ${v.label}}}`,
          `  strategy: {type: ${v.strategy}, rollingUpdate: {maxUnavailable: ${v.maxUnavailable}, maxSurge: ${v.maxSurge}}}`,
          '  template:',
          ...pod,
        ];
        const apiVersion = v.kind === 'LeaderWorkerSet' ? 'leaderworkerset.x-k8s.io/v1' : v.kind === 'Rollout' ? 'argoproj.io/v1alpha1' : 'apps/v1';
        const object = v.kind === 'List'
          ? ['apiVersion: v1', 'kind: List', 'items:', `  - apiVersion: ${apiVersion}`, ...workload.map((l) => `    ${l}`)]
          : [`apiVersion: ${apiVersion}`, ...workload];
        const text = [
          ...object,
          '---',
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata: {name: gen, namespace: inference}',
          `spec: {minAvailable: ${v.minAvailable}, maxUnavailable: ${v.pdbMax}, selector: {matchLabels: {app: ${v.label}}}}`,
          '---',
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata: {name: gen, namespace: inference}',
          `spec: {scaleTargetRef: {apiVersion: apps/v1, kind: ${v.kind}, name: ${v.target}}, minReplicas: ${v.minReplicas}, maxReplicas: ${v.maxReplicas}}`,
          '---',
          'apiVersion: v1',
          'kind: Service',
          'metadata: {name: gen, namespace: inference}',
          `spec: {selector: {app: ${v.label}}, ports: [{port: ${v.svcPort}, targetPort: ${v.httpPort}, appProtocol: ${v.appProtocol}}]}`,
          '---',
          'apiVersion: networking.k8s.io/v1',
          'kind: Ingress',
          'metadata:',
          '  name: gen',
          '  namespace: inference',
          `  annotations: {nginx.ingress.kubernetes.io/proxy-read-timeout: ${v.timeout}, nginx.org/websocket-services: ${v.target}}`,
          `spec: {rules: [{http: {paths: [{path: /, backend: {service: {name: gen, port: {number: ${v.svcPort}}}}}]}}]}`,
          '',
        ].join('\n');
        checkLint(encode(withEnding(text, crlf, false)));
      }),
      { numRuns: RUNS },
    );
  });

  it('on token soup under a pod spec', () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS, ...VALUES, '\n', '\n  ', '\n      ', 'a', 'name', 'containers'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 60 });
    fc.assert(
      fc.property(soup, (parts) => {
        const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: soup}\nspec:\n  template:\n    spec:\n      containers:\n        - ${parts.join('')}\n`;
        checkLint(encode(text));
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        checkLint(bytes);
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
