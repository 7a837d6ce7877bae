import {
  CAPACITY_TYPE,
  defineRule,
  describeObject,
  GKE_SPOT,
  gpuResource,
  locationOf,
  poolDomain,
  preStopDurationNote,
  SPOT_NODE_LABELS,
  SPOT_NODE_TAINTS,
  SPOT_NOTICE_SECONDS,
  SPOT_PROVIDER_NAMES,
  tolerates,
  type DrainSubject,
  type NodePool,
  type NodeRequirement,
  type PodPlacement,
  type Span,
  type SpotProvider,
  secondsValue as seconds,
} from '../src/rule-kit/index.js';

type Provider = SpotProvider;

/** Node labels that mark spot capacity, the value that means spot, and whose label it is: Karpenter's first. */
const SPOT_LABELS: readonly { key: string; value: string; provider: Provider }[] = [{ key: CAPACITY_TYPE, value: 'spot', provider: 'aws' }, ...SPOT_NODE_LABELS];

interface SpotSignal {
  provider: Provider;
  how: string;
  span: Span;
  pool?: NodePool;
}

const OUTLASTS =
  '{{label}} can run on spot capacity ({{how}}): {{provider}} gives {{notice}} s of notice{{noticeDetail}} before it reclaims a spot instance, but preStop {{preStop}} s + longest request {{longest}} s = {{total}} s, so requests still running when the instance goes are cut. Keep it on on-demand capacity, ';


const NOTICE_SECONDS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    aws: { type: 'number', minimum: 0, default: SPOT_NOTICE_SECONDS.aws, description: 'Seconds of notice before an AWS spot interruption.' },
    gcp: {
      type: 'number',
      minimum: 0,
      default: SPOT_NOTICE_SECONDS.gcp,
      description: `Seconds a pod gets before a GCP spot or preemptible VM stops: GKE gives pods ${SPOT_NOTICE_SECONDS.gcp} s of the VM's ${GKE_SPOT.vmNoticeSeconds} s notice; set ${GKE_SPOT.extendedTerminationSeconds} where the node pool extends graceful termination.`,
    },
    azure: { type: 'number', minimum: 0, default: SPOT_NOTICE_SECONDS.azure, description: 'Seconds of notice before an Azure spot VM is evicted.' },
  },
} as const;

export default defineRule({
  meta: {
    id: 'spot-notice-too-short',
    description: "A profiled workload can run on spot capacity, but its preStop plus longest request outlasts the provider's reclaim notice.",
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: {
      finds: `a workload can run on spot capacity and preStop + longest request exceed the provider's notice (aws ${SPOT_NOTICE_SECONDS.aws} s, gcp ${SPOT_NOTICE_SECONDS.gcp} s, azure ${SPOT_NOTICE_SECONDS.azure} s)`,
    },
    messages: {
      outlastsNotice: `${OUTLASTS}cap requests at {{cap}} s, or make long requests resumable.`,
      preStopOutlastsNotice: `${OUTLASTS}or make long requests resumable.`,
    },
    options: {
      provider: {
        enum: ['auto', 'aws', 'gcp', 'azure'],
        default: 'auto' as Provider | 'auto',
        description: 'The cloud whose spot notice applies; auto infers it from the spot label (karpenter.sh and eks.amazonaws.com: aws, cloud.google.com: gcp, kubernetes.azure.com: azure), else aws.',
      },
      noticeSeconds: {
        ...NOTICE_SECONDS_SCHEMA,
        default: {} as Partial<Record<Provider, number>>,
        description: 'Seconds of notice each provider gives before it reclaims a spot instance; a provider left out keeps its default.',
      },
      notices: {
        ...NOTICE_SECONDS_SCHEMA,
        default: {} as Partial<Record<Provider, number>>,
        description: 'The former name of noticeSeconds, still read: a provider it sets counts unless noticeSeconds sets it too.',
      },
    },
  },
  check(context) {
    const { notices: legacy, noticeSeconds } = context.options;
    const notices: Record<Provider, number> = { ...SPOT_NOTICE_SECONDS, ...legacy, ...noticeSeconds };
    const { index } = context;
    for (const subject of context.drainSubjects) {
      const placement = subject.template.placement;
      if (!placement) continue;
      const signal = spotSignal(subject, placement, index.placement.poolsFor(placement, subject.template.spec.containers.map(gpuResource).find(Boolean)));
      if (!signal) continue;
      const provider = context.options.provider === 'auto' ? signal.provider : context.options.provider;
      const notice = notices[provider];
      const { preStopSeconds: preStop, profile } = subject;
      const longest = profile.settings.longestRequest;
      if (preStop + longest <= notice) continue;
      const cap = notice - preStop;
      const data = {
        label: subject.label,
        how: signal.how,
        provider: SPOT_PROVIDER_NAMES[provider],
        notice: seconds(notice),
        noticeDetail: noticeDetail(provider, notice),
        preStop: seconds(preStop),
        longest: seconds(longest),
        total: seconds(preStop + longest),
      };
      context.report({
        object: subject.workload,
        span: signal.span,
        ...(signal.pool ? { related: { object: signal.pool, span: signal.pool.anchor } } : {}),
        ...(cap > 0 ? { messageId: 'outlastsNotice' as const, data: { ...data, cap: seconds(cap) } } : { messageId: 'preStopOutlastsNotice' as const, data }),
        profile,
        profileNote: preStopDurationNote(subject),
      });
    }
  },
});

/** Where GCP's default comes from, and how to say the node pool gives more. */
function noticeDetail(provider: Provider, notice: number): string {
  if (provider !== 'gcp' || notice !== SPOT_NOTICE_SECONDS.gcp) return '';
  return ` (GKE gives pods ${notice} s of the VM's ${GKE_SPOT.vmNoticeSeconds} s notice by default; where the node pool extends graceful termination to up to ${GKE_SPOT.extendedTerminationSeconds} s, set the rule's option noticeSeconds.gcp)`;
}

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
  for (const taint of SPOT_NODE_TAINTS) {
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
