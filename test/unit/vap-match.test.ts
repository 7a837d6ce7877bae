import { describe, expect, it } from 'vitest';
import { resourceOfKind } from '../../src/domain/resources.js';
import { parseFieldPath } from '../../src/policy/admission/field-span.js';
import { matchResources, type AdmissionTarget } from '../../src/policy/admission/match.js';

function deployment(overrides: Partial<AdmissionTarget> = {}): AdmissionTarget {
  return {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    name: 'vllm',
    namespace: 'ml',
    clusterScoped: false,
    labels: new Map([['app', 'vllm']]),
    namespaceLabels: new Map([['environment', 'prod'], ['kubernetes.io/metadata.name', 'ml']]),
    ...overrides,
  };
}

const rule = (fields: Record<string, unknown> = {}) => ({ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'], ...fields });

describe('matchResources: resource rules', () => {
  it('matches group, resource and CREATE (or *); another operation, group or resource does not', () => {
    expect(matchResources({ resourceRules: [rule()] }, deployment(), true)).toBe(true);
    expect(matchResources({ resourceRules: [rule({ operations: ['*'] })] }, deployment(), true)).toBe(true);
    expect(matchResources({ resourceRules: [rule({ operations: ['UPDATE', 'DELETE'] })] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ apiGroups: [''] })] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ resources: ['statefulsets'] })] }, deployment(), true)).toBe(false);
  });

  it('a subresource rule does not match the object itself; * and */* do', () => {
    expect(matchResources({ resourceRules: [rule({ resources: ['deployments/scale'] })] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ resources: ['deployments/*'] })] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ resources: ['*'] })] }, deployment(), true)).toBe(true);
    expect(matchResources({ resourceRules: [rule({ resources: ['*/*'] })] }, deployment(), true)).toBe(true);
  });

  it('matchPolicy Equivalent (the default) ignores the version; Exact does not', () => {
    const v1beta1 = { resourceRules: [rule({ apiVersions: ['v1beta1'] })] };
    expect(matchResources(v1beta1, deployment(), true)).toBe(true);
    expect(matchResources({ ...v1beta1, matchPolicy: 'Exact' }, deployment(), true)).toBe(false);
  });

  it('excludeResourceRules win over resourceRules; scope and resourceNames narrow a rule', () => {
    expect(matchResources({ resourceRules: [rule()], excludeResourceRules: [rule()] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ scope: 'Cluster' })] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ scope: 'Namespaced' })] }, deployment(), true)).toBe(true);
    expect(matchResources({ resourceRules: [rule({ resourceNames: ['other'] })] }, deployment(), true)).toBe(false);
    expect(matchResources({ resourceRules: [rule({ resourceNames: ['vllm'] })] }, deployment(), true)).toBe(true);
  });

  it("a policy's constraints need resource rules; a binding's absent matchResources or rules do not narrow", () => {
    expect(matchResources(undefined, deployment(), true)).toBe(false);
    expect(matchResources({}, deployment(), true)).toBe(false);
    expect(matchResources(undefined, deployment(), false)).toBe(true);
    expect(matchResources({ objectSelector: { matchLabels: { app: 'vllm' } } }, deployment(), false)).toBe(true);
  });
});

describe('matchResources: selectors', () => {
  const bySelector = (namespaceSelector: unknown, target = deployment()) => matchResources({ resourceRules: [rule({ apiGroups: ['*'], resources: ['*'] })], namespaceSelector }, target, true);

  it("the namespace selector reads the object's Namespace labels (matchLabels and matchExpressions)", () => {
    expect(bySelector({ matchLabels: { environment: 'prod' } })).toBe(true);
    expect(bySelector({ matchLabels: { environment: 'test' } })).toBe(false);
    expect(bySelector({ matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['test'] }] })).toBe(true);
    expect(bySelector({ matchExpressions: [{ key: 'environment', operator: 'DoesNotExist' }] })).toBe(false);
  });

  it('a Namespace not in the run leaves a selector undecided, unless it reads only the name label', () => {
    const elsewhere = deployment({ namespace: 'elsewhere', namespaceLabels: undefined });
    expect(bySelector({ matchLabels: { environment: 'prod' } }, elsewhere)).toBeUndefined();
    expect(bySelector({ matchLabels: { 'kubernetes.io/metadata.name': 'elsewhere' } }, elsewhere)).toBe(true);
    expect(bySelector({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ml'] }] }, elsewhere)).toBe(false);
    expect(bySelector({}, elsewhere)).toBe(true);
  });

  it('a cluster-scoped object is never skipped by a namespace selector; a Namespace is matched on its own labels', () => {
    const nodePool = deployment({ group: 'karpenter.sh', kind: 'NodePool', resource: 'nodepools', namespace: '', clusterScoped: true, namespaceLabels: undefined });
    expect(bySelector({ matchLabels: { environment: 'prod' } }, nodePool)).toBe(true);
    const namespace = deployment({ group: '', kind: 'Namespace', resource: 'namespaces', namespace: '', clusterScoped: true, namespaceLabels: new Map([['environment', 'test']]) });
    expect(bySelector({ matchLabels: { environment: 'prod' } }, namespace)).toBe(false);
    expect(bySelector({ matchLabels: { environment: 'test' } }, namespace)).toBe(true);
  });

  it("the object selector reads the object's own labels", () => {
    const constraints = (objectSelector: unknown) => ({ resourceRules: [rule()], objectSelector });
    expect(matchResources(constraints({ matchLabels: { app: 'vllm' } }), deployment(), true)).toBe(true);
    expect(matchResources(constraints({ matchLabels: { app: 'web' } }), deployment(), true)).toBe(false);
  });
});

describe('resourceOfKind', () => {
  it('guesses the plural as the API machinery does, with the built-in exceptions', () => {
    expect(['Deployment', 'Ingress', 'NetworkPolicy', 'StatefulSet', 'Endpoints', 'InferencePool'].map(resourceOfKind)).toEqual([
      'deployments',
      'ingresses',
      'networkpolicies',
      'statefulsets',
      'endpoints',
      'inferencepools',
    ]);
  });
});

describe('parseFieldPath', () => {
  it('reads dotted keys, list indexes and quoted map keys; refuses what is none of these', () => {
    expect(parseFieldPath('spec.replicas')).toEqual(['spec', 'replicas']);
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(parseFieldPath("metadata.labels['app.kubernetes.io/name']")).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseFieldPath('.spec')).toEqual(['spec']);
    expect(parseFieldPath('spec..x')).toBeUndefined();
    expect(parseFieldPath('')).toBeUndefined();
  });
});
