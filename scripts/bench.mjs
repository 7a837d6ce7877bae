/**
 * `npm run bench`: how fast gpu-drain-lint is, measured the way users feel it (the CLI, in a fresh
 * process), against the targets of issue 6. Builds corpora of 1k, 10k and 50k documents from the
 * shared corpus (scripts/bench-corpus.mjs) in a temporary folder, then measures for each size the
 * CLI's wall time and peak RSS (`-f json -o /dev/null`, all rules, default config) and the parse
 * floor (scripts/bench-floor.mjs: the `yaml` package alone on the same bytes, in this same run);
 * then the cold start (one small file) against `node -e ""`. Prints a table with the targets and
 * writes every figure to bench/results.json. Nothing here is asserted by the tests.
 *
 * Options: --profile   also profile the 10k run (node --cpu-prof) and print where the time goes
 *                      (the .cpuprofile is kept in bench/tmp/ for Chrome DevTools)
 *          --full      also the kept-documents parse floor at 50k (about a minute more)
 *          --keep      keep the generated corpora (their folder is printed)
 *          --sizes 1000,10000   other corpus sizes (the targets are judged at 10k and 50k)
 * Environment: GPU_DRAIN_LINT_CORPUS points at another source corpus.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSource, writeCorpus } from './bench-corpus.mjs';
import { summarizeProfile, formatProfileSummary } from './bench-profile.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/gpu-drain-lint.js');
const RSS_PRELOAD = pathToFileURL(join(ROOT, 'scripts/bench-rss.mjs')).href;
const FLOOR = join(ROOT, 'scripts/bench-floor.mjs');
const RESULTS = join(ROOT, 'bench/results.json');
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');

const args = process.argv.slice(2);
const profile = args.includes('--profile');
const full = args.includes('--full');
const keep = args.includes('--keep');
const sizesArg = args.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [1_000, 10_000, 50_000];
/**
 * Runs per size (median reported): up to 3 for the quick sizes, one for the largest; a size stops
 * adding runs once it has used its time budget, so a busy machine stays within about 5 minutes.
 */
const runsFor = (documents) => (documents <= 20_000 ? 3 : 1);
const budgetMsFor = (documents) => (documents <= 2_000 ? 20_000 : 60_000);
const COLD_RUNS = 15;

const TARGETS = {
  wall10k: 3_000, // ms, all rules, json, 10k documents
  floorRatio10k: 1.5, // × the parse floor at 10k
  growth50k: 5.5, // 50k time ÷ 10k time
  rss50kMB: 400,
  coldStartRatio: 2.5, // × `node -e ""`
};

if (!existsSync(CORPUS) || !statSync(CORPUS).isDirectory()) {
  console.log(`gpu-drain-lint bench: no source corpus at ${CORPUS} (the shared corpus lives beside the project, or set GPU_DRAIN_LINT_CORPUS): nothing to measure.`);
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) {
  console.error('gpu-drain-lint bench: dist/ is missing: run "npm run build" first (npm run bench does).');
  process.exit(2);
}

const started = Date.now();
const loadAtStart = loadavg().map(round);
const work = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-bench-'));

async function main() {
  const source = loadSource(CORPUS);
  const sourceDocs = source.reduce((sum, f) => sum + f.documents, 0);
  const sourceBytes = source.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  log(`source corpus ${relative(ROOT, CORPUS) || CORPUS}: ${source.length} files, ${sourceDocs} documents, ${mb(sourceBytes)} MB`);

  const sizes = [];
  for (const target of SIZES) {
    const dir = join(work, `docs-${target}`);
    const corpus = writeCorpus(source, target, dir);
    const runs = runsFor(corpus.documents);
    const withKept = corpus.documents <= 20_000 || full;
    log(`${fmtInt(corpus.documents)} documents (${corpus.files} files, ${mb(corpus.bytes)} MB): up to ${runs} run(s) of the lint and the parse floor${withKept ? 's' : ''}`);
    const lintRuns = [];
    const floorRuns = [];
    const keptRuns = [];
    // Interleaved, so that a slow moment of the machine affects all alike.
    const sizeStarted = Date.now();
    for (let i = 0; i < runs && (i === 0 || Date.now() - sizeStarted < budgetMsFor(corpus.documents)); i++) {
      floorRuns.push(measureFloor(dir, false));
      if (withKept) keptRuns.push(measureFloor(dir, true));
      lintRuns.push(measureLint(dir));
    }
    const wallMs = median(lintRuns.map((r) => r.wallMs));
    const parseMs = median(floorRuns.map((r) => r.parseMs));
    const keptMs = withKept ? median(keptRuns.map((r) => r.parseMs)) : undefined;
    if (floorRuns[0].documents !== corpus.documents) {
      throw new Error(`the parse floor read ${floorRuns[0].documents} documents, the corpus has ${corpus.documents}`);
    }
    sizes.push({
      documents: corpus.documents,
      files: corpus.files,
      bytes: corpus.bytes,
      lint: {
        command: 'node bin/gpu-drain-lint.js . --format json -o /dev/null (cwd: the corpus)',
        wallMs: round(wallMs),
        runsMs: lintRuns.map((r) => round(r.wallMs)),
        peakRssMB: round(Math.max(...lintRuns.map((r) => r.maxRssKB)) / 1024),
        cpuMs: round(median(lintRuns.map((r) => r.userMs + r.systemMs))),
        exitCode: lintRuns[0].status,
      },
      parseFloor: {
        parseMs: round(parseMs),
        runsMs: floorRuns.map((r) => round(r.parseMs)),
        peakRssMB: round(Math.max(...floorRuns.map((r) => r.maxRssKB)) / 1024),
      },
      parseFloorDocumentsKept: withKept
        ? {
            parseMs: round(keptMs),
            runsMs: keptRuns.map((r) => round(r.parseMs)),
            peakRssMB: round(Math.max(...keptRuns.map((r) => r.maxRssKB)) / 1024),
          }
        : null,
      documentsPerSecond: Math.round(corpus.documents / (wallMs / 1000)),
      mbPerSecond: round(corpus.bytes / 1024 / 1024 / (wallMs / 1000)),
      ratioToParseFloor: round(wallMs / parseMs),
      ratioToParseFloorDocumentsKept: withKept ? round(wallMs / keptMs) : null,
    });
    if (!(profile && target === 10_000)) {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  }

  log(`cold start: ${COLD_RUNS} runs each of gpu-drain-lint x.yaml and node -e ""`);
  const coldStart = measureColdStart();

  const at = (n) => sizes.find((s) => s.documents === n);
  const s10k = at(10_000);
  const s50k = at(50_000);
  const targets = [
    target('10k documents, all rules, json: wall time', s10k && s10k.lint.wallMs / 1000, `< ${TARGETS.wall10k / 1000} s`, (v) => v < TARGETS.wall10k / 1000, 's'),
    target('10k documents: ratio to the parse floor', s10k?.ratioToParseFloor, `≤ ${TARGETS.floorRatio10k}×`, (v) => v <= TARGETS.floorRatio10k, '×'),
    target('50k time ÷ 10k time', s10k && s50k && round(s50k.lint.wallMs / s10k.lint.wallMs), `≤ ${TARGETS.growth50k}×`, (v) => v <= TARGETS.growth50k, '×'),
    target('peak RSS at 50k documents', s50k?.lint.peakRssMB, `< ${TARGETS.rss50kMB} MB`, (v) => v < TARGETS.rss50kMB, 'MB'),
    target('cold start ÷ node -e ""', coldStart.ratio, `≤ ${TARGETS.coldStartRatio}×`, (v) => v <= TARGETS.coldStartRatio, '×'),
  ];

  let profileSummary;
  if (profile) {
    log('profiling the 10k run (node --cpu-prof)');
    const dir = join(work, 'docs-10000');
    if (!existsSync(dir)) writeCorpus(source, 10_000, dir);
    profileSummary = profileRun(dir);
  }

  const results = {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      // 1, 5 and 15 minute load averages: above the CPU count, other work shared the machine.
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map(round) },
    },
    sourceCorpus: { path: relative(ROOT, CORPUS) || CORPUS, files: source.length, documents: sourceDocs, bytes: sourceBytes },
    method: {
      lint: 'wall time of a fresh `node bin/gpu-drain-lint.js . --format json -o /dev/null` process (startup, discovery, reading, all rules, report), median of the runs; peak RSS from process.resourceUsage().maxRSS at its exit',
      parseFloor: 'in a fresh process, files read and decoded first, then the time of yaml parseAllDocuments over all of them (options of src/languages/yaml/parse.ts), each file\'s documents dropped once parsed; median of the runs. The targets are judged against this one',
      parseFloorDocumentsKept: 'the same, but every document kept to the end, as the linter holds them today (the difference is mostly garbage-collection time)',
      coldStart: `median of ${COLD_RUNS} runs of \`node bin/gpu-drain-lint.js x.yaml\` (one small Deployment) and of \`node -e ""\`, interleaved`,
    },
    sizes,
    coldStart,
    targets,
    ...(profileSummary ? { profile10k: profileSummary } : {}),
    benchSeconds: round((Date.now() - started) / 1000),
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  printTable(results);
  if (profileSummary) console.log(`\n${formatProfileSummary(profileSummary)}`);
  console.log(`\nfigures written to ${relative(process.cwd(), RESULTS) || RESULTS}; bench took ${results.benchSeconds} s`);
}

function measureLint(dir) {
  const rssFile = join(work, 'rss.json');
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', RSS_PRELOAD, BIN, '.', '--format', 'json', '-o', '/dev/null'], {
    cwd: dir,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`gpu-drain-lint exited ${result.status ?? result.signal} on ${dir}:\n${result.stderr}`);
  }
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  return { wallMs, status: result.status, ...usage };
}

function measureFloor(dir, keepDocuments) {
  const result = spawnSync(process.execPath, [FLOOR, dir, ...(keepDocuments ? ['--keep'] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the parse floor failed on ${dir}:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

const SMALL_MANIFEST = `apiVersion: apps/v1
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

function measureColdStart() {
  const dir = join(work, 'cold');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'x.yaml'), SMALL_MANIFEST);
  // The same kind of object in a Pulumi program: the run loads the TypeScript parser.
  writeFileSync(join(dir, 'x.ts'), readFileSync(join(ROOT, 'fixtures/typescript/pulumi/index.ts')));
  const time = (argv) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} exited ${result.status}:\n${result.stderr}`);
    return ms;
  };
  // One untimed run of each fills the OS file cache.
  time([BIN, 'x.yaml']);
  time([BIN, 'x.ts']);
  time(['-e', '']);
  const lintMs = [];
  const typescriptMs = [];
  const nodeMs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
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

function profileRun(dir) {
  const profDir = join(ROOT, 'bench/tmp');
  mkdirSync(profDir, { recursive: true });
  const before = new Set(readdirSync(profDir));
  const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, BIN, '.', '--format', 'json', '-o', '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  const written = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (written.length !== 1) throw new Error(`expected one new .cpuprofile in ${profDir}, found ${written.length}`);
  const file = join(profDir, 'lint-10k.cpuprofile');
  copyFileSync(join(profDir, written[0]), file);
  rmSync(join(profDir, written[0]));
  return { file: relative(ROOT, file), ...summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), ROOT) };
}

function target(name, value, goal, ok, unit) {
  return value === undefined || value === null || Number.isNaN(value)
    ? { name, value: null, unit, target: goal, met: null }
    : { name, value: round(value), unit, target: goal, met: ok(value) };
}

function printTable(results) {
  const { machine, sourceCorpus, sizes, coldStart, targets } = results;
  console.log(`\ngpu-drain-lint bench — node ${machine.node}, ${machine.platform}, ${machine.cpus} CPUs; corpus from ${sourceCorpus.path} (${sourceCorpus.files} files, ${sourceCorpus.documents} documents)`);
  const busiest = Math.max(machine.loadAverage.atStart[0], machine.loadAverage.atEnd[0]);
  if (busiest > machine.cpus) console.log(`note: load average reached ${busiest} on ${machine.cpus} CPUs: other work shared the machine, figures are pessimistic`);
  const header = ['documents', 'files', 'MB', 'lint wall', 'lint CPU', 'docs/s', 'MB/s', 'peak RSS', 'parse floor', '× floor', 'floor (kept)', '× kept'];
  const rows = sizes.map((s) => [
    fmtInt(s.documents),
    fmtInt(s.files),
    mb(s.bytes),
    `${(s.lint.wallMs / 1000).toFixed(2)} s`,
    `${(s.lint.cpuMs / 1000).toFixed(2)} s`,
    fmtInt(s.documentsPerSecond),
    s.mbPerSecond.toFixed(2),
    `${Math.round(s.lint.peakRssMB)} MB`,
    `${(s.parseFloor.parseMs / 1000).toFixed(2)} s`,
    `${s.ratioToParseFloor.toFixed(2)}×`,
    s.parseFloorDocumentsKept ? `${(s.parseFloorDocumentsKept.parseMs / 1000).toFixed(2)} s` : '(--full)',
    s.parseFloorDocumentsKept ? `${s.ratioToParseFloorDocumentsKept.toFixed(2)}×` : '',
  ]);
  printColumns([header, ...rows]);
  console.log('lint: the CLI in a fresh process, wall time (median) and its CPU time (user + system, GC threads included)');
  console.log('parse floor: yaml parseAllDocuments alone on the same bytes (documents dropped per file); kept: all documents held to the end, as the linter does');
  console.log(
    `\ncold start: gpu-drain-lint x.yaml ${Math.round(coldStart.lintMedianMs)} ms, node -e "" ${Math.round(coldStart.nodeMedianMs)} ms (medians of ${COLD_RUNS}): ${coldStart.ratio.toFixed(2)}×; ` +
      `a Pulumi program (x.ts, loads the TypeScript parser) ${Math.round(coldStart.typescriptMedianMs)} ms\n`,
  );
  printColumns([
    ['target', 'measured', 'goal', ''],
    ...targets.map((t) => [t.name, formatValue(t), t.target, t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED']),
  ]);
}

function formatValue({ value, unit }) {
  if (value === null) return 'n/a';
  if (unit === 'MB') return `${Math.round(value)} MB`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  return `${value.toFixed(2)}${unit}`;
}

function printColumns(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd());
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}

function fmtInt(n) {
  return n.toLocaleString('en-US');
}

function log(message) {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

// Last, so that every constant above is initialised.
try {
  await main();
} finally {
  if (keep) console.log(`corpora kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
