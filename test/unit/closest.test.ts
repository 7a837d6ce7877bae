import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../src/config/closest.js';

describe('closest', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('pdb-missing', 'pdb-missing')).toBe(0);
    expect(editDistance('pdb-mising', 'pdb-missing')).toBe(1);
    expect(editDistance('eror', 'error')).toBe(1);
    expect(editDistance('warm', 'warn')).toBe(1);
    expect(editDistance('', 'off')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the nearest candidate within 3 edits, the first of equals', () => {
    expect(closest('pdb-mising', ['pdb-overlap', 'pdb-missing'])).toBe('pdb-missing');
    expect(closest('wrn', ['warn', 'off', 'error'])).toBe('warn');
    expect(closest('abcd', ['abxy', 'abzz'])).toBe('abxy');
    expect(closest('something-else', ['pdb-missing'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  it('says "did you mean" only when there is a suggestion', () => {
    expect(didYouMean('eror', ['off', 'warn', 'error'])).toBe(' (did you mean "error"?)');
    expect(didYouMean('nothing-close', ['off'])).toBe('');
  });
});
