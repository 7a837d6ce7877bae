import { describe, expect, it } from 'vitest';
import { declarationText, declaredKind, templatePathOf } from '../../src/model/kinds/declared.js';
import { catalogueWith, SHIPPED_KINDS } from '../../src/model/kinds/index.js';
import { NO_CONTEXT } from '../../src/model/kinds/kind.js';
import { parse } from 'yaml';
import { loadModel } from './model-helpers.js';

describe('templatePathOf: the workloadKinds path that reaches a container', () => {
  it.each<[(string | number)[], string | undefined]>([
    [['spec', 'template', 'spec', 'containers', 0], 'spec.template'],
    [['spec', 'roles', 1, 'template', 'spec', 'containers', 2], 'spec.roles[].template'],
    [['spec', 'workloadTemplate', 'workerTemplate', 'spec', 'initContainers', 0], 'spec.workloadTemplate.workerTemplate'],
    // A PodSpec that is not a template's `spec` is declared as the PodSpec itself.
    [['spec', 'podSpec', 'containers', 0], 'spec.podSpec'],
    [['spec', 'containers', 0], 'spec'],
    [['spec', 'groups', 0, 'pods', 1, 'containers', 0], 'spec.groups[].pods[]'],
    // Not in a containers list, a list of lists, a key a path cannot write: no path.
    [['spec', 'runner'], undefined],
    [['spec', 'sidecars', 0], undefined],
    [['spec', 'matrix', 0, 1, 'containers', 0], undefined],
    [['spec', 'a.b', 'containers', 0], undefined],
    [['containers', 0], undefined],
  ])('%j → %s', (segments, path) => {
    expect(templatePathOf(segments)).toBe(path);
  });
});

describe('declarationText', () => {
  it('is a YAML flow mapping that reads back as the declaration', () => {
    const declaration = { apiVersion: 'serving.example.com/v1', kind: 'MultiRoleInference', templates: ['spec.roles[].template', 'spec.router'], replicas: 'spec.replicas' };
    expect(parse(declarationText(declaration))).toEqual(declaration);
  });
});

describe('declaredKind', () => {
  const text = [
    'apiVersion: serving.example.com/v1',
    'kind: MultiRoleInference',
    'metadata:',
    '  name: llama',
    'spec:',
    '  replicas: 3',
    '  router:',
    '    containers:',
    '      - name: router',
    '        image: router:1',
    '  roles:',
    '    - name: prefill',
    '      template:',
    '        metadata:',
    '          labels:',
    '            role: prefill',
    '        spec:',
    '          containers:',
    '            - name: server',
    '              image: server:1',
    '    - name: decode',
    '      template:',
    '        spec:',
    '          containers:',
    '            - name: server',
    '              image: server:1',
    '',
  ].join('\n');

  it('reads a template per list item and a PodSpec where the path leads to one, with the replicas', () => {
    const kind = declaredKind({ apiVersion: 'serving.example.com/v1', kind: 'MultiRoleInference', templates: ['spec.roles[].template', 'spec.router'], replicas: 'spec.replicas' });
    const catalogue = catalogueWith([kind]);
    const { model } = loadModel(text);
    expect(model.workloads).toHaveLength(0);
    const object = model.objects[0]!;
    expect(catalogue.lookup(object)).toBe(kind);
    expect(SHIPPED_KINDS.lookup(object)).toBeUndefined();
    const sites = kind.templates(object, NO_CONTEXT);
    expect(sites.map((s) => [s.role, s.shape])).toEqual([
      ['spec.roles[0].template', 'template'],
      ['spec.roles[1].template', 'template'],
      ['spec.router', 'podSpec'],
    ]);
    expect(kind.replicas).toEqual(['spec', 'replicas']);
  });

  it('matches on the API group, whatever the version', () => {
    const kind = declaredKind({ apiVersion: 'serving.example.com/v1', kind: 'MultiRoleInference', templates: ['spec.template'] });
    const catalogue = catalogueWith([kind]);
    expect(catalogue.lookup({ apiVersion: 'serving.example.com/v2beta1', kind: 'MultiRoleInference' })).toBe(kind);
    expect(catalogue.lookup({ apiVersion: 'other.example.com/v1', kind: 'MultiRoleInference' })).toBeUndefined();
  });

  it('a declared kind is looked up before the shipped one of the same group and kind', () => {
    const mine = declaredKind({ apiVersion: 'leaderworkerset.x-k8s.io/v1', kind: 'LeaderWorkerSet', templates: ['spec.leaderWorkerTemplate.workerTemplate'] });
    const shipped = SHIPPED_KINDS.lookup({ apiVersion: 'leaderworkerset.x-k8s.io/v1', kind: 'LeaderWorkerSet' });
    expect(shipped).toBeDefined();
    expect(catalogueWith([mine]).lookup({ apiVersion: 'leaderworkerset.x-k8s.io/v1', kind: 'LeaderWorkerSet' })).toBe(mine);
  });
});
