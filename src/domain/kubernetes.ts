/**
 * Kubernetes' own defaults and limits the drain timeline rests on. Each fact once, with its
 * source (../shared/DOMAIN.md, "Pod termination").
 */

/**
 * `terminationGracePeriodSeconds` when a pod spec leaves it unset.
 * Source: k8s.io/api core/v1 `DefaultTerminationGracePeriodSeconds`; kubernetes.io/docs "Pod
 * Lifecycle: Termination of Pods".
 */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

/** The probe timing fields, as the core/v1 Probe type names them. */
export type ProbeTiming = 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'failureThreshold' | 'successThreshold';

/** Probe timing when a field is unset. Source: k8s.io/api core/v1 `Probe` field docs. */
export const PROBE_DEFAULTS: Readonly<Record<ProbeTiming, number>> = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
};

/** The smallest value the API server accepts for each probe timing field (core/v1 validation). */
export const PROBE_MINIMUMS: Readonly<Record<ProbeTiming, number>> = {
  initialDelaySeconds: 0,
  periodSeconds: 1,
  timeoutSeconds: 1,
  failureThreshold: 1,
  successThreshold: 1,
};

/**
 * Extended resources that put a pod on an accelerator (DOMAIN.md, "GPU-class resources"):
 * nvidia.com/gpu and MIG slices, AMD, Intel, TPU, Neuron, Gaudi.
 */
export const ACCELERATOR_RESOURCE = /^(nvidia\.com\/(gpu|mig-.+)|amd\.com\/gpu|gpu\.intel\.com\/.+|google\.com\/tpu|aws\.amazon\.com\/neuron.*|habana\.ai\/gaudi)$/;
