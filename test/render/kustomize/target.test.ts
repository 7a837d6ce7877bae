import { describe, expect, it } from 'vitest';
import { selects, targets, type ObjectIdentity } from '../../../src/render/kustomize/target.js';
import { imageName } from '../../../src/render/kustomize/writers.js';

const deployment: ObjectIdentity = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  names: ['prod-vllm-gpu', 'prod-vllm', 'vllm'],
  namespaces: ['serving'],
  labels: { app: 'vllm', tier: 'gpu' },
  annotations: {},
};

describe('targets', () => {
  it('matches each field as an anchored regular expression, the name against any name the object had', () => {
    expect(targets({ kind: 'Deployment', name: 'vllm' }, deployment)).toBe(true);
    expect(targets({ name: 'prod-vllm' }, deployment)).toBe(true);
    expect(targets({ name: 'vll' }, deployment)).toBe(false);
    expect(targets({ name: 'prod-.*' }, deployment)).toBe(true);
    expect(targets({ kind: 'Deploy' }, deployment)).toBe(false);
    expect(targets({ kind: 'StatefulSet|Deployment' }, deployment)).toBe(true);
  });

  it('splits the apiVersion into group and version (the core group is empty)', () => {
    expect(targets({ group: 'apps', version: 'v1' }, deployment)).toBe(true);
    expect(targets({ group: '' }, { ...deployment, apiVersion: 'v1' })).toBe(true);
    expect(targets({ group: 'batch' }, deployment)).toBe(false);
    expect(targets({ version: 'v1' }, { ...deployment, apiVersion: 'v1' })).toBe(true);
  });

  it('checks the namespace and both selectors; a broken pattern selects nothing', () => {
    expect(targets({ namespace: 'serving' }, deployment)).toBe(true);
    expect(targets({ namespace: 'default' }, deployment)).toBe(false);
    expect(targets({ labelSelector: 'app=vllm' }, deployment)).toBe(true);
    expect(targets({ labelSelector: 'app=other' }, deployment)).toBe(false);
    expect(targets({ annotationSelector: 'a' }, deployment)).toBe(false);
    expect(targets({ name: '(' }, deployment)).toBe(false);
  });
});

describe('selects (label selectors)', () => {
  const labels = { app: 'vllm', tier: 'gpu' };
  it.each([
    ['', true],
    ['app=vllm', true],
    ['app==vllm', true],
    ['app = vllm', true],
    ['app!=vllm', false],
    ['app!=web', true],
    ['zone!=a', true],
    ['app=vllm,tier=gpu', true],
    ['app=vllm,tier=cpu', false],
    ['tier in (gpu, tpu)', true],
    ['tier notin (gpu)', false],
    ['zone notin (a)', true],
    ['app in (web),tier', false],
    ['tier', true],
    ['!tier', false],
    ['!zone', true],
    ['constructor', false],
    ['app >> 1', false],
  ])('%j → %s', (selector, expected) => {
    expect(selects(selector, labels)).toBe(expected);
  });
});

describe('imageName', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['registry:5000/team/nginx:1.27', 'registry:5000/team/nginx'],
    ['registry:5000/team/nginx', 'registry:5000/team/nginx'],
    ['nginx@sha256:abc', 'nginx'],
    ['nginx:1.27@sha256:abc', 'nginx'],
  ])('%s → %s', (image, name) => {
    expect(imageName(image)).toBe(name);
  });
});
