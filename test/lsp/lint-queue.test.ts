import { describe, expect, it } from 'vitest';
import { LintQueue } from '../../src/lsp/lint-queue.js';

/** Blocks the event loop for `ms`, as a lint does. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // a synchronous lint
  }
}

describe('LintQueue', () => {
  it('lints one document at a time, the edited one first, each once however often it was queued', async () => {
    const order: string[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const queue = new LintQueue(async (uri) => {
      order.push(uri);
      if (order.length === 3) resolveDone();
    });
    queue.add('b', 'last');
    queue.add('c', 'last');
    queue.add('b', 'last');
    queue.add('a', 'next');
    await done;
    expect(order).toEqual(['a', 'c', 'b']);
  });

  it('yields between two lints, so a request that arrives meanwhile is answered before the next lint', async () => {
    const events: string[] = [];
    let finish: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const queue = new LintQueue(async (uri) => {
      events.push(`lint ${uri}`);
      busy(20);
      if (uri === 'first') setImmediate(() => events.push('request'));
      if (uri === 'second') finish();
    });
    queue.add('first', 'last');
    queue.add('second', 'last');
    await finished;
    expect(events).toEqual(['lint first', 'request', 'lint second']);
  });

  it('drops a document removed before its turn', async () => {
    const order: string[] = [];
    const queue = new LintQueue(async (uri) => {
      order.push(uri);
    });
    queue.add('a', 'last');
    queue.add('b', 'last');
    queue.remove('b');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['a']);
  });
});
