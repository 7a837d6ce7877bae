/**
 * Autoscalers that own a workload's replica count the way a HorizontalPodAutoscaler does: KEDA's
 * ScaledObject and AIBrix's PodAutoscaler (../shared/CRDS.md §15 and §10). Each fact once, with
 * its source.
 */

/** KEDA's API group: a `ScaledObject` is matched on it. Source: kedacore/keda@8b4f083ca8c8 `apis/keda/v1alpha1/groupversion_info.go:29`. */
export const KEDA_API_GROUP = 'keda.sh';

/**
 * A ScaledObject's `minReplicaCount` when unset: 0, so KEDA scales the target to zero while no
 * trigger is active. Source: kedacore/keda@8b4f083ca8c8 `pkg/scaling/executor/scale_scaledobjects.go:57-60, 98-101`.
 */
export const KEDA_DEFAULT_MIN_REPLICA_COUNT = 0;

/**
 * The fewest replicas of the HorizontalPodAutoscaler KEDA creates for a ScaledObject: its
 * `minReplicas` is `minReplicaCount` when above 0, else 1, so while a trigger is active the target
 * runs at least one pod. Source: kedacore/keda@8b4f083ca8c8 `apis/keda/v1alpha1/scaledobject_types.go:96, 302-309`;
 * `controllers/keda/hpa.go:161`.
 */
export const KEDA_HPA_MIN_REPLICAS = 1;

/** A ScaledObject's `maxReplicaCount` when unset. Source: kedacore/keda@8b4f083ca8c8 `apis/keda/v1alpha1/scaledobject_types.go:97, 311-317`. */
export const KEDA_DEFAULT_MAX_REPLICA_COUNT = 100;

/**
 * The kind a ScaledObject's `scaleTargetRef` names when it gives none (with `apiVersion` apps/v1).
 * Source: kedacore/keda@8b4f083ca8c8 `apis/keda/v1alpha1/gvkr.go:24-28, 36-52`.
 */
export const KEDA_DEFAULT_TARGET_KIND = 'Deployment';

/** AIBrix's autoscaling API group: a `PodAutoscaler` is matched on it. Source: vllm-project/aibrix@e3e10f9e4aeb `api/autoscaling/v1alpha1/groupversion_info.go:29`. */
export const AIBRIX_AUTOSCALING_API_GROUP = 'autoscaling.aibrix.ai';

/**
 * A PodAutoscaler's `minReplicas` when unset. Source: vllm-project/aibrix@e3e10f9e4aeb
 * `pkg/utils/paschedules/schedules.go:50-58` (`BaseBounds`: 1 when nil, for every strategy).
 */
export const AIBRIX_DEFAULT_MIN_REPLICAS = 1;

/**
 * The `scalingStrategy` under which AIBrix creates a real HorizontalPodAutoscaler. It sets that
 * HPA's `minReplicas` only when above 0, so `minReplicas: 0` leaves the HPA's default of 1; the
 * other strategies (KPA, APA) scale the target themselves and may take it to zero. Source:
 * vllm-project/aibrix@e3e10f9e4aeb `api/autoscaling/v1alpha1/podautoscaler_types.go:101-103`;
 * `pkg/controller/podautoscaler/hpa_resources.go:67-68`; `pkg/controller/podautoscaler/algorithm/algorithm.go:76-84`.
 */
export const AIBRIX_HPA_STRATEGY = 'HPA';

/** The values `scalingStrategy` accepts (a CRD enum). Source: vllm-project/aibrix@e3e10f9e4aeb `api/autoscaling/v1alpha1/podautoscaler_types.go:101-103`. */
export const AIBRIX_SCALING_STRATEGIES: readonly string[] = ['HPA', 'KPA', 'APA'];
