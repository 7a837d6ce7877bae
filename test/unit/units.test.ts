import { describe, expect, it } from 'vitest';
import { formatSeconds, parseDuration, parseQuantity } from '../../src/model/units.js';

describe('parseDuration', () => {
  it.each([
    ['15s', 15],
    ['1m30s', 90],
    ['2h', 7200],
    ['1.5h', 5400],
    ['500ms', 0.5],
    ['1h30m', 5400],
    ['2h45m30s', 9930],
    ['0s', 0],
    ['0', 0],
    ['90', 90],
    ['1.5', 1.5],
    ['  15s  ', 15],
    ['1000us', 0.001],
    ['1000µs', 0.001],
  ])('reads %j as %d s', (text, seconds) => {
    expect(parseDuration(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['abc', '15x', '', '   ', 's', 'm30', '15s30', '1m 30s', '15 s', '-', '1.5.5s', 'Never'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads a bare number as seconds, not minutes', () => {
    expect(parseDuration('90')).toBe(90);
  });

  // Go's time.ParseDuration accepts a fraction without a leading digit (".5s" = 500ms).
  it('accepts a leading-dot fraction as Go does (".5s")', () => {
    expect(parseDuration('.5s')).toBe(0.5);
  });
});

describe('formatSeconds', () => {
  it('prints integers plainly and fractions with one decimal', () => {
    expect(formatSeconds(15)).toBe('15 s');
    expect(formatSeconds(0.5)).toBe('0.5 s');
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    ['0', 0],
    ['1.5', 1.5],
    ['500m', 0.5],
    ['2Gi', 2 * 2 ** 30],
    ['1Ki', 1024],
    ['1Mi', 2 ** 20],
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-3', 0.005],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1E', 1e18], // E alone is the exa suffix, E followed by digits an exponent
    ['.5', 0.5],
    ['1.', 1],
    ['+2', 2],
    ['100n', 100e-9],
    ['250u', 250e-6],
  ])('reads %j as %d', (text, value) => {
    const parsed = parseQuantity(text);
    expect(parsed).toBeDefined();
    expect(parsed!).toBeCloseTo(value, 12);
  });

  it.each(['1GB', '1K', '1ki', '1gi', 'Gi', '', 'abc', '1e', '1 Gi', '0x10', '1.5.5', '--1', '1Gi1'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('passes finite numbers through and rejects NaN and infinities', () => {
    expect(parseQuantity(1)).toBe(1);
    expect(parseQuantity(0)).toBe(0);
    expect(parseQuantity(0.5)).toBe(0.5);
    expect(parseQuantity(Number.NaN)).toBeUndefined();
    expect(parseQuantity(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
