// Preloaded with `node --import` by test/cli/loading.test.ts: writes to stderr every file a run
// loads as an ES module (the bundle's entry and each chunk it imports), one
// `LOADED-FILE <path>` line each, from the module loader's thread.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function load(url, context, next) {
  if (url.startsWith('file:')) writeSync(2, 'LOADED-FILE ' + fileURLToPath(url) + '\\n');
  return next(url, context);
}
`)}`,
);
