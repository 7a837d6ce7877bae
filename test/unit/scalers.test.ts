/**
 * Issue 16, scalers: a KEDA ScaledObject and an AIBrix PodAutoscaler own a workload's replica
 * count as a HorizontalPodAutoscaler does (RULES.md "Custom resources"; ../shared/CRDS.md §15, §10).
 */
import { describe, expect, it } from 'vitest';
import { describeFloor, describeScalerCeiling, describeScalerFloor, type Scaler } from '../../src/model/scalers.js';
import { loadModel } from './model-helpers.js';

const deployment = (name: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}}
spec:
  replicas: 3
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: "ghcr.io/example/${name}:1.0"}]}
`;

/** A ScaledObject with the given `spec` lines besides its target. */
const scaledObject = (name: string, target: string, spec = '', apiVersion = 'keda.sh/v1alpha1') => `apiVersion: ${apiVersion}
kind: ScaledObject
metadata: {name: ${name}}
spec:
  scaleTargetRef: ${target}
${spec}  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "60"}}]
`;

const podAutoscaler = (name: string, target: string, spec: string) => `apiVersion: autoscaling.aibrix.ai/v1alpha1
kind: PodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: ${target}
${spec}`;

const doc = (...docs: string[]) => docs.join('---\n');

/** The scaler of Deployment `vllm` in a run of that Deployment and `scaler`. */
function scalerOf(scaler: string, workload = deployment('vllm')): Scaler | undefined {
  const loaded = loadModel(doc(workload, scaler));
  return loaded.index.scalerFor(loaded.workload('vllm'));
}

/** The floor of the scaler of Deployment `vllm`, as messages describe it. */
function floorOf(scaler: string): { replicas: number; toZero: boolean; text: string; description: string } | undefined {
  const found = scalerOf(scaler);
  if (!found?.floor) return undefined;
  return { replicas: found.floor.replicas, toZero: found.floor.toZero, text: describeFloor(found.floor), description: describeScalerFloor(found, found.floor) };
}

describe('KEDA ScaledObject', () => {
  it('targets a Deployment when scaleTargetRef names no kind (KEDA default apps/v1 Deployment)', () => {
    expect(scalerOf(scaledObject('s', '{name: vllm}'))?.target).toEqual({ kind: 'Deployment', name: 'vllm' });
    expect(scalerOf(scaledObject('s', '{name: vllm, kind: StatefulSet}'))).toBeUndefined();
    expect(scalerOf(scaledObject('s', '{name: vllm, kind: StatefulSet}'), deployment('vllm', 'StatefulSet'))?.name).toBe('s');
  });

  it('is matched on its API group: a ScaledObject of another group is no scaler', () => {
    expect(scalerOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 1\n', 'example.com/v1'))).toBeUndefined();
  });

  it('minReplicaCount unset: scales to zero when idle, and the HPA KEDA creates keeps 1 while a trigger is active', () => {
    expect(floorOf(scaledObject('s', '{name: vllm}'))).toEqual({
      replicas: 1,
      toZero: true,
      text: 'minReplicaCount unset: 0, and the HPA KEDA creates keeps at least 1',
      description: "1 replica at ScaledObject s's minReplicaCount (unset: 0; the HPA KEDA creates keeps at least 1; scaled to zero when idle)",
    });
  });

  it('minReplicaCount: 0 is the same floor, as written', () => {
    expect(floorOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 0\n'))).toMatchObject({ replicas: 1, toZero: true, text: 'minReplicaCount: 0, and the HPA KEDA creates keeps at least 1' });
  });

  it('minReplicaCount 2 keeps 2; with idleReplicaCount: 0 it still scales to zero when idle', () => {
    expect(floorOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 2\n'))).toEqual({ replicas: 2, toZero: false, text: 'minReplicaCount: 2', description: "2 replicas at ScaledObject s's minReplicaCount" });
    expect(floorOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 2\n  idleReplicaCount: 0\n'))).toMatchObject({ replicas: 2, toZero: true, text: 'minReplicaCount: 2, idleReplicaCount: 0' });
  });

  it('an idleReplicaCount above 0 is the fewest pods while idle', () => {
    expect(floorOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 3\n  idleReplicaCount: 1\n'))).toMatchObject({ replicas: 1, toZero: false, text: 'idleReplicaCount: 1' });
  });

  it('maxReplicaCount defaults to 100', () => {
    const found = scalerOf(scaledObject('s', '{name: vllm}'))!;
    expect(describeScalerCeiling(found, found.ceiling!)).toBe("100 replicas at ScaledObject s's maxReplicaCount (unset: 100)");
    const set = scalerOf(scaledObject('s', '{name: vllm}', '  maxReplicaCount: 6\n'))!;
    expect(describeScalerCeiling(set, set.ceiling!)).toBe("6 replicas at ScaledObject s's maxReplicaCount");
  });

  it('bounds KEDA rejects are invalid values, and give no floor', () => {
    const cases = [
      ['  minReplicaCount: 5\n  maxReplicaCount: 3\n', 'minReplicaCount: 5: spec.minReplicaCount (5) cannot exceed maxReplicaCount (3) (the API server rejects it)'],
      ['  minReplicaCount: 2\n  idleReplicaCount: 2\n', "idleReplicaCount: 2: spec.idleReplicaCount (2) must be less than minReplicaCount (2) (KEDA's webhook rejects it)"],
      ['  idleReplicaCount: 0\n', "idleReplicaCount: 0: spec.idleReplicaCount (0) must be less than minReplicaCount, which is unset (KEDA's webhook rejects it)"],
      ['  minReplicaCount: "2"\n', 'spec.minReplicaCount must be an integer'],
      ['  maxReplicaCount: 0\n', 'spec.maxReplicaCount must be at least 1, got 0'],
    ] as const;
    for (const [spec, problem] of cases) {
      const loaded = loadModel(doc(deployment('vllm'), scaledObject('s', '{name: vllm}', spec)));
      expect(loaded.allProblems().join('\n'), spec).toContain(problem);
    }
    expect(floorOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 5\n  maxReplicaCount: 3\n'))).toBeUndefined();
    expect(floorOf(scaledObject('s', '{name: vllm}', '  minReplicaCount: 2\n  idleReplicaCount: 2\n'))).toBeUndefined();
  });
});

describe('AIBrix PodAutoscaler', () => {
  const target = '{apiVersion: apps/v1, kind: Deployment, name: vllm}';

  it('minReplicas as written; unset is 1 (AIBrix BaseBounds)', () => {
    expect(floorOf(podAutoscaler('pa', target, '  scalingStrategy: APA\n  minReplicas: 1\n  maxReplicas: 8\n'))).toEqual({
      replicas: 1,
      toZero: false,
      text: 'minReplicas: 1',
      description: "1 replica at PodAutoscaler pa's minReplicas",
    });
    expect(floorOf(podAutoscaler('pa', target, '  scalingStrategy: KPA\n  maxReplicas: 8\n'))).toMatchObject({ replicas: 1, toZero: false, text: 'minReplicas unset: 1' });
  });

  it('minReplicas 0 under scalingStrategy HPA: the HPA AIBrix creates keeps its default of 1', () => {
    expect(floorOf(podAutoscaler('pa', target, '  scalingStrategy: HPA\n  minReplicas: 0\n  maxReplicas: 8\n'))).toMatchObject({
      replicas: 1,
      toZero: false,
      text: 'minReplicas: 0, and AIBrix sets no minReplicas on the HPA it creates, whose default is 1',
    });
  });

  it('minReplicas 0 under KPA or APA: scales to zero when idle', () => {
    expect(floorOf(podAutoscaler('pa', target, '  scalingStrategy: KPA\n  minReplicas: 0\n  maxReplicas: 8\n'))).toMatchObject({ replicas: 1, toZero: true, text: 'minReplicas: 0, scalingStrategy: KPA' });
  });

  it('one that scales a role of its target (subTargetSelector.roleName) is not the whole target’s scaler', () => {
    expect(scalerOf(podAutoscaler('pa', target, '  subTargetSelector: {roleName: prefill}\n  scalingStrategy: APA\n  minReplicas: 1\n  maxReplicas: 8\n'))).toBeUndefined();
  });

  it('values AIBrix rejects are invalid values, and give no floor', () => {
    const loaded = loadModel(doc(deployment('vllm'), podAutoscaler('pa', target, '  scalingStrategy: HPA\n  minReplicas: 4\n  maxReplicas: 2\n'), podAutoscaler('pb', target, '  scalingStrategy: Fast\n  maxReplicas: 2\n')));
    expect(loaded.allProblems()).toEqual([
      "minReplicas: 4: spec.minReplicas (4) cannot be greater than maxReplicas (2) (AIBrix's webhook rejects it)",
      'Fast: spec.scalingStrategy must be one of HPA, KPA, APA, got "Fast"',
    ]);
    expect(loaded.model.scalers.map((s) => s.floor)).toEqual([undefined, undefined]);
  });
});
