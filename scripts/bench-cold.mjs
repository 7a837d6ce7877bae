#!/usr/bin/env node
/**
 * `node scripts/bench-cold.mjs [runs]`: the cold start of the built CLI on one small manifest,
 * and of importing its bundle alone, against `node -e ""` (medians of interleaved runs, default
 * 15), and which of the CLI's own files (dist/) and packages a run loads, with their bytes. Hold the bench lock while timing:
 * `flock /work/bench.lock node scripts/bench-cold.mjs`. Needs `npm run build` first.
 * `--args '<extra cli args>'` times another command line on the same file (e.g. '--format sarif').
 */
import { SMALL_MANIFEST } from './bench-measure.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/gpu-drain-lint.js');
const argv = process.argv.slice(2);
const extraIndex = argv.indexOf('--args');
const extra = extraIndex >= 0 ? argv.splice(extraIndex, 2)[1].split(/\s+/).filter(Boolean) : [];
const RUNS = Number(argv[0] ?? 15);


// Preloaded in one traced run: logs every module the run loads (ES modules from the loader
// thread, CommonJS ones from the require cache at exit).
const REPORTER = `import { createRequire, register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => { for (const path of Object.keys(cache)) process.stderr.write('LOADED file://' + path + '\\n'); });
`;
const HOOKS = `import { writeSync } from 'node:fs';
export async function load(url, context, next) { writeSync(2, 'LOADED ' + url + '\\n'); return next(url, context); }
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'gdl-cold-'));
try {
  writeFileSync(join(dir, 'x.yaml'), SMALL_MANIFEST);
  writeFileSync(join(dir, 'report.mjs'), REPORTER);
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  const lintArgs = [BIN, 'x.yaml', ...extra];
  const time = (args) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
    return ms;
  };
  time(lintArgs);
  time(['-e', '']);
  // Importing the bundle without running it: what loading alone costs.
  const importArgs = ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/cli.js')).href)})`];
  time(importArgs);
  const lint = [];
  const imported = [];
  const node = [];
  for (let i = 0; i < RUNS; i++) {
    lint.push(time(lintArgs));
    imported.push(time(importArgs));
    node.push(time(['-e', '']));
  }
  const [lintMs, importMs, nodeMs] = [lint, imported, node].map(median);
  console.log(`gpu-drain-lint x.yaml${extra.length ? ` ${extra.join(' ')}` : ''}: ${lintMs.toFixed(1)} ms; importing the bundle alone: ${importMs.toFixed(1)} ms; node -e "": ${nodeMs.toFixed(1)} ms (medians of ${RUNS}, interleaved)`);
  console.log(`ratios to node -e "": run ${(lintMs / nodeMs).toFixed(2)}×, import alone ${(importMs / nodeMs).toFixed(2)}×`);

  const traced = spawnSync(process.execPath, ['--import', './report.mjs', ...lintArgs], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const files = [...new Set([...traced.stderr.matchAll(/^LOADED file:\/\/(.*)$/gm)].map((m) => decodeURIComponent(m[1])))].filter((f) => !f.startsWith(dir));
  const groups = new Map();
  for (const file of files) {
    const path = relative(ROOT, file);
    const key = path.includes('node_modules/') ? path.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : path;
    const entry = groups.get(key) ?? { files: 0, bytes: 0 };
    entry.files += 1;
    entry.bytes += statSync(file).size;
    groups.set(key, entry);
  }
  const total = [...groups.values()].reduce((sum, g) => sum + g.bytes, 0);
  console.log(`loaded: ${files.length} files, ${(total / 1024).toFixed(0)} KiB`);
  for (const [key, { files: n, bytes }] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`  ${key}${n > 1 ? ` (${n} files)` : ''} ${(bytes / 1024).toFixed(1)} KiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
