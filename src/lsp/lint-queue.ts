/**
 * The documents waiting to be linted, one lint at a time. A lint takes the event loop for a few
 * hundred milliseconds (it parses the workspace as context), so the queue yields to it before
 * each one: a hover or a keystroke is answered between two lints, not after all of them. The
 * document being edited goes first; re-lints of the others (a file saved, a config changed) wait.
 */
export class LintQueue {
  private readonly waiting: string[] = [];
  private draining = false;

  constructor(private readonly lint: (uri: string) => Promise<unknown>) {}

  /** Queues a document once: `next` before the others (the one being edited), else last. */
  add(uri: string, position: 'next' | 'last'): void {
    this.remove(uri);
    if (position === 'next') this.waiting.unshift(uri);
    else this.waiting.push(uri);
    void this.drain();
  }

  remove(uri: string): void {
    const index = this.waiting.indexOf(uri);
    if (index !== -1) this.waiting.splice(index, 1);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        // A timer, not setImmediate: vscode-jsonrpc dispatches the requests read meanwhile with
        // setImmediate, and those then run before the next lint rather than after it.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        const uri = this.waiting.shift();
        if (uri === undefined) return;
        await this.lint(uri);
      }
    } finally {
      this.draining = false;
    }
  }
}
