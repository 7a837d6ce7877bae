import { describe, expect, it } from 'vitest';
import { plural } from '../../src/core/plural.js';

describe('plural', () => {
  it('is singular for one only', () => {
    expect([0, 1, 2].map((n) => plural(n, 'warning'))).toEqual(['0 warnings', '1 warning', '2 warnings']);
  });
  it('takes an irregular plural', () => {
    expect([1, 3].map((n) => plural(n, 'object of an unknown kind', 'objects of unknown kinds'))).toEqual(['1 object of an unknown kind', '3 objects of unknown kinds']);
  });
});
