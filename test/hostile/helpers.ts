/**
 * Shared by the hostile-input tests: a canary manifest that must still be linted beside every
 * hostile file, the real CLI run with a measured peak RSS, the CLI's main() and lint() in-process
 * on raw bytes, and the check that every finding points inside its file.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { rules } from '../../rules/index.js';
import type { FileResult, Finding } from '../../src/core/findings.js';
import { lint, type LintInput } from '../../src/engine/lint.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { expectCleanExit, gpuDeployment, ROOT, runAsync, runInProcess, tempDir, type RunResult } from '../cli/run.js';

export { rules };

/** A GPU Deployment without a preStop hook: it always gets `prestop-missing`. */
export const CANARY_NAME = 'hostile-canary';
export const CANARY = gpuDeployment({ name: CANARY_NAME, preStop: false });

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Lints inputs in-process with every rule and the default configuration. */
export function lintInputs(inputs: LintInput[]): FileResult[] {
  return lint(inputs, {
    rules,
    settings: new Map(),
    profiles: { profiles: DEFAULT_PROFILES, workloads: [] },
    defaultNamespace: 'default',
  });
}

/** Lints one file's bytes in-process beside the canary; returns both results. */
export function lintBesideCanary(path: string, content: Uint8Array | string): { file: FileResult; canary: FileResult } {
  const results = lintInputs([
    { path, content: typeof content === 'string' ? encode(content) : content, reportable: true },
    { path: 'canary.yaml', content: encode(CANARY), reportable: true },
  ]);
  const file = results.find((r) => r.path === path);
  const canary = results.find((r) => r.path === 'canary.yaml');
  if (!file || !canary) throw new Error(`missing results: ${results.map((r) => r.path).join(', ')}`);
  return { file, canary };
}

/** The canary was linted as usual. */
export function expectCanaryLinted(findings: readonly { ruleId: string }[]): void {
  expect(findings.map((f) => f.ruleId)).toContain('prestop-missing');
}

/**
 * The lines of a file as an editor and YAML see them (BOM dropped, invalid UTF-8 replaced, a
 * lone CR is a line break as in YAML; CRLF counts once).
 */
export function editorLines(content: Uint8Array | string): string[] {
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  return text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n').split('\n');
}

interface Positioned {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/**
 * Every finding has a message and sits inside the file: 1 ≤ line ≤ lines and 1 ≤ column ≤ the
 * line's length + 1 (just past its last character), for its start and its end line; the end is
 * not before the start. The end column is held to the line's length + 1 only with `strictEnd`:
 * a syntax error at the very end of a file ends one column past it today (see semantics.test.ts).
 */
export function expectPositionsInside(findings: readonly Positioned[], content: Uint8Array | string, label = '', strictEnd = false): void {
  const lines = editorLines(content);
  for (const f of findings) {
    const where = `${label}${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId} "${f.message.slice(0, 120)}"`;
    expect(f.message.trim().length, where).toBeGreaterThan(0);
    for (const [line, column, strict] of [
      [f.line, f.column, true],
      [f.endLine, f.endColumn, strictEnd],
    ] as const) {
      expect(Number.isInteger(line) && line >= 1 && line <= lines.length, `${where}: line ${line} of ${lines.length}`).toBe(true);
      const length = lines[line - 1]?.length ?? 0;
      expect(Number.isInteger(column) && column >= 1 && (!strict || column <= length + 1), `${where}: column ${column} on a line of ${length}`).toBe(true);
    }
    const ordered = f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column);
    expect(ordered, `${where}: ends before it starts`).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// The real CLI, with its peak memory

export interface JsonFinding extends Positioned {
  severity: string;
  fatal?: boolean;
  object?: { kind: string; namespace?: string; name?: string };
}

export interface JsonReport {
  files: { path: string; findings: JsonFinding[] }[];
}

export interface MeasuredRun extends RunResult {
  /** Peak resident set size of the CLI process in MB (undefined when it was killed). */
  peakRssMB: number | undefined;
  report: JsonReport | undefined;
}

const RSS_PRELOAD = pathToFileURL(join(ROOT, 'scripts/bench-rss.mjs')).href;
let runs = 0;

/**
 * Runs `gpu-drain-lint -f json ...args` in `cwd` as a user would (killed after `timeout` ms), and
 * reads its peak RSS (process.resourceUsage at exit, via a preloaded module).
 */
export async function runMeasured(args: readonly string[], cwd: string, timeout = 60_000): Promise<MeasuredRun> {
  const rssFile = join(tempDir(), `rss-${process.pid}-${runs++}.json`);
  const result = await runAsync(['-f', 'json', ...args], {
    cwd,
    timeout,
    env: { NODE_OPTIONS: `--import=${RSS_PRELOAD}`, BENCH_RSS_FILE: rssFile },
  });
  let peakRssMB: number | undefined;
  if (existsSync(rssFile)) {
    peakRssMB = (JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKB: number }).maxRssKB / 1024;
    rmSync(rssFile, { force: true });
  }
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    report = undefined;
  }
  return { ...result, peakRssMB, report };
}

/**
 * The run ended on its own (not killed at the time limit, no crash), within `maxRssMB`, with a
 * JSON report; returns the report.
 */
export function expectBoundedRun(result: MeasuredRun, maxRssMB: number): JsonReport {
  const context = `exit ${result.status}, signal ${result.signal}; stderr:\n${result.stderr.slice(0, 2000)}`;
  expect(result.signal, `killed (time limit or memory): ${context}`).toBeNull();
  expect([0, 1], context).toContain(result.status);
  expect(result.stderr, context).not.toMatch(/internal error|Maximum call stack|heap out of memory|^\s+at .*:\d+:\d+\)?$/m);
  expect(result.peakRssMB, context).toBeDefined();
  expect(result.peakRssMB!, `peak RSS ${Math.round(result.peakRssMB!)} MB`).toBeLessThan(maxRssMB);
  expect(result.report, `stdout is not a JSON report: ${result.stdout.slice(0, 500)}`).toBeDefined();
  return result.report!;
}

/**
 * `gpu-drain-lint -f json ...args` in `cwd` through main() in-process, for cases about what is
 * reported rather than what the process costs: it ends with 0 or 1 and no crash; returns the report.
 */
export async function lintInProcess(args: readonly string[], cwd: string): Promise<JsonReport> {
  const result = await runInProcess(['-f', 'json', ...args], { cwd });
  expectCleanExit(result);
  return JSON.parse(result.stdout) as JsonReport;
}

/** The findings of `path` in a report (paths as the CLI prints them, `./` dropped). */
export function findingsOf(report: JsonReport, path: string): JsonFinding[] {
  const file = report.files.find((f) => f.path.replace(/^\.\//, '') === path);
  if (!file) throw new Error(`no "${path}" in the report; it has ${report.files.map((f) => f.path).join(', ')}`);
  return file.findings;
}

export type { Finding, LintInput };
