/**
 * Copies of the same objects in one run (the same app in several folders, a kustomize base and its
 * overlays) share the analysis' answers: each selection, group of same-named objects and count
 * is computed once. These tests pin what every copy is told, which must not depend on that.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blockedBecause, coveredWorkloads, expectedPods } from '../../src/analysis/disruption.js';
import { pdbCoverage } from '../../src/analysis/pdb-coverage.js';
import { MapView } from '../../src/languages/shared/node.js';
import { loadModel } from './model-helpers.js';

const deployment = (replicas: string | undefined) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: ml}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      containers:
        - {name: vllm, image: vllm/vllm-openai:v0.8.0}
`;

const pdb = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: vllm, namespace: ml}
spec:
  minAvailable: 100%
  selector: {matchLabels: {app: vllm}}
`;

const service = `---
apiVersion: v1
kind: Service
metadata: {name: vllm, namespace: ml}
spec:
  selector: {app: vllm}
  ports: [{port: 80}]
`;

const copies = (count: number, app: string) => Array.from({ length: count }, () => app).join('');

describe('copies of the same objects', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('each copy of a PDB covers every copy of the workload, and tells the same', () => {
    const { index, model } = loadModel(copies(3, deployment('2') + pdb + service));
    expect(model.pdbs).toHaveLength(3);
    const covered = model.pdbs.map((p) => coveredWorkloads(p, index));
    for (const pods of covered) {
      expect(pods.map((c) => c.workload)).toEqual(model.workloads);
      expect(pods.map((c) => [c.count, c.description])).toEqual([
        [2, '2 replicas'],
        [2, '2 replicas'],
        [2, '2 replicas'],
      ]);
    }
    expect(model.pdbs.map((p) => blockedBecause(p, coveredWorkloads(p, index)))).toEqual(Array(3).fill('minAvailable: 100% keeps every pod'));
    const coverage = pdbCoverage(index);
    for (const workload of model.workloads) {
      expect(coverage.pdbsOf(workload)).toEqual(model.pdbs);
      expect(coverage.pdbsOfTemplate(workload.templates[0]!)).toEqual(model.pdbs);
      expect(index.isSelectedByService(workload)).toBe(true);
    }
  });

  it('equal selectors in one namespace share one selection, which other answers are cached on', () => {
    const { index, model } = loadModel(copies(2, deployment('2') + pdb));
    const [a, b] = model.pdbs;
    expect(index.workloadsSelectedBy('ml', a!.selector!)).toBe(index.workloadsSelectedBy('ml', b!.selector!));
    expect(coveredWorkloads(a!, index)).toBe(coveredWorkloads(b!, index));
    // Another namespace or selector is another selection.
    expect(index.workloadsSelectedBy('default', a!.selector!)).toEqual([]);
    expect(index.workloadsSelectedBy('ml', { matchLabels: new Map([['app', 'other']]), requirements: [] })).toEqual([]);
  });

  describe('overlays that disagree on replicas count none', () => {
    const described = (replicas: (string | undefined)[], askOrder?: number[]) => {
      const { index, model } = loadModel(replicas.map(deployment).join(''));
      const order = askOrder ?? model.workloads.map((_, i) => i);
      const answers = new Map(order.map((i) => [i, expectedPods(model.workloads[i]!, index)?.description]));
      return model.workloads.map((_, i) => answers.get(i));
    };
    const DIFFER = 'replicas that differ between overlays of it';

    it('copies that agree count their replicas', () => {
      expect(described(['2', '2', '2'])).toEqual(['2 replicas', '2 replicas', '2 replicas']);
    });

    it('one copy that differs makes every copy unknown, whichever asks first', () => {
      expect(described(['2', '2', '3'])).toEqual([DIFFER, DIFFER, DIFFER]);
      expect(described(['2', '2', '3'], [2, 0, 1])).toEqual([DIFFER, DIFFER, DIFFER]);
      expect(described(['3', '2', '2'], [1, 2, 0])).toEqual([DIFFER, DIFFER, DIFFER]);
    });

    it('a copy is not compared with itself, nor with copies that leave replicas unset', () => {
      // Unset, the first runs 1 replica and the other writes 2; the second sees nothing written against it.
      expect(described([undefined, '2'])).toEqual([DIFFER, '2 replicas']);
      expect(described([undefined, '2'], [1, 0])).toEqual([DIFFER, '2 replicas']);
      expect(described([undefined, '1'])).toEqual(['1 replica', '1 replica']);
    });

    it('an unreadable count in another copy makes the count unknown', () => {
      expect(described(['"two"', '2'])).toEqual([undefined, DIFFER]);
    });

    it('reads each copy’s spec.replicas once, however many copies ask', () => {
      const { index, model } = loadModel(copies(4, deployment('2')));
      const int = vi.spyOn(MapView.prototype, 'int');
      for (const workload of model.workloads) expect(expectedPods(workload, index)?.count).toBe(2);
      expect(int.mock.calls.filter(([key]) => key === 'replicas')).toHaveLength(4);
    });
  });
});
