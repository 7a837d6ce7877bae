import type { Span } from '../core/source.js';
import { MAX_UNAVAILABLE_STATEFULSET_ON_BY_DEFAULT, type KubernetesRelease } from '../domain/kubernetes.js';
import { INEXPRESSIBLE, NIM_ROLLOUT } from '../domain/operators.js';
import { isField, type Field, type MapView, type Read } from '../languages/shared/node.js';
import type { Workload } from './workload.js';

/** How a workload replaces its pods on an update, with Kubernetes' defaults filled in. */
export interface RolloutStrategy {
  /** `RollingUpdate`, `Recreate`, `OnDelete` (StatefulSet), or `Canary` / `BlueGreen` (Argo). */
  type: string;
  typeField?: Field<string>;
  /** As written, or the kind's default (`25%` for Deployments and canaries, `1` for StatefulSets). */
  maxUnavailable: number | string;
  maxUnavailableField?: Field<number | string>;
  /** Percentages of maxUnavailable round down; a StatefulSet's never below 1. */
  atLeastOne: boolean;
  /** Where a finding about a defaulted field points: the strategy key, else the spec key. */
  anchor: Span;
  /**
   * Where the resource writes only the strategy type as a word (VLLMRuntime's `deploymentStrategy`),
   * and why it cannot set maxUnavailable (there, or a NIMService, which sets nothing).
   */
  typeAt?: { view: MapView; key: string };
  maxUnavailableFixed?: string;
}

export function readRollout(workload: Workload): RolloutStrategy | 'invalid' | undefined {
  const spec = workload.root.map('spec');
  if (!spec) return undefined;
  switch (workload.kind) {
    case 'Deployment':
      return deploymentStrategy(spec);
    case 'StatefulSet':
      return statefulSetStrategy(spec);
    case 'Rollout':
      return argoStrategy(spec);
  }
  switch (`${workload.workloadKind.group}/${workload.kind}`) {
    case 'apps.nvidia.com/NIMService':
      return { type: 'RollingUpdate', maxUnavailable: NIM_ROLLOUT.maxUnavailable, atLeastOne: false, anchor: workload.root.keySpan('spec'), maxUnavailableFixed: INEXPRESSIBLE.nimRollout };
    case 'production-stack.vllm.ai/VLLMRuntime':
      return vllmRuntimeStrategy(spec);
    default:
      return undefined;
  }
}

/** `deploymentConfig.deploymentStrategy`: a strategy type (default RollingUpdate, with Kubernetes' 25 %). CRDS.md §14. */
function vllmRuntimeStrategy(spec: MapView): RolloutStrategy | 'invalid' {
  const deployment = spec.map('deploymentConfig');
  const type = deployment?.string('deploymentStrategy');
  if (type === 'invalid') return 'invalid';
  return {
    type: isField(type) ? type.value : 'RollingUpdate',
    ...(isField(type) ? { typeField: type } : {}),
    maxUnavailable: '25%',
    atLeastOne: false,
    anchor: deployment ? spec.keySpan('deploymentConfig') : spec.anchor,
    ...(deployment ? { typeAt: { view: deployment, key: 'deploymentStrategy' } } : {}),
    maxUnavailableFixed: INEXPRESSIBLE.vllmRuntimeRollout,
  };
}

function deploymentStrategy(spec: MapView): RolloutStrategy | 'invalid' {
  const strategy = spec.map('strategy');
  const type = strategy?.string('type');
  const rolling = strategy?.map('rollingUpdate');
  const maxUnavailable = percentOrCount(rolling, 'maxUnavailable');
  const maxSurge = percentOrCount(rolling, 'maxSurge');
  if (type === 'invalid' || maxUnavailable === 'invalid' || maxSurge === 'invalid') return 'invalid';
  if (isField(maxUnavailable) && isField(maxSurge) && isZero(maxUnavailable.value) && isZero(maxSurge.value)) {
    spec.sink.add(maxUnavailable.fieldSpan, 'strategy.rollingUpdate: maxUnavailable and maxSurge cannot both be 0 (the API server rejects it)');
    return 'invalid';
  }
  return {
    type: isField(type) ? type.value : 'RollingUpdate',
    ...(isField(type) ? { typeField: type } : {}),
    maxUnavailable: isField(maxUnavailable) ? maxUnavailable.value : '25%',
    ...(isField(maxUnavailable) ? { maxUnavailableField: maxUnavailable } : {}),
    atLeastOne: false,
    anchor: strategy ? spec.keySpan('strategy') : spec.anchor,
  };
}

function statefulSetStrategy(spec: MapView): RolloutStrategy | 'invalid' {
  const strategy = spec.map('updateStrategy');
  const type = strategy?.string('type');
  const maxUnavailable = percentOrCount(strategy?.map('rollingUpdate'), 'maxUnavailable');
  if (type === 'invalid' || maxUnavailable === 'invalid') return 'invalid';
  return {
    type: isField(type) ? type.value : 'RollingUpdate',
    ...(isField(type) ? { typeField: type } : {}),
    maxUnavailable: isField(maxUnavailable) ? maxUnavailable.value : 1,
    ...(isField(maxUnavailable) ? { maxUnavailableField: maxUnavailable } : {}),
    atLeastOne: true,
    anchor: strategy ? spec.keySpan('updateStrategy') : spec.anchor,
  };
}

function argoStrategy(spec: MapView): RolloutStrategy | 'invalid' | undefined {
  const strategy = spec.map('strategy');
  const canary = strategy?.map('canary');
  if (!canary) return undefined;
  const maxUnavailable = percentOrCount(canary, 'maxUnavailable');
  if (maxUnavailable === 'invalid') return 'invalid';
  return {
    type: 'Canary',
    maxUnavailable: isField(maxUnavailable) ? maxUnavailable.value : '25%',
    ...(isField(maxUnavailable) ? { maxUnavailableField: maxUnavailable } : {}),
    atLeastOne: false,
    anchor: strategy!.keySpan('canary'),
  };
}

/** An int-or-percent field (`1`, `25%`); other strings and percentages over 100 are invalid. */
export function percentOrCount(view: MapView | undefined, key: string): Read<number | string> {
  const read = view?.intOrString(key);
  if (!isField(read)) return read;
  if (typeof read.value === 'number') {
    if (read.value >= 0) return read;
    view!.sink.add(read.span, `${view!.childPath(key)} must not be negative, got ${read.value}`);
    return 'invalid';
  }
  const percent = /^(\d+)%$/.exec(read.value.trim());
  if (percent && Number(percent[1]) <= 100) return read;
  view!.sink.add(read.span, `${view!.childPath(key)} must be a whole number or a percentage from 0% to 100%, got ${JSON.stringify(read.value)}`);
  return 'invalid';
}

/** Scales `1` or `25%` against `total` pods, rounding a percentage up or down. */
export function scaled(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const exact = (Number.parseInt(value, 10) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** How many pods a rollout's maxUnavailable takes at once: a percentage rounded down (for a StatefulSet, at least 1). */
export function rolloutUnavailable(rollout: RolloutStrategy, total: number): number {
  const count = scaled(rollout.maxUnavailable, total, false);
  return rollout.atLeastOne ? Math.max(count, 1) : count;
}

/**
 * Whether a StatefulSet's `maxUnavailable` takes effect on `version` ("1.35", "1.35.2") by the
 * `MaxUnavailableStatefulSet` gate's default: unknown without a version, or for a minor whose
 * patches differ (1.35) when the version names none.
 */
export function statefulSetMaxUnavailableGate(version: string | undefined): 'on' | 'off' | 'unknown' {
  const match = /^1\.(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!match) return 'unknown';
  const minor = Number(match[1]);
  if (match[2] !== undefined) return gateOn([1, minor, Number(match[2])]) ? 'on' : 'off';
  const first = gateOn([1, minor, 0]);
  return first === gateOn([1, minor, Number.MAX_SAFE_INTEGER]) ? (first ? 'on' : 'off') : 'unknown';
}

/** The releases where the gate is on by default, for a message: "1.35.0–1.35.3 and from 1.37". */
export function statefulSetMaxUnavailableReleases(): string {
  const release = ([major, minor, patch]: KubernetesRelease) => `${major}.${minor}${patch === 0 ? '' : `.${patch}`}`;
  return MAX_UNAVAILABLE_STATEFULSET_ON_BY_DEFAULT.map(({ from, to }) =>
    to ? `${from.join('.')}–${to.join('.')}` : `from ${release(from)}`,
  ).join(' and ');
}

function gateOn(release: KubernetesRelease): boolean {
  return MAX_UNAVAILABLE_STATEFULSET_ON_BY_DEFAULT.some(({ from, to }) => compare(release, from) >= 0 && (!to || compare(release, to) <= 0));
}

function compare(a: KubernetesRelease, b: KubernetesRelease): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function isZero(value: number | string): boolean {
  return value === 0 || (typeof value === 'string' && /^0+%$/.test(value.trim()));
}

export function describeAmount(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}
