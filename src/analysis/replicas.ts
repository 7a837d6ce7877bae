import { DEFAULT_REPLICAS, HPA_DEFAULT_MIN_REPLICAS } from '../domain/kubernetes.js';
import { expectedPods } from './disruption.js';
import { isField, type Field } from '../languages/shared/node.js';
import { linksUnknown } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';
import type { HorizontalPodAutoscaler } from '../model/policy.js';
import type { Workload } from '../model/workload.js';

/** How many replicas a workload runs at its smallest scale, and what sets that number. */
export interface MinimumReplicas {
  /** Replicas (groups, for a LeaderWorkerSet). */
  replicas: number;
  /** `1 replica (replicas unset)`, `2 replicas at HorizontalPodAutoscaler vllm's minReplicas`. */
  description: string;
  /** The HorizontalPodAutoscaler that owns the scale, when one targets the workload. */
  hpa?: HorizontalPodAutoscaler;
  /** The field that sets the number (the HPA's `minReplicas`, else `spec.replicas`), when written. */
  field?: Field<number>;
}

/**
 * The replicas a workload with a `replicas` field runs at its smallest scale: an HPA's
 * `minReplicas` (1 when unset) where one targets the workload, else `spec.replicas` (1 when
 * unset). Undefined for kinds without replicas, unreadable values, and overlays of the same
 * object that disagree on `replicas` (see {@link expectedPods}).
 */
export function minimumReplicas(workload: Workload, index: ObjectIndex): MinimumReplicas | undefined {
  if ((!('replicas' in workload) && !workload.replicasUnset) || workload.replicas === 'invalid') return undefined;
  const pods = expectedPods(workload, index);
  if (pods?.count === undefined) return undefined;
  const hpa = index.hpaFor(workload);
  if (hpa) {
    if (hpa.minReplicas === 'invalid') return undefined;
    const min = isField(hpa.minReplicas) ? hpa.minReplicas.value : HPA_DEFAULT_MIN_REPLICAS;
    return {
      replicas: min,
      description: `${plural(min, 'replica')} at HorizontalPodAutoscaler ${hpa.name ?? '(unnamed)'}'s minReplicas${isField(hpa.minReplicas) ? '' : ` (unset: ${HPA_DEFAULT_MIN_REPLICAS})`}`,
      hpa,
      ...(isField(hpa.minReplicas) ? { field: hpa.minReplicas } : {}),
    };
  }
  // An HPA whose target a TypeScript source computes may scale this workload: its floor is unknown.
  if (linksUnknown(workload) || index.someHpaLinksUnknown) return undefined;
  const field = isField(workload.replicas) ? workload.replicas : undefined;
  const replicas = field?.value ?? workload.replicasUnset?.count ?? DEFAULT_REPLICAS;
  const unit = workload.kind === 'LeaderWorkerSet' ? 'group' : 'replica';
  return { replicas, description: `${plural(replicas, unit)}${field ? '' : ` (${workload.replicasUnset?.name ?? 'replicas'} unset)`}`, ...(field ? { field } : {}) };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
