/**
 * The reports for people, through the real CLI: the stylish layout (headline, location, the rest
 * wrapped to the terminal), concise, --show-source code frames, the summary's counts and plurals,
 * and coloured --fix-dry-run diffs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorDiff } from '../../src/cli/diff-colors.js';
import { colors } from '../../src/formatters/colors.js';
import { stripAnsi, textWidth } from '../../src/formatters/text-width.js';
import { expectCleanExit, gpuDeployment, plainDeployment, positionOf, runInProcess, stylishFindings, tempDir } from './run.js';

const WEBSOCKET = 'fixtures/examples/websocket-ingress.yaml';
const COLOURED = { NO_COLOR: undefined, FORCE_COLOR: '1' };
const ESC = '\u001b';

/** Words of a report, in order, whatever the line breaks. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Lines wider than `width` that are more than one word after their indent (a word is never broken). */
const overflowing = (text: string, width: number) => text.split('\n').filter((line) => textWidth(line) > width && line.trim().includes(' '));

describe('stylish', () => {
  it('piped: each file, then per finding its headline, its location and the rest of the message, wrapped to 80 columns', async () => {
    const result = await runInProcess([WEBSOCKET]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(PIPED);
    expect(overflowing(result.stdout, 80)).toEqual([]);
  });

  it('in a terminal, wrapped to its width: narrow and wide give the same words', async () => {
    const narrow = await runInProcess([WEBSOCKET], { terminalColumns: 60 });
    expect(narrow.stdout).toBe(NARROW);
    const wide = await runInProcess([WEBSOCKET], { terminalColumns: 160 });
    expect(wide.stdout).toBe(WIDE);
    expect(overflowing(narrow.stdout, 60)).toEqual([]);
    expect(overflowing(wide.stdout, 160)).toEqual([]);
    expect(words(narrow.stdout)).toEqual(words(PIPED));
    expect(words(wide.stdout)).toEqual(words(PIPED));
    expect(Math.max(...wide.stdout.split('\n').map(textWidth))).toBeGreaterThan(80);
  });

  it('a report written to a file is wrapped to 80 columns whatever the terminal', async () => {
    const dir = tempDir();
    await runInProcess([join(process.cwd(), WEBSOCKET), '-o', join(dir, 'report.txt')], { terminalColumns: 160 });
    expect(overflowing(readFileSync(join(dir, 'report.txt'), 'utf8'), 80)).toEqual([]);
  });

  it('in colour: the same text, severity red or yellow, rule id bold, [*] cyan, the notes dim; widths without the escapes', async () => {
    const plain = await runInProcess([WEBSOCKET], { terminalColumns: 100 });
    const coloured = await runInProcess([WEBSOCKET], { terminalColumns: 100, env: COLOURED });
    expect(stripAnsi(coloured.stdout)).toBe(plain.stdout);
    expect(plain.stdout).not.toContain(ESC);
    const lines = coloured.stdout.split('\n');
    expect(lines[0]).toBe(`${ESC}[4mfixtures/examples/websocket-ingress.yaml${ESC}[24m`);
    expect(lines).toContain(`  ${ESC}[2m19:7 ${ESC}[22m  ${ESC}[31merror${ESC}[39m  ${ESC}[1mgrace-budget-exceeded${ESC}[22m  ${ESC}[36m[*]${ESC}[39m Deployment chat sets terminationGracePeriodSeconds: 60,`);
    expect(lines).toContain(`    ${ESC}[2m-->${ESC}[22m fixtures/examples/websocket-ingress.yaml:19:7`);
    expect(lines.some((l) => l.startsWith(`  ${ESC}[2m6:3  ${ESC}[22m  ${ESC}[33mwarn ${ESC}[39m  ${ESC}[1mpdb-missing${ESC}[22m  Deployment chat`))).toBe(true);
    expect(lines).toContain(`    ${ESC}[2mconnections]${ESC}[22m`);
    expect(lines).toContain(`${ESC}[31m${ESC}[1m✖ 3 problems (1 error, 2 warnings)${ESC}[22m${ESC}[39m`);
  });

  it('--no-color and NO_COLOR turn colour off in a terminal too', async () => {
    expect((await runInProcess([WEBSOCKET, '--no-color'], { terminalColumns: 100, env: COLOURED })).stdout).not.toContain(ESC);
    expect((await runInProcess([WEBSOCKET], { terminalColumns: 100, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });
});

describe('--format concise', () => {
  it('one line per finding, path:line:col: severity rule-id [*] and the whole message, then the summary', async () => {
    const result = await runInProcess(['--format', 'concise', WEBSOCKET]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(CONCISE);
  });

  it('with --quiet, errors only; a clean run is the clean line; -f concise is accepted', async () => {
    const quiet = await runInProcess(['-f', 'concise', '--quiet', WEBSOCKET]);
    expect(quiet.stdout.split('\n').filter((l) => l.startsWith(WEBSOCKET))).toEqual([CONCISE.split('\n')[1]]);
    const clean = await runInProcess(['-f', 'concise', 'fixtures/examples/vllm-fixed.yaml']);
    expectCleanExit(clean, [0]);
    expect(clean.stdout).toBe('✔ 1 workload in 1 file checked, no problems\n');
  });
});

describe('--show-source', () => {
  /** A GPU Deployment whose name follows a tab, and whose container (where prestop-missing points) follows wide characters. */
  const MANIFEST = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:\t{namespace: x,\tname: vllm}',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: vllm}}',
    '  template:',
    '    metadata: {labels: {app: vllm}}',
    '    spec:',
    '      terminationGracePeriodSeconds: 200',
    '      containers:',
    '        - {env: [{name: TEAM, value: "推論"}], name: vllm, image: "ghcr.io/example/llm-server:1.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}}',
    '',
  ].join('\n');

  /** The frame under the finding of `ruleId`: the lines between its location and the rest of its message. */
  function frameOf(stdout: string, ruleId: string): string[] {
    const lines = stdout.split('\n');
    const headline = lines.findIndex((l) => new RegExp(`^ {2}\\d+:\\d+ +(error|warn) +${ruleId} {2}`).test(l));
    const location = lines.findIndex((l, i) => i > headline && l.startsWith('    --> '));
    const frame: string[] = [];
    for (let i = location + 1; /^ {4} *\d* \|/.test(lines[i] ?? ''); i++) frame.push(lines[i]!.slice(4));
    return frame;
  }

  it('frames each finding: the line before, the line, a caret under the column (tabs expanded), the line after', async () => {
    const result = await runInProcess(['--show-source', '-'], { input: MANIFEST });
    expect(result.status).toBe(1);
    const name = positionOf(MANIFEST, 'name: vllm}');
    expect(stylishFindings(result.stdout)).toContainEqual({ path: '<stdin>', ...name, severity: 'warn', ruleId: 'pdb-missing' });
    expect(frameOf(result.stdout, 'pdb-missing')).toEqual(['2 | kind: Deployment', '3 | metadata:   {namespace: x,  name: vllm}', '  |                             ^^^^^^^^^^', '4 | spec:']);
  });

  it('puts the caret under its column after wide characters, and the frame ends at the last line', async () => {
    const result = await runInProcess(['--show-source', '-'], { input: MANIFEST });
    const frame = frameOf(result.stdout, 'prestop-missing');
    const line = MANIFEST.split('\n')[11]!;
    expect(frame).toHaveLength(3);
    expect(frame[0]).toBe('11 |       containers:');
    expect(frame[1]).toBe(`12 | ${line}`);
    const caret = frame[2]!.indexOf('^') - '12 | '.length;
    expect(caret).toBe(textWidth(line.slice(0, line.indexOf('name: vllm'))));
    expect(caret).toBe(line.indexOf('name: vllm') + 2);
  });

  it('reads a named file as linted; in colour the gutter is dim and the carets take the severity’s colour', async () => {
    const dir = tempDir({ 'm.yaml': MANIFEST });
    const result = await runInProcess(['--show-source', 'm.yaml'], { cwd: dir, terminalColumns: 100, env: COLOURED });
    expect(result.stdout).toContain(`    ${ESC}[2m3 |${ESC}[22m metadata:   {namespace: x,  name: vllm}\n    ${ESC}[2m  |${ESC}[22m                             ${ESC}[33m^^^^^^^^^^${ESC}[39m\n`);
    expect(stripAnsi(result.stdout)).toBe((await runInProcess(['--show-source', 'm.yaml'], { cwd: dir, terminalColumns: 100 })).stdout);
  });

  it('without the text at hand (a binary file) the finding is shown without a frame, quietly', async () => {
    const dir = tempDir({ 'bin.yaml': 'kind: \u0000\n' });
    const result = await runInProcess(['--show-source', 'bin.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(stylishFindings(result.stdout).map((f) => f.path)).toEqual(['bin.yaml']);
    expect(result.stdout).not.toMatch(/^ {4} *\d+ \|/m);
  });

  it('is off by default', async () => {
    expect((await runInProcess(['-'], { input: MANIFEST })).stdout).not.toMatch(/^ {4} *\d+ \|/m);
  });
});

describe('the summary counts, in the singular for one', () => {
  /** Drain-ready but for its missing PodDisruptionBudget: one pdb-missing warning. */
  const ONE_WARNING = gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 180'] });

  it('1 problem (1 error, 0 warnings); 1 problem (0 errors, 1 warning)', async () => {
    const oneError = await runInProcess(['-'], { input: gpuDeployment({ pdb: true }) });
    expect(oneError.stdout).toMatch(/\n\n✖ 1 problem \(1 error, 0 warnings\)\n\[\*\] 1 fixable with `--fix`\.\n1 workload in 1 file checked\n$/);
    const oneWarning = await runInProcess(['-f', 'concise', '-'], { input: ONE_WARNING });
    expect(oneWarning.stdout).toMatch(/^<stdin>:4:3: warn pdb-missing [^\n]*\n\n⚠ 1 problem \(0 errors, 1 warning\)\n1 more fixable with `--fix --unsafe-fixes`\.\n1 workload in 1 file checked\n$/);
  });

  it('--max-warnings says "1 warning" in the singular', async () => {
    const result = await runInProcess(['--max-warnings', '0', '-'], { input: ONE_WARNING });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('gpu-drain-lint: 1 warning, more than --max-warnings 0\n');
  });
});

describe('--fix-dry-run diffs', () => {
  it('are coloured when colours are on: bold headers, cyan hunks, red removed and green added lines', async () => {
    const input = gpuDeployment({ pdb: true });
    const coloured = await runInProcess(['--fix-dry-run', '--stdin-filename', 'm.yaml', '-'], { input, env: COLOURED });
    expect(coloured.stdout).toContain(`${ESC}[1m--- a/m.yaml${ESC}[22m\n${ESC}[1m+++ b/m.yaml${ESC}[22m\n${ESC}[36m@@ -13,6 +13,7 @@${ESC}[39m\n`);
    expect(coloured.stdout).toContain(`${ESC}[32m+      terminationGracePeriodSeconds: 180${ESC}[39m\n`);
    const plain = await runInProcess(['--fix-dry-run', '--stdin-filename', 'm.yaml', '-'], { input });
    expect(plain.stdout).not.toContain(ESC);
    expect(stripAnsi(coloured.stdout)).toBe(plain.stdout);
  });

  it('are never coloured in a report written to a file, or with --no-color', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment({ pdb: true }) });
    await runInProcess(['--fix-dry-run', 'm.yaml', '-o', 'out.txt'], { cwd: dir, env: COLOURED });
    const written = readFileSync(join(dir, 'out.txt'), 'utf8');
    expect(written).toContain('+++ b/m.yaml');
    expect(written).not.toContain(ESC);
    expect((await runInProcess(['--fix-dry-run', '--no-color', 'm.yaml'], { cwd: dir, env: COLOURED })).stdout).not.toContain(ESC);
  });

  it('tell removed lines from headers by the hunk counts: a removed "-- x" is red, not a header', () => {
    const diff = '--- a/m.yaml\n+++ b/m.yaml\n@@ -1,2 +1,2 @@\n--- x\n+++ y\n \\ No newline at end of file\n';
    const c = colors(true);
    expect(colorDiff(diff, c).split('\n')).toEqual([
      c.bold('--- a/m.yaml'),
      c.bold('+++ b/m.yaml'),
      c.cyan('@@ -1,2 +1,2 @@'),
      c.red('--- x'),
      c.green('+++ y'),
      ' \\ No newline at end of file',
      '',
    ]);
    expect(colorDiff(diff, colors(false))).toBe(diff);
  });
});

const PIPED = `fixtures/examples/websocket-ingress.yaml
  6:3    warn   pdb-missing  Deployment chat runs 3 replicas, but no
    PodDisruptionBudget in this run selects its pods (lint the file that has one
    too, or pass it with --context): a node-pool upgrade, the cluster autoscaler
    or Karpenter may evict any number of them at once, cutting all their
    connections together and sending every client to reconnect at the same
    moment.
    --> fixtures/examples/websocket-ingress.yaml:6:3
    Add a PodDisruptionBudget that lets 1 go at a time: { apiVersion: policy/v1,
    kind: PodDisruptionBudget, metadata: { name: chat }, spec: { maxUnavailable:
    1, selector: { matchLabels: { app: chat } } } }
    [long-lived: Ingress chat sets
    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived
    connections]

  19:7   error  grace-budget-exceeded  [*] Deployment chat sets
    terminationGracePeriodSeconds: 60, below its grace budget of 260 s (preStop
    20 s + longest request 180 s + margin 60 s): only 40 s remain after the 20 s
    preStop for requests that take up to 180 s.
    --> fixtures/examples/websocket-ingress.yaml:19:7
    Raise it to 260, or declare your longest request with the
    gpu-drain-lint.io/longest-request annotation if it is shorter than 180 s.
    [long-lived: Ingress chat sets
    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived
    connections]

  30:11  warn   readiness-ignores-drain  Container chat of Deployment chat: the
    readiness probe (httpGet /ready) does not know the pod is draining, so it
    stays ready through the preStop: Kubernetes marks the terminating endpoint
    not ready anyway, but it stays serving=true, and kube-proxy's
    terminating-endpoint fallback, routers that read pod readiness (the
    inference gateway's endpoint picker) and load balancers that health-check
    pods directly keep sending new requests until SIGTERM.
    --> fixtures/examples/websocket-ingress.yaml:30:11
    Have preStop write a marker and readiness fail on it, or list a drain-aware
    path in the drainAwarePaths option.
    [long-lived: Ingress chat sets
    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived
    connections]

✖ 3 problems (1 error, 2 warnings)
[*] 1 fixable with \`--fix\`.
2 more fixable with \`--fix --unsafe-fixes\`.
1 workload in 1 file checked
`;

const NARROW = `fixtures/examples/websocket-ingress.yaml
  6:3    warn   pdb-missing  Deployment chat runs 3
    replicas, but no PodDisruptionBudget in this run selects
    its pods (lint the file that has one too, or pass it
    with --context): a node-pool upgrade, the cluster
    autoscaler or Karpenter may evict any number of them at
    once, cutting all their connections together and sending
    every client to reconnect at the same moment.
    --> fixtures/examples/websocket-ingress.yaml:6:3
    Add a PodDisruptionBudget that lets 1 go at a time: {
    apiVersion: policy/v1, kind: PodDisruptionBudget,
    metadata: { name: chat }, spec: { maxUnavailable: 1,
    selector: { matchLabels: { app: chat } } } }
    [long-lived: Ingress chat sets
    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600:
    long-lived connections]

  19:7   error  grace-budget-exceeded  [*] Deployment chat
    sets terminationGracePeriodSeconds: 60, below its grace
    budget of 260 s (preStop 20 s + longest request 180 s +
    margin 60 s): only 40 s remain after the 20 s preStop
    for requests that take up to 180 s.
    --> fixtures/examples/websocket-ingress.yaml:19:7
    Raise it to 260, or declare your longest request with
    the gpu-drain-lint.io/longest-request annotation if it
    is shorter than 180 s.
    [long-lived: Ingress chat sets
    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600:
    long-lived connections]

  30:11  warn   readiness-ignores-drain  Container chat of
    Deployment chat: the readiness probe (httpGet /ready)
    does not know the pod is draining, so it stays ready
    through the preStop: Kubernetes marks the terminating
    endpoint not ready anyway, but it stays serving=true,
    and kube-proxy's terminating-endpoint fallback, routers
    that read pod readiness (the inference gateway's
    endpoint picker) and load balancers that health-check
    pods directly keep sending new requests until SIGTERM.
    --> fixtures/examples/websocket-ingress.yaml:30:11
    Have preStop write a marker and readiness fail on it, or
    list a drain-aware path in the drainAwarePaths option.
    [long-lived: Ingress chat sets
    nginx.ingress.kubernetes.io/proxy-read-timeout: 3600:
    long-lived connections]

✖ 3 problems (1 error, 2 warnings)
[*] 1 fixable with \`--fix\`.
2 more fixable with \`--fix --unsafe-fixes\`.
1 workload in 1 file checked
`;

const WIDE = `fixtures/examples/websocket-ingress.yaml
  6:3    warn   pdb-missing  Deployment chat runs 3 replicas, but no PodDisruptionBudget in this run selects its pods (lint the file that has one too, or pass
    it with --context): a node-pool upgrade, the cluster autoscaler or Karpenter may evict any number of them at once, cutting all their connections together
    and sending every client to reconnect at the same moment.
    --> fixtures/examples/websocket-ingress.yaml:6:3
    Add a PodDisruptionBudget that lets 1 go at a time: { apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: chat }, spec: { maxUnavailable: 1,
    selector: { matchLabels: { app: chat } } } }
    [long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections]

  19:7   error  grace-budget-exceeded  [*] Deployment chat sets terminationGracePeriodSeconds: 60, below its grace budget of 260 s (preStop 20 s + longest
    request 180 s + margin 60 s): only 40 s remain after the 20 s preStop for requests that take up to 180 s.
    --> fixtures/examples/websocket-ingress.yaml:19:7
    Raise it to 260, or declare your longest request with the gpu-drain-lint.io/longest-request annotation if it is shorter than 180 s.
    [long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections]

  30:11  warn   readiness-ignores-drain  Container chat of Deployment chat: the readiness probe (httpGet /ready) does not know the pod is draining, so it stays
    ready through the preStop: Kubernetes marks the terminating endpoint not ready anyway, but it stays serving=true, and kube-proxy's terminating-endpoint
    fallback, routers that read pod readiness (the inference gateway's endpoint picker) and load balancers that health-check pods directly keep sending new
    requests until SIGTERM.
    --> fixtures/examples/websocket-ingress.yaml:30:11
    Have preStop write a marker and readiness fail on it, or list a drain-aware path in the drainAwarePaths option.
    [long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections]

✖ 3 problems (1 error, 2 warnings)
[*] 1 fixable with \`--fix\`.
2 more fixable with \`--fix --unsafe-fixes\`.
1 workload in 1 file checked
`;

const CONCISE = `fixtures/examples/websocket-ingress.yaml:6:3: warn pdb-missing Deployment chat runs 3 replicas, but no PodDisruptionBudget in this run selects its pods (lint the file that has one too, or pass it with --context): a node-pool upgrade, the cluster autoscaler or Karpenter may evict any number of them at once, cutting all their connections together and sending every client to reconnect at the same moment. Add a PodDisruptionBudget that lets 1 go at a time: { apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: chat }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: chat } } } } [long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections]
fixtures/examples/websocket-ingress.yaml:19:7: error grace-budget-exceeded [*] Deployment chat sets terminationGracePeriodSeconds: 60, below its grace budget of 260 s (preStop 20 s + longest request 180 s + margin 60 s): only 40 s remain after the 20 s preStop for requests that take up to 180 s. Raise it to 260, or declare your longest request with the gpu-drain-lint.io/longest-request annotation if it is shorter than 180 s. [long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections]
fixtures/examples/websocket-ingress.yaml:30:11: warn readiness-ignores-drain Container chat of Deployment chat: the readiness probe (httpGet /ready) does not know the pod is draining, so it stays ready through the preStop: Kubernetes marks the terminating endpoint not ready anyway, but it stays serving=true, and kube-proxy's terminating-endpoint fallback, routers that read pod readiness (the inference gateway's endpoint picker) and load balancers that health-check pods directly keep sending new requests until SIGTERM. Have preStop write a marker and readiness fail on it, or list a drain-aware path in the drainAwarePaths option. [long-lived: Ingress chat sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections]

✖ 3 problems (1 error, 2 warnings)
[*] 1 fixable with \`--fix\`.
2 more fixable with \`--fix --unsafe-fixes\`.
1 workload in 1 file checked
`;
