/**
 * Issue 14's acceptance property for shell text: generated scripts in a readiness probe, a
 * preStop hook and an engine's `sh -c` command → every fix result parses as shell, and keeps
 * the original command's meaning. Meaning is checked by running both scripts with a real
 * `/bin/sh` (the generated commands only print: echo, printf, true, false, test), with `touch`
 * and the engine replaced by shell functions that print what they were given.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rules } from '../../rules/index.js';
import { fixAll } from '../../src/fix/fixer.js';
import { shellSyntaxError } from '../../src/model/shell.js';
import { lintOptionsFor } from '../support/lint-text.js';
import { vllmDeployment } from '../support/manifests.js';

const SH = '/bin/sh';
const shellPresent = existsSync(SH);
if (!shellPresent) console.warn(`[shell.property.test] ${SH} is absent: fix results are checked by the project's shell parser only, not run.`);

const sandbox = mkdtempSync(join(tmpdir(), 'gdl-shell-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

// ---- Generated scripts: valid POSIX shell, harmless to run. ----

const word = fc.oneof(
  fc.constantFrom('a', 'hello', 'x=1', '/tmp/f', '--flag', '42', 'a.b-c_d'),
  fc.constantFrom("'a b'", "'x;y'", "'#not a comment'", "'&& ||'", "'(paren)'", `'it'\\''s'`),
  fc.constantFrom('"a b"', '"x;y # z"', '"$HOME"', '"q\\"uote"', '"(p)"'),
  fc.constantFrom('a\\ b', 'semi\\;colon', 'hash\\#', 'a#b'),
);
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const command = fc.oneof(
  words.map((ws) => `echo ${ws}`),
  words.map((ws) => `printf '[%s]' ${ws}`),
  fc.constantFrom('true', 'false', ':'),
  word.map((w) => `test -n ${w}`),
);
const separator = fc.constantFrom(' && ', ' || ', '; ', '\n', ' && \\\n  ', ';\n');
/** A script: commands joined by separators, with comments and blank lines around them. */
const script = (body: fc.Arbitrary<string> = fc.constant('')) =>
  fc
    .record({
      commands: fc.array(command, { minLength: 1, maxLength: 4 }),
      separators: fc.array(separator, { minLength: 3, maxLength: 3 }),
      body,
      leading: fc.constantFrom('', '# first a comment\n', '\n'),
      trailing: fc.constantFrom('', ' # a comment', ' # with a ) paren', '\n', ';', ' &&\n  true', '\n# a last comment line', ' # a comment\n'),
    })
    .map(({ commands, separators, body, leading, trailing }) => {
      const parts = body ? [...commands.slice(0, 1), body, ...commands.slice(1)] : commands;
      return leading + parts.map((c, i) => (i === 0 ? c : `${separators[(i - 1) % separators.length]}${c}`)).join('') + trailing;
    });

// ---- Running a script. ----

function run(script: string, prelude = ''): { status: number | null; stdout: string } {
  const result = spawnSync(SH, ['-c', prelude + script], { cwd: sandbox, encoding: 'utf8', timeout: 5000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/u' } });
  return { status: result.status, stdout: result.stdout };
}

function parsesWithSh(script: string): boolean {
  return spawnSync(SH, ['-n', '-c', script], { encoding: 'utf8', timeout: 5000 }).status === 0;
}

// ---- Fixing a Deployment. ----

const encoder = new TextEncoder();
const rule = (id: string) => rules.find((r) => r.meta.id === id)!;

/** A GPU Deployment (vLLM 0.18, which has --shutdown-timeout) whose serving container has the given lines (indented 10). */
const deployment = (container: string) => vllmDeployment({ image: 'vllm/vllm-openai:v0.18.0', container });

const execArray = (script: string) => JSON.stringify(['/bin/sh', '-c', script]);

type ContainerSpec = { command?: string[]; lifecycle?: { preStop?: { exec?: { command: string[] } } }; readinessProbe?: { exec?: { command: string[] } } };

/** The fixed serving container, or undefined when no fix applied. */
function fixedContainer(text: string, ruleIds: string[]): ContainerSpec | undefined {
  const run = fixAll([{ path: 'm.yaml', content: encoder.encode(text), reportable: true }], lintOptionsFor({ rules: ruleIds.map(rule) }), { unsafe: true });
  const output = run.fixed.get('m.yaml')?.output;
  if (output === undefined) return undefined;
  return (parse(output) as { spec: { template: { spec: { containers: ContainerSpec[] } } } }).spec.template.spec.containers[0];
}

/** Checks a fix result is shell that parses, with our parser and with /bin/sh. */
function expectParses(result: string): void {
  expect(shellSyntaxError(result), result).toBeUndefined();
  if (shellPresent) expect(parsesWithSh(result), result).toBe(true);
}

const RUNS = { numRuns: 40 };

describe('generated shell texts: every fix result parses as shell and keeps the original command’s meaning', () => {
  it('a readiness exec script wrapped with a drain-marker test: the same output and status without the marker, a failure with it', () => {
    fc.assert(
      fc.property(script(), (check) => {
        const marker = join(sandbox, 'drain');
        rmSync(marker, { force: true });
        const text = deployment(
          `          lifecycle: {preStop: {exec: {command: ${execArray(`touch ${marker} && sleep 15`)}}}}\n          readinessProbe: {exec: {command: ${execArray(check)}}}\n`,
        );
        const result = fixedContainer(text, ['readiness-ignores-drain'])?.readinessProbe?.exec?.command;
        expect(result, `no fix for readiness script ${JSON.stringify(check)}`).toBeDefined();
        const wrapped = result![2]!;
        expectParses(wrapped);
        if (!shellPresent) return;
        expect(run(wrapped), wrapped).toEqual(run(check));
        writeFileSync(marker, '');
        const draining = run(wrapped);
        expect(draining.status, wrapped).not.toBe(0);
        expect(draining.stdout).toBe('');
      }),
      RUNS,
    );
  });

  it('an httpGet readiness turned into curl: curl gets the kubelet’s URL and headers, byte for byte', () => {
    const pathPart = fc.constantFrom('health', 'a b', 'x&y=1', "it's", '$HOME', '`id`', '[0]', '{a,b}', ';', '#frag', '%20', '"q"', '\\');
    const path = fc.array(pathPart, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
    const header = fc.record({ name: fc.constantFrom('Authorization', 'X-Token', 'Host'), value: fc.constantFrom("Bearer it's", 'a;b', '$(id)', 'x && y', '"quoted"') });
    fc.assert(
      fc.property(path, fc.array(header, { maxLength: 2 }), (requestPath, headers) => {
        const marker = join(sandbox, 'drain');
        rmSync(marker, { force: true });
        const probe = JSON.stringify({ httpGet: { path: requestPath, port: 8000, ...(headers.length > 0 ? { httpHeaders: headers } : {}) } });
        const text = deployment(`          lifecycle: {preStop: {exec: {command: ${execArray(`touch ${marker} && sleep 15`)}}}}\n          readinessProbe: ${probe}\n`);
        const result = fixedContainer(text, ['readiness-ignores-drain'])?.readinessProbe?.exec?.command;
        expect(result, `no fix for httpGet ${probe}`).toBeDefined();
        const check = result![2]!;
        expectParses(check);
        if (!shellPresent) return;
        const curl = 'curl() { printf "<%s>" "$@"; }\n';
        const url = `http://localhost:8000${requestPath}`;
        const expected = ['-fsS', ...(/[[\]{}]/.test(url) ? ['-g'] : []), ...headers.flatMap((h) => ['-H', `${h.name}: ${h.value}`]), url];
        expect(run(check, curl), check).toEqual({ status: 0, stdout: expected.map((arg) => `<${arg}>`).join('') });
      }),
      RUNS,
    );
  });

  it('a preStop exec script that gains the marker: it touches the marker first, then does exactly what it did', () => {
    fc.assert(
      fc.property(script(), (wait) => {
        const text = deployment(
          `          lifecycle: {preStop: {exec: {command: ${execArray(wait)}}}}\n          readinessProbe: {httpGet: {path: /health, port: 8000}}\n`,
        );
        const result = fixedContainer(text, ['readiness-ignores-drain'])?.lifecycle?.preStop?.exec?.command;
        expect(result, `no fix for preStop script ${JSON.stringify(wait)}`).toBeDefined();
        const hook = result![2]!;
        expectParses(hook);
        if (!shellPresent) return;
        const touch = 'touch() { printf "touched %s\\n" "$*"; }\n';
        const before = run(wait);
        expect(run(hook, touch), hook).toEqual({ status: before.status, stdout: `touched /tmp/drain\n${before.stdout}` });
      }),
      RUNS,
    );
  });

  it('an engine started by a script: the flag joins the engine’s own arguments, and every other command runs as before', () => {
    const engine = fc
      .record({ args: fc.array(word, { maxLength: 2 }), redirect: fc.constantFrom('', ' 2>&1', ' > /dev/null', ' >&2') })
      .map(({ args, redirect }) => `vllm serve model ${args.join(' ')}`.trimEnd() + redirect);
    fc.assert(
      fc.property(script(engine), (started) => {
        const text = deployment(`          command: ${execArray(started)}\n`);
        const result = fixedContainer(text, ['engine-shutdown-timeout'])?.command;
        expect(result, `no fix for engine script ${JSON.stringify(started)}`).toBeDefined();
        const edited = result![2]!;
        expectParses(edited);
        if (!shellPresent) return;
        // The engine prints its arguments, one per bracket, to standard output even when the script redirects it.
        const vllm = 'vllm() { printf "<%s>" "$@" >/proc/self/fd/3 2>/dev/null || printf "<%s>" "$@"; echo; }\nexec 3>&1\n';
        const before = run(started, vllm);
        const after = run(edited, vllm);
        expect(after.status, edited).toBe(before.status);
        expect(after.stdout, edited).toBe(before.stdout.replace(/(<serve><model>(?:<[^>\n]*>)*)/, '$1<--shutdown-timeout=150>'));
      }),
      RUNS,
    );
  });
});
