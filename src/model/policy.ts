import { isField, type Field, type Read } from './node.js';
import type { KubeObject } from './objects.js';
import { readLabelSelector, type LabelSelector } from './selector.js';

export interface PodDisruptionBudget extends KubeObject {
  minAvailable: Read<number | string>;
  maxUnavailable: Read<number | string>;
  /** Undefined for a null selector, which selects no pods. */
  selector?: LabelSelector;
}

export interface HorizontalPodAutoscaler extends KubeObject {
  target?: { kind: string; name: string };
  minReplicas: Read<number>;
}

export function readPodDisruptionBudget(object: KubeObject): PodDisruptionBudget | undefined {
  if (object.kind !== 'PodDisruptionBudget') return undefined;
  const spec = object.root.map('spec');
  const selector = readLabelSelector(spec?.map('selector'));
  return {
    ...object,
    minAvailable: spec?.intOrString('minAvailable'),
    maxUnavailable: spec?.intOrString('maxUnavailable'),
    ...(selector ? { selector } : {}),
  };
}

export function readHorizontalPodAutoscaler(object: KubeObject): HorizontalPodAutoscaler | undefined {
  if (object.kind !== 'HorizontalPodAutoscaler') return undefined;
  const spec = object.root.map('spec');
  const ref = spec?.map('scaleTargetRef');
  const kind = ref?.string('kind');
  const name = ref?.string('name');
  return {
    ...object,
    ...(isField(kind) && isField(name) ? { target: { kind: kind.value, name: name.value } } : {}),
    minReplicas: spec?.int('minReplicas', { min: 0 }),
  };
}

/** `25%` → 25; anything else → undefined. */
export function parsePercent(value: string): number | undefined {
  const match = /^(\d+)%$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

export type { Field };
