import { describe, expect, it } from 'vitest';
import { kustomizeOriginMap } from '../../../src/render/kustomize/origin-map.js';
import { INLINE_RENDERED, INLINE_TREE } from './inline-tree.js';
import { memoryReader } from './memory-reader.js';
import { renderedField } from './rendered-field.js';

const files = Object.fromEntries(Object.entries(INLINE_TREE).map(([path, text]) => [`/k/${path}`, text]));
const map = kustomizeOriginMap(INLINE_RENDERED, { wrapperDir: '/k/wrap', cwd: '/k', fs: memoryReader(files) });
const at = (kind: string, path: (string | number)[], part: 'key' | 'value' | 'pair' = 'pair') => {
  const { start, end } = renderedField(map.text, kind, path, part);
  const o = map.locate(start, end);
  return `${o.path}:${o.line}:${o.column}-${o.endLine}:${o.endColumn}${o.hint ? ` (${o.hint})` : ''}`;
};

describe('inline patches, several documents in a patch, a replica count', () => {
  it('an inline strategic-merge patch (a literal block) maps to its own line inside the kustomization', () => {
    expect(at('Deployment', ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'])).toBe('o/kustomization.yaml:15:9-15:42');
    expect(at('Deployment', ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'], 'value')).toBe('o/kustomization.yaml:15:40-15:42');
  });

  it('a patch written as a quoted string maps to the string as a whole', () => {
    expect(at('Deployment', ['spec', 'minReadySeconds'])).toBe('o/kustomization.yaml:19:10-19:72');
  });

  it('each document of a patch file patches its own object', () => {
    expect(at('Deployment', ['spec', 'progressDeadlineSeconds'])).toBe('o/both.yaml:6:3-6:31');
    expect(at('Service', ['spec', 'sessionAffinity'])).toBe('o/both.yaml:13:3-13:28');
    expect(at('Service', ['spec', 'ports', 0, 'port'])).toBe('base/web.yaml:19:5-19:13');
  });

  it('a replica count set by `replicas:` maps to its count, though the base writes one too', () => {
    expect(at('Deployment', ['spec', 'replicas'])).toBe('o/kustomization.yaml:5:10-5:11 (replicas: web)');
    expect(map.filesSetting(1, ['spec', 'replicas']).map((file) => `${file.role} ${file.path}`)).toEqual(['base base/web.yaml', 'kustomization o/kustomization.yaml']);
  });

  it('the Service\'s replicas-free spec is not touched by the replica count', () => {
    expect(map.filesSetting(0, ['spec', 'replicas'])).toEqual([]);
  });
});
