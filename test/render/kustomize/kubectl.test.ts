/**
 * The origin map over what the real `kubectl kustomize` (kustomize built in) renders, in temporary
 * directories. kubectl is not needed anywhere else: without it on PATH these tests are skipped
 * with a note (origin-map.test.ts runs the same map over a recorded rendering).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Origin } from '../../../src/core/origin.js';
import { diskReader } from '../../../src/render/kustomize/files.js';
import { kustomizeOriginMap, type KustomizeOriginMap } from '../../../src/render/kustomize/origin-map.js';
import { filesOf, overlayRoots } from '../../../src/render/kustomize/roots.js';
import { tempDir, writeFiles } from '../../support/temp.js';
import { OVERLAY_RENDERED, OVERLAY_TREE } from './overlay-tree.js';
import { renderedField } from './rendered-field.js';
import { modernKustomize, warnWithoutKustomize } from '../../support/kustomize.js';

const version = (() => {
  try {
    const result = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
    return result.status === 0 ? result.stdout : undefined;
  } catch {
    return undefined;
  }
})();
const kubectl = version !== undefined && modernKustomize;
/** The recording was made with kustomize v5.5; another version may lay its output out otherwise. */
const recordingVersion = version?.includes('Kustomize Version: v5.5.') ?? false;
warnWithoutKustomize('kustomize kubectl.test');

function kustomize(dir: string): string {
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${result.stderr}`);
  return result.stdout;
}

const CONTAINERS = ['spec', 'template', 'spec', 'containers'];
const at = (o: Origin) => `${o.path}:${o.line}:${o.column}`;
const origin = (map: KustomizeOriginMap, kind: string, path: (string | number)[], part: 'key' | 'value' | 'pair' = 'pair') => {
  const { start, end } = renderedField(map.text, kind, path, part);
  return map.locate(start, end);
};

describe.skipIf(!kubectl)('kustomize origins with the real kubectl kustomize', () => {
  const dir = tempDir(OVERLAY_TREE);
  // A second wrapper: the `prod` overlay alone, without the GPU overlay and its component.
  writeFiles(dir, { 'wrap-prod/kustomization.yaml': 'resources:\n- ../overlays/prod\nbuildMetadata: [originAnnotations, transformerAnnotations]\n' });
  const mapOf = (wrapper: string) => kustomizeOriginMap(kustomize(join(dir, wrapper)), { wrapperDir: join(dir, wrapper), cwd: dir, fs: diskReader });

  it('renders what was recorded, and the linted text is what the overlay renders without the wrapper', () => {
    const rendered = kustomize(join(dir, 'wrap'));
    if (recordingVersion) expect(rendered).toBe(OVERLAY_RENDERED);
    expect(kustomizeOriginMap(rendered, { wrapperDir: join(dir, 'wrap'), cwd: dir, fs: diskReader }).text).toBe(kustomize(join(dir, 'overlays/prod-gpu')));
  });

  it('maps the GPU overlay\'s fields to the patch, the base, the component, the added container, the nearest written ancestor', () => {
    const map = mapOf('wrap');
    expect(origin(map, 'Deployment', ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'])).toEqual({ path: 'overlays/prod/grace.yaml', line: 9, column: 7, endLine: 9, endColumn: 41 });
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'args', 0]))).toBe('base/deployment.yaml:27:16');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'args', 2]))).toBe('overlays/prod/args.yaml:3:10');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'image'], 'value'))).toBe('components/tp/kustomization.yaml:9:14');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 0, 'resources', 'limits', 'nvidia.com/gpu']))).toBe('overlays/prod-gpu/gpu.yaml:13:13');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 1, 'name']))).toBe('overlays/prod/proxy.yaml:9:9');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 1, 'env', 0, 'name']))).toBe('overlays/prod-gpu/kustomization.yaml:18:9');
    expect(at(origin(map, 'Deployment', ['metadata', 'labels', 'tier']))).toBe('base/deployment.yaml:14:3');
    expect(at(origin(map, 'ConfigMap', ['data', 'MAX_MODEL_LEN']))).toBe('base/kustomization.yaml:5:9');
  });

  it('maps the prod overlay alone: the image to the base, the grace period to the patch, replicas set in two files', () => {
    const map = mapOf('wrap-prod');
    expect(origin(map, 'Deployment', [...CONTAINERS, 1, 'image'])).toEqual({ path: 'base/deployment.yaml', line: 26, column: 9, endLine: 26, endColumn: 39 });
    expect(at(origin(map, 'Deployment', ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'], 'value'))).toBe('overlays/prod/grace.yaml:9:38');
    expect(at(origin(map, 'Deployment', [...CONTAINERS, 1, 'args', 2], 'value'))).toBe('overlays/prod/args.yaml:3:10');
    const deployment = map.fieldAt(renderedField(map.text, 'Deployment', ['spec', 'replicas']).start)!;
    expect(map.filesSetting(deployment.document, deployment.path).map((file) => file.path)).toEqual(['base/deployment.yaml', 'overlays/prod/grace.yaml']);
    expect(map.text).not.toContain('config.kubernetes.io');
  });

  it('finds the root among the kustomization directories, and the files it reads', () => {
    const dirs = ['base', 'components/tp', 'overlays/prod', 'overlays/prod-gpu'].map((d) => join(dir, d));
    expect(overlayRoots(dirs, diskReader)).toEqual([join(dir, 'overlays/prod-gpu')]);
    expect(filesOf(join(dir, 'overlays/prod-gpu'), diskReader).map((file) => file.slice(dir.length + 1))).toEqual(
      Object.keys(OVERLAY_TREE).filter((file) => !file.startsWith('wrap')).sort(),
    );
  });
});
