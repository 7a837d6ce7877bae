import {
  AIBRIX_AUTOSCALING_API_GROUP,
  AIBRIX_DEFAULT_MIN_REPLICAS,
  AIBRIX_HPA_STRATEGY,
  AIBRIX_SCALING_STRATEGIES,
  KEDA_API_GROUP,
  KEDA_DEFAULT_MAX_REPLICA_COUNT,
  KEDA_DEFAULT_MIN_REPLICA_COUNT,
  KEDA_DEFAULT_TARGET_KIND,
  KEDA_HPA_MIN_REPLICAS,
} from '../domain/scalers.js';
import { HPA_DEFAULT_MIN_REPLICAS } from '../domain/kubernetes.js';
import { isField, type Field, type MapView, type Read } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import { plural } from '../core/plural.js';

/**
 * The fewest replicas a scaler keeps while its target serves, and what sets that number. A
 * scaler that may also take its target to zero when idle (`toZero`) leaves no pod to drain then:
 * its floor is the smallest scale at which pods serve.
 */
export interface ScalerFloor {
  replicas: number;
  /** The field that sets it: `minReplicas`, a ScaledObject's `minReplicaCount` or `idleReplicaCount`. */
  key: string;
  /** That field as written. */
  field?: Field<number>;
  /** The value the field stands for when unset. */
  unsetValue: number;
  /** Why the floor is not the field's value (`the HPA KEDA creates keeps at least 1`). */
  adjustment?: string;
  /** Another field that shapes the floor (`idleReplicaCount: 0`, `scalingStrategy: KPA`). */
  also?: string;
  /** Whether the scaler may take its target to zero replicas when idle. */
  toZero: boolean;
}

/** The most replicas a scaler runs its target at. */
export interface ScalerCeiling {
  replicas: number;
  key: string;
  /** Unset: `replicas` is the scaler's default. */
  unset?: true;
}

/**
 * A HorizontalPodAutoscaler, or a custom resource that owns a workload's replica count as one
 * does (RULES.md "Custom resources", Scalers): a KEDA ScaledObject, an AIBrix PodAutoscaler.
 * Messages name it by its kind.
 */
export interface Scaler extends KubeObject {
  /** `scaleTargetRef` kind and name (a ScaledObject's kind defaults to Deployment). */
  target?: { kind: string; name: string };
  /**
   * A PodAutoscaler's `subTargetSelector.roleName`: it scales that role of its target (a
   * StormService role), not the whole of it, so it is never taken for the target's scaler.
   */
  role?: string;
  /** Undefined when a value it rests on is invalid (reported as invalid-value). */
  floor?: ScalerFloor;
  /** Undefined when unset without a default, or invalid. */
  ceiling?: ScalerCeiling;
}

/** The scaler an object is, or undefined for other kinds. */
export function readScaler(object: KubeObject): Scaler | undefined {
  if (object.kind === 'HorizontalPodAutoscaler') return readHorizontalPodAutoscaler(object);
  if (object.kind === 'ScaledObject' && inGroup(object, KEDA_API_GROUP)) return readScaledObject(object);
  if (object.kind === 'PodAutoscaler' && inGroup(object, AIBRIX_AUTOSCALING_API_GROUP)) return readPodAutoscaler(object);
  return undefined;
}

function inGroup(object: KubeObject, group: string): boolean {
  return object.apiVersion.startsWith(`${group}/`);
}

function readHorizontalPodAutoscaler(object: KubeObject): Scaler {
  const spec = object.root.map('spec');
  const min = spec?.int('minReplicas', { min: 0 });
  const max = spec?.int('maxReplicas', { min: 1 });
  const floor = min === 'invalid' ? undefined : { ...written('minReplicas', min, HPA_DEFAULT_MIN_REPLICAS), toZero: false };
  return { ...object, ...targetOf(spec), ...(floor ? { floor } : {}), ...ceilingOf('maxReplicas', max) };
}

/**
 * KEDA scales the target to zero (or `idleReplicaCount`) while no trigger is active; while one
 * is, the HPA it creates keeps `max(minReplicaCount, 1)` (../shared/CRDS.md §15).
 */
function readScaledObject(object: KubeObject): Scaler {
  const spec = object.root.map('spec');
  const min = spec?.int('minReplicaCount', { min: 0 });
  const max = spec?.int('maxReplicaCount', { min: 1 });
  const idle = spec?.int('idleReplicaCount', { min: 0 });
  const ceiling: ScalerCeiling | undefined =
    max === 'invalid' ? undefined : isField(max) ? { replicas: max.value, key: 'maxReplicaCount' } : { replicas: KEDA_DEFAULT_MAX_REPLICA_COUNT, key: 'maxReplicaCount', unset: true };
  const target = targetOf(spec, KEDA_DEFAULT_TARGET_KIND);
  if (min === 'invalid' || idle === 'invalid' || !spec) return { ...object, ...target, ...(ceiling ? { ceiling } : {}) };
  const minCount = isField(min) ? min.value : KEDA_DEFAULT_MIN_REPLICA_COUNT;
  const hpaMin = Math.max(minCount, KEDA_HPA_MIN_REPLICAS);
  // KEDA's own checks: the bounds as its webhook and the CRD's validation rule compare them.
  if (isField(min) && ceiling && hpaMin > ceiling.replicas) {
    spec.sink.add(min.fieldSpan, `${spec.childPath('minReplicaCount')} (${min.value}) cannot exceed maxReplicaCount (${ceiling.replicas}) (the API server rejects it)`);
    return { ...object, ...target, ceiling };
  }
  if (isField(idle) && idle.value >= (isField(min) ? hpaMin : minCount)) {
    const limit = isField(min) ? `minReplicaCount (${hpaMin})` : 'minReplicaCount, which is unset';
    spec.sink.add(idle.fieldSpan, `${spec.childPath('idleReplicaCount')} (${idle.value}) must be less than ${limit} (KEDA's webhook rejects it)`);
    return { ...object, ...target, ...(ceiling ? { ceiling } : {}) };
  }
  let floor: ScalerFloor;
  if (isField(idle) && idle.value > 0) {
    // Idle, KEDA sets the target to idleReplicaCount: fewer pods than the HPA's floor.
    floor = { replicas: idle.value, key: 'idleReplicaCount', field: idle, unsetValue: idle.value, toZero: false };
  } else {
    floor = {
      ...written('minReplicaCount', min, KEDA_DEFAULT_MIN_REPLICA_COUNT),
      replicas: hpaMin,
      ...(minCount < KEDA_HPA_MIN_REPLICAS ? { adjustment: `the HPA KEDA creates keeps at least ${KEDA_HPA_MIN_REPLICAS}` } : {}),
      ...(isField(idle) ? { also: `idleReplicaCount: ${idle.value}` } : {}),
      toZero: isField(idle) || minCount === 0,
    };
  }
  return { ...object, ...target, floor, ...(ceiling ? { ceiling } : {}) };
}

/**
 * Under `scalingStrategy: HPA` AIBrix creates an HPA and sets its `minReplicas` only when above 0
 * (the HPA's default, 1, applies otherwise); KPA and APA scale the target themselves, down to
 * `minReplicas`, zero included (../shared/CRDS.md §10).
 */
function readPodAutoscaler(object: KubeObject): Scaler {
  const spec = object.root.map('spec');
  const min = spec?.int('minReplicas', { min: 0 });
  const max = spec?.int('maxReplicas', { min: 1 });
  const strategy = spec?.string('scalingStrategy');
  const role = spec?.map('subTargetSelector')?.string('roleName');
  const base = { ...object, ...targetOf(spec), ...(isField(role) && role.value ? { role: role.value } : {}), ...ceilingOf('maxReplicas', max) };
  if (isField(strategy) && !AIBRIX_SCALING_STRATEGIES.includes(strategy.value)) {
    spec!.sink.add(strategy.span, `${spec!.childPath('scalingStrategy')} must be one of ${AIBRIX_SCALING_STRATEGIES.join(', ')}, got ${JSON.stringify(strategy.value)}`);
    return base;
  }
  if (min === 'invalid' || strategy === 'invalid') return base;
  if (isField(min) && isField(max) && min.value > max.value) {
    spec!.sink.add(min.fieldSpan, `${spec!.childPath('minReplicas')} (${min.value}) cannot be greater than maxReplicas (${max.value}) (AIBrix's webhook rejects it)`);
    return base;
  }
  const floor = written('minReplicas', min, AIBRIX_DEFAULT_MIN_REPLICAS);
  if (!isField(min) || min.value > 0) return { ...base, floor: { ...floor, toZero: false } };
  if (isField(strategy) && strategy.value === AIBRIX_HPA_STRATEGY) {
    return { ...base, floor: { ...floor, replicas: HPA_DEFAULT_MIN_REPLICAS, adjustment: `AIBrix sets no minReplicas on the HPA it creates, whose default is ${HPA_DEFAULT_MIN_REPLICAS}`, toZero: false } };
  }
  // KPA or APA at minReplicas 0: no pod while idle; pods serve from one replica up.
  const named = isField(strategy) ? `scalingStrategy: ${strategy.value}` : 'scalingStrategy unset';
  return { ...base, floor: { ...floor, replicas: 1, also: named, toZero: true } };
}

function written(key: string, read: Field<number> | undefined, unsetValue: number): Omit<ScalerFloor, 'toZero'> {
  return { replicas: read?.value ?? unsetValue, key, ...(read ? { field: read } : {}), unsetValue };
}

function ceilingOf(key: string, read: Read<number>): { ceiling?: ScalerCeiling } {
  return isField(read) ? { ceiling: { replicas: read.value, key } } : {};
}

function targetOf(spec: MapView | undefined, defaultKind?: string): { target?: { kind: string; name: string } } {
  const ref = spec?.map('scaleTargetRef');
  const kind = ref?.string('kind');
  const name = ref?.string('name');
  if (!isField(name)) return {};
  if (isField(kind)) return { target: { kind: kind.value, name: name.value } };
  return kind === undefined && defaultKind ? { target: { kind: defaultKind, name: name.value } } : {};
}

/** `minReplicas: 1`, `minReplicaCount unset: 0, and the HPA KEDA creates keeps at least 1, idleReplicaCount: 0`. */
export function describeFloor(floor: ScalerFloor): string {
  const value = floor.field ? `${floor.key}: ${floor.field.value}` : `${floor.key} unset: ${floor.unsetValue}`;
  return [value + (floor.adjustment ? `, and ${floor.adjustment}` : ''), ...(floor.also ? [floor.also] : [])].join(', ');
}

/** What a description of the floor adds to its field's name: `unset: 1`; undefined when the value is as written. */
export function floorNote(floor: ScalerFloor): string | undefined {
  const parts = [...(floor.field ? [] : [`unset: ${floor.unsetValue}`]), ...(floor.adjustment ? [floor.adjustment] : []), ...(floor.also ? [floor.also] : [])];
  if (floor.toZero) parts.push('scaled to zero when idle');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** `2 replicas at HorizontalPodAutoscaler vllm's minReplicas`, `1 replica at ScaledObject vllm's minReplicaCount (unset: 0; …)`. */
export function describeScalerFloor(scaler: Scaler, floor: ScalerFloor): string {
  const note = floorNote(floor);
  return `${plural(floor.replicas, 'replica')} at ${scaler.kind} ${scaler.name ?? '(unnamed)'}'s ${floor.key}${note ? ` (${note})` : ''}`;
}

/** `8 replicas at HorizontalPodAutoscaler vllm's maxReplicas`, `100 replicas at ScaledObject vllm's maxReplicaCount (unset: 100)`. */
export function describeScalerCeiling(scaler: Scaler, ceiling: ScalerCeiling): string {
  return `${plural(ceiling.replicas, 'replica')} at ${scaler.kind} ${scaler.name ?? '(unnamed)'}'s ${ceiling.key}${ceiling.unset ? ` (unset: ${ceiling.replicas})` : ''}`;
}
