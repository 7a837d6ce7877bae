#!/usr/bin/env node
// `npm run build` (after tsc): bundles the CLI into dist/ with esbuild, split so that a run loads
// only what it uses. The bundle holds every package the CLI uses (the published package has no
// runtime dependencies) except TypeScript: the TypeScript parser is a chunk of its own, loaded
// for TypeScript inputs only, that takes `typescript` from the linted project (the options and
// the plugin that does it are in scripts/esbuild-shared.mjs, shared with the Action's build). Each entry point becomes dist/<name>.js; the modules a run may not need
// (reached through a dynamic `import()`: formatters, fixing, rendering, globbing, the config
// validator) and the code entry points share go to dist/<name>-<hash>.js chunks beside
// them, loaded on first use. Chunks sit in dist/ itself, so a path resolved against
// `import.meta.url` (a worker's `new URL('./worker.js', import.meta.url)`) means the same in
// every chunk.
//
// `node scripts/build.mjs --metafile <path>` also writes esbuild's metafile there (what each
// output holds; see scripts/bench-cold.mjs for what a run loads).
//
// To add an entry point, add it to ENTRY_POINTS: `name: 'src/…/file.ts'` is built to
// dist/name.js, and shares its chunks with the CLI.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SHARED_OPTIONS } from './esbuild-shared.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist');

/** Output name (dist/<name>.js) → source. */
export const ENTRY_POINTS = {
  cli: 'src/cli/main.ts',
  // The reading worker threads' script (src/engine/read-pool.ts; src/cli/threads.ts finds it beside the CLI).
  'read-worker': 'src/engine/read-worker.ts',
};

// The previous build's chunks (their names change with their content); tsc's output is in
// dist/src and dist/rules (for scripts/generate.mjs; not published: package.json's files).
for (const file of readdirSync(OUT, { withFileTypes: true })) {
  if (file.isFile() && file.name.endsWith('.js')) rmSync(join(OUT, file.name));
}

const metafileAt = process.argv.indexOf('--metafile');

const result = await build({
  ...SHARED_OPTIONS,
  absWorkingDir: ROOT,
  entryPoints: ENTRY_POINTS,
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  splitting: true,
  metafile: metafileAt >= 0,
});
if (metafileAt >= 0) writeFileSync(process.argv[metafileAt + 1], JSON.stringify(result.metafile));
