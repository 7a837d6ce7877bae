import { describe, expect, it } from 'vitest';
import { compileCel, type CelProgram } from '../../src/policy/cel.js';

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
