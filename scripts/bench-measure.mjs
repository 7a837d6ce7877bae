/**
 * The measurements of `npm run bench`, each in a fresh process as a user runs it: the CLI's wall
 * time, CPU time and peak RSS (scripts/bench-rss.mjs preloaded), the parse floor
 * (scripts/bench-floor.mjs), `--fix` on a fresh copy of a corpus, and the cold start.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin/gpu-drain-lint.js');
const RSS_PRELOAD = pathToFileURL(join(ROOT, 'scripts/bench-rss.mjs')).href;
const FLOOR = join(ROOT, 'scripts/bench-floor.mjs');

/** The lint's arguments in every measurement: all rules, default config, the report discarded. */
export const LINT_ARGS = ['.', '--format', 'json', '-o', '/dev/null'];

/** Whether the CLI has `--threads` (its help names it); without it the 1-thread column is n/a. */
export function threadsSupported(bin = BIN) {
  const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return /--threads\b/.test(`${result.stdout}${result.stderr}`);
}

/**
 * `node bin/gpu-drain-lint.js . --format json -o /dev/null [extraArgs]` in `dir`: its wall time,
 * exit code, peak RSS (KB) and CPU times (of every thread of the process).
 */
export function measureLint(dir, scratch, extraArgs = []) {
  const rssFile = join(scratch, 'rss.json');
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', RSS_PRELOAD, BIN, ...LINT_ARGS, ...extraArgs], {
    cwd: dir,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`gpu-drain-lint ${extraArgs.join(' ')} exited ${result.status ?? result.signal} on ${dir}:\n${result.stderr}`);
  }
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  return { wallMs, status: result.status, ...usage };
}

/**
 * `--fix` on a fresh copy of the corpus in `dir` (copied to `scratch/fix`, outside the clock, and
 * removed after): the same command as the plain lint plus `--fix`.
 */
export function measureFix(dir, scratch) {
  const copy = join(scratch, 'fix');
  rmSync(copy, { recursive: true, force: true });
  cpSync(dir, copy, { recursive: true });
  try {
    return measureLint(copy, scratch, ['--fix']);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The parse floor on `dir` (see scripts/bench-floor.mjs); `keepDocuments` holds them all to the end. */
export function measureFloor(dir, keepDocuments) {
  const result = spawnSync(process.execPath, [FLOOR, dir, ...(keepDocuments ? ['--keep'] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the parse floor failed on ${dir}:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The Deployment the cold start is timed on (also scripts/bench-cold.mjs). */
export const SMALL_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
  namespace: inference
spec:
  replicas: 2
  selector:
    matchLabels: {app: vllm}
  template:
    metadata:
      labels: {app: vllm}
    spec:
      terminationGracePeriodSeconds: 200
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
          lifecycle: {preStop: {sleep: {seconds: 15}}}
`;

/**
 * `runs` interleaved runs each of `gpu-drain-lint x.yaml` (one small Deployment), of the same on a
 * Pulumi program (x.ts, loads the TypeScript parser) and of `node -e ""`, after one untimed run of
 * each (the OS file cache); medians and their ratio.
 */
export function measureColdStart(scratch, runs) {
  const dir = join(scratch, 'cold');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'x.yaml'), SMALL_MANIFEST);
  writeFileSync(join(dir, 'x.ts'), readFileSync(join(ROOT, 'fixtures/typescript/pulumi/index.ts')));
  const time = (argv) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} exited ${result.status}:\n${result.stderr}`);
    return ms;
  };
  time([BIN, 'x.yaml']);
  time([BIN, 'x.ts']);
  time(['-e', '']);
  const lintMs = [];
  const typescriptMs = [];
  const nodeMs = [];
  for (let i = 0; i < runs; i++) {
    lintMs.push(time([BIN, 'x.yaml']));
    typescriptMs.push(time([BIN, 'x.ts']));
    nodeMs.push(time(['-e', '']));
  }
  const lint = median(lintMs);
  const node = median(nodeMs);
  return {
    lintMedianMs: round(lint),
    typescriptMedianMs: round(median(typescriptMs)),
    nodeMedianMs: round(node),
    ratio: round(lint / node),
    lintRunsMs: lintMs.map(round),
    nodeRunsMs: nodeMs.map(round),
  };
}

/** Wall-time median, CPU-time median and the highest peak RSS of some lint runs, for results.json. */
export function summarizeLintRuns(runs) {
  return {
    wallMs: round(median(runs.map((r) => r.wallMs))),
    runsMs: runs.map((r) => round(r.wallMs)),
    cpuMs: round(median(runs.map((r) => r.userMs + r.systemMs))),
    peakRssMB: round(Math.max(...runs.map((r) => r.maxRssKB)) / 1024),
    exitCode: runs[0].status,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(value) {
  return Math.round(value * 100) / 100;
}
