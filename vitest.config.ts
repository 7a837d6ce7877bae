import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, started first so that neither worker waits on one at the end. A
 * fresh clone (CI) has no timings cached, and vitest would otherwise start the largest files
 * first; these are slow for what they run (a real pre-commit install, 15,000-document streams,
 * property runs), not for their size.
 */
const SLOW_FIRST = ['test/integrations/pre-commit.test.ts', 'test/hostile/size.test.ts', 'test/fix/property.test.ts', 'test/fix/layout.property.test.ts', 'test/hostile/semantics.test.ts', 'test/fix/verify-by-part.test.ts'];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    const sorted = (await super.sort(files)).map((file, order) => ({ file, order }));
    return sorted.sort((a, b) => (a.file.project.name === b.file.project.name ? rank(a.file) - rank(b.file) : 0) || a.order - b.order).map(({ file }) => file);
  }
}

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
const MOCKING = ['test/fix/guarantees.test.ts', 'test/fix/settling.test.ts', 'test/fix/verification.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // vitest leaves one core to itself by default: on 2 cores that is a single worker.
    maxWorkers: 2,
    setupFiles: ['test/support/setup.ts'],
    sequence: { sequencer: SlowFirst },
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});
