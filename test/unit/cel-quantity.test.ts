import { describe, expect, it } from 'vitest';
import { compileCel, type CelOutcome } from '../../src/policy/cel.js';
import { Quantity } from '../../src/policy/cel-quantity.js';

function run(source: string): CelOutcome {
  const compiled = compileCel(source, []);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.message}`);
  return compiled.program.evaluate({});
}

describe('Quantity.parse', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['1.5', 1_500_000_000n],
    ['.5', 500_000_000n],
    ['1.', 1_000_000_000n],
    ['+2', 2_000_000_000n],
    ['-2k', -2_000_000_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['1.5Gi', 1_610_612_736n * 1_000_000_000n],
    ['2Mi', 2_097_152n * 1_000_000_000n],
    ['1Ei', 2n ** 60n * 1_000_000_000n],
    ['1E', 10n ** 18n * 1_000_000_000n],
    ['1e3', 1000n * 1_000_000_000n],
    ['1E3', 1000n * 1_000_000_000n],
    ['1e-3', 1_000_000n],
    ['1.5e2', 150n * 1_000_000_000n],
    ['100n', 100n],
    ['10u', 10_000n],
    ['0.1n', 1n], // below 1n rounds up, as Kubernetes does
    ['-0.1n', -1n],
  ])('%s is %s nanos', (text, nanos) => {
    expect(Quantity.parse(text)?.nanos).toBe(nanos);
  });

  it.each(['', ' 1', '1 ', '1K', '1ki', '1Gb', '1.2.3', 'e3', '1e', '1e3.5', 'abc', '.', '--1', '1Mi3'])('%j is not a quantity', (text) => {
    expect(Quantity.parse(text)).toBeUndefined();
  });
});

describe('Kubernetes quantity library', () => {
  it.each([
    ['quantity("500000G").isInteger()', true],
    ['quantity("500m").isInteger()', false],
    ['quantity("10Ei").isInteger()', false], // overflows int64
    ['quantity("50k").asInteger()', 50000],
    ['quantity("9999999999999999999999999999999999999G").asApproximateFloat()', 1e46],
    ['quantity("250m").asApproximateFloat()', 0.25],
    ['quantity("50k").add(quantity("20k")).asInteger()', 70000],
    ['quantity("50k").sub(20000).asInteger()', 30000],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()', 20],
    ['quantity("200M").compareTo(quantity("0.2G"))', 0],
    ['quantity("1Gi").compareTo(quantity("1G"))', 1],
    ['quantity("1G").compareTo(quantity("1Gi"))', -1],
    ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', true],
    ['quantity("50M").isLessThan(quantity("100M"))', true],
    ['quantity("100M").isLessThan(quantity("100M"))', false],
    ['quantity("1e3").compareTo(quantity("1k"))', 0],
    ['quantity("-5").sign()', -1],
    ['quantity("0").sign()', 0],
    ['quantity("1m").sign()', 1],
    ['quantity("100m").add(quantity("900m")).isInteger()', true],
    ['isQuantity("1.5Gi")', true],
    ['isQuantity("1.5GB")', false],
  ])('%s is %j', (source, expected) => {
    expect(run(source)).toEqual({ ok: true, value: expected });
  });

  it('errors on an invalid quantity string, and on asInteger that would lose precision', () => {
    expect(run('quantity("12 apples")')).toMatchObject({ ok: false, message: expect.stringContaining('12 apples') });
    expect(run('quantity("500m").asInteger()')).toMatchObject({ ok: false, message: expect.stringContaining('500m') });
  });

  it('compares GPU memory requests from a manifest', () => {
    const compiled = compileCel("quantity(container.resources.requests.memory).isGreaterThan(quantity('16Gi'))", [{ name: 'container', type: 'map' }]);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.program.evaluate({ container: { resources: { requests: { memory: '24Gi' } } } })).toEqual({ ok: true, value: true });
    expect(compiled.program.evaluate({ container: { resources: { requests: { memory: '16384Mi' } } } })).toEqual({ ok: true, value: false });
  });
});
