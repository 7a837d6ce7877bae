/**
 * `npm run bench`: how fast gpu-drain-lint is, measured the way users feel it (the CLI, in a fresh
 * process), against the targets of issue 18, as ratios measured in this one run. Builds corpora of
 * 1k, 10k and 50k documents from the shared corpus (scripts/bench-corpus.mjs) in a temporary
 * folder and measures for each, interleaved: the parse floor (scripts/bench-floor.mjs: the `yaml`
 * package alone, one thread), the lint with the default threads (no flag: all cores) and with
 * `--threads 1` (n/a when the CLI has no such flag), wall time and peak RSS (`-f json -o
 * /dev/null`, all rules, default config); at 10k also `--fix` on a fresh copy of the corpus. Then
 * the lint on corpora whose copies keep their objects' names (10k and 50k), and the cold start
 * (one small file) against `node -e ""`. Prints the tables and the targets (scripts/bench-report.mjs)
 * and writes every figure to bench/results.json. Nothing here is asserted by the tests.
 *
 * Options: --profile   also profile the 10k run (node --cpu-prof) and print where the time goes
 *                      (the .cpuprofile is kept in bench/tmp/ for Chrome DevTools)
 *          --full      also the kept-documents parse floor (every document held to the end)
 *          --keep      keep the generated corpora (their folder is printed)
 *          --sizes 1000,10000   other corpus sizes, for the repeated names too (the targets are
 *                      judged at 10k and 50k; --fix runs at 10k, else at the first size)
 * Environment: GPU_DRAIN_LINT_CORPUS points at another source corpus.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSource, writeCorpus } from './bench-corpus.mjs';
import { BIN, LINT_ARGS, measureColdStart, measureFix, measureFloor, measureLint, median, round, summarizeLintRuns, threadsSupported } from './bench-measure.mjs';
import { summarizeProfile, formatProfileSummary } from './bench-profile.mjs';
import { fmtInt, formatReport, judgeTargets } from './bench-report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench/results.json');
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');

const args = process.argv.slice(2);
const profile = args.includes('--profile');
const full = args.includes('--full');
const keep = args.includes('--keep');
const sizesArg = args.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [1_000, 10_000, 50_000];
const REPEATED_SIZES = sizesArg >= 0 ? SIZES : [10_000, 50_000];
const FIX_SIZE = SIZES.includes(10_000) ? 10_000 : SIZES[0];
const ONE_THREAD = ['--threads', '1'];
/**
 * Runs per size (medians reported): up to 3 up to 20k documents, one above. A size stops adding
 * runs once it has used its time budget, so that the whole bench stays within about 7 minutes
 * even where a run is slow (today's lint on 50k documents with repeated names).
 */
const runsFor = (documents) => (documents <= 20_000 ? 3 : 1);
const budgetMsFor = (documents) => (documents <= 2_000 ? 20_000 : 90_000);
const COLD_RUNS = 15;

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
let highestLoad1min = loadAtStart[0];
const work = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-bench-'));

async function main() {
  const source = loadSource(CORPUS);
  const sourceDocs = source.reduce((sum, f) => sum + f.documents, 0);
  const sourceBytes = source.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  log(`source corpus ${relative(ROOT, CORPUS) || CORPUS}: ${source.length} files, ${sourceDocs} documents, ${mb(sourceBytes)} MB`);
  const threads = threadsSupported();
  if (!threads) log('the CLI has no --threads: the 1-thread column is n/a');

  const sizes = [];
  let fix = null;
  for (const target of SIZES) {
    const dir = join(work, `docs-${target}`);
    const corpus = writeCorpus(source, target, dir);
    const withFix = target === FIX_SIZE;
    const runs = runsFor(corpus.documents);
    log(`${fmtInt(corpus.documents)} documents (${corpus.files} files, ${mb(corpus.bytes)} MB): up to ${runs} run(s) of the parse floor, the lint${threads ? ' (default and --threads 1)' : ''}${withFix ? ' and --fix' : ''}`);
    const floorRuns = [];
    const keptRuns = [];
    const lintRuns = [];
    const oneThreadRuns = [];
    const fixRuns = [];
    // Interleaved, so that a slow moment of the machine affects all alike.
    const sizeStarted = Date.now();
    for (let i = 0; i < runs && (i === 0 || Date.now() - sizeStarted < budgetMsFor(corpus.documents)); i++) {
      sampleLoad();
      floorRuns.push(measureFloor(dir, false));
      if (full) keptRuns.push(measureFloor(dir, true));
      lintRuns.push(measureLint(dir, work));
      if (threads) oneThreadRuns.push(measureLint(dir, work, ONE_THREAD));
      if (withFix) fixRuns.push(measureFix(dir, work));
    }
    if (floorRuns[0].documents !== corpus.documents) {
      throw new Error(`the parse floor read ${floorRuns[0].documents} documents, the corpus has ${corpus.documents}`);
    }
    const size = sizeFigures(corpus, floorRuns, keptRuns, lintRuns, oneThreadRuns);
    sizes.push(size);
    if (withFix) {
      const summary = summarizeLintRuns(fixRuns);
      fix = {
        documents: corpus.documents,
        command: 'node bin/gpu-drain-lint.js . --format json -o /dev/null --fix (cwd: a fresh copy of the corpus)',
        ...summary,
        plainLintMs: size.lint.defaultThreads.wallMs,
        ratioToPlainLint: round(summary.wallMs / size.lint.defaultThreads.wallMs),
      };
    }
    if (!(profile && target === 10_000) && !keep) rmSync(dir, { recursive: true, force: true });
  }

  const repeatedNames = [];
  for (const target of REPEATED_SIZES) {
    const dir = join(work, `repeated-${target}`);
    const corpus = writeCorpus(source, target, dir, { repeatNames: true });
    const runs = runsFor(corpus.documents);
    log(`${fmtInt(corpus.documents)} documents with names repeating across directories: up to ${runs} run(s) of the lint`);
    const lintRuns = [];
    const sizeStarted = Date.now();
    for (let i = 0; i < runs && (i === 0 || Date.now() - sizeStarted < budgetMsFor(corpus.documents) / 2); i++) {
      sampleLoad();
      lintRuns.push(measureLint(dir, work));
    }
    repeatedNames.push({ ...corpus, lint: { defaultThreads: summarizeLintRuns(lintRuns) } });
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  log(`cold start: ${COLD_RUNS} runs each of gpu-drain-lint x.yaml, x.ts and node -e ""`);
  sampleLoad();
  const coldStart = measureColdStart(work, COLD_RUNS);

  let profileSummary;
  if (profile) {
    log(`profiling the 10k run (node --cpu-prof${threads ? ', --threads 1' : ''})`);
    const dir = join(work, 'docs-10000');
    if (!existsSync(dir)) writeCorpus(source, 10_000, dir);
    profileSummary = profileRun(dir, threads ? ONE_THREAD : []);
  }

  const results = {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      // 1, 5 and 15 minute load averages: above the CPU count, other work shared the machine.
      loadAverage: { atStart: loadAtStart, highest1min: highestLoad1min, atEnd: loadavg().map(round) },
    },
    sourceCorpus: { path: relative(ROOT, CORPUS) || CORPUS, files: source.length, documents: sourceDocs, bytes: sourceBytes },
    threads: { supported: threads, defaultThreads: 'no flag (all cores)', oneThread: threads ? ONE_THREAD.join(' ') : 'n/a (no --threads)' },
    method: {
      lint: `wall time of a fresh \`node bin/gpu-drain-lint.js ${LINT_ARGS.join(' ')}\` process in the corpus folder (startup, discovery, reading, all rules, report), median of the runs, with the default threads and with --threads 1; peak RSS from process.resourceUsage().maxRSS at its exit (every thread); CPU: user + system time of the process`,
      parseFloor: 'in a fresh process, files read and decoded first, then the time of yaml parseAllDocuments over all of them on one thread (options of src/languages/yaml/parse.ts), each file\'s documents dropped once parsed; median of the runs. The targets are judged against this one',
      parseFloorDocumentsKept: 'with --full: the same, but every document kept to the end (the difference is mostly garbage-collection time)',
      repeatedNames: 'the lint (default threads) on corpora whose copies keep their objects\' names and namespaces (only replicas and probe timings vary), as the overlays of one base render them',
      fix: `the lint with --fix on a fresh copy of the ${fmtInt(FIX_SIZE)}-document corpus each run (copied outside the clock), interleaved with the plain lint; ratio to the plain lint's median`,
      coldStart: `median of ${COLD_RUNS} runs of \`node bin/gpu-drain-lint.js x.yaml\` (one small Deployment) and of \`node -e ""\`, interleaved`,
    },
    sizes,
    repeatedNames,
    growth50kTo10k: {
      defaultThreads: growth(sizes, (s) => s.lint.defaultThreads.wallMs),
      oneThread: growth(sizes, (s) => s.lint.oneThread?.wallMs),
      repeatedNames: growth(repeatedNames, (s) => s.lint.defaultThreads.wallMs),
    },
    fix,
    coldStart,
    ...(profileSummary ? { profile10k: profileSummary } : {}),
  };
  results.targets = judgeTargets(results);
  results.benchSeconds = round((Date.now() - started) / 1000);
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\n${formatReport(results)}`);
  if (profileSummary) console.log(`\n${formatProfileSummary(profileSummary)}`);
  console.log(`\nfigures written to ${relative(process.cwd(), RESULTS) || RESULTS}; bench took ${results.benchSeconds} s`);
}

/** One size's figures for results.json: the runs summarised and the ratios to the parse floor. */
function sizeFigures(corpus, floorRuns, keptRuns, lintRuns, oneThreadRuns) {
  const floor = floorSummary(floorRuns);
  const lint = summarizeLintRuns(lintRuns);
  const oneThread = oneThreadRuns.length > 0 ? summarizeLintRuns(oneThreadRuns) : null;
  const kept = keptRuns.length > 0 ? floorSummary(keptRuns) : null;
  return {
    ...corpus,
    parseFloor: floor,
    parseFloorDocumentsKept: kept,
    lint: { defaultThreads: lint, oneThread },
    ratioToParseFloor: {
      defaultThreads: round(lint.wallMs / floor.parseMs),
      // Each lint run against the floor run measured just before it.
      defaultThreadsSlowestRun: round(Math.max(...lintRuns.map((run, i) => run.wallMs / floorRuns[i].parseMs))),
      oneThread: oneThread && round(oneThread.wallMs / floor.parseMs),
      oneThreadToDefaultThreads: oneThread && round(oneThread.wallMs / lint.wallMs),
      ...(kept && { defaultThreadsToDocumentsKept: round(lint.wallMs / kept.parseMs) }),
    },
    documentsPerSecond: Math.round(corpus.documents / (lint.wallMs / 1000)),
  };
}

function floorSummary(runs) {
  const parse = runs.map((r) => r.parseMs);
  return { parseMs: round(median(parse)), runsMs: parse.map(round), peakRssMB: round(Math.max(...runs.map((r) => r.maxRssKB)) / 1024) };
}

/** The 50k time ÷ the 10k time of some corpora, null when either was not measured. */
function growth(corpora, timeOf) {
  const at10k = corpora.find((c) => c.documents === 10_000);
  const at50k = corpora.find((c) => c.documents === 50_000);
  const [small, large] = [at10k && timeOf(at10k), at50k && timeOf(at50k)];
  return small && large ? round(large / small) : null;
}

function sampleLoad() {
  highestLoad1min = Math.max(highestLoad1min, round(loadavg()[0]));
}

/** A CPU profile of the lint on `dir`, in one thread where the CLI can (a worker would write its own). */
function profileRun(dir, threadArgs) {
  const profDir = join(ROOT, 'bench/tmp');
  mkdirSync(profDir, { recursive: true });
  const before = new Set(readdirSync(profDir));
  const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, BIN, ...LINT_ARGS, ...threadArgs], {
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

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
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
