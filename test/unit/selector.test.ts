import { describe, expect, it } from 'vitest';
import { treeOf } from '../../src/languages/shared/from-yaml.js';
import { ProblemSink, rootView } from '../../src/languages/shared/node.js';
import { equalitySelector, matches, readLabelSelector, type LabelSelector, type Requirement } from '../../src/model/selector.js';
import { SourceFile } from '../../src/core/source.js';
import { parseYaml } from '../../src/languages/yaml/parse.js';
import { loadModel } from './model-helpers.js';

const selector = (matchLabels: Record<string, string>, requirements: Requirement[] = []): LabelSelector => ({
  matchLabels: new Map(Object.entries(matchLabels)),
  requirements,
});
const labels = (record: Record<string, string>) => new Map(Object.entries(record));

describe('matches', () => {
  const pod = labels({ app: 'vllm', tier: 'gpu', env: 'prod' });

  it('an empty selector matches everything, even a pod without labels', () => {
    expect(matches(selector({}), pod)).toBe(true);
    expect(matches(selector({}), labels({}))).toBe(true);
  });

  it('matchLabels needs every pair', () => {
    expect(matches(selector({ app: 'vllm' }), pod)).toBe(true);
    expect(matches(selector({ app: 'vllm', tier: 'gpu' }), pod)).toBe(true);
    expect(matches(selector({ app: 'vllm', tier: 'cpu' }), pod)).toBe(false);
    expect(matches(selector({ missing: 'x' }), pod)).toBe(false);
    expect(matches(selector({ app: '' }), labels({ app: '' }))).toBe(true);
  });

  it('In needs the key with one of the values', () => {
    expect(matches(selector({}, [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }]), pod)).toBe(true);
    expect(matches(selector({}, [{ key: 'env', operator: 'In', values: ['dev'] }]), pod)).toBe(false);
    expect(matches(selector({}, [{ key: 'zone', operator: 'In', values: ['a'] }]), pod)).toBe(false);
  });

  it('NotIn matches a different value and an absent key', () => {
    expect(matches(selector({}, [{ key: 'env', operator: 'NotIn', values: ['dev'] }]), pod)).toBe(true);
    expect(matches(selector({}, [{ key: 'env', operator: 'NotIn', values: ['prod'] }]), pod)).toBe(false);
    expect(matches(selector({}, [{ key: 'zone', operator: 'NotIn', values: ['a'] }]), pod)).toBe(true);
  });

  it('Exists and DoesNotExist look at the key only', () => {
    expect(matches(selector({}, [{ key: 'tier', operator: 'Exists', values: [] }]), pod)).toBe(true);
    expect(matches(selector({}, [{ key: 'zone', operator: 'Exists', values: [] }]), pod)).toBe(false);
    expect(matches(selector({}, [{ key: 'zone', operator: 'DoesNotExist', values: [] }]), pod)).toBe(true);
    expect(matches(selector({}, [{ key: 'tier', operator: 'DoesNotExist', values: [] }]), pod)).toBe(false);
    expect(matches(selector({}, [{ key: 'empty', operator: 'Exists', values: [] }]), labels({ empty: '' }))).toBe(true);
  });

  it('ANDs matchLabels with every expression', () => {
    const both = selector({ app: 'vllm' }, [
      { key: 'env', operator: 'In', values: ['prod'] },
      { key: 'canary', operator: 'DoesNotExist', values: [] },
    ]);
    expect(matches(both, pod)).toBe(true);
    expect(matches(both, labels({ app: 'vllm', env: 'prod', canary: 'true' }))).toBe(false);
    expect(matches(both, labels({ app: 'sglang', env: 'prod' }))).toBe(false);
    expect(matches(both, labels({ app: 'vllm', env: 'dev' }))).toBe(false);
  });

  it('equalitySelector builds a matchLabels-only selector', () => {
    expect(matches(equalitySelector(labels({ app: 'vllm' })), pod)).toBe(true);
    expect(matches(equalitySelector(labels({ app: 'web' })), pod)).toBe(false);
  });
});

describe('readLabelSelector', () => {
  const read = (yaml: string) => {
    const source = new SourceFile('t.yaml', yaml, false);
    const sink = new ProblemSink();
    const root = rootView(treeOf(parseYaml(source).documents[0]!.document, source.text), sink)!;
    return { selector: readLabelSelector(root.map('selector')), problems: sink.problems.map((p) => `${source.text.slice(p.span.start, p.span.end)}: ${p.message}`) };
  };

  it('reads matchLabels and matchExpressions', () => {
    const { selector: s, problems } = read(`selector:
  matchLabels:
    app: vllm
  matchExpressions:
    - key: env
      operator: In
      values: [prod, staging]
    - key: canary
      operator: DoesNotExist
`);
    expect(problems).toEqual([]);
    expect(s).toEqual({
      matchLabels: labels({ app: 'vllm' }),
      requirements: [
        { key: 'env', operator: 'In', values: ['prod', 'staging'] },
        { key: 'canary', operator: 'DoesNotExist', values: [] },
      ],
    });
  });

  it('reads an empty selector as matching everything and a missing or null one as undefined', () => {
    expect(read('selector: {}\n').selector).toEqual({ matchLabels: new Map(), requirements: [] });
    expect(read('other: 1\n').selector).toBeUndefined();
    expect(read('selector: null\n').selector).toBeUndefined();
    expect(read('selector:\n').selector).toBeUndefined();
  });

  it('records an unknown operator at its value and drops the expression', () => {
    const { selector: s, problems } = read(`selector:
  matchExpressions:
    - key: env
      operator: Equals
      values: [prod]
`);
    expect(s?.requirements).toEqual([]);
    expect(problems).toEqual(['Equals: selector.matchExpressions[0].operator must be one of In, NotIn, Exists, DoesNotExist, got "Equals"']);
  });
});

describe('ObjectIndex', () => {
  const workload = (name: string, namespace: string | undefined, podLabels: Record<string, string>, kind = 'Deployment') => `---
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
    owner: object-label
spec:
  template:
    metadata:
      labels:
${Object.entries(podLabels)
  .map(([k, v]) => `        ${k}: ${v}`)
  .join('\n')}
    spec:
      containers:
        - name: c
          image: example/app:1
`;
  const names = (workloads: readonly { name?: string; namespace?: string }[]) => workloads.map((w) => `${w.namespace ?? '-'}/${w.name}`).sort();

  const text = [
    workload('a', undefined, { app: 'vllm', tier: 'gpu' }),
    workload('b', 'default', { app: 'vllm' }),
    workload('c', 'ml', { app: 'vllm' }),
    workload('d', undefined, { app: 'web' }, 'StatefulSet'),
  ].join('');

  it('selects workloads by their pod template labels within one namespace; no namespace means the default one', () => {
    const { index } = loadModel(text);
    expect(names(index.workloadsSelectedBy('default', equalitySelector(labels({ app: 'vllm' }))))).toEqual(['-/a', 'default/b']);
    expect(names(index.workloadsSelectedBy('ml', equalitySelector(labels({ app: 'vllm' }))))).toEqual(['ml/c']);
    expect(names(index.workloadsSelectedBy('default', equalitySelector(labels({ app: 'vllm', tier: 'gpu' }))))).toEqual(['-/a']);
    expect(names(index.workloadsSelectedBy('default', equalitySelector(labels({ owner: 'object-label' }))))).toEqual([]);
    expect(names(index.workloadsSelectedBy('nowhere', equalitySelector(labels({ app: 'vllm' }))))).toEqual([]);
  });

  it('an empty selector selects every workload of the namespace', () => {
    const { index } = loadModel(text);
    expect(names(index.workloadsSelectedBy('default', selector({})))).toEqual(['-/a', '-/d', 'default/b']);
  });

  it('matches expressions without matchLabels', () => {
    const { index } = loadModel(text);
    const s = selector({}, [{ key: 'app', operator: 'In', values: ['vllm', 'web'] }, { key: 'tier', operator: 'DoesNotExist', values: [] }]);
    expect(names(index.workloadsSelectedBy('default', s))).toEqual(['-/d', 'default/b']);
  });

  it('uses the configured default namespace for objects without one', () => {
    const { index } = loadModel(text, 'team');
    expect(names(index.workloadsSelectedBy('team', equalitySelector(labels({ app: 'vllm' }))))).toEqual(['-/a']);
    expect(names(index.workloadsSelectedBy('default', equalitySelector(labels({ app: 'vllm' }))))).toEqual(['default/b']);
    expect(index.namespace(index.model.workloads[0]!)).toBe('team');
  });

  it('finds the workloads behind a Service in its own namespace, and none for a Service without a selector', () => {
    const services = `---
apiVersion: v1
kind: Service
metadata:
  name: vllm
spec:
  selector:
    app: vllm
---
apiVersion: v1
kind: Service
metadata:
  name: vllm
  namespace: ml
spec:
  selector:
    app: vllm
---
apiVersion: v1
kind: Service
metadata:
  name: external
spec:
  ports:
    - port: 80
`;
    const { index } = loadModel(text + services);
    const service = (namespace: string, name: string) => index.service(namespace, name)!;
    expect(names(index.workloadsBehind(service('default', 'vllm')))).toEqual(['-/a', 'default/b']);
    expect(names(index.workloadsBehind(service('ml', 'vllm')))).toEqual(['ml/c']);
    expect(index.workloadsBehind(service('default', 'external'))).toEqual([]);
    expect(index.service('default', 'missing')).toBeUndefined();
    expect(index.service('ml', 'external')).toBeUndefined();

    const a = index.model.workloads.find((w) => w.name === 'a')!;
    const c = index.model.workloads.find((w) => w.name === 'c')!;
    const d = index.model.workloads.find((w) => w.name === 'd')!;
    expect(index.isSelectedByService(a)).toBe(true);
    expect(index.isSelectedByService(c)).toBe(true);
    expect(index.isSelectedByService(d)).toBe(false);
  });

  it('finds the HPA that targets a workload by namespace, kind and name', () => {
    const hpas = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: a-hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: a
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: c-hpa
  namespace: default
spec:
  scaleTargetRef:
    kind: Deployment
    name: c
  minReplicas: 2
  maxReplicas: 4
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: d-hpa
spec:
  scaleTargetRef:
    kind: Deployment
    name: d
  maxReplicas: 4
`;
    const { index } = loadModel(text + hpas);
    const byName = (name: string) => index.model.workloads.find((w) => w.name === name)!;
    expect(index.scalerFor(byName('a'))?.name).toBe('a-hpa');
    expect(index.scalerFor(byName('b'))).toBeUndefined();
    expect(index.scalerFor(byName('c'))).toBeUndefined(); // the HPA is in default, the Deployment in ml
    expect(index.scalerFor(byName('d'))).toBeUndefined(); // d is a StatefulSet, the HPA targets a Deployment
  });

  it('lists PDBs per namespace', () => {
    const pdbs = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: p1
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: vllm
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: p2
  namespace: ml
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: vllm
`;
    const { index } = loadModel(text + pdbs);
    expect(index.pdbsIn('default').map((p) => p.name)).toEqual(['p1']);
    expect(index.pdbsIn('ml').map((p) => p.name)).toEqual(['p2']);
    expect(index.pdbsIn('other')).toEqual([]);
  });
});
