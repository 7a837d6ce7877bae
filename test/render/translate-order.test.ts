import { describe, expect, it } from 'vitest';
import type { Translation } from '../../src/core/file-change.js';
import { translateRenderedFixes, type RenderedSource } from '../../src/render/map-results.js';

const origin = { locate: () => ({ path: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 }) };

describe('translateRenderedFixes', () => {
  it('hands each translation the files the earlier ones changed, as they left them', () => {
    const seen: Record<string, unknown>[] = [];
    const source = (path: string, after: string): RenderedSource => ({
      path,
      origin,
      home: `${path}/kustomization.yaml`,
      translate: (_original, _fixed, edited): Translation => {
        seen.push(Object.fromEntries(edited));
        return { ok: true, changes: [{ path: 'base/deployment.yaml', before: edited.get('base/deployment.yaml') ?? 'as read', after }] };
      },
    });
    const refused: RenderedSource = { path: 'c', origin, home: 'c/kustomization.yaml', translate: () => ({ ok: false, reason: 'no' }) };
    const fixed = new Map([['a', { original: '', output: 'x' }], ['c', { original: '', output: 'x' }], ['b', { original: '', output: 'x' }]]);
    const translations = translateRenderedFixes(fixed, [source('a', 'first'), refused, source('b', 'second'), source('unfixed', 'never')]);
    expect(seen).toEqual([{}, { 'base/deployment.yaml': 'first' }]);
    expect(translations.get('b')).toEqual({ ok: true, changes: [{ path: 'base/deployment.yaml', before: 'first', after: 'second' }] });
    expect([...translations.keys()]).toEqual(['a', 'c', 'b']);
  });

  it('when the fixes together fail their second render, fixes the text again with the render checking each set, and writes those that pass', () => {
    // The fixed text holds fix A (provable) and fix B (whose second render differs).
    const translate = (original: string, fixed: string): Translation =>
      fixed.includes('B') ? { ok: false, reason: 'a second render of the fixed chart did not give the fixed objects' } : { ok: true, changes: [{ path: 'chart/values.yaml', before: original, after: fixed }] };
    const chart: RenderedSource = { path: 'helm template rel chart', origin, home: 'chart/Chart.yaml', translate };
    const checked: string[] = [];
    const refix = (_path: string, check: (fixed: string) => string | undefined) => {
      // The fix loop tries both fixes, then each: the check refuses every text with B.
      for (const text of ['AB', 'A', 'B']) if (check(text) === undefined) checked.push(text);
      return { original: '', output: 'A' };
    };
    const translations = translateRenderedFixes(new Map([['helm template rel chart', { original: '', output: 'AB' }]]), [chart], refix);
    expect(checked).toEqual(['A']);
    expect(translations.get('helm template rel chart')).toEqual({ ok: true, changes: [{ path: 'chart/values.yaml', before: '', after: 'A' }] });
    // Without a way to fix again, the whole is refused with the reason.
    expect(translateRenderedFixes(new Map([['helm template rel chart', { original: '', output: 'AB' }]]), [chart]).get('helm template rel chart')).toEqual({
      ok: false,
      reason: 'a second render of the fixed chart did not give the fixed objects',
    });
  });
});
