#!/usr/bin/env node
// One bundled module: starting the CLI costs one file read, not two hundred (a pre-commit hook
// starts it on every commit).
import { main } from '../dist/cli.js';

// A reader that stops early (`gpu-drain-lint . | head`) is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
