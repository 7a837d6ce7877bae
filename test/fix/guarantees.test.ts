/**
 * The guarantees of issue 4 ("Autofix that never loses a byte"), each a test: in-process through
 * `fixAll`, and through the CLI for what only a file on disk shows (modes, links, BOMs, atomic
 * writes, dry runs and `git apply`): its main() in-process, and the built binary for the writes
 * (file modes and links as a real process leaves them).
 *
 * The CLI runs use a config that turns off every rule but the ones a test names, so that rules
 * added later (and their fixes) do not change what these tests expect.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { rules } from '../../rules/index.js';
import { lint, type LintInput, type LintOptions } from '../../src/engine/lint.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { combine } from '../../src/languages/shared/editor.js';
import { fixAll, MAX_PASSES } from '../../src/fix/fixer.js';
import { writeAtomically } from '../../src/fix/write.js';
import { isField } from '../../src/languages/shared/node.js';
import { lintOptionsFor } from '../support/lint-text.js';
import { VLLM_DEPLOYMENT_HEAD } from '../support/manifests.js';
import { BIN, EXAMPLES, expectNoCrash, run, runInProcess, tempDir, type RunResult } from '../cli/run.js';

// Count lint passes: the fixer lints once, then once after every pass that changed a file.
vi.mock('../../src/engine/lint.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/lint.js')>();
  return { ...actual, lint: vi.fn(actual.lint) };
});

const MISSION = [
  'grace-period-default',
  'grace-budget-exceeded',
  'prestop-missing',
  'readiness-ignores-drain',
  'liveness-gates-on-load',
  'pdb-blocks-drain',
  'rollout-too-aggressive',
];
const missionRules = MISSION.map((id) => rules.find((r) => r.meta.id === id)!);

const encoder = new TextEncoder();
const input = (text: string, path = 'm.yaml'): LintInput => ({ path, content: encoder.encode(text), reportable: true });
const optionsFor = (ruleList: readonly Rule[] = missionRules, kubernetesVersion?: string): LintOptions =>
  lintOptionsFor({ rules: ruleList, ...(kubernetesVersion ? { kubernetesVersion } : {}) });

/** `--fix --unsafe-fixes` in-process: the fixed text, or null when nothing changed. */
function fixed(text: string, options: { rules?: readonly Rule[]; kubernetesVersion?: string; unsafe?: boolean } = {}) {
  const runResult = fixAll([input(text)], optionsFor(options.rules, options.kubernetesVersion), { unsafe: options.unsafe ?? true });
  return { output: runResult.fixed.get('m.yaml')?.output ?? null, run: runResult };
}

/** A config that keeps only `keep` of today's rules on (plus `extra` lines). */
function config(keep: readonly string[], extra = ''): string {
  const off = rules.map((r) => r.meta.id).filter((id) => !keep.includes(id));
  return `${extra}rules:\n${off.map((id) => `  ${id}: off\n`).join('')}`;
}

const CONFIG = '.gpu-drain-lint.yaml';
const BROKEN = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');

/** Every file below `dir` (relative path → bytes), skipping `.git`. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  const files = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(dir, full), { bytes: readFileSync(full), mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return files;
}

/** The unified diff part of a dry run's stylish output (the report follows it). */
function diffPart(stdout: string): string {
  const lines = stdout.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (/^(--- |\+\+\+ |@@ |[ +\-\\])/.test(line)) kept.push(line);
    else if (kept.length > 0 && line === '') continue;
    else if (kept.length > 0) break;
  }
  return kept.length > 0 ? `${kept.join('\n')}\n` : '';
}

function expectExit(result: RunResult, status: number): void {
  expect(result.status, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(status);
  expectNoCrash(result.stderr);
}

// ---------------------------------------------------------------------------------------------

/**
 * A file with everything a rewrite would lose: a BOM, CRLF, comments (own-line and after
 * values), blank lines, single and double quotes, flow maps, trailing whitespace and an
 * unusual key order (selector after template). `grace` and `lifecycle` are the lines the fixes
 * must insert, empty for the original.
 */
const richLines = (grace: string[], lifecycle: string[]) => [
  '# Inference tier: owned by ml-platform   ',
  '',
  'apiVersion: apps/v1   ',
  'kind: Deployment',
  'metadata:',
  "  name: 'vllm-llama'",
  '  labels: {app: vllm-llama, tier: "gpu"}',
  '  annotations:',
  '    note: "keep: quoted, #not-a-comment"',
  'spec:',
  '  replicas: 2 # two GPUs',
  '',
  '  template:',
  '    metadata:',
  '      labels: {app: vllm-llama}',
  '    spec:   ',
  '      # pods of this tier need 3 minutes to drain',
  ...grace,
  '      containers:',
  '        - name: vllm',
  '          image: "vllm/vllm-openai:v0.11.0"',
  "          args: ['--model', 'meta-llama/Llama-3.1-8B-Instruct']",
  '          ports: [{containerPort: 8000}]',
  '          resources:',
  '            limits: {nvidia.com/gpu: 1}   # one GPU',
  ...lifecycle,
  '',
  '  selector:',
  '    matchLabels: {app: vllm-llama}',
  '---',
  '# the Service',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: vllm-llama}',
  'spec:',
  '  selector: {app: vllm-llama}',
  "  ports: [{port: 80, targetPort: 8000, name: 'http'}]   ",
  '',
];
const RICH = `\uFEFF${richLines([], []).join('\r\n')}`;
const RICH_FIXED = `\uFEFF${richLines(
  ['      terminationGracePeriodSeconds: 180'],
  ['          lifecycle:', '            preStop:', '              sleep:', '                seconds: 15'],
).join('\r\n')}`;

describe('bytes outside the edited ranges are identical', () => {
  it('--fix changes only the inserted lines of a file with a BOM, CRLF, comments, quotes, flow maps and trailing spaces', async () => {
    const dir = tempDir({ 'm.yaml': RICH, [CONFIG]: config(['grace-period-default', 'prestop-missing'], 'kubernetesVersion: "1.31"\n') });
    const result = await runInProcess(['--fix', 'm.yaml'], { cwd: dir });
    expectNoCrash(result.stderr);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(RICH_FIXED);
  });

  it('in-process, the same fixes give the same text (BOM excluded from the output, kept in `bom`)', () => {
    const { output, run: fixRun } = fixed(RICH, { kubernetesVersion: '1.31', unsafe: false });
    expect(output).toBe(RICH_FIXED.slice(1));
    expect(fixRun.fixed.get('m.yaml')!.bom).toBe(true);
  });
});

describe('after fixing, the file re-parses', () => {
  const MULTI = [
    '# config first: odd spacing and comments must survive',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: vllm-args}   # args',
    'data:',
    '  MODEL: "meta-llama/Llama-3.1-8B-Instruct"',
    "  MAX_LEN:   '8192'",
    '---',
    BROKEN.trimEnd().split('\n---\n')[0]!,
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: vllm-llama, namespace: inference}',
    'spec: {selector: {app: vllm-llama}, ports: [{port: 80, targetPort: http}]}',
    '---',
    '# an empty document and a trailing comment',
    '',
  ].join('\n');

  it('with the same number of documents; documents without edits are byte-identical', () => {
    const { output } = fixed(MULTI);
    expect(output).not.toBeNull();
    const before = parseAllDocuments(MULTI, { version: '1.1' });
    const after = parseAllDocuments(output!, { version: '1.1' });
    expect(after.map((d) => d.errors.map((e) => e.message))).toEqual(after.map(() => []));
    expect(after).toHaveLength(before.length);
    const text = (source: string, doc: (typeof before)[number]) => source.slice(doc.range[0], doc.range[2]);
    for (const i of [0, 2, 3]) expect(text(output!, after[i]!), `document ${i + 1}`).toBe(text(MULTI, before[i]!));
    expect(text(output!, after[1]!)).not.toBe(text(MULTI, before[1]!));
  });

  it('every edited path holds the intended value', () => {
    const { output } = fixed(BROKEN);
    const deployment = parseAllDocuments(output!, { version: '1.1' })[0]!.toJS() as {
      spec: { template: { spec: { terminationGracePeriodSeconds: number; containers: Record<string, unknown>[] } } };
    };
    const pod = deployment.spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(180);
    expect(pod.containers[0]!.lifecycle).toEqual({ preStop: { exec: { command: ['/bin/sh', '-c', 'touch /tmp/drain && sleep 15'] } } });
    expect(pod.containers[0]!.readinessProbe).toEqual({
      exec: { command: ['/bin/sh', '-c', '! test -f /tmp/drain && curl -fsS http://localhost:8000/health'] },
      periodSeconds: 2,
      failureThreshold: 1,
    });
  });

  // Issue 14, item 1: inserting after a keep-chomped block scalar (`|+` and blank lines) took
  // its trailing newlines: "echo hi\n\n\n" became "echo hi\n". The insertion now goes after them.
  const KEEP_CHOMPED = `${VLLM_DEPLOYMENT_HEAD}          env:
            - name: BANNER
              value: |+
                echo hi


`;

  it('an insertion after a keep-chomped block scalar (`|+`) goes after its blank lines, which stay its value', () => {
    const prestopMissing = rules.find((r) => r.meta.id === 'prestop-missing')!;
    const { output, run: result } = fixed(KEEP_CHOMPED, { rules: [prestopMissing] });
    expect(result.dropped).toEqual([]);
    expect(output).toBe(`${KEEP_CHOMPED}          lifecycle:
            preStop:
              exec:
                command:
                  - /bin/sh
                  - -c
                  - touch /tmp/drain && sleep 15
`);
  });

  /** A ConfigMap rule whose fix sets `data.mode` and, by a wrong edit, `data.other` too. */
  const clumsy = defineRule({
    meta: { id: 'test-clumsy', description: 'test rule', defaultSeverity: 'error', fixable: 'safe', docs: { finds: 'a mode' }, messages: { mode: 'mode {{mode}}' } },
    check(context) {
      for (const object of context.index.model.objects) {
        const data = object.root.map('data');
        const mode = data?.string('mode');
        const other = data?.string('other');
        if (!data || !isField(mode) || !isField(other)) continue;
        const change = context.editor(object).set(data, 'mode', 'b');
        const wrong = { start: other.span.start, end: other.span.end, text: 'changed' };
        context.report({ object, span: mode.fieldSpan, messageId: 'mode', data: { mode: mode.value }, fix: combine('safe', 'set mode to b', change, { edits: [wrong], expect: [] }) });
      }
    },
  });

  it('every other value of an edited document stays as it was, or the fix is dropped with the reason', () => {
    const { output, run: result } = fixed('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  mode: a\n  other: kept\n', { rules: [clumsy] });
    expect(output).toBeNull();
    expect(result.dropped.map((d) => d.reason)).toEqual(['data.other in document 1 would change, though no fix meant to change it']);
    const [finding] = result.results[0]!.findings;
    expect(finding).toMatchObject({ ruleId: 'test-clumsy', fixable: false });
    expect(finding!.message).toBe('mode a (not fixed: data.other in document 1 would change, though no fix meant to change it)');
  });

  // Issue 14, item 4: a `.json` manifest got unquoted keys and an appended block-style document,
  // which kubectl (reading a file that starts with `{` as JSON) refuses.
  it('a JSON manifest is never rewritten as YAML: its findings say so and --fix changes nothing', () => {
    const json = `${JSON.stringify(parseAllDocuments(BROKEN, { version: '1.1' })[0]!.toJS(), null, 2)}\n`;
    const runResult = fixAll([input(json, 'm.json')], optionsFor(rules), { unsafe: true });
    expect(runResult.fixed.size).toBe(0);
    const findings = runResult.results[0]!.findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.fixable)).toEqual([]);
    expect(findings.filter((f) => f.message.endsWith('(not fixed: this is a JSON manifest, and fixes are written as YAML)')).map((f) => f.ruleId).sort()).toEqual(
      ['grace-period-default', 'pdb-missing', 'prestop-missing', 'startup-probe-missing'].sort(),
    );
  });

  it('the same insertion after a clipped block scalar (`|`) keeps every value and applies', () => {
    const prestopMissing = rules.find((r) => r.meta.id === 'prestop-missing')!;
    const { output } = fixed(KEEP_CHOMPED.replace('value: |+', 'value: |'), { rules: [prestopMissing] });
    const pod = (parseAllDocuments(output!, { version: '1.1' })[0]!.toJS() as { spec: { template: { spec: { containers: { env: unknown; lifecycle: unknown }[] } } } }).spec.template.spec;
    expect(pod.containers[0]!.env).toEqual([{ name: 'BANNER', value: 'echo hi\n' }]);
    expect(pod.containers[0]!.lifecycle).toEqual({ preStop: { exec: { command: ['/bin/sh', '-c', 'touch /tmp/drain && sleep 15'] } } });
  });
});

describe('multi-pass', () => {
  const passes = (fn: () => void) => {
    const calls = vi.mocked(lint).mock.calls.length;
    fn();
    // One lint before the first pass, one after each pass that changed something.
    return vi.mocked(lint).mock.calls.length - calls - 1;
  };

  it('the broken vLLM example with unsafe fixes settles in a few passes, and a second fix changes nothing', () => {
    let first: string | null = null;
    const count = passes(() => (first = fixed(BROKEN).output));
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThanOrEqual(MAX_PASSES);
    expect(first).not.toBeNull();
    expect(fixed(first!).output).toBeNull();
  });

  /** A ConfigMap rule whose fix sets `data.mode` to `next(current)`. */
  const modeRule = (id: string, next: (mode: string) => string) =>
    defineRule({
      meta: { id, description: 'test rule', defaultSeverity: 'error', fixable: 'safe', docs: { finds: 'a mode' }, messages: { mode: 'mode {{mode}}' } },
      check(context) {
        for (const object of context.index.model.objects) {
          const data = object.root.map('data');
          const mode = data?.string('mode');
          if (!data || !isField(mode)) continue;
          context.report({
            object,
            span: mode.fieldSpan,
            messageId: 'mode',
            data: { mode: mode.value },
            fix: combine('safe', `set mode to ${next(mode.value)}`, context.editor(object).set(data, 'mode', next(mode.value))),
          });
        }
      },
    });
  const configMap = (mode: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  mode: ${mode}\n`;

  it('stops on a cycle (a → b → a) instead of looping', () => {
    const flip = modeRule('test-flip', (m) => (m === 'a' ? 'b' : 'a'));
    let output: string | null = null;
    const count = passes(() => (output = fixed(configMap('a'), { rules: [flip] }).output));
    expect(count).toBeLessThanOrEqual(2);
    expect(output).toBe(configMap('b'));
  });

  it('stops after at most 10 passes when fixes never converge', () => {
    const grow = modeRule('test-grow', (m) => `x${m}`);
    let output: string | null = null;
    const count = passes(() => (output = fixed(configMap('x'), { rules: [grow] }).output));
    expect(MAX_PASSES).toBe(10);
    expect(count).toBe(MAX_PASSES);
    expect(output).toBe(configMap('x'.repeat(1 + MAX_PASSES)));
  });

  it('a second --fix run changes nothing (CLI)', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'pdb.yaml': readFileSync(join(EXAMPLES, 'pdb-blocks-drain.yaml')), [CONFIG]: config(MISSION) });
    await runInProcess(['--fix', '--unsafe-fixes', '.'], { cwd: dir });
    const once = snapshot(dir);
    expect(once.get('m.yaml')!.bytes.toString()).not.toBe(BROKEN);
    const second = await runInProcess(['--fix', '--unsafe-fixes', '.'], { cwd: dir });
    expectNoCrash(second.stderr);
    const twice = snapshot(dir);
    for (const [path, file] of once) expect(twice.get(path)!.bytes.equals(file.bytes), path).toBe(true);
  });
});

describe('a file with a syntax error is never written', () => {
  const WITH_ERROR = `${BROKEN.trimEnd()}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken}\ndata: {key: [unclosed\n`;

  it('even when its other documents have fixable findings (CLI)', async () => {
    const dir = tempDir({ 'm.yaml': WITH_ERROR, [CONFIG]: config(MISSION) });
    const result = await runInProcess(['--fix', '--unsafe-fixes', 'm.yaml'], { cwd: dir });
    expectExit(result, 1);
    expect(result.stdout).toMatch(/yaml-syntax/);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(WITH_ERROR);
  });

  it('in-process: fixAll leaves it out of `fixed`', () => {
    expect(fixed(WITH_ERROR).output).toBeNull();
  });

  it('the report does not promise that another --fix run would fix it', async () => {
    const dir = tempDir({ 'm.yaml': WITH_ERROR, [CONFIG]: config(MISSION) });
    const result = await runInProcess(['--fix', 'm.yaml'], { cwd: dir });
    expect(result.stdout).not.toMatch(/fixable with another `--fix` run|\[\*\]/);
  });
});

describe('values shared through YAML anchors and aliases', () => {
  const web = (grace: string) => `  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          terminationGracePeriodSeconds: ${grace}
          containers:
            - {name: web, image: "ghcr.io/example/web:1.0", ports: [{containerPort: 8080}]}
`;
  const gpu = (grace: string) => `  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: vllm}
    spec:
      selector: {matchLabels: {app: vllm}}
      template:
        metadata: {labels: {app: vllm}}
        spec:
          terminationGracePeriodSeconds: ${grace}
          containers:
            - {name: vllm, image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}}
`;
  const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
  const graceOf = (text: string, name: string) =>
    (
      parseAllDocuments(text, { version: '1.1' })[0]!.toJS() as {
        items: { metadata: { name: string }; spec: { template: { spec: { terminationGracePeriodSeconds: number } } } }[];
      }
    ).items.find((i) => i.metadata.name === name)!.spec.template.spec.terminationGracePeriodSeconds;

  it('a value reached through an alias is not edited, and the finding explains why', () => {
    const text = list(web('&grace 30'), gpu('*grace'));
    const { output, run: fixRun } = fixed(text);
    expect(output).toBeNull();
    const finding = fixRun.results[0]!.findings.find((f) => f.ruleId === 'grace-period-default')!;
    expect(finding.fix).toBeUndefined();
    expect(finding.message).toMatch(/not fixed: .*alias/);
  });

  it('an anchor that another object uses is not edited either: the other object keeps its value', () => {
    const text = list(gpu('&grace 30'), web('*grace'));
    expect(graceOf(text, 'web')).toBe(30);
    const { output, run: fixRun } = fixed(text);
    expect(graceOf(output ?? text, 'web'), 'the web Deployment, which has no finding, keeps its 30 s').toBe(30);
    const finding = fixRun.results[0]!.findings.find((f) => f.ruleId === 'grace-period-default')!;
    expect(finding.message).toMatch(/not fixed/);
  });

  it('an edit never removes an anchor that an alias still uses', () => {
    const pdb = (name: string, budget: string) =>
      `  - {apiVersion: apps/v1, kind: Deployment, metadata: {name: ${name}}, spec: {replicas: 3, selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c, image: nginx}]}}}}\n` +
      `  - apiVersion: policy/v1\n    kind: PodDisruptionBudget\n    metadata: {name: ${name}}\n    spec:\n      maxUnavailable: ${budget}\n      selector: {matchLabels: {app: ${name}}}\n`;
    const text = list(pdb('api', '&none 0'), pdb('worker', '*none'));
    const { output } = fixed(text);
    // Whatever is fixed, the result must still resolve every alias (kubectl rejects `*none` without `&none`).
    expect(() => parseAllDocuments(output ?? text, { version: '1.1' }).map((d) => d.toJS())).not.toThrow();
  });
});

describe('writes', () => {
  it('are atomic and keep the file mode (640) (the binary)', () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    chmodSync(join(dir, 'm.yaml'), 0o640);
    const result = run(['--fix', 'm.yaml'], { cwd: dir });
    expectExit(result, 0);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toContain('      terminationGracePeriodSeconds: 180\n      containers:');
    expect(statSync(join(dir, 'm.yaml')).mode & 0o7777).toBe(0o640);
    // No temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual([CONFIG, 'm.yaml'].sort());
  });

  it('write a symlinked manifest through to its target; the link stays a link (the binary)', () => {
    const dir = tempDir({ 'real/m.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    chmodSync(join(dir, 'real/m.yaml'), 0o600);
    mkdirSync(join(dir, 'deploy'));
    symlinkSync('../real/m.yaml', join(dir, 'deploy/m.yaml'));
    const result = run(['--fix', 'deploy/m.yaml'], { cwd: dir });
    expectExit(result, 0);
    expect(lstatSync(join(dir, 'deploy/m.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'deploy/m.yaml'))).toBe('../real/m.yaml');
    expect(readFileSync(join(dir, 'real/m.yaml'), 'utf8')).toContain('terminationGracePeriodSeconds: 180');
    expect(statSync(join(dir, 'real/m.yaml')).mode & 0o7777).toBe(0o600);
    expect(readdirSync(join(dir, 'real'))).toEqual(['m.yaml']);
  });

  it('do not overwrite a file that changed on disk during the run', () => {
    const dir = tempDir({ 'm.yaml': 'a: 1\n' });
    const path = join(dir, 'm.yaml');
    const read = readFileSync(path);
    writeFileSync(path, 'a: 2 # edited by someone else meanwhile\n');
    expect(writeAtomically(path, encoder.encode('a: 3\n'), read)).toBe('changed-on-disk');
    expect(readFileSync(path, 'utf8')).toBe('a: 2 # edited by someone else meanwhile\n');
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });

  it('write when the file still holds what was read, keeping its mode', () => {
    const dir = tempDir({ 'm.yaml': 'a: 1\n' });
    const path = join(dir, 'm.yaml');
    chmodSync(path, 0o640);
    expect(writeAtomically(path, encoder.encode('a: 3\n'), readFileSync(path))).toBe('written');
    expect(readFileSync(path, 'utf8')).toBe('a: 3\n');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });
});

// Issue 14, item 6: the rename over the target wrote a read-only file (rename needs only the
// directory's permission), gave a root-run fix's file to root, and cut a hard link off.
describe('writes keep the file what it was', () => {
  const isRoot = process.getuid?.() === 0;
  const GRACE_FIXED = '      terminationGracePeriodSeconds: 180\n      containers:';

  it('a file without a write bit (0444) is left byte-identical, said so on stderr, and its error still counts', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    chmodSync(join(dir, 'm.yaml'), 0o444);
    const result = await runInProcess(['--fix', 'm.yaml'], { cwd: dir });
    // The grace-period-default error is still in the file on disk.
    expectExit(result, 1);
    // Nothing was written, so nothing was fixed.
    expect(result.stderr).toBe('gpu-drain-lint: m.yaml is read-only (no write permission): not overwritten\ngpu-drain-lint: no problems fixed\n');
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(BROKEN);
    expect(statSync(join(dir, 'm.yaml')).mode & 0o7777).toBe(0o444);
    expect(readdirSync(dir).sort()).toEqual([CONFIG, 'm.yaml'].sort());
    // Another --fix would fail the same way: the finding says why instead of advertising its fix.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('(not fixed: the file is read-only)');
    expect(result.stdout).not.toMatch(/fixable with `--fix`/);
  });

  it('both names of a hard-linked file see the fix: it is written in place, the link kept', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    linkSync(join(dir, 'm.yaml'), join(dir, 'other.yaml'));
    const inode = statSync(join(dir, 'm.yaml')).ino;
    expectExit(await runInProcess(['--fix', 'm.yaml'], { cwd: dir }), 0);
    const fixedText = readFileSync(join(dir, 'm.yaml'), 'utf8');
    expect(fixedText).toContain(GRACE_FIXED);
    expect(readFileSync(join(dir, 'other.yaml'), 'utf8')).toBe(fixedText);
    expect(statSync(join(dir, 'm.yaml')).ino).toBe(inode);
    expect(statSync(join(dir, 'm.yaml')).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([CONFIG, 'm.yaml', 'other.yaml'].sort());
  });

  it.skipIf(!isRoot)('run as root, a file owned by someone else keeps its owner, group and mode (needs root to chown; skipped otherwise)', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    chownSync(join(dir, 'm.yaml'), 1234, 1234);
    chmodSync(join(dir, 'm.yaml'), 0o640);
    expectExit(await runInProcess(['--fix', 'm.yaml'], { cwd: dir }), 0);
    const stats = statSync(join(dir, 'm.yaml'));
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toContain(GRACE_FIXED);
    expect({ uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o7777 }).toEqual({ uid: 1234, gid: 1234, mode: 0o640 });
    expect(readdirSync(dir).sort()).toEqual([CONFIG, 'm.yaml'].sort());
  });

  /** The binary run as uid and gid 1234 in `dir`, which anyone may write (so a rename there would succeed). */
  const runAsUser1234 = (dir: string) => {
    chmodSync(dir, 0o777);
    const result = spawnSync(process.execPath, [BIN, '--fix', 'm.yaml'], { cwd: dir, uid: 1234, gid: 1234, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 30_000 });
    if (result.error) throw result.error;
    return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  };

  it.skipIf(!isRoot)('run as a user who may not write the file (0644, owned by root), it is not written (needs root to run as another user; skipped otherwise)', () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    chmodSync(join(dir, 'm.yaml'), 0o644);
    const result = runAsUser1234(dir);
    expectExit(result, 1);
    // Nothing was written, so nothing was fixed.
    expect(result.stderr).toBe('gpu-drain-lint: m.yaml is read-only (no write permission): not overwritten\ngpu-drain-lint: no problems fixed\n');
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(BROKEN);
    expect(statSync(join(dir, 'm.yaml')).uid).toBe(0);
  });

  it.skipIf(!isRoot)('run as a user who may write the file but not give it away (group-writable, another owner), the owner stays (needs root to run as another user; skipped otherwise)', () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default']) });
    chownSync(join(dir, 'm.yaml'), 4321, 1234);
    chmodSync(join(dir, 'm.yaml'), 0o664);
    expectExit(runAsUser1234(dir), 0);
    const stats = statSync(join(dir, 'm.yaml'));
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toContain(GRACE_FIXED);
    expect({ uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o7777 }).toEqual({ uid: 4321, gid: 1234, mode: 0o664 });
    expect(readdirSync(dir).sort()).toEqual([CONFIG, 'm.yaml'].sort());
  });
});

describe('stdin', () => {
  it('--fix with stdin is a usage error (exit 2) that points to --fix-dry-run', async () => {
    const result = await runInProcess(['--fix', '-'], { cwd: tempDir(), input: BROKEN });
    expectExit(result, 2);
    expect(result.stderr).toMatch(/--fix-dry-run/);
    expect(result.stdout).toBe('');
  });

  it('--fix-dry-run on stdin prints a diff and writes nothing', async () => {
    const dir = tempDir({ [CONFIG]: config(['grace-period-default']) });
    const result = await runInProcess(['--fix-dry-run', '-', '--stdin-filename', 'deploy/vllm.yaml'], { cwd: dir, input: BROKEN });
    expectExit(result, 0);
    expect(diffPart(result.stdout)).toBe(
      [
        '--- a/deploy/vllm.yaml',
        '+++ b/deploy/vllm.yaml',
        '@@ -17,6 +17,7 @@',
        '       labels:',
        '         app: vllm-llama',
        '     spec:',
        '+      terminationGracePeriodSeconds: 180',
        '       containers:',
        '         - name: vllm',
        '           image: vllm/vllm-openai:v0.11.0',
        '',
      ].join('\n'),
    );
    expect(readdirSync(dir)).toEqual([CONFIG]);
  });
});

describe('--fix-dry-run', () => {
  const files = {
    'vllm-broken.yaml': BROKEN,
    'crlf.yaml': BROKEN.replace(/\n/g, '\r\n'),
    'bom.yaml': `\uFEFF${BROKEN}`,
    'pdb.yaml': readFileSync(join(EXAMPLES, 'pdb-blocks-drain.yaml'), 'utf8'),
    'clean.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8'),
    'nested/rollout.yaml': readFileSync(join(EXAMPLES, '../rules/rollout-too-aggressive/invalid/deployment-recreate.yaml'), 'utf8'),
  };

  /** Dry run in one copy, `git apply` its diff there, `--fix` in another copy: the same bytes. */
  async function dryRunMatchesFix(contents: Record<string, string>, flags: string[]): Promise<void> {
    const dry = tempDir({ ...contents, [CONFIG]: config(MISSION) });
    const real = tempDir({ ...contents, [CONFIG]: config(MISSION) });
    const before = snapshot(dry);
    const result = await runInProcess(['--fix-dry-run', ...flags, '.'], { cwd: dry });
    expectNoCrash(result.stderr);
    // Nothing written: bytes and mtimes unchanged, no file added.
    const after = snapshot(dry);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, file] of before) {
      expect(after.get(path)!.bytes.equals(file.bytes), path).toBe(true);
      expect(after.get(path)!.mtimeMs, path).toBe(file.mtimeMs);
    }
    const patch = diffPart(result.stdout);
    expect(patch).not.toBe('');
    const applied = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: dry, input: patch, encoding: 'utf8' });
    expect(applied.status, `git apply: ${applied.stderr}\n${patch}`).toBe(0);
    await runInProcess(['--fix', ...flags, '.'], { cwd: real });
    const viaPatch = snapshot(dry);
    const viaFix = snapshot(real);
    for (const [path, file] of viaFix) expect(viaPatch.get(path)!.bytes.toString('latin1'), path).toBe(file.bytes.toString('latin1'));
  }

  it('writes nothing, and its diff applied with git apply gives what --fix writes (safe fixes)', async () => {
    await dryRunMatchesFix(files, []);
  });

  it('the same with --unsafe-fixes', async () => {
    await dryRunMatchesFix(files, ['--unsafe-fixes']);
  });

  it('the diff applies to a file without a final newline whose last line changes', async () => {
    const noNewline = readFileSync(join(EXAMPLES, '../rules/prestop-missing/invalid/long-lived-ingress-nginx.yaml'), 'utf8').trimEnd();
    await dryRunMatchesFix({ 'scores.yaml': noNewline }, ['--unsafe-fixes']);
  });

  interface JsonFix {
    safety: string;
    description: string;
    edits: { range: [number, number]; text: string }[];
  }
  interface JsonOut {
    files: { path: string; output?: string; findings: { ruleId: string; fixable: boolean; fix?: JsonFix; message: string }[] }[];
  }

  it('--format json gives each fixed file its `output` and each remaining fixable finding its `fix`', async () => {
    const dir = tempDir({ ...files, [CONFIG]: config(MISSION) });
    const result = await runInProcess(['--fix-dry-run', '--format', 'json', '.'], { cwd: dir });
    expectNoCrash(result.stderr);
    const report = JSON.parse(result.stdout) as JsonOut;
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    // Safe fixes change these; the clean file has no output.
    for (const path of ['vllm-broken.yaml', 'crlf.yaml', 'bom.yaml']) {
      expect(byPath.get(path)!.output, path).toBeTypeOf('string');
    }
    expect(byPath.get('clean.yaml')!.output).toBeUndefined();
    expect(byPath.get('vllm-broken.yaml')!.output).toBe(BROKEN.replace('    spec:\n      containers:', '    spec:\n      terminationGracePeriodSeconds: 180\n      containers:'));
    // Without --unsafe-fixes, unsafe fixes remain on their findings, in the documented shape.
    const remaining = report.files.flatMap((f) => f.findings.filter((x) => x.fix).map((x) => ({ ...x, file: f })));
    expect(remaining.length).toBeGreaterThan(0);
    for (const finding of remaining) {
      expect(finding.fixable).toBe(true);
      expect(Object.keys(finding.fix!)).toEqual(expect.arrayContaining(['description', 'edits', 'safety']));
      expect(finding.fix!.safety).toBe('unsafe');
      expect(finding.fix!.description.length).toBeGreaterThan(0);
      for (const edit of finding.fix!.edits) {
        expect(Object.keys(edit)).toEqual(expect.arrayContaining(['range', 'text']));
        expect(edit.range[0]).toBeLessThanOrEqual(edit.range[1]);
      }
      // The ranges are offsets into the text the dry run would leave (`output`, else the file).
      const base = finding.file.output ?? readFileSync(join(dir, finding.file.path), 'utf8').replace(/^\uFEFF/, '');
      let text = base;
      for (const edit of [...finding.fix!.edits].sort((a, b) => b.range[0] - a.range[0])) {
        expect(edit.range[1]).toBeLessThanOrEqual(base.length);
        text = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
      }
      expect(parseAllDocuments(text, { version: '1.1' }).every((d) => d.errors.length === 0), `${finding.file.path} ${finding.ruleId}`).toBe(true);
    }
    // A finding that stays unfixed carries no fix.
    for (const file of report.files) for (const f of file.findings) if (!f.fixable) expect(f.fix).toBeUndefined();
  });

  it('the JSON `output` is exactly what --fix writes (plus the BOM, which `output` leaves out)', async () => {
    const dir = tempDir({ ...files, [CONFIG]: config(MISSION) });
    const report = JSON.parse((await runInProcess(['--fix-dry-run', '--unsafe-fixes', '--format', 'json', '.'], { cwd: dir })).stdout) as JsonOut;
    await runInProcess(['--fix', '--unsafe-fixes', '.'], { cwd: dir });
    for (const file of report.files) {
      const written = readFileSync(join(dir, file.path), 'utf8');
      if (file.output === undefined) continue;
      expect(written, file.path).toBe(file.path === 'bom.yaml' ? `\uFEFF${file.output}` : file.output);
    }
  });
});

describe('the stylish report', () => {
  it('marks safe-fixable findings with [*] and says how many each mode would fix', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, 'pdb.yaml': readFileSync(join(EXAMPLES, 'pdb-blocks-drain.yaml')), [CONFIG]: config(MISSION) });
    const result = await runInProcess(['.'], { cwd: dir });
    expectExit(result, 1);
    // The mark is on the headline, after the rule id.
    const headline = (ruleId: string) => result.stdout.split('\n').find((l) => new RegExp(`^ {2}\\d+:\\d+ +(error|warn) +${ruleId} {2}`).test(l))!;
    expect(headline('grace-period-default')).toMatch(/ {2}error {2}grace-period-default {2}\[\*\] Deployment inference\/vllm-llama /);
    expect(headline('prestop-missing')).not.toContain('[*]');
    expect(headline('pdb-blocks-drain')).not.toContain('[*]');
    expect(result.stdout).toMatch(/\n\[\*\] 1 fixable with (the )?`--fix`( run)?\.\n/);
    expect(result.stdout).toMatch(/\n2 more fixable with `--fix --unsafe-fixes`\.\n\d+ workloads? in 2 files checked\n$/);
  });

  it('after --fix, the hints count what is left', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(MISSION) });
    const result = await runInProcess(['--fix', '.'], { cwd: dir });
    expect(result.stdout).not.toContain('[*]');
    expect(result.stdout).toMatch(/\n1 more fixable with `--fix --unsafe-fixes`\.\n1 workload in 1 file checked\n$/);
  });
});

describe('the exit code comes from the findings that remain', () => {
  // Its only error is the default grace period, which --fix repairs.
  const ONLY_GRACE = BROKEN.replace(
    '            periodSeconds: 10\n---',
    '            periodSeconds: 10\n          lifecycle:\n            preStop:\n              sleep:\n                seconds: 15\n---',
  ).replace(/          livenessProbe:\n(            .*\n)+?(?=          lifecycle:)/, '');

  it('exit 1 before fixing, 0 after --fix and with --fix-dry-run', async () => {
    const keep = ['grace-period-default', 'prestop-missing', 'liveness-gates-on-load'];
    const dir = tempDir({ 'm.yaml': ONLY_GRACE, [CONFIG]: config(keep) });
    expectExit(await runInProcess(['m.yaml'], { cwd: dir }), 1);
    expectExit(await runInProcess(['--fix-dry-run', 'm.yaml'], { cwd: dir }), 0);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(ONLY_GRACE);
    expectExit(await runInProcess(['--fix', 'm.yaml'], { cwd: dir }), 0);
    expectExit(await runInProcess(['m.yaml'], { cwd: dir }), 0);
  });

  it('exit 1 when an error remains that only an unsafe fix would repair', async () => {
    const dir = tempDir({ 'm.yaml': BROKEN, [CONFIG]: config(['grace-period-default', 'prestop-missing']) });
    expectExit(await runInProcess(['--fix', 'm.yaml'], { cwd: dir }), 1);
    expectExit(await runInProcess(['--fix', '--unsafe-fixes', 'm.yaml'], { cwd: dir }), 0);
  });
});
