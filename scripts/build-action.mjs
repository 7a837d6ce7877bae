#!/usr/bin/env node
// `npm run build:action` (and `npm run generate`): the GitHub Action's bundle, committed because
// a runner runs action/index.js from the checked-out action without installing anything. Two
// self-contained files, with the CLI build's options (scripts/esbuild-shared.mjs): index.js, the
// entry point (src/action/index.ts), and read-worker.js, the reading worker threads' script that
// the CLI code finds beside it. Unlike the CLI's bundle it is not split: the TypeScript parser is
// inlined, still evaluated only when a run reads TypeScript (with the workspace's typescript).
//
// `node scripts/build-action.mjs --outdir <dir>` writes them elsewhere (test/integrations/action.test.ts
// rebuilds into a temporary directory and compares).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SHARED_OPTIONS } from './esbuild-shared.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const outdirAt = process.argv.indexOf('--outdir');
const OUT = outdirAt >= 0 ? process.argv[outdirAt + 1] : join(ROOT, 'action');

/** Output file (in OUT) → source. */
export const ACTION_ENTRY_POINTS = {
  'index.js': 'src/action/index.ts',
  'read-worker.js': 'src/engine/read-worker.ts',
};

/**
 * The Action never runs `gpu-drain-lint lsp`: the language server and vscode-languageserver (a
 * seventh of the bundle) stay out of it, and the command says so if it is ever reached.
 */
const withoutLanguageServer = {
  name: 'without-language-server',
  setup(build) {
    build.onResolve({ filter: /\/lsp-command\.js$/ }, (args) => ({ path: args.path, namespace: 'without-language-server' }));
    build.onLoad({ filter: /.*/, namespace: 'without-language-server' }, () => ({
      contents: "export async function run() { throw new Error('the language server is not part of the GitHub Action'); }",
      loader: 'js',
    }));
  },
};

for (const [file, source] of Object.entries(ACTION_ENTRY_POINTS)) {
  await build({ ...SHARED_OPTIONS, plugins: [...SHARED_OPTIONS.plugins, withoutLanguageServer], absWorkingDir: ROOT, entryPoints: [source], outfile: join(OUT, file) });
}
