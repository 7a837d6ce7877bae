import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValuesPath, pathInBlock } from '../../../src/render/helm/block-path.js';
import { commonLines } from '../../../src/render/helm/common-lines.js';

/** The length of a longest common subsequence, by the textbook table. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
  return table[a.length]![b.length]!;
}

function isCommonSubsequence(pairs: [number, number][], a: readonly number[], b: readonly number[]): boolean {
  return pairs.every(([i, j], index) => a[i] === b[j] && (index === 0 || (i > pairs[index - 1]![0] && j > pairs[index - 1]![1])));
}

describe('commonLines', () => {
  it('finds a longest common subsequence (against the textbook table)', () => {
    const lines = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const pairs = commonLines(a, b);
        return isCommonSubsequence(pairs, a, b) && pairs.length === lcsLength(a, b);
      }),
      { numRuns: 300 },
    );
  });

  it('a longest one, not the first match in order', () => {
    expect(commonLines([1, 2, 3], [3, 1, 2])).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('past its budget it still returns pairs in order, matched greedily', () => {
    const a = [1, 2, 3, 4];
    const b = [9, 2, 8, 4];
    const pairs = commonLines(a, b, 1);
    expect(isCommonSubsequence(pairs, a, b)).toBe(true);
    expect(pairs).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(commonLines([1, 2, 3], [3, 1, 2], 1)).toEqual([[2, 0]]);
  });
});

describe('pathInBlock', () => {
  const block = ['limits:', '  nvidia.com/gpu: 1', 'requests:', '  cpu: "4"', 'tolerations:', '- key: a', '  operator: Exists', '- key: b', '  values:', '  - x', '  - y', "'quoted key': 1"];

  it('keys and list indexes from indentation, with go-yaml lists at their key indentation', () => {
    expect(pathInBlock(block, 0, 1)).toEqual(['limits', 'nvidia.com/gpu']);
    expect(pathInBlock(block, 0, 3)).toEqual(['requests', 'cpu']);
    expect(pathInBlock(block, 0, 6)).toEqual(['tolerations', 0, 'operator']);
    expect(pathInBlock(block, 0, 7)).toEqual(['tolerations', 1, 'key']);
    expect(pathInBlock(block, 0, 10)).toEqual(['tolerations', 1, 'values', 1]);
    expect(pathInBlock(block, 0, 11)).toEqual(['quoted key']);
  });

  it('an indented block (nindent) and a block that starts later in the document', () => {
    const lines = ['resources:', '  limits:', '    cpu: 1', '  x:', '    - a', '    - b'];
    expect(pathInBlock(lines, 1, 2)).toEqual(['limits', 'cpu']);
    expect(pathInBlock(lines, 4, 5)).toEqual([1]);
    expect(pathInBlock(['', '# c'], 0, 1)).toEqual([]);
  });

  it('formats a path the way a values.yaml reader names it', () => {
    expect(formatValuesPath(['resources', 'limits', 'nvidia.com/gpu'])).toBe('resources.limits["nvidia.com/gpu"]');
    expect(formatValuesPath(['tolerations', 0, 'key'])).toBe('tolerations[0].key');
    expect(formatValuesPath(['my-chart', 'a_b'])).toBe('my-chart.a_b');
  });
});
