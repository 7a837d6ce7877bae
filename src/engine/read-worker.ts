/**
 * A reading worker thread (see read-pool.ts): reads the files of each batch it is sent and
 * answers with what it read. Built on its own beside the CLI's bundle.
 */
import { parentPort } from 'node:worker_threads';
import type { ReadBatch, ReadBatchDone } from './read-pool.js';
import { readFile } from './read-file.js';

parentPort?.on('message', ({ batch, jobs }: ReadBatch) => {
  const done: ReadBatchDone = { batch, reads: jobs.map((job) => readFile(job.path, job.content, undefined)) };
  parentPort!.postMessage(done);
});
