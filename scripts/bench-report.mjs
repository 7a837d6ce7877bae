/**
 * What `npm run bench` concludes from its figures: the targets of issue 18 judged on one run's
 * results (ratios, not absolute times), and the tables it prints. Pure functions of the results
 * object that bench.mjs writes to bench/results.json.
 */

/** The targets of issue 18 (2-core machine; ratios measured in one run). */
export const TARGETS = {
  floorRatio10k: 0.5, // 10k, all rules, json, default threads: × the parse floor
  floorRatio10kSlowestRun: 0.8, // … and never above this in any run
  floorRatio10kOneThread: 1.0, // the same with --threads 1
  growth50k: 5.2, // 50k time ÷ 10k time, also when object names repeat
  rss50kMB: 400,
  coldStartRatio: 1.7, // × `node -e ""`
  fixRatio10k: 3, // --fix on 10k ÷ the plain lint
};

export const NO_THREADS = 'n/a (no --threads)';

/** Each target of TARGETS with the value this run measured. */
export function judgeTargets(results) {
  const s10k = sizeOf(results.sizes, 10_000);
  const s50k = sizeOf(results.sizes, 50_000);
  const oneThreadMissing = results.threads.supported ? undefined : NO_THREADS;
  const rss50k = s50k && Math.max(s50k.lint.defaultThreads.peakRssMB, s50k.lint.oneThread?.peakRssMB ?? 0);
  const atMost = (limit) => (value) => value <= limit;
  return [
    target('10k documents, all rules, json, default threads: × parse floor', s10k?.ratioToParseFloor.defaultThreads, `≤ ${TARGETS.floorRatio10k}×`, atMost(TARGETS.floorRatio10k), '×'),
    target('… its slowest run: × the floor run beside it', s10k?.ratioToParseFloor.defaultThreadsSlowestRun, `≤ ${TARGETS.floorRatio10kSlowestRun}×`, atMost(TARGETS.floorRatio10kSlowestRun), '×'),
    target('10k documents, --threads 1: × parse floor', s10k?.ratioToParseFloor.oneThread, `≤ ${TARGETS.floorRatio10kOneThread.toFixed(1)}×`, atMost(TARGETS.floorRatio10kOneThread), '×', s10k && oneThreadMissing),
    target('50k time ÷ 10k time (default threads)', results.growth50kTo10k.defaultThreads, `≤ ${TARGETS.growth50k}×`, atMost(TARGETS.growth50k), '×'),
    target('… when object names repeat across directories', results.growth50kTo10k.repeatedNames, `≤ ${TARGETS.growth50k}×`, atMost(TARGETS.growth50k), '×'),
    target('peak RSS at 50k documents (default and 1 thread)', rss50k, `< ${TARGETS.rss50kMB} MB`, (value) => value < TARGETS.rss50kMB, 'MB'),
    target('cold start ÷ node -e ""', results.coldStart?.ratio, `≤ ${TARGETS.coldStartRatio}×`, atMost(TARGETS.coldStartRatio), '×'),
    target(`--fix on ${results.fix ? fmtInt(results.fix.documents) : '10k'} documents ÷ the plain lint`, results.fix?.ratioToPlainLint, `≤ ${TARGETS.fixRatio10k}×`, atMost(TARGETS.fixRatio10k), '×'),
  ];
}

/** A target and its measured value; `met` is null when the run did not measure it (`missing` says why). */
function target(name, value, goal, ok, unit, missing) {
  if (value === undefined || value === null || Number.isNaN(value)) return { name, value: null, unit, target: goal, met: null, ...(missing && { note: missing }) };
  return { name, value: Math.round(value * 100) / 100, unit, target: goal, met: ok(value) };
}

function sizeOf(sizes, documents) {
  return sizes.find((s) => s.documents === documents);
}

/** The report `npm run bench` prints: corpora side by side, growth, --fix, cold start, targets. */
export function formatReport(results) {
  const { machine, sourceCorpus, sizes, repeatedNames, growth50kTo10k, fix, coldStart, targets, threads } = results;
  const lines = [];
  lines.push(`gpu-drain-lint bench — node ${machine.node}, ${machine.platform}, ${machine.cpus} CPUs; corpus from ${sourceCorpus.path} (${sourceCorpus.files} files, ${sourceCorpus.documents} documents)`);
  const busiest = Math.max(machine.loadAverage.atStart[0], machine.loadAverage.highest1min, machine.loadAverage.atEnd[0]);
  if (busiest > machine.cpus) lines.push(`note: load average reached ${busiest} on ${machine.cpus} CPUs: other work shared the machine, figures are pessimistic`);
  lines.push('');
  const noThreads = threads.supported ? '' : NO_THREADS;
  lines.push(
    ...columns([
      ['documents', 'files', 'MB', 'parse floor', 'default threads', '× floor', '--threads 1', '× floor', 'RSS default', 'RSS 1 thread', 'CPU default'],
      ...sizes.map((s) => [
        fmtInt(s.documents),
        fmtInt(s.files),
        mb(s.bytes),
        seconds(s.parseFloor.parseMs),
        seconds(s.lint.defaultThreads.wallMs),
        times(s.ratioToParseFloor.defaultThreads),
        s.lint.oneThread ? seconds(s.lint.oneThread.wallMs) : noThreads,
        s.lint.oneThread ? times(s.ratioToParseFloor.oneThread) : '',
        megabytes(s.lint.defaultThreads.peakRssMB),
        s.lint.oneThread ? megabytes(s.lint.oneThread.peakRssMB) : '',
        seconds(s.lint.defaultThreads.cpuMs),
      ]),
    ]),
  );
  lines.push('lint: node bin/gpu-drain-lint.js . --format json -o /dev/null in a fresh process, wall time (median of the runs); CPU: user + system of every thread');
  lines.push('parse floor: yaml parseAllDocuments alone, one thread, on the same bytes (documents dropped per file)');
  if (repeatedNames.length > 0) {
    lines.push('', 'names repeating across directories (every copy keeps its objects\' names and namespaces):');
    lines.push(
      ...columns([
        ['documents', 'files', 'MB', 'default threads', '× renamed', 'RSS default', 'CPU default'],
        ...repeatedNames.map((r) => {
          const renamed = sizeOf(sizes, r.documents);
          return [
            fmtInt(r.documents),
            fmtInt(r.files),
            mb(r.bytes),
            seconds(r.lint.defaultThreads.wallMs),
            renamed ? times(r.lint.defaultThreads.wallMs / renamed.lint.defaultThreads.wallMs) : '',
            megabytes(r.lint.defaultThreads.peakRssMB),
            seconds(r.lint.defaultThreads.cpuMs),
          ];
        }),
      ]),
    );
  }
  lines.push('');
  const growth = [
    ['default threads', growth50kTo10k.defaultThreads],
    ['--threads 1', threads.supported ? growth50kTo10k.oneThread : NO_THREADS],
    ['names repeating', growth50kTo10k.repeatedNames],
  ];
  lines.push(`50k ÷ 10k time: ${growth.map(([name, value]) => `${name} ${typeof value === 'number' ? times(value) : (value ?? 'not measured')}`).join(', ')}`);
  if (fix) {
    lines.push(`--fix on ${fmtInt(fix.documents)} documents (fresh copy each run): ${seconds(fix.wallMs)} against the plain lint's ${seconds(fix.plainLintMs)}: ${times(fix.ratioToPlainLint)}; peak RSS ${megabytes(fix.peakRssMB)}`);
  }
  if (coldStart) {
    lines.push(
      `cold start: gpu-drain-lint x.yaml ${Math.round(coldStart.lintMedianMs)} ms, node -e "" ${Math.round(coldStart.nodeMedianMs)} ms (medians of ${coldStart.lintRunsMs.length}): ${times(coldStart.ratio)}; ` +
        `a Pulumi program (x.ts, loads the TypeScript parser) ${Math.round(coldStart.typescriptMedianMs)} ms`,
    );
  }
  lines.push('Spectral: not measured (the optional comparison of issue 18 needs its binary from the network)', '');
  lines.push(...columns([['target', 'measured', 'goal', ''], ...targets.map((t) => [t.name, formatValue(t), t.target, t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'])]));
  return lines.join('\n');
}

function formatValue({ value, unit, note }) {
  if (value === null) return note ?? 'n/a';
  if (unit === 'MB') return megabytes(value);
  return times(value);
}

function columns(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const out = [];
  for (const [index, row] of rows.entries()) {
    out.push(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd());
    if (index === 0) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  return out;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const times = (ratio) => `${ratio.toFixed(2)}×`;
const megabytes = (value) => `${Math.round(value)} MB`;
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
export const fmtInt = (n) => n.toLocaleString('en-US');
