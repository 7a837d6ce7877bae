#!/usr/bin/env node
// The bundle (dist/cli.js, and the chunks it loads only when a run needs them): starting the CLI
// costs a few file reads, not two hundred (a pre-commit hook starts it on every commit).
import module from 'node:module';

// Node 22.1 and later keep the compiled code of the bundle between runs (in the OS temporary
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), as TypeScript's tsc does: a later
// start skips parsing and compiling it. It applies to modules loaded after this call, hence
// the dynamic import below.
module.enableCompileCache?.();

const { main } = await import('../dist/cli.js');

// A reader that stops early (`gpu-drain-lint . | head`) is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
