import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run.js';

describe('gpu-drain-lint lsp (the command)', () => {
  it('--help says what it is and how editors start it', async () => {
    const result = await runInProcess(['lsp', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: gpu-drain-lint lsp \[--stdio\]/);
    expect(result.stderr).toBe('');
  });

  it('refuses an option it does not know (exit 2), pointing to its help', async () => {
    const result = await runInProcess(['lsp', '--socket=4000']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('gpu-drain-lint lsp: unknown option "--socket=4000"\nRun "gpu-drain-lint lsp --help" for usage.\n');
    expect(result.stdout).toBe('');
  });

  it('accepts the arguments editors pass (and only those): --stdio, --clientProcessId', async () => {
    const result = await runInProcess(['lsp', '--stdio', '--clientProcessId=abc']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option "--clientProcessId=abc"');
  });

  it('is listed in the CLI help', async () => {
    expect((await runInProcess(['--help'])).stdout).toMatch(/^ {2}lsp \[--stdio\] +run the language server/m);
  });
});
