import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256.js';

const native = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('gives the published digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto at every padding boundary and on multi-block texts', () => {
    for (let length = 0; length <= 200; length++) expect(sha256Hex('x'.repeat(length)), `length ${length}`).toBe(native('x'.repeat(length)));
    expect(sha256Hex('pdb-missing\u0000file:a/b.yaml\u0000'.repeat(500))).toBe(native('pdb-missing\u0000file:a/b.yaml\u0000'.repeat(500)));
  });

  it('agrees with node:crypto on any text: UTF-8 of non-ASCII characters, lone surrogates as U+FFFD', () => {
    expect(sha256Hex('− é 😀 \ud800 x')).toBe(native('− é 😀 \ud800 x'));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === native(text)), { numRuns: 500 });
  });
});
