import type { Probe } from '../model/pod.js';

type Timing = keyof Probe['fields'];

/**
 * Whether the probe's `keys` are usable: absent (Kubernetes' default applies) or valid. A key
 * that is written but unreadable (`periodSeconds: "10s"`, a placeholder) is reported as
 * `invalid-value`, and rules must not judge the default in its place.
 */
export function timingKnown(probe: Probe, keys: readonly Timing[]): boolean {
  return keys.every((key) => probe.fields[key] !== undefined || !probe.view.has(key));
}

/**
 * How long a readiness probe can take to report the pod unready once its check starts failing:
 * `periodSeconds × failureThreshold + timeoutSeconds` (RULES.md, readiness-too-slow).
 */
export function flipSeconds(probe: Probe): number {
  return probe.periodSeconds * probe.failureThreshold + probe.timeoutSeconds;
}

/** `initialDelaySeconds + periodSeconds × failureThreshold`: how long liveness tolerates a server that does not answer yet. */
export function livenessStartWindow(probe: Probe): number {
  return probe.initialDelaySeconds + probe.periodSeconds * probe.failureThreshold;
}
