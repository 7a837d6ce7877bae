import { describe, expect, it } from 'vitest';
import { diskReader } from '../../../src/render/kustomize/files.js';
import { filesOf, MAX_KUSTOMIZATION_DEPTH, overlayRoots } from '../../../src/render/kustomize/roots.js';
import { tempDir } from '../../support/temp.js';
import { memoryReader } from './memory-reader.js';

const TREE = {
  '/r/base/kustomization.yaml': 'resources: [deploy.yaml, service.yaml]\nconfigMapGenerator:\n- name: cfg\n  files: [conf=app.conf]\n',
  '/r/base/deploy.yaml': 'kind: Deployment\n',
  '/r/base/service.yaml': 'kind: Service\n',
  '/r/base/app.conf': 'x=1\n',
  '/r/gpu/kustomization.yaml': 'kind: Component\npatches:\n- path: gpu.yaml\n',
  '/r/gpu/gpu.yaml': 'kind: Deployment\n',
  '/r/overlays/prod/kustomization.yml': 'resources: [../../base, https://github.com/org/repo//x]\ncomponents: [../../gpu]\npatchesStrategicMerge: [grace.yaml]\npatchesJson6902:\n- {target: {kind: Deployment, name: vllm}, path: args.yaml}\n',
  '/r/overlays/prod/grace.yaml': 'kind: Deployment\n',
  '/r/overlays/prod/args.yaml': '- op: add\n',
  '/r/overlays/dev/Kustomization': 'bases: [../../base]\nresources: [missing.yaml]\n',
  '/r/overlays/prod-eu/kustomization.yaml': 'resources: [../prod]\nnamespace: eu\n',
};

describe('overlayRoots', () => {
  const fs = memoryReader(TREE);

  it('keeps the overlays nothing uses, drops the bases and components they use', () => {
    const all = ['/r/base', '/r/gpu', '/r/overlays/prod', '/r/overlays/dev', '/r/overlays/prod-eu'];
    expect(overlayRoots(all, fs)).toEqual(['/r/overlays/dev', '/r/overlays/prod-eu']);
  });

  it('a base alone is a root; a directory outside the set does not make one of the set a root or not', () => {
    expect(overlayRoots(['/r/base'], fs)).toEqual(['/r/base']);
    // prod is not in the set: prod-eu still builds on base through it.
    expect(overlayRoots(['/r/base', '/r/overlays/prod-eu'], fs)).toEqual(['/r/overlays/prod-eu']);
    expect(overlayRoots(['/r/overlays/prod', '/r/overlays/dev'], fs)).toEqual(['/r/overlays/prod', '/r/overlays/dev']);
  });

  it('resolves and de-duplicates the directories given; ignores one with no kustomization file', () => {
    expect(overlayRoots(['/r/overlays/prod/../dev', '/r/overlays/dev/', '/r/overlays'], fs)).toEqual(['/r/overlays/dev']);
  });

  it('keeps every directory of a cycle (kustomize refuses it: rendering reports it) and a broken one', () => {
    const cyclic = memoryReader({
      '/c/a/kustomization.yaml': 'resources: [../b]\n',
      '/c/b/kustomization.yaml': 'resources: [../a]\n',
      '/c/top/kustomization.yaml': 'resources: [../a]\n',
      '/c/broken/kustomization.yaml': 'resources: [\n',
    });
    expect(overlayRoots(['/c/a', '/c/b', '/c/broken'], cyclic)).toEqual(['/c/a', '/c/b', '/c/broken']);
    expect(overlayRoots(['/c/a', '/c/b', '/c/top'], cyclic)).toEqual(['/c/top']);
  });

  it('reads each kustomization once however many directories reach it', () => {
    const counting = memoryReader(TREE);
    overlayRoots(['/r/base', '/r/gpu', '/r/overlays/prod', '/r/overlays/dev', '/r/overlays/prod-eu'], counting);
    expect(counting.reads.get('/r/base/kustomization.yaml')).toBe(1);
  });
});

describe('filesOf', () => {
  it('lists every local file the build reads: kustomizations, resources, components, patches, generator sources', () => {
    expect(filesOf('/r/overlays/prod-eu', memoryReader(TREE))).toEqual([
      '/r/base/app.conf',
      '/r/base/deploy.yaml',
      '/r/base/kustomization.yaml',
      '/r/base/service.yaml',
      '/r/gpu/gpu.yaml',
      '/r/gpu/kustomization.yaml',
      '/r/overlays/prod-eu/kustomization.yaml',
      '/r/overlays/prod/args.yaml',
      '/r/overlays/prod/grace.yaml',
      '/r/overlays/prod/kustomization.yml',
    ]);
  });

  it('leaves out missing files and remote resources, and stops at a cycle', () => {
    expect(filesOf('/r/overlays/dev', memoryReader(TREE))).toEqual(['/r/base/app.conf', '/r/base/deploy.yaml', '/r/base/kustomization.yaml', '/r/base/service.yaml', '/r/overlays/dev/Kustomization']);
    const cyclic = memoryReader({ '/c/a/kustomization.yaml': 'resources: [../b, a.yaml]\n', '/c/a/a.yaml': 'kind: Pod\n', '/c/b/kustomization.yaml': 'resources: [../a]\n' });
    expect(filesOf('/c/b', cyclic)).toEqual(['/c/a/a.yaml', '/c/a/kustomization.yaml', '/c/b/kustomization.yaml']);
  });

  it('follows a chain of bases only to the depth cap', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < MAX_KUSTOMIZATION_DEPTH + 5; i++) files[`/d/${i}/kustomization.yaml`] = `resources: [../${i + 1}]\n`;
    expect(filesOf('/d/0', memoryReader(files))).toHaveLength(MAX_KUSTOMIZATION_DEPTH + 1);
  });

  it('gives nothing for a directory with no kustomization, and works on real directories', () => {
    expect(filesOf('/nowhere', memoryReader(TREE))).toEqual([]);
    const dir = tempDir({ 'base/kustomization.yaml': 'resources: [a.yaml]\n', 'base/a.yaml': 'kind: Pod\n', 'o/kustomization.yaml': 'resources: [../base]\n' });
    expect(filesOf(`${dir}/o`, diskReader)).toEqual([`${dir}/base/a.yaml`, `${dir}/base/kustomization.yaml`, `${dir}/o/kustomization.yaml`]);
    expect(overlayRoots([`${dir}/base`, `${dir}/o`], diskReader)).toEqual([`${dir}/o`]);
  });
});
