/**
 * Shared helpers for the CLI tests: run the CLI's `main()` in-process with a captured Io
 * ({@link runInProcess}, for what the CLI does), or spawn the real binary (`bin/gpu-drain-lint.js`,
 * which runs `dist/`, so `npm run build` first; {@link run}, for what a process does: exit codes
 * as a shell sees them, pipes, signals), make throw-away directories, and check the JSON report's
 * shape independently of the code under test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/gpu-drain-lint.js');
export const EXAMPLES = join(ROOT, 'fixtures/examples');
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Bytes on stdin (an empty stdin when omitted). */
  input?: string | Uint8Array;
  /** Environment overrides; `undefined` removes a variable. NO_COLOR=1 is set unless overridden. */
  env?: Record<string, string | undefined>;
  timeout?: number;
  /** Another copy of the CLI's entry point (default: this checkout's bin/gpu-drain-lint.js). */
  bin?: string;
  /** In-process only: stdout is a terminal this many columns wide (it is a pipe when omitted). */
  terminalColumns?: number;
}

function childEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  // A test runner may export these; each test decides the colour environment itself.
  delete env.FORCE_COLOR;
  delete env.GPU_DRAIN_LINT_DEBUG;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs the CLI as a user would: a real process, a real cwd, stdin and stdout as pipes. */
export function run(args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: childEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI's `main(argv, io)` in this process, with what {@link run} would give the binary:
 * `cwd`, the same environment (NO_COLOR=1 unless overridden), `input` as stdin, stdout and
 * stderr as pipes (not terminals), decoded as UTF-8. The exit code is what `main()` returns, which
 * the binary sets as process.exitCode. It fails when the CLI reaches past its Io (writes to
 * process.stdout or stderr, sets process.exitCode, changes directory): those would be lost or
 * leak here, so a test of them must spawn the binary with {@link run}. With `terminalColumns`,
 * stdout is a terminal of that width instead.
 */
export async function runInProcess(args: readonly string[], options: Omit<RunOptions, 'bin' | 'timeout'> = {}): Promise<RunResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const input = options.input ?? '';
  const io: Io = {
    stdout: (text) => void stdout.push(Buffer.from(text, 'utf8')),
    stderr: (text) => void stderr.push(Buffer.from(text, 'utf8')),
    // A copy, as the binary reads its own: main() may not change the test's bytes.
    readStdin: async () => (typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input)),
    env: childEnv(options.env),
    cwd: resolve(options.cwd ?? ROOT),
    stdoutIsTTY: options.terminalColumns !== undefined,
    ...(options.terminalColumns !== undefined ? { columns: options.terminalColumns } : {}),
  };
  const leaks = watchProcessGlobals();
  let status: number;
  try {
    status = await main(args, io);
  } finally {
    leaks.stop();
  }
  leaks.check();
  return { status, signal: null, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
}

let watchers = 0;
let leaked: string[] = [];
let realWrites = [process.stdout.write, process.stderr.write] as const;

/**
 * Notices writes to the real stdout and stderr, a change of process.exitCode and of process.cwd()
 * while main() runs (runs may overlap in concurrent tests: the writes are watched while any is on).
 */
function watchProcessGlobals(): { stop(): void; check(): void } {
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  if (watchers++ === 0) {
    leaked = [];
    realWrites = [process.stdout.write, process.stderr.write];
    [process.stdout, process.stderr].forEach((stream, i) => {
      stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        leaked.push(`process.${i === 0 ? 'stdout' : 'stderr'}.write(${JSON.stringify(String(chunk).slice(0, 200))})`);
        return (realWrites[i] as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof stream.write;
    });
  }
  const found: string[] = [];
  return {
    stop() {
      if (--watchers === 0) {
        process.stdout.write = realWrites[0];
        process.stderr.write = realWrites[1];
      }
      found.push(...leaked);
      if (process.exitCode !== exitCode) found.push(`process.exitCode = ${process.exitCode}`);
      if (process.cwd() !== cwd) found.push(`process.chdir(${JSON.stringify(process.cwd())})`);
      process.exitCode = exitCode;
    },
    check() {
      if (found.length > 0) throw new Error(`main() reached past its Io:\n${found.join('\n')}`);
    },
  };
}

/** {@link run} without blocking, so that concurrent tests run their processes in parallel. */
export function runAsync(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: childEnv(options.env) });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 60_000);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolvePromise({ status, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(options.input ?? '');
  });
}

export { tempDir, writeFiles } from '../support/temp.js';

/** A Node.js stack frame (`    at fn (file:1:2)`), which a user must never see. */
const STACK_FRAME = /^\s+at .*(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** The process ended on its own, with a documented exit code and without a crash on stderr. */
export function expectCleanExit(result: RunResult, allowed: readonly number[] = [0, 1]): void {
  expect(result.signal, `killed by a signal; stderr:\n${result.stderr}`).toBeNull();
  expect(allowed, `exit ${result.status}; stderr:\n${result.stderr}`).toContain(result.status);
  expectNoCrash(result.stderr);
}

export function expectNoCrash(stderr: string): void {
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr).not.toMatch(/internal error/i);
  expect(stderr).not.toMatch(/\b(?:TypeError|ReferenceError|SyntaxError|RangeError)\b/);
  expect(stderr).not.toMatch(/Node\.js v\d+/);
}

// ---------------------------------------------------------------------------------------------
// The JSON report

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object?: { kind: string; namespace?: string; name?: string };
  fixable: boolean;
  fix?: { safety: 'safe' | 'unsafe'; description: string; edits: { range: [number, number]; text: string }[] };
  fingerprint: string;
  fatal?: boolean;
}

export interface JsonFile {
  path: string;
  errorCount: number;
  warningCount: number;
  findings: JsonFinding[];
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  errorCount: number;
  warningCount: number;
  coverage: { files: number; workloads: number; uncheckedKinds: { apiVersion: string; kind: string; count: number }[] };
  files: JsonFile[];
}

const FINDING_KEYS = ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'object', 'fixable', 'fatal', 'fix', 'fingerprint', 'suppressions'];

/**
 * Parses stdout as the whole JSON report (nothing before or after it) and checks its shape and
 * counts. With `quiet`, warnings are left out of `findings` but still counted (docs/formats.md).
 */
export function parseReport(stdout: string, options: { quiet?: boolean } = {}): JsonReport {
  let report: JsonReport;
  try {
    report = JSON.parse(stdout) as JsonReport;
  } catch (error) {
    throw new Error(`stdout is not JSON (${(error as Error).message}):\n${stdout.slice(0, 2000)}`);
  }
  expectReportShape(report, options);
  return report;
}

export function expectReportShape(report: JsonReport, options: { quiet?: boolean } = {}): void {
  expect(report).toBeTypeOf('object');
  expect(Object.keys(report).sort()).toEqual(['coverage', 'errorCount', 'files', 'tool', 'version', 'warningCount']);
  expect(Object.keys(report.coverage).sort()).toEqual(['files', 'uncheckedKinds', 'workloads']);
  // Every linted file is counted; a config's unused-ignores entry is listed but is no linted file.
  expect(report.coverage.files).toBeLessThanOrEqual(report.files.length);
  expect(Number.isInteger(report.coverage.workloads) && report.coverage.workloads >= 0).toBe(true);
  for (const unchecked of report.coverage.uncheckedKinds) {
    expect(Object.keys(unchecked).sort()).toEqual(['apiVersion', 'count', 'kind']);
    expect(Number.isInteger(unchecked.count) && unchecked.count >= 1).toBe(true);
  }
  expect(Number.isInteger(report.version)).toBe(true);
  expect(report.tool).toEqual({ name: 'gpu-drain-lint', version: PACKAGE_VERSION });
  expect(Array.isArray(report.files)).toBe(true);
  let errors = 0;
  let warnings = 0;
  for (const file of report.files) {
    expect(Object.keys(file).filter((k) => k !== 'output').sort()).toEqual(['errorCount', 'findings', 'path', 'warningCount']);
    expect(file.path).toBeTypeOf('string');
    expect(file.path.length).toBeGreaterThan(0);
    let fileErrors = 0;
    let fileWarnings = 0;
    for (const finding of file.findings) {
      const where = `${file.path}:${finding.line}:${finding.column} ${finding.ruleId}`;
      for (const key of Object.keys(finding)) expect(FINDING_KEYS, `${where}: unexpected key ${key}`).toContain(key);
      // A built-in id, or a config policy's namespaced one (`acme/prod-grace`).
      expect(finding.ruleId, where).toMatch(/^[a-z][a-z0-9-]*$|^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/);
      expect(['error', 'warn'], where).toContain(finding.severity);
      expect(finding.message, where).toBeTypeOf('string');
      expect(finding.message.trim().length, where).toBeGreaterThan(0);
      for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
        expect(Number.isInteger(finding[key]) && finding[key] >= 1, `${where}: ${key} = ${finding[key]}`).toBe(true);
      }
      const startsBeforeEnd = finding.endLine > finding.line || (finding.endLine === finding.line && finding.endColumn >= finding.column);
      expect(startsBeforeEnd, `${where}: ends at ${finding.endLine}:${finding.endColumn}`).toBe(true);
      expect(finding.fixable, where).toBeTypeOf('boolean');
      expect(finding.fixable, `${where}: fixable exactly when a fix is given`).toBe(finding.fix !== undefined);
      expect(finding.fingerprint, where).toMatch(/^[0-9a-f]{32}$/);
      if (finding.fatal !== undefined) {
        expect(finding.fatal, where).toBeTypeOf('boolean');
        expect(['yaml-syntax', 'typescript-syntax'], `${where}: only syntax findings are fatal`).toContain(finding.ruleId);
      }
      // A file that does not parse, or a chart or overlay that could not be rendered, has no object to name.
      if (!['yaml-syntax', 'render-failed', 'chart-not-rendered'].includes(finding.ruleId)) {
        expect(finding.object, `${where}: a rule finding names its object`).toBeTypeOf('object');
      }
      if (finding.object !== undefined) {
        for (const key of Object.keys(finding.object)) expect(['kind', 'namespace', 'name'], where).toContain(key);
        expect(finding.object.kind, where).toBeTypeOf('string');
        if (finding.object.namespace !== undefined) expect(finding.object.namespace, where).toBeTypeOf('string');
        if (finding.object.name !== undefined) expect(finding.object.name, where).toBeTypeOf('string');
      }
      // A suppressed finding (a comment, a config ignore, the baseline) is listed but not counted.
      if ((finding as { suppressions?: unknown[] }).suppressions) continue;
      if (finding.severity === 'error') fileErrors++;
      else fileWarnings++;
    }
    expect(file.errorCount, file.path).toBe(fileErrors);
    if (options.quiet) {
      expect(fileWarnings, `${file.path}: --quiet leaves warnings out`).toBe(0);
      expect(Number.isInteger(file.warningCount) && file.warningCount >= 0, file.path).toBe(true);
    } else {
      expect(file.warningCount, file.path).toBe(fileWarnings);
    }
    errors += fileErrors;
    warnings += options.quiet ? file.warningCount : fileWarnings;
  }
  expect(report.errorCount).toBe(errors);
  expect(report.warningCount).toBe(warnings);
}

export function fileOf(report: JsonReport, path: string): JsonFile {
  const file = report.files.find((f) => f.path === path);
  if (!file) throw new Error(`no "${path}" in the report; it has ${report.files.map((f) => f.path).join(', ')}`);
  return file;
}

export function allFindings(report: JsonReport): (JsonFinding & { path: string })[] {
  return report.files.flatMap((f) => f.findings.map((finding) => ({ ...finding, path: f.path })));
}

// ---------------------------------------------------------------------------------------------
// The stylish report

export interface StylishLine {
  path: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
}

/** A finding's headline: `  line:col  severity  rule-id  [*] first sentence…`. */
const STYLISH_HEADLINE = /^ {2}(\d+):(\d+) +(error|warn) +([a-z][a-z0-9-]*) {2}\S/;
/** The clickable location under it: `    --> path:line:col`. */
const STYLISH_LOCATION = /^ {4}--> (.+):(\d+):(\d+)$/;

/**
 * The findings of a stylish report, each read from its headline (`  line:col  severity  rule-id
 * …`) and the `--> path:line:col` line under it, which must agree on the position.
 */
export function stylishFindings(stdout: string): StylishLine[] {
  const findings: StylishLine[] = [];
  let headline: RegExpExecArray | undefined;
  for (const text of stdout.split('\n')) {
    const head = STYLISH_HEADLINE.exec(text);
    if (head) {
      headline = head;
      continue;
    }
    const at = STYLISH_LOCATION.exec(text);
    if (!at || !headline) continue;
    expect(`${at[2]}:${at[3]}`, `the location under "${headline[0]}"`).toBe(`${headline[1]}:${headline[2]}`);
    findings.push({ path: at[1]!, line: Number(at[2]), column: Number(at[3]), severity: headline[3]!, ruleId: headline[4]! });
    headline = undefined;
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Positions, computed from the test's own text

/** 1-based line and column of the first occurrence of `needle` (after `after`, if given). */
export function positionOf(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  if (from === -1) throw new Error(`"${after}" not in text`);
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * A GPU inference Deployment (vLLM, nvidia.com/gpu, a served port), with optional extra pod-spec
 * lines. Apart from what a test leaves out or adds, it is drain-ready: a 15 s preStop sleep
 * (`preStop: false` drops it, and prestop-missing reports it), a startupProbe that covers a 120 s
 * cold start, and a readiness probe that fails at once on the drain marker /tmp/drain (drain-aware
 * for readiness-ignores-drain; 3 s to report for readiness-too-slow: period 2 × threshold 1 +
 * timeout 1). Its grace period is left at the default, so it has a grace-period-default error
 * unless a test sets one. It runs 2 replicas: `pdb: true` appends a PodDisruptionBudget with
 * maxUnavailable: 1 (without it pdb-missing warns; see {@link gpuPdb}).
 */
export function gpuDeployment(options: { name?: string; podSpecLines?: string[]; preStop?: boolean; pdb?: boolean } = {}): string {
  const name = options.name ?? 'vllm';
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: inference',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    ...(options.podSpecLines ?? []).map((l) => `      ${l}`),
    '      containers:',
    '        - name: vllm',
    // A GPU server that is not a known engine: engine-shutdown-timeout has its own tests.
    '          image: ghcr.io/example/llm-server:1.0',
    '          ports:',
    '            - containerPort: 8000',
    '          resources:',
    '            limits:',
    '              nvidia.com/gpu: 1',
    ...(options.preStop === false
      ? []
      : ['          lifecycle:', '            preStop:', '              sleep:', '                seconds: 15']),
    '          startupProbe:',
    '            httpGet:',
    '              path: /health',
    '              port: 8000',
    '            periodSeconds: 10',
    '            failureThreshold: 12',
    '          readinessProbe:',
    '            exec:',
    '              command: ["/bin/sh", "-c", "! test -f /tmp/drain && curl -fsS http://localhost:8000/health"]',
    '            periodSeconds: 2',
    '            failureThreshold: 1',
    '',
    ...(options.pdb ? ['---', gpuPdb(name)] : []),
  ].join('\n');
}

/** A PodDisruptionBudget that lets one pod of {@link gpuDeployment}`({ name })` go at a time. */
export function gpuPdb(name = 'vllm'): string {
  return [
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${name}`,
    '  namespace: inference',
    'spec:',
    '  maxUnavailable: 1',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '',
  ].join('\n');
}

/** A Deployment with nothing that makes a drain profile apply (no GPU, engine image or long-lived traffic). */
export function plainDeployment(name = 'web'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports:',
    '            - containerPort: 80',
    '',
  ].join('\n');
}
