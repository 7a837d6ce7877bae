import { describe, expect, it } from 'vitest';
import { compileCel, DEFAULT_CEL_BUDGET, type CelOutcome } from '../../src/policy/cel.js';
import { instrument, type AstNode } from '../../src/policy/cel-budget.js';
import { Environment } from '@marcbachmann/cel-js';

const VARIABLES = [{ name: 'object', type: 'map' }];
const BUDGET_MESSAGE = `exceeded the evaluation budget of ${DEFAULT_CEL_BUDGET} cost units`;
const THOUSAND = `[${Array.from({ length: 1000 }, (_, index) => index).join(', ')}]`;

function run(source: string, object: unknown = {}, budget?: number): CelOutcome {
  const compiled = compileCel(source, VARIABLES, budget === undefined ? {} : { budget });
  if (!compiled.ok) throw new Error(`${source}: ${compiled.message}`);
  return compiled.program.evaluate({ object });
}

/** `cel.bind` chains that double a value 40 times: 2^40 elements or characters if unbounded. */
function doubling(seed: string): string {
  let body = 'a39.size() > 0';
  for (let step = 39; step >= 1; step--) body = `cel.bind(a${step}, a${step - 1} + a${step - 1}, ${body})`;
  return `cel.bind(a0, ${seed}, ${body})`;
}

// Each hostile expression must end with the budget message; the generous timeout only keeps a
// regression from hanging the suite (the outcome, not the time, is asserted).
describe('bounded evaluation', { timeout: 60_000 }, () => {
  it.each([
    ['nested comprehensions over literal lists', `${THOUSAND}.map(x, ${THOUSAND}.map(y, ${THOUSAND}.map(z, x)))`],
    ['nested exists, whose errors CEL absorbs', `${THOUSAND}.exists(x, ${THOUSAND}.exists(y, ${THOUSAND}.exists(z, false)))`],
    ['nested all with an error in every predicate', `${THOUSAND}.all(x, ${THOUSAND}.all(y, ${THOUSAND}.all(z, z / 0 == 1)))`],
    ['string doubling', doubling('"0123456789"')],
    ['list doubling', doubling('[1, 2, 3, 4, 5, 6, 7, 8]')],
    ['a quadratic filter over a list in the manifest', 'object.items.filter(x, object.items.exists(y, y == x + 1)).size() > 0'],
  ])('stops %s with the budget message', (_name, source) => {
    expect(run(source, { items: Array.from({ length: 3000 }, (_, index) => index * 2) })).toEqual({ ok: false, message: BUDGET_MESSAGE });
  });

  it('matches a catastrophic pattern in linear time (as RE2 does) rather than backtracking', () => {
    const object = { name: `${'a'.repeat(100_000)}b`, pattern: '(a+)+$' };
    expect(run("object.name.matches('(a+)+$')", object)).toEqual({ ok: true, value: false });
    expect(run('object.name.matches(object.pattern)', object)).toEqual({ ok: true, value: false });
    expect(run("object.name.find('(a+)+$')", object)).toEqual({ ok: true, value: '' });
  });

  it('refuses nesting deeper than the parser allows at compile time', () => {
    expect(compileCel(`${'('.repeat(3000)}1${')'.repeat(3000)}`, VARIABLES)).toMatchObject({ ok: false, message: expect.stringContaining('maxDepth') });
    expect(compileCel(`${'['.repeat(500)}${']'.repeat(500)}`, VARIABLES)).toMatchObject({ ok: false, message: expect.stringContaining('maxDepth') });
  });

  it('lets work CEL short-circuits cost nothing, and an ordinary policy pass well within the budget', () => {
    expect(run(`true || ${THOUSAND}.exists(x, ${THOUSAND}.exists(y, ${THOUSAND}.exists(z, false)))`)).toEqual({ ok: true, value: true });
    const containers = Array.from({ length: 50 }, (_, index) => ({ name: `c${index}`, ports: [{ containerPort: 8000 + index }] }));
    expect(run('object.containers.all(c, c.ports.all(p, p.containerPort > 1024 && object.containers.exists(o, o.name == c.name)))', { containers })).toEqual({
      ok: true,
      value: true,
    });
  });

  it('takes its budget from the options', () => {
    const source = 'object.items.map(x, x * 2).size()';
    const object = { items: Array.from({ length: 100 }, (_, index) => index) };
    expect(run(source, object)).toEqual({ ok: true, value: 100 });
    expect(run(source, object, 50)).toEqual({ ok: false, message: 'exceeded the evaluation budget of 50 cost units' });
  });
});

describe('instrument', () => {
  function instrumented(source: string): string {
    const parsed = new Environment({ enableOptionalTypes: true }).registerVariable('object', 'map').parse(source);
    return instrument(source, parsed.ast as AstNode);
  }

  it('charges each comprehension for its iterations, each + for what it builds, and renames functions cel-js defines differently', () => {
    expect(instrumented('object.a.all(x, x > 1)')).toBe('__gdlIterate(object.a, 4).all(x, x > 1)');
    expect(instrumented('(object.a + [1]).map(x, x)')).toBe('(__gdlIterate(__gdlSized(object.a + [1]), 2)).map(x, x)');
    expect(instrumented("object.s.lowerAscii().matches('a')")).toBe("object.s.__gdlLowerAscii().__gdlMatches('a')");
  });

  it('keeps the parentheses of a parenthesized receiver whole (cel-js starts its calls inside them)', () => {
    expect(instrumented("('a' + 'b').split(';').exists(x, true)")).toBe("__gdlIterate((__gdlSized('a' + 'b')).split(';'), 2).exists(x, true)");
    expect(instrumented('(object.spec).containers.exists(c, true)')).toBe('__gdlIterate((object.spec).containers, 2).exists(c, true)');
  });

  it.each([
    ["('a' + 'b').split(';').exists(x, x == 'ab')", true],
    ["(object.spec).containers.exists(c, c.name == 'b')", true],
    ["('(' + ')').split(')').exists(x, x == '(')", true],
    ["(r'\\(' + '\\\\)').size() == 4", true],
    ["((object.spec).containers.map(c, c.name) + ['z']).join(',').split(',').all(n, n != '')", true],
  ])('evaluates %s as written', (source, value) => {
    expect(run(source, { spec: { containers: [{ name: 'a' }, { name: 'b' }] } })).toEqual({ ok: true, value });
  });
});
