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
});
