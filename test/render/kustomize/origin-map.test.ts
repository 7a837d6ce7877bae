import { describe, expect, it } from 'vitest';
import type { Origin } from '../../../src/core/origin.js';
import { kustomizeOriginMap, type KustomizeOriginMap } from '../../../src/render/kustomize/origin-map.js';
import { memoryReader } from './memory-reader.js';
import { OVERLAY_RENDERED, OVERLAY_TREE } from './overlay-tree.js';
import { renderedField } from './rendered-field.js';

const inDir = (files: Record<string, string>, dir = '/k') => Object.fromEntries(Object.entries(files).map(([path, text]) => [`${dir}/${path}`, text]));
const overlayMap = (rendered = OVERLAY_RENDERED, files = OVERLAY_TREE) => kustomizeOriginMap(rendered, { wrapperDir: '/k/wrap', cwd: '/k', fs: memoryReader(inDir(files)) });

const CONTAINERS = ['spec', 'template', 'spec', 'containers'];

/** `path:line:column` of where the rendered field (of the first object of `kind`) was written. */
function origin(map: KustomizeOriginMap, kind: string, path: (string | number)[], part: 'key' | 'value' | 'pair' = 'pair'): Origin {
  const { start, end } = renderedField(map.text, kind, path, part);
  return map.locate(start, end);
}
const at = (o: Origin) => `${o.path}:${o.line}:${o.column}`;

describe('kustomizeOriginMap over a recorded overlay chain', () => {
  const map = overlayMap();

  it('a field a strategic-merge patch sets maps to the patch, at the field (replicas, grace period)', () => {
    expect(origin(map, 'Deployment', ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'])).toEqual({
      path: 'overlays/prod/grace.yaml',
      line: 9,
      column: 7,
      endLine: 9,
      endColumn: 41,
    });
    expect(at(origin(map, 'Deployment', ['spec', 'replicas']))).toBe('overlays/prod/grace.yaml:6:3');
    expect(at(origin(map, 'Deployment', ['spec', 'replicas'], 'value'))).toBe('overlays/prod/grace.yaml:6:13');
    expect(at(origin(map, 'Deployment', ['spec', 'replicas'], 'key'))).toBe('overlays/prod/grace.yaml:6:3');
  });

  it('a field no patch touches maps to the base document it came from (a flow sequence item too)', () => {
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'ports', 0, 'containerPort']))).toBe('base/deployment.yaml:29:11');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'args', 1]))).toBe('base/deployment.yaml:27:27');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'name']))).toBe('base/deployment.yaml:25:9');
    // The PDB is the other document of the same file.
    expect(at(origin(map, 'PodDisruptionBudget', ['spec', 'maxUnavailable']))).toBe('base/deployment.yaml:6:3');
    expect(at(origin(map, 'Service', ['spec', 'ports', 0, 'targetPort']))).toBe('base/service.yaml:9:5');
  });

  it('a container a patch with a target added maps to that patch: its image, its name (the item: a merge key selects, it is no write)', () => {
    expect(origin(map, 'Deployment', [...CONTAINERS, 1, 'name'])).toMatchObject({ path: 'overlays/prod/proxy.yaml', line: 9, column: 9, endLine: 9, endColumn: 13 });
    expect(map.filesSetting(2, [...CONTAINERS, 1]).map((file) => file.path)).toEqual(['overlays/prod/proxy.yaml']);
  });

  it('a JSON 6902 patch: the value it appended, found by its data though the index it names has moved', () => {
    expect(origin(map, 'Deployment', [...CONTAINERS, 0, 'args', 2])).toMatchObject({ path: 'overlays/prod/args.yaml', line: 3, column: 10, endColumn: 26 });
    // The component's inline patch replaces containers/1/image, which the rendered stream has at index 0.
    expect(origin(map, 'Deployment', [...CONTAINERS, 0, 'image'], 'value')).toMatchObject({ path: 'components/tp/kustomization.yaml', line: 9, column: 14 });
  });

  it('an inline patch maps to its lines inside the kustomization file; a patch whose selector matches nothing does not', () => {
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 1, 'env', 0, 'value']))).toBe('overlays/prod-gpu/kustomization.yaml:19:9');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 1, 'env'], 'value'))).toBe('overlays/prod-gpu/kustomization.yaml:18:7');
  });

  it('a JSON patch operation written value first: its value alone', () => {
    const gpu = OVERLAY_TREE['overlays/prod-gpu/kustomization.yaml']!;
    const reordered = gpu.replace(
      '      path: /spec/template/spec/containers/1/env\n      value:\n      - name: VLLM_PORT\n        value: "8000"\n',
      '      value:\n      - name: VLLM_PORT\n        value: "8000"\n      path: /spec/template/spec/containers/1/env\n',
    );
    expect(reordered).not.toBe(gpu);
    const moved = overlayMap(OVERLAY_RENDERED, { ...OVERLAY_TREE, 'overlays/prod-gpu/kustomization.yaml': reordered });
    expect(origin(moved, 'Deployment', [...CONTAINERS, 1, 'env'])).toMatchObject({ path: 'overlays/prod-gpu/kustomization.yaml', line: 17, column: 7, endLine: 18, endColumn: 22 });
    expect(origin(moved, 'Deployment', [...CONTAINERS, 1, 'env'], 'key')).toMatchObject({ line: 19, column: 13 });
  });

  it('fields set by a kustomization transformer map to its entry, with a hint', () => {
    expect(origin(map, 'Deployment', ['metadata', 'namespace'])).toMatchObject({ path: 'overlays/prod/kustomization.yaml', line: 2, column: 12, hint: 'namespace: serving' });
    expect(origin(map, 'Deployment', [...CONTAINERS, 1, 'image'])).toMatchObject({ path: 'overlays/prod/kustomization.yaml', line: 16, column: 11, hint: 'images: envoyproxy/envoy' });
  });

  it('a field written in no file falls back to its nearest written ancestor (a label the labels transformer added)', () => {
    expect(origin(map, 'Deployment', ['metadata', 'labels', 'tier'])).toMatchObject({ path: 'base/deployment.yaml', line: 14, column: 3, endLine: 14, endColumn: 9 });
    // The Service's base has no labels at all: its `metadata`.
    expect(at(origin(map, 'Service', ['metadata', 'labels', 'tier']))).toBe('base/service.yaml:3:1');
  });

  it('a patch for the Deployment says nothing about the Service', () => {
    expect(at(origin(map, 'Service', ['spec'], 'key'))).toBe('base/service.yaml:5:1');
    expect(map.filesSetting(1, ['spec'])).toEqual([expect.objectContaining({ path: 'base/service.yaml' })]);
  });

  it('a generated object maps to its generator entry', () => {
    expect(origin(map, 'ConfigMap', ['data', 'MAX_MODEL_LEN'])).toMatchObject({ path: 'base/kustomization.yaml', line: 5, column: 9, hint: 'generated by ConfigMapGenerator vllm-config' });
  });

  it('a range outside every document maps to the overlay\'s kustomization file, line 1', () => {
    const commented = overlayMap(`# rendered\n\n---\n${OVERLAY_RENDERED}`);
    expect(commented.fieldAt({ line: 1, column: 3 })).toBeUndefined();
    expect(commented.locate({ line: 1, column: 3 }, { line: 1, column: 5 })).toEqual({ path: 'overlays/prod-gpu/kustomization.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(at(origin(commented, 'Deployment', ['spec', 'replicas']))).toBe('overlays/prod/grace.yaml:6:3');
  });
});

describe('filesSetting', () => {
  const map = overlayMap();
  const deployment = 2;
  const files = (path: (string | number)[]) => map.filesSetting(deployment, path).map((file) => `${file.role} ${file.path}:${file.origin.line}:${file.origin.column}`);

  it('lists every file that writes the field itself, in the order kustomize applies them', () => {
    expect(map.fieldAt(renderedField(map.text, 'Deployment', ['spec', 'replicas']).start)).toEqual({ document: deployment, path: ['spec', 'replicas'] });
    expect(files(['spec', 'replicas'])).toEqual(['base base/deployment.yaml:17:13', 'patch overlays/prod/grace.yaml:6:13']);
    expect(files(['spec', 'template', 'spec', 'terminationGracePeriodSeconds'])).toEqual(['patch overlays/prod/grace.yaml:9:38']);
    expect(files([...CONTAINERS, 0, 'image'])).toEqual(['base base/deployment.yaml:26:16', 'patch components/tp/kustomization.yaml:9:14']);
    expect(files([...CONTAINERS, 1, 'image'])).toEqual(['patch overlays/prod/proxy.yaml:10:16', 'kustomization overlays/prod/kustomization.yaml:16:11']);
  });

  it('lists none for a field no file writes, and a strategic-merge patch\'s merge key is not a write', () => {
    expect(files(['metadata', 'labels', 'tier'])).toEqual([]);
    expect(files([...CONTAINERS, 0, 'name'])).toEqual(['base base/deployment.yaml:25:15']);
    expect(map.filesSetting(99, ['spec'])).toEqual([]);
  });

  it('gives absolute paths too, for the fix to write', () => {
    expect(map.filesSetting(deployment, ['spec', 'replicas']).map((file) => file.absolutePath)).toEqual(['/k/base/deployment.yaml', '/k/overlays/prod/grace.yaml']);
  });
});

describe('the linted text', () => {
  it('is the rendered stream without the build-metadata annotations', () => {
    const map = overlayMap();
    expect(map.text).not.toContain('config.kubernetes.io');
    expect(map.text).not.toContain('annotations:');
    expect(map.text.split('\n---\n')).toHaveLength(4);
    expect(map.text.startsWith('apiVersion: v1\ndata:\n  MAX_MODEL_LEN: "4096"\nkind: ConfigMap\nmetadata:\n  labels:\n')).toBe(true);
  });
});

describe('degrading without throwing', () => {
  const deploymentOnly = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: ../base/deployment.yaml
  name: vllm
spec:
  replicas: 2
`;

  it('no annotations (rendered without buildMetadata): the overlay\'s kustomization, with a hint', () => {
    const map = overlayMap('kind: Deployment\nmetadata:\n  name: vllm\n');
    expect(map.locate({ line: 3, column: 9 }, { line: 3, column: 13 })).toMatchObject({ path: 'overlays/prod-gpu/kustomization.yaml', line: 1, hint: expect.stringContaining('buildMetadata') });
  });

  it('a remote resource: the overlay\'s kustomization, naming the repository', () => {
    const map = overlayMap(deploymentOnly.replace('path: ../base/deployment.yaml', 'path: deploy.yaml\n      repo: https://github.com/org/models\n      ref: v1'));
    expect(origin(map, 'Deployment', ['spec', 'replicas'])).toMatchObject({ path: 'overlays/prod-gpu/kustomization.yaml', hint: 'from the remote resource https://github.com/org/models/deploy.yaml' });
  });

  it('a base file that is gone, or does not parse: the overlay\'s kustomization', () => {
    const missing = overlayMap(deploymentOnly, { ...OVERLAY_TREE, 'base/deployment.yaml': undefined as unknown as string });
    expect(at(origin(missing, 'Deployment', ['spec', 'replicas']))).toBe('overlays/prod-gpu/kustomization.yaml:1:1');
    const broken = overlayMap(deploymentOnly, { ...OVERLAY_TREE, 'base/deployment.yaml': 'kind: Deployment\nspec: [\n' });
    expect(at(origin(broken, 'Deployment', ['spec', 'replicas']))).toBe('base/deployment.yaml:1:1');
  });

  it('a base file with two documents of the kind, neither named so: the file\'s first line', () => {
    const two = overlayMap(deploymentOnly, { ...OVERLAY_TREE, 'base/deployment.yaml': '# two\nkind: Deployment\nmetadata: {name: a}\n---\nkind: Deployment\nmetadata: {name: b}\n' });
    expect(at(origin(two, 'Deployment', ['spec', 'replicas']))).toBe('base/deployment.yaml:1:1');
    const one = overlayMap(deploymentOnly, { ...OVERLAY_TREE, 'base/deployment.yaml': 'kind: Service\nmetadata: {name: vllm}\n---\nkind: Deployment\nmetadata: {name: renamed}\nspec:\n  replicas: 1\n' });
    expect(at(origin(one, 'Deployment', ['spec', 'replicas']))).toBe('base/deployment.yaml:7:3');
  });

  it('a rendered stream that does not parse, or is empty', () => {
    expect(at(overlayMap('kind: [\n').locate({ line: 1, column: 1 }, { line: 1, column: 2 }))).toBe('overlays/prod-gpu/kustomization.yaml:1:1');
    expect(overlayMap('').text).toBe('');
  });

  it('no wrapper kustomization to read: the wrapper directory, or the root given', () => {
    const map = kustomizeOriginMap('kind: Pod\n', { wrapperDir: '/k/gone', cwd: '/k', fs: memoryReader({}) });
    expect(at(map.locate({ line: 1, column: 1 }, { line: 1, column: 2 }))).toBe('gone:1:1');
    const rooted = kustomizeOriginMap('kind: Pod\n', { wrapperDir: '/k/gone', cwd: '/k', fs: memoryReader(inDir(OVERLAY_TREE)), root: '/k/overlays/prod' });
    expect(at(rooted.locate({ line: 1, column: 1 }, { line: 1, column: 2 }))).toBe('overlays/prod/kustomization.yaml:1:1');
  });
});
