import { expectedPods } from './disruption.js';
import { isField, type Field } from '../languages/shared/node.js';
import { linksUnknown } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';
import { describeScalerFloor, type Scaler, type ScalerFloor } from '../model/scalers.js';
import type { PodTemplate, Workload } from '../model/workload.js';
import { describeObject } from '../model/objects.js';
import { scaleOwner } from '../model/workload-ref.js';
import { plural } from '../core/plural.js';

/** How many replicas a workload runs at its smallest scale, and what sets that number. */
export interface MinimumReplicas {
  /** Replicas (groups, for a LeaderWorkerSet). */
  replicas: number;
  /** `1 replica (replicas unset)`, `2 replicas at HorizontalPodAutoscaler vllm's minReplicas`. */
  description: string;
  /** The scaler (an HPA, a ScaledObject, a PodAutoscaler) that owns the scale, when one targets the workload, and its floor. */
  scaler?: { scaler: Scaler; floor: ScalerFloor };
  /** The field that sets the number (the scaler's floor, else `spec.replicas`), when written. */
  field?: Field<number>;
}

/**
 * The replicas a workload with a replica count runs at its smallest serving scale: its scaler's
 * floor where one targets the workload (an HPA's `minReplicas`, 1 when unset; a ScaledObject's
 * `max(minReplicaCount, 1)`, which may also scale it to zero when idle: see ScalerFloor), else
 * its count (`spec.replicas`, a predictor's `minReplicas`, Knative's min-scale), the kind's
 * default when unset. Undefined for kinds without replicas, unreadable values, and overlays of
 * the same object that disagree on `replicas` (see {@link expectedPods}).
 */
export function minimumReplicas(workload: Workload, index: ObjectIndex): MinimumReplicas | undefined {
  // A Deployment an Argo Rollout takes its template from runs the Rollout's replicas.
  const owner = scaleOwner(workload);
  if (owner !== workload) {
    const scale = minimumReplicas(owner, index);
    return scale && { ...scale, description: `${scale.description} of ${describeObject(owner)}` };
  }
  if (!workload.replicasUnset || workload.replicas === 'invalid') return undefined;
  const pods = expectedPods(workload, index);
  if (pods?.count === undefined) return undefined;
  const scaler = index.scalerFor(workload);
  if (scaler) {
    const floor = scaler.floor;
    if (!floor) return undefined;
    return { replicas: floor.replicas, description: describeScalerFloor(scaler, floor), scaler: { scaler, floor }, ...(floor.field ? { field: floor.field } : {}) };
  }
  // A scaler whose target a TypeScript source computes may scale this workload: its floor is unknown.
  if (linksUnknown(workload) || index.someScalerLinksUnknown) return undefined;
  const field = isField(workload.replicas) ? workload.replicas : undefined;
  const replicas = field?.value ?? workload.replicasUnset.count;
  const unit = workload.workloadKind.replicaUnit ?? 'replica';
  return { replicas, description: `${plural(replicas, unit)}${field ? '' : ` (${workload.replicasUnset.name} unset)`}`, ...(field ? { field } : {}) };
}
