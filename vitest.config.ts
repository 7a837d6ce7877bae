import { defineConfig } from 'vitest/config';

/**
 * Measured on the 2-core machine of issue 13 (vitest alone, same tests): vitest's default there is
 * one worker (it keeps a core for itself), which took 153 s; two workers 88 s; two workers that
 * keep their module graph from one test file to the next (isolate: false) about 70 s. Test files
 * therefore share modules and must leave no global state behind (temporary directories are
 * removed per file by test/support/setup.ts). vi.mock replaces a module for its file only when
 * that file gets a fresh module graph, so the files that mock one are isolated.
 *
 * Forks, not threads (the same time once isolate is off): a worker thread cannot chdir and has
 * another stack size than the CLI's main thread, which in-process runs of deep inputs depend on.
 */
const MOCKING = ['test/fix/guarantees.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // vitest leaves one core to itself by default: on 2 cores that is a single worker.
    maxWorkers: 2,
    setupFiles: ['test/support/setup.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});
