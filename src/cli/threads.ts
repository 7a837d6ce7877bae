import type { LintInput } from '../engine/load.js';
import type { FileRead } from '../engine/read-file.js';
import type { Io } from './io.js';

/** Below this many bytes a worker's start-up costs more than it saves. */
const WORTH_THREADS_BYTES = 512 * 1024;

/**
 * Reads the run's files in worker threads when there is more than one to use: `--threads N`
 * exactly; by default one per core when the inputs are big enough to gain. Undefined when the
 * run reads its files in this thread.
 */
export async function readWithThreads(inputs: readonly LintInput[], requested: number | undefined, io: Io): Promise<ReadonlyMap<Uint8Array, FileRead> | undefined> {
  // A small run loads neither the thread pool nor node:os (a pre-commit hook starts on every commit).
  const threads = requested ?? (bytesOf(inputs) >= WORTH_THREADS_BYTES ? (await import('node:os')).availableParallelism() : 1);
  if (threads <= 1) return undefined;
  const { readInWorkers } = await import('../engine/read-pool.js');
  const { reads, failures } = await readInWorkers(inputs, { threads, script: workerScript() });
  for (const failure of failures) io.stderr(`gpu-drain-lint: a worker thread failed (${failure}); its files are read in the main thread\n`);
  return reads;
}

function bytesOf(inputs: readonly LintInput[]): number {
  return inputs.reduce((sum, input) => sum + (input.content instanceof Uint8Array ? input.content.byteLength : 0), 0);
}

/**
 * The worker's script, built beside the bundle (dist/read-worker.js, action/read-worker.js).
 * Running from the TypeScript sources (the tests), the built one: a worker cannot load `.ts`.
 */
export function workerScript(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../../dist/read-worker.js', import.meta.url) : new URL('./read-worker.js', import.meta.url);
}
