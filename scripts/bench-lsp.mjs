#!/usr/bin/env node
/**
 * `npm run bench:lsp [-- --runs N]`: how long the language server takes to publish the diagnostics
 * of a ~300-line manifest after a change, in a workspace of the shared corpus's size, beside a
 * CLI lint of the same file (its comparable floor: a fresh process, the file alone; and with the
 * workspace as `--context`, which the server's lint reads too).
 *
 * The built server (`node bin/gpu-drain-lint.js lsp --stdio`, so `npm run build` first) is
 * started on a copy of `../shared/corpus` (GPU_DRAIN_LINT_CORPUS points elsewhere; the server
 * never writes, the copy keeps it so), opens a real GPU manifest of the corpus, and N times
 * (default 20) replaces its first line and times didChange → publishDiagnostics of that version.
 * The figure includes the server's debounce (it waits for edits to pause), stated beside it.
 * Writes bench/lsp-results.json. Without a corpus it says so and exits 0.
 * Hold the bench lock while timing: `flock /work/bench.lock npm run bench:lsp`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/gpu-drain-lint.js');
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');
const RESULTS = join(ROOT, 'bench/lsp-results.json');
/** A RayService serving vLLM on GPUs (330 lines), as written upstream; else the GPU manifest nearest 300 lines. */
const PREFERRED = 'awslabs__ai-on-eks/blueprints__inference__vllm-ray-gpu-deepseek__ray-vllm-deepseek.yaml';
const TARGET_LINES = 300;
const WAIT_MS = 60_000;

const argv = process.argv.slice(2);
const runsIndex = argv.indexOf('--runs');
const RUNS = runsIndex >= 0 ? Number(argv[runsIndex + 1]) : 20;

if (!existsSync(CORPUS) || !statSync(CORPUS).isDirectory()) {
  console.log(`gpu-drain-lint bench:lsp: no corpus at ${CORPUS} (the shared corpus lives beside the project, or set GPU_DRAIN_LINT_CORPUS): nothing to measure.`);
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist'))) {
  console.error('gpu-drain-lint bench:lsp: no dist/: run `npm run build` first.');
  process.exit(2);
}

const median = (values) => percentile(values, 50);
/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (value) => Math.round(value * 10) / 10;
const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function yamlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
}

function pickManifest(files) {
  if (files.includes(PREFERRED)) return PREFERRED;
  const gpu = files.filter((file) => !file.startsWith('_helm_templates') && readFileSync(join(CORPUS, file), 'utf8').includes('nvidia.com/gpu'));
  const distance = (file) => Math.abs(lineCount(readFileSync(join(CORPUS, file), 'utf8')) - TARGET_LINES);
  return gpu.sort((a, b) => distance(a) - distance(b) || a.localeCompare(b))[0];
}

async function startServer(root) {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString('utf8')));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const key = `${params.uri}@${params.version}`;
    waiters.get(key)?.(params);
    waiters.delete(key);
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const uri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'corpus' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    /** Resolves with the diagnostics published for this version of the document. */
    published(documentUri, version) {
      return new Promise((resolvePublished, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${WAIT_MS} ms\n${stderr}`)), WAIT_MS);
        waiters.set(`${documentUri}@${version}`, (params) => {
          clearTimeout(timer);
          resolvePublished(params);
        });
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
      connection.dispose();
    },
  };
}

/** The CLI's arguments: the file alone (the floor), or with the workspace as context, as the server lints it. */
const cliArgs = (file, withContext) => [file, ...(withContext ? ['--context', '**/*.{yaml,yml}'] : []), '--format', 'json', '-o', '/dev/null'];

function cliLint(dir, file, withContext) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...cliArgs(file, withContext)], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status === 2) throw new Error(`the CLI failed on ${file}: ${result.stderr}`);
  return elapsed;
}

const { DEBOUNCE_MS } = await import(pathToFileURL(join(ROOT, 'dist/src/lsp/server.js')).href).catch(() => ({ DEBOUNCE_MS: undefined }));
const loadAtStart = loadavg()[0];
const scratch = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-bench-lsp-'));
try {
  const workspace = join(scratch, 'corpus');
  mkdirSync(workspace);
  cpSync(CORPUS, workspace, { recursive: true });
  const files = yamlFiles(workspace);
  const file = pickManifest(files);
  const path = join(workspace, file);
  const original = readFileSync(path, 'utf8');
  // The first line is the one each change rewrites: a comment, so the findings stay the same.
  const text = `# edit 0\n${original}`;
  writeFileSync(path, text);
  const uri = pathToFileURL(path).href;
  console.log(`workspace: a copy of ${relative(ROOT, CORPUS) || CORPUS} (${files.length} YAML files); document: ${file} (${lineCount(text)} lines); ${RUNS} changes`);

  const server = await startServer(workspace);
  const openedAt = process.hrtime.bigint();
  const first = server.published(uri, 1);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const opened = await first;
  const openMs = Number(process.hrtime.bigint() - openedAt) / 1e6;
  console.log(`open (the workspace indexed, then the first lint): ${ms(openMs)} ms, ${opened.diagnostics.length} diagnostics`);

  const changeMs = [];
  let diagnostics = opened.diagnostics.length;
  let firstLine = text.slice(0, text.indexOf('\n'));
  for (let run = 0; run < RUNS; run++) {
    const version = run + 2;
    const published = server.published(uri, version);
    const edited = `# edit ${run + 1}`;
    const started = process.hrtime.bigint();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } }, text: edited }],
    });
    firstLine = edited;
    diagnostics = (await published).diagnostics.length;
    changeMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await server.stop();

  // Interleaving would let the server's idle work overlap: the CLI runs after it has stopped.
  const cliMs = [];
  const contextMs = [];
  for (let run = 0; run < RUNS; run++) {
    cliMs.push(cliLint(workspace, file, false));
    contextMs.push(cliLint(workspace, file, true));
  }

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    /** The 1-minute load average at the start and the end: above the CPU count, other work shared the machine. */
    load: { start: ms(loadAtStart), end: ms(loadavg()[0]) },
    corpus: { files: files.length },
    document: { file, lines: lineCount(text), diagnostics },
    runs: RUNS,
    debounceMs: DEBOUNCE_MS ?? null,
    openMs: ms(openMs),
    change: { medianMs: ms(median(changeMs)), p95Ms: ms(percentile(changeMs, 95)), minMs: ms(Math.min(...changeMs)), maxMs: ms(Math.max(...changeMs)) },
    cli: { command: `node bin/gpu-drain-lint.js ${cliArgs(file, false).join(' ')}`, medianMs: ms(median(cliMs)), p95Ms: ms(percentile(cliMs, 95)) },
    cliWithContext: { command: `node bin/gpu-drain-lint.js ${cliArgs(file, true).join(' ')}`, medianMs: ms(median(contextMs)), p95Ms: ms(percentile(contextMs, 95)) },
  };
  const debounce = DEBOUNCE_MS === undefined ? '' : ` (including the ${DEBOUNCE_MS} ms debounce)`;
  console.log(`change → diagnostics${debounce}: median ${results.change.medianMs} ms, p95 ${results.change.p95Ms} ms (min ${results.change.minMs}, max ${results.change.maxMs})`);
  console.log(`CLI lint of the same file (a fresh process, the file alone): median ${results.cli.medianMs} ms, p95 ${results.cli.p95Ms} ms`);
  console.log(`CLI lint of the same file with the workspace as --context (what the server reads): median ${results.cliWithContext.medianMs} ms, p95 ${results.cliWithContext.p95Ms} ms`);
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  if (Math.max(loadAtStart, loadavg()[0]) > cpus().length) console.log(`note: the load average (${results.load.start} → ${results.load.end}) exceeded the ${cpus().length} CPUs: other work shared the machine, the figures are high.`);
  console.log(`written: ${relative(ROOT, RESULTS)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
