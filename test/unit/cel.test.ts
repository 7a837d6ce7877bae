import { describe, expect, it } from 'vitest';
import { compileCel, type CelProgram } from '../../src/policy/cel.js';
import { celMessage } from '../../src/policy/cel-values.js';

function compiled(source: string): CelProgram {
  const result = compileCel(source, [{ name: 'podSpec', type: 'map' }]);
  if (!result.ok) throw new Error(result.message);
  return result.program;
}

describe('compileCel', () => {
  it('evaluates optional fields as Kubernetes writes them', () => {
    const program = compiled('podSpec.?terminationGracePeriodSeconds.orValue(30) >= 300');
    expect(program.evaluate({ podSpec: { terminationGracePeriodSeconds: 600 } })).toEqual({ ok: true, value: true });
    expect(program.evaluate({ podSpec: {} })).toEqual({ ok: true, value: false });
  });

  it('refuses an expression over an undeclared variable, or one that does not parse', () => {
    expect(compileCel('nope > 1', [{ name: 'podSpec', type: 'map' }])).toMatchObject({ ok: false, message: expect.stringContaining('nope') });
    expect(compileCel('podSpec.(', [{ name: 'podSpec', type: 'map' }])).toMatchObject({ ok: false });
  });

  it('returns an evaluation error instead of throwing', () => {
    const outcome = compiled('podSpec.x.y == 1').evaluate({ podSpec: {} });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('x') });
  });
});

describe('compileCel values', () => {
  const over = (source: string) => {
    const result = compileCel(source, [{ name: 'object', type: 'map' }]);
    if (!result.ok) throw new Error(result.message);
    return result.program;
  };

  it('reads integral manifest numbers as ints and others as doubles', () => {
    expect(over('type(object.replicas) == int && type(object.ratio) == double').evaluate({ object: { replicas: 3, ratio: 0.5 } })).toEqual({ ok: true, value: true });
    expect(over('object.replicas + 1').evaluate({ object: { replicas: 3 } })).toEqual({ ok: true, value: 4 });
    expect(over('object.replicas / 2').evaluate({ object: { replicas: 3 } })).toEqual({ ok: true, value: 1 });
    expect(over('object.ratio * 2.0').evaluate({ object: { ratio: 0.75 } })).toEqual({ ok: true, value: 1.5 });
  });

  it('gives results back as plain JS: ints as numbers, maps as objects, lists as arrays', () => {
    expect(over("{'a': [1, 2], 'b': object.?x.orValue(null)}").evaluate({ object: {} })).toEqual({ ok: true, value: { a: [1, 2], b: null } });
    expect(over('object.metadata.labels').evaluate({ object: { metadata: { labels: { team: 'ml' } } } })).toEqual({ ok: true, value: { team: 'ml' } });
  });

  it('keeps a manifest key named like a JS prototype property as data', () => {
    const object = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 2}') as unknown;
    expect(over("'__proto__' in object && object.constructor == 2").evaluate({ object })).toEqual({ ok: true, value: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('checks a messageExpression gives a string', () => {
    expect(celMessage('replicas must be 2')).toEqual({ ok: true, message: 'replicas must be 2' });
    expect(celMessage(3)).toEqual({ ok: false, message: 'messageExpression must evaluate to a string, got double' });
  });
});

describe('compileCel errors', () => {
  const variables = [{ name: 'object', type: 'map' }];

  it('points at the offending token of a parse error', () => {
    expect(compileCel('object.a == ', variables)).toMatchObject({ ok: false, offset: 12 });
    expect(compileCel('object.a = 1', variables)).toMatchObject({ ok: false, offset: 9 });
  });

  it('points at the expression a type error names', () => {
    const source = 'object.a == 1 && nope > 1';
    expect(compileCel(source, variables)).toMatchObject({ ok: false, message: expect.stringContaining('nope'), offset: source.indexOf('nope') });
    expect(compileCel('1 + "a"', variables)).toMatchObject({ ok: false, message: expect.stringContaining('no such overload'), offset: 0 });
  });

  it("says what to write where cel-js refuses a has() that cel-go takes (a field after an index)", () => {
    const refused = compileCel('has(object.list[0].x)', variables);
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^has\(\) invalid argument: .*\.\?x\.hasValue\(\)/) });
    const rewritten = compileCel('object.list[0].?x.hasValue()', variables);
    expect(rewritten.ok && rewritten.program.evaluate({ object: { list: [{ x: 1 }] } })).toEqual({ ok: true, value: true });
  });

  it('refuses an expression whose type is not the one asked for', () => {
    expect(compileCel("'a' + 'b'", variables, { resultType: 'bool' })).toMatchObject({ ok: false, message: 'the expression must give a bool, not a string' });
    expect(compileCel('object.ready', variables, { resultType: 'bool' })).toMatchObject({ ok: true });
    expect(compileCel("'x' + object.name", variables, { resultType: 'string' })).toMatchObject({ ok: true });
  });
});
