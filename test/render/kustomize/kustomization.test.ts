import { describe, expect, it } from 'vitest';
import { diskReader } from '../../../src/render/kustomize/files.js';
import { isRemote, KUSTOMIZATION_FILE_NAMES, readKustomization } from '../../../src/render/kustomize/kustomization.js';
import { tempDir } from '../../support/temp.js';
import { memoryReader } from './memory-reader.js';

const read = (files: Record<string, string>, dir = '/k') => readKustomization(dir, memoryReader(files));
const ok = (files: Record<string, string>, dir = '/k') => {
  const result = read(files, dir);
  if (!result.ok) throw new Error(result.problem.message);
  return result.kustomization;
};

describe('readKustomization', () => {
  it('finds each of the three file names kustomize knows', () => {
    expect(KUSTOMIZATION_FILE_NAMES).toEqual(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
    for (const name of KUSTOMIZATION_FILE_NAMES) expect(ok({ [`/k/${name}`]: 'namespace: a\n' }).file).toBe(`/k/${name}`);
  });

  it('reports a directory with none, and one with two', () => {
    const none = read({ '/k/deploy.yaml': 'kind: Pod\n' });
    expect(none.ok === false && none.problem.code).toBe('missing');
    const two = read({ '/k/kustomization.yaml': '', '/k/Kustomization': '' });
    expect(two.ok === false && two.problem).toMatchObject({ code: 'ambiguous' });
    expect(two.ok === false && two.problem.message).toContain('kustomization.yaml, Kustomization');
  });

  it('reports a syntax error and a file that is not a mapping with their position', () => {
    const broken = read({ '/k/kustomization.yaml': 'resources:\n- a.yaml\n  - b: [\n' });
    expect(broken.ok === false && broken.problem).toMatchObject({ code: 'syntax', file: '/k/kustomization.yaml' });
    const list = read({ '/k/kustomization.yaml': '# x\n- a.yaml\n' });
    expect(list.ok === false && list.problem).toMatchObject({ code: 'shape', line: 2, column: 1 });
  });

  it('reads resources, then bases, resolved against its directory; remote ones are marked, not resolved', () => {
    const k = ok({
      '/k/o/kustomization.yaml': 'resources:\n- deploy.yaml\n- ../base\n- https://github.com/org/repo//dir?ref=v1\n- github.com/org/repo/dir\nbases:\n- ../old\n',
    }, '/k/o');
    expect(k.resources.map((r) => [r.value, r.remote, r.absolute ?? null, r.line, r.column])).toEqual([
      ['deploy.yaml', false, '/k/o/deploy.yaml', 2, 3],
      ['../base', false, '/k/base', 3, 3],
      ['https://github.com/org/repo//dir?ref=v1', true, null, 4, 3],
      ['github.com/org/repo/dir', true, null, 5, 3],
      ['../old', false, '/k/old', 7, 3],
    ]);
    expect(isRemote('git@github.com:org/repo.git')).toBe(true);
    expect(isRemote('../github.com/x')).toBe(false);
  });

  it('reads patches in the order kustomize applies them: strategic merge, patches, JSON 6902', () => {
    const k = ok({
      '/k/kustomization.yaml': [
        'patchesJson6902:',
        '- target: {group: apps, version: v1, kind: Deployment, name: vllm}',
        '  path: args.yaml',
        'patches:',
        '- path: grace.yaml',
        '- target:',
        '    kind: Deployment',
        '    labelSelector: app=vllm',
        '  patch: |-',
        '    - op: add',
        'patchesStrategicMerge:',
        '- sidecar.yaml',
        '- |-',
        '  kind: Deployment',
        '  metadata: {name: vllm}',
        '',
      ].join('\n'),
      '/k/sidecar.yaml': 'kind: Deployment\n',
    });
    expect(k.patches.map((p) => [p.field, p.file?.absolute ?? null, p.inline ? String(p.inline.value).split('\n')[0] : null, p.target ?? null, p.at.line])).toEqual([
      ['patchesStrategicMerge', '/k/sidecar.yaml', null, null, 12],
      ['patchesStrategicMerge', null, 'kind: Deployment', null, 13],
      ['patches', '/k/grace.yaml', null, null, 5],
      ['patches', null, '- op: add', { kind: 'Deployment', labelSelector: 'app=vllm' }, 6],
      ['patchesJson6902', '/k/args.yaml', null, { group: 'apps', version: 'v1', kind: 'Deployment', name: 'vllm' }, 2],
    ]);
  });

  it('reads the name and namespace transformers, replicas, images, generators, components, buildMetadata', () => {
    const k = ok({
      '/k/kustomization.yaml': [
        'kind: Component',
        'namePrefix: prod-',
        'nameSuffix: -v2',
        'namespace: serving',
        'components: [../gpu]',
        'replicas:',
        '- {name: vllm, count: 3}',
        'images:',
        '- name: vllm/vllm-openai',
        '  newTag: v0.7.0',
        'configMapGenerator:',
        '- name: cfg',
        '  files: [conf=app.conf]',
        '  envs: [.env]',
        'secretGenerator:',
        '- name: token',
        'crds: [crd.json]',
        'buildMetadata: [originAnnotations]',
        '',
      ].join('\n'),
    });
    expect(k.kind).toBe('Component');
    expect([k.namePrefix?.value, k.nameSuffix?.value, k.namespace?.value, k.namespace?.line, k.namespace?.column]).toEqual(['prod-', '-v2', 'serving', 4, 12]);
    expect(k.components.map((c) => c.absolute)).toEqual(['/gpu']);
    expect(k.replicas.map((r) => [r.name, r.count.value, r.count.line])).toEqual([['vllm', 3, 7]]);
    expect(k.images.map((i) => [i.name, i.at.value, i.at.line])).toEqual([['vllm/vllm-openai', 'v0.7.0', 10]]);
    expect(k.generators.map((g) => [g.kind, g.name, g.at.line])).toEqual([['ConfigMapGenerator', 'cfg', 12], ['SecretGenerator', 'token', 16]]);
    expect(k.otherFiles.map((f) => f.absolute)).toEqual(['/k/app.conf', '/k/.env', '/k/crd.json']);
    expect(k.buildMetadata).toEqual(['originAnnotations']);
  });

  it('skips entries of the wrong shape and says where they are, reading the rest', () => {
    const k = ok({ '/k/kustomization.yaml': 'resources: deploy.yaml\ncomponents:\n- {a: 1}\n- ../c\npatches:\n- target: {kind: Pod}\nnamespace: [x]\n' });
    expect(k.resources).toEqual([]);
    expect(k.components.map((c) => c.value)).toEqual(['../c']);
    expect(k.patches).toEqual([]);
    expect(k.namespace).toBeUndefined();
    expect(k.problems.map((p) => [p.line, p.message.replace(/^.*?: /, '')])).toEqual([
      [1, '`resources` should be a list'],
      [3, 'each entry of `components` should be a string'],
      [6, 'a `patches` entry needs `path` or `patch`'],
      [7, '`namespace` should be a string'],
    ]);
  });

  it('refuses an empty kustomization, as kustomize does ("kustomization.yaml is empty")', () => {
    const empty = read({ '/k/kustomization.yaml': '# nothing yet\n' });
    expect(empty.ok === false && empty.problem).toMatchObject({ code: 'shape', line: 1 });
  });

  it('reads real directories through the disk reader', () => {
    const dir = tempDir({ 'kustomization.yml': 'resources: [a.yaml]\n', 'a.yaml': 'kind: Pod\n' });
    const result = readKustomization(dir, diskReader);
    expect(result.ok && result.kustomization.resources.map((r) => r.absolute)).toEqual([`${dir}/a.yaml`]);
    expect(diskReader.readFile(`${dir}/missing.yaml`)).toBeUndefined();
    expect(diskReader.readFile(dir)).toBeUndefined();
    expect(diskReader.isDirectory(dir)).toBe(true);
  });
});
