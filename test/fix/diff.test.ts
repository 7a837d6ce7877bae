import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fix/diff.js';

/** The diff is right when `git apply` turns the old text into the new one. */
function appliesCleanly(before: string, after: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'gdl-diff-'));
  writeFileSync(join(dir, 'm.yaml'), before);
  const patch = unifiedDiff('m.yaml', before, after);
  writeFileSync(join(dir, 'fix.patch'), patch);
  const applied = spawnSync('git', ['apply', '--unidiff-zero', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
  expect(applied.stderr, patch).toBe('');
  expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(after);
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: ${i}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('names an absolute path as git does, without a doubled slash', () => {
    expect(unifiedDiff('/work/m.yaml', 'a: 1\n', 'a: 2\n').split('\n').slice(0, 2)).toEqual(['--- a/work/m.yaml', '+++ b/work/m.yaml']);
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('m.yaml', 'a: 1\n', 'a: 1\n')).toBe('');
  });

  it('shows one changed line with three lines of context', () => {
    const before = lines(10);
    const after = before.replace('key5: 5', 'key5: 50');
    expect(unifiedDiff('m.yaml', before, after)).toBe(
      '--- a/m.yaml\n+++ b/m.yaml\n@@ -3,7 +3,7 @@\n key2: 2\n key3: 3\n key4: 4\n-key5: 5\n+key5: 50\n key6: 6\n key7: 7\n key8: 8\n',
    );
    appliesCleanly(before, after);
  });

  it.each([
    ['an insertion at the top', (t: string) => `new: 1\n${t}`],
    ['an insertion at the end', (t: string) => `${t}new: 1\n`],
    ['insertions far apart (two hunks)', (t: string) => t.replace('key2: 2\n', 'key2: 2\nx: 1\n').replace('key40: 40\n', 'key40: 40\ny: 2\n')],
    ['changes close together (one hunk)', (t: string) => t.replace('key2: 2', 'key2: 20').replace('key6: 6', 'key6: 60')],
    ['a deletion', (t: string) => t.replace('key7: 7\n', '')],
    ['a block replaced by more lines', (t: string) => t.replace('key3: 3\nkey4: 4\n', 'a:\n  b:\n    c: 1\n')],
  ])('git apply reproduces %s', (_what, change) => {
    const before = lines(60);
    appliesCleanly(before, change(before));
  });

  it('keeps CRLF line endings in the lines it prints', () => {
    const before = 'a: 1\r\nb: 2\r\n';
    const after = 'a: 1\r\nb: 3\r\n';
    expect(unifiedDiff('m.yaml', before, after)).toContain('-b: 2\r\n+b: 3\r');
    appliesCleanly(before, after);
  });
});
