import { Worker } from 'node:worker_threads';
import { languageOf } from '../languages/index.js';
import type { LintInput } from './load.js';
import type { FileRead } from './read-file.js';

/** What the main thread sends a reading worker, and what it answers (read-worker.ts). */
export interface ReadBatch {
  batch: number;
  jobs: { path: string; content: Uint8Array }[];
}
export interface ReadBatchDone {
  batch: number;
  reads: FileRead[];
}

export interface ReadInWorkers {
  /** How many worker threads read at once. */
  threads: number;
  /** The worker's script (read-worker.ts, built). */
  script: URL;
}

export interface WorkerReads {
  /** What the workers read, by the bytes they read it from (LintOptions.preread). */
  reads: Map<Uint8Array, FileRead>;
  /** Why a worker stopped early: its files are read in this thread, as if there were no workers. */
  failures: string[];
}

/** About a hundred batches for ten thousand documents: enough to even out the workers' load. */
const BATCH_BYTES = 128 * 1024;

/**
 * Reads the YAML inputs in worker threads, each file once, into plain data that `lint` takes
 * instead of reading the file itself. TypeScript sources are left to the main thread (their
 * parser is loaded there, and the editor needs its syntax tree).
 */
export async function readInWorkers(inputs: readonly LintInput[], { threads, script }: ReadInWorkers): Promise<WorkerReads> {
  const batches = batchesOf(inputs);
  const result: WorkerReads = { reads: new Map(), failures: [] };
  let next = 0;
  // Each worker takes the next batch when it has answered; one that fails takes no more.
  const work = (worker: Worker) =>
    new Promise<void>((resolve) => {
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        void worker.terminate().then(() => resolve(), () => resolve());
      };
      const fail = (reason: string) => {
        if (!settled) result.failures.push(reason);
        finish();
      };
      const sendNext = () => {
        const batch = batches[next++];
        if (batch) worker.postMessage(batch);
        else finish();
      };
      worker.on('online', sendNext);
      worker.on('message', ({ batch, reads }: ReadBatchDone) => {
        const jobs = batches[batch]!.jobs;
        reads.forEach((read, i) => result.reads.set(jobs[i]!.content, read));
        sendNext();
      });
      worker.on('error', (error) => fail(error instanceof Error ? error.message : String(error)));
      worker.on('exit', (code) => fail(`the worker stopped (exit code ${code})`));
    });
  const count = Math.min(threads, batches.length);
  await Promise.all(Array.from({ length: count }, () => work(new Worker(script))));
  return result;
}

/** The YAML inputs in batches of about BATCH_BYTES, in input order. */
function batchesOf(inputs: readonly LintInput[]): ReadBatch[] {
  const batches: ReadBatch[] = [];
  let jobs: ReadBatch['jobs'] = [];
  let bytes = 0;
  for (const input of inputs) {
    if (!(input.content instanceof Uint8Array) || languageOf(input.path).id !== 'yaml') continue;
    jobs.push({ path: input.path, content: input.content });
    bytes += input.content.byteLength;
    if (bytes >= BATCH_BYTES) {
      batches.push({ batch: batches.length, jobs });
      jobs = [];
      bytes = 0;
    }
  }
  if (jobs.length > 0) batches.push({ batch: batches.length, jobs });
  return batches;
}
