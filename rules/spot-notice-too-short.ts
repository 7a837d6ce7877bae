import type { Span } from '../src/core/source.js';
import { defineRule } from '../src/engine/rule.js';
import type { DrainSubject } from '../src/analysis/subjects.js';
import { locationOf } from '../src/analysis/disruption.js';
import type { NodePool, NodeRequirement } from '../src/model/nodepool.js';
import { describeObject } from '../src/model/objects.js';
import { gpuResource } from '../src/model/pod.js';
import { CAPACITY_TYPE, poolDomain, tolerates, type PodPlacement } from '../src/model/placement.js';
import { formatSeconds } from '../src/model/units.js';

type Provider = 'aws' | 'gcp' | 'azure';

interface Options {
  /** `auto` infers the provider from the spot label (or the NodePool's node class). */
  provider: Provider | 'auto';
  /** Seconds of notice each provider gives before it reclaims a spot instance. */
  notices: Partial<Record<Provider, number>>;
}

const PROVIDER_NAMES: Record<Provider, string> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/** Node labels that mark spot capacity, the value that means spot, and whose label it is. */
const SPOT_LABELS: { key: string; value: string; provider: Provider }[] = [
  { key: CAPACITY_TYPE, value: 'spot', provider: 'aws' },
  { key: 'eks.amazonaws.com/capacityType', value: 'SPOT', provider: 'aws' },
  { key: 'cloud.google.com/gke-spot', value: 'true', provider: 'gcp' },
  { key: 'cloud.google.com/gke-preemptible', value: 'true', provider: 'gcp' },
  { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', provider: 'azure' },
];

/** Taints that keep pods off spot nodes unless they tolerate them. */
const SPOT_TAINTS: { key: string; value: string; effect: string; provider: Provider }[] = [
  { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule', provider: 'azure' },
  { key: 'cloud.google.com/gke-spot', value: 'true', effect: 'NoSchedule', provider: 'gcp' },
  { key: 'cloud.google.com/gke-preemptible', value: 'true', effect: 'NoSchedule', provider: 'gcp' },
];

interface SpotSignal {
  provider: Provider;
  how: string;
  span: Span;
  pool?: NodePool;
}

export default defineRule<Options>({
  meta: {
    id: 'spot-notice-too-short',
    description: "A profiled workload can run on spot capacity, but its preStop plus longest request outlasts the provider's reclaim notice.",
    defaultSeverity: 'warn',
    fixable: 'none',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        provider: {
          enum: ['auto', 'aws', 'gcp', 'azure'],
          description: 'The cloud whose spot notice applies; auto infers it from the spot label (karpenter.sh and eks.amazonaws.com: aws, cloud.google.com: gcp, kubernetes.azure.com: azure), else aws.',
        },
        notices: {
          type: 'object',
          additionalProperties: false,
          properties: {
            aws: { type: 'number', minimum: 0, description: 'Seconds of notice before an AWS spot interruption (default 120).' },
            gcp: { type: 'number', minimum: 0, description: 'Seconds of notice before a GCP spot or preemptible VM stops (default 30).' },
            azure: { type: 'number', minimum: 0, description: 'Seconds of notice before an Azure spot VM is evicted (default 30).' },
          },
        },
      },
    },
    defaultOptions: { provider: 'auto', notices: { aws: 120, gcp: 30, azure: 30 } },
  },
  check(context) {
    const notices: Record<Provider, number> = { aws: 120, gcp: 30, azure: 30, ...context.options.notices };
    const { index } = context;
    for (const subject of context.drainSubjects) {
      const placement = index.model.placements.get(subject.template);
      if (!placement) continue;
      const signal = spotSignal(subject, placement, index.placement.poolsFor(placement, subject.template.spec.containers.map(gpuResource).find(Boolean)));
      if (!signal) continue;
      const provider = context.options.provider === 'auto' ? signal.provider : context.options.provider;
      const notice = notices[provider];
      const { preStopSeconds: preStop, profile } = subject;
      const longest = profile.settings.longestRequest;
      if (preStop + longest <= notice) continue;
      const cap = notice - preStop;
      context.report({
        object: subject.workload,
        span: signal.span,
        ...(signal.pool ? { related: { object: signal.pool, span: signal.pool.anchor } } : {}),
        message:
          `${subject.label} can run on spot capacity (${signal.how}): ${PROVIDER_NAMES[provider]} gives ${formatSeconds(notice)} of notice ` +
          `before it reclaims a spot instance, but preStop ${formatSeconds(preStop)} + longest request ${formatSeconds(longest)} = ${formatSeconds(preStop + longest)}, ` +
          `so requests still running when the instance goes are cut. Keep it on on-demand capacity, ` +
          (cap > 0 ? `cap requests at ${formatSeconds(cap)}, ` : '') +
          `or make long requests resumable. [${profile.name}: ${profile.reason}]`,
      });
    }
  },
});

/** How the pods can end up on spot: a spot label or toleration, else a spot-allowing NodePool. */
function spotSignal(subject: DrainSubject, placement: PodPlacement, pools: readonly NodePool[]): SpotSignal | undefined {
  for (const { key, value, provider } of SPOT_LABELS) {
    const field = placement.nodeSelector.get(key);
    if (field?.value === value) return { provider, how: `nodeSelector ${key}: ${value}`, span: field.fieldSpan };
  }
  for (const [kind, terms] of [['required', placement.required ?? []], ['preferred', placement.preferred]] as const) {
    for (const term of terms) {
      for (const requirement of term) {
        const label = SPOT_LABELS.find((l) => l.key === requirement.key && allowsValue(requirement, l.value));
        if (label) return { provider: label.provider, how: `${kind} node affinity ${requirement.key} ${requirement.operator}${requirement.values.length ? ` [${requirement.values.join(', ')}]` : ''}`, span: requirement.span };
      }
    }
  }
  for (const taint of SPOT_TAINTS) {
    // Only a toleration that names the spot taint: a catch-all `operator: Exists` says nothing about spot.
    const toleration = placement.tolerations.find((t) => t.key !== undefined && tolerates([t], taint));
    if (toleration) {
      return { provider: taint.provider, how: `it tolerates the spot taint ${taint.key}=${taint.value}:${taint.effect}`, span: toleration.span };
    }
  }
  if (!podAllowsSpot(placement)) return undefined;
  for (const pool of pools) {
    const domain = poolDomain(pool, CAPACITY_TYPE);
    const spot = (!domain.values || domain.values.has('spot')) && !domain.excluded.has('spot');
    if (!spot) continue;
    return {
      provider: providerOf(pool),
      how: `${describeObject(pool)} (${locationOf(pool)}) allows ${CAPACITY_TYPE} spot and nothing keeps ${subject.label} off it`,
      span: placement.nodeSelector.size > 0 ? [...placement.nodeSelector.values()][0]!.fieldSpan : placement.anchor,
      pool,
    };
  }
  return undefined;
}

function allowsValue(requirement: NodeRequirement, value: string): boolean {
  switch (requirement.operator) {
    case 'In':
      return requirement.values.includes(value);
    case 'Exists':
      return value === 'true';
    default:
      return false;
  }
}

/** Whether the pod's own constraints leave spot open for karpenter.sh/capacity-type. */
function podAllowsSpot(placement: PodPlacement): boolean {
  const selected = placement.nodeSelector.get(CAPACITY_TYPE);
  if (selected && selected.value !== 'spot') return false;
  const terms = placement.required ?? [];
  if (terms.length === 0) return true;
  return terms.some((term) =>
    term
      .filter((r) => r.key === CAPACITY_TYPE)
      .every((r) => (r.operator === 'In' ? r.values.includes('spot') : r.operator === 'NotIn' ? !r.values.includes('spot') : r.operator !== 'DoesNotExist')),
  );
}

function providerOf(pool: NodePool): Provider {
  const group = pool.nodeClassRef?.group ?? '';
  const kind = pool.nodeClassRef?.kind ?? '';
  if (/azure/.test(group) || kind === 'AKSNodeClass') return 'azure';
  if (/gcp|google/.test(group) || kind === 'GCENodeClass') return 'gcp';
  return 'aws';
}
