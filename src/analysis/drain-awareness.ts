import { markerFiles } from '../model/drain-marker.js';
import type { Container, Probe } from '../model/pod.js';
import { testedMarkers, testsAFile } from '../model/probes.js';

/**
 * Whether a readiness probe reacts to the drain, the way `readiness-ignores-drain` decides it:
 * an httpGet on a path the user declared drain-aware; else, when the preStop writes markers, an
 * exec probe that tests one of them; else an exec probe that tests some file. A probe that is
 * not drain-aware never flips during the preStop, however fast it runs.
 */
export function readinessDrainAware(container: Container, readiness: Probe, drainAwarePaths: readonly string[]): boolean {
  const path = readiness.httpGet?.path?.value;
  if (readiness.kind === 'httpGet' && path !== undefined && drainAwarePaths.includes(path)) return true;
  if (markerFiles(container.preStop).length > 0) return testedMarkers(container, readiness).length > 0;
  return testsAFile(readiness);
}

/**
 * Who still acts on a terminating pod's readiness. EndpointSlices mark a terminating endpoint
 * `ready: false` whatever its probe says; readiness then only sets `serving` (DOMAIN.md, KEP-1672).
 */
export const READINESS_DURING_DRAIN =
  "kube-proxy's terminating-endpoint fallback, routers that read pod readiness (the inference gateway's endpoint picker) and load balancers that health-check pods directly";

/** The `drainAwarePaths` option, shared by the rules that judge readiness during a drain. */
export const DRAIN_AWARE_PATHS_OPTION = {
  type: 'array',
  items: { type: 'string', pattern: '^/' },
  description: 'httpGet readiness paths your servers fail while draining (e.g. "/ready" after a SIGTERM or drain flag); give readiness-ignores-drain and readiness-too-slow the same list.',
};
