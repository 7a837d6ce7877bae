// Preloaded with `node --import` by test/typescript/loading.test.ts: at exit, writes to stderr
// every loaded CommonJS module whose path names TypeScript (the bundle requires `typescript` from
// the linted project, and an unbundled run typescript-estree too; both are CommonJS, so they land
// in the require cache).
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const loaded = Object.keys(cache).filter((path) => /node_modules[\\/](?:typescript|@typescript-eslint)[\\/]/.test(path));
  process.stderr.write(`LOADED-TYPESCRIPT-MODULES ${JSON.stringify(loaded.length)}\n`);
});
