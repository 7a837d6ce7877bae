/**
 * Preloaded into a benchmarked process (`node --import ./scripts/bench-rss.mjs ...`): when the
 * process exits, writes its peak resident set size (and CPU times) as JSON to $BENCH_RSS_FILE.
 * It adds one tiny module to the process and no work until exit. Worker threads inherit the
 * preload; only the main thread writes (the figures cover every thread of the process).
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const out = process.env.BENCH_RSS_FILE;
if (out && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
  });
}
