import {
  defineRule,
  describeObject,
  effectiveGrace,
  formatSeconds,
  gpuResource,
  isField,
  locationOf,
  type DrainSubject,
  type NodePool,
  type PodPlacement,
  durationText,
} from '../src/rule-kit/index.js';

export default defineRule({
  meta: {
    id: 'nodepool-grace-too-short',
    description: "A Karpenter NodePool's terminationGracePeriod is shorter than the grace period of a profiled workload that can run on it.",
    defaultSeverity: 'error',
    fixable: 'none',
    docs: { finds: "a Karpenter NodePool's `terminationGracePeriod` is shorter than the grace period of a workload that can land on it" },
    messages: {
      cutsGrace:
        '{{pool}} ({{location}}) sets terminationGracePeriod {{limit}}, shorter than the grace period of {{workloads}}, which can schedule onto it. When Karpenter drains one of its nodes (consolidation, drift, expiry), it deletes such pods as soon as the drain starts and terminates the node {{limitSeconds}} later, so they get {{limitSeconds}} of their {{longest}}: requests still running are cut. Raise terminationGracePeriod to at least {{raiseTo}}, or keep these workloads off this NodePool.',
    },
  },
  check(context) {
    const { index } = context;
    if (index.model.nodePools.length === 0) return;
    // The index gives every placement with the same pools one array: copies of a workload
    // (overlays) and of a NodePool are matched once per such array, not pairwise.
    const landings = new Map<readonly NodePool[], Landing[]>();
    context.drainSubjects.forEach((subject, order) => {
      const grace = effectiveGrace(subject.template.spec);
      if (grace === undefined) return;
      const placement = subject.template.placement;
      if (!placement) return;
      const gpu = subject.template.spec.containers.map(gpuResource).find((g) => g !== undefined);
      const pools = index.placement.poolsFor(placement, gpu);
      const list = landings.get(pools);
      if (list) list.push({ subject, grace, order, pools });
      else landings.set(pools, [{ subject, grace, order, pools }]);
    });
    for (const { pool, entries } of poolsCut(landings)) {
      const limit = pool.terminationGracePeriod as { seconds: number; field: NonNullable<Extract<NodePool['terminationGracePeriod'], object>['field']> };
      const longest = entries[0]!;
      const named = entries.slice(0, 3).map(({ subject, grace }) => `${subject.label} (${locationOf(subject.workload)}, ${formatSeconds(grace)}${placementNote(subject.template.placement)})`);
      const more = entries.length > 3 ? ` and ${entries.length - 3} more` : '';
      const declared = longest.subject.template.spec.terminationGracePeriodSeconds;
      context.report({
        object: pool,
        span: limit.field.fieldSpan,
        related: { object: longest.subject.workload, span: isField(declared) ? declared.fieldSpan : longest.subject.template.anchor },
        messageId: 'cutsGrace',
        data: {
          pool: describeObject(pool),
          location: locationOf(pool),
          limit: limit.field.value,
          workloads: `${named.join(', ')}${more}`,
          limitSeconds: formatSeconds(limit.seconds),
          longest: formatSeconds(longest.grace),
          raiseTo: durationText(longest.grace),
        },
      });
    }
  },
});

/** Why the workload may land on the pool, when it is not obvious. */
function placementNote(placement: PodPlacement | undefined): string {
  if (!placement) return '';
  const constrained = placement.nodeSelector.size > 0 || (placement.required?.length ?? 0) > 0;
  return constrained ? '' : ', no node selector or required affinity';
}

/** A judged pod template with a grace period, and the pools it can land on. */
interface Landing {
  subject: DrainSubject;
  grace: number;
  /** Its place among the drain subjects. */
  order: number;
  pools: readonly NodePool[];
}

/**
 * Each NodePool whose terminationGracePeriod is shorter than the grace of a pod template that can
 * land on it, with those templates, longest grace first (subject order among equals); pools in
 * the order the subjects first cut them. Pools with the same limit reached by the same pod
 * templates share one list.
 */
function poolsCut(landings: ReadonlyMap<readonly NodePool[], Landing[]>): { pool: NodePool; entries: Landing[] }[] {
  const placements = [...landings.keys()];
  const placementsOf = new Map<NodePool, number[]>();
  placements.forEach((pools, id) => {
    for (const pool of pools) {
      const ids = placementsOf.get(pool);
      if (ids) ids.push(id);
      else placementsOf.set(pool, [id]);
    }
  });
  const cutBy = new Map<string, Landing[]>();
  const cut: { pool: NodePool; entries: Landing[]; first: Landing }[] = [];
  for (const [pool, ids] of placementsOf) {
    const limit = pool.terminationGracePeriod;
    if (typeof limit !== 'object' || limit.seconds === 'Never') continue;
    const seconds = limit.seconds;
    const key = `${seconds}:${ids.join(',')}`;
    let inOrder = cutBy.get(key);
    if (!inOrder) {
      inOrder = ids.flatMap((id) => landings.get(placements[id]!)!.filter((landing) => landing.grace > seconds));
      if (ids.length > 1) inOrder.sort((a, b) => a.order - b.order);
      cutBy.set(key, inOrder);
    }
    if (inOrder.length === 0) continue;
    cut.push({ pool, entries: inOrder, first: inOrder[0]! });
  }
  // A pool is first cut by its first subject, after the pools listed before it for that subject.
  const positions = new Map<readonly NodePool[], Map<NodePool, number>>();
  const position = (pools: readonly NodePool[], pool: NodePool) => {
    let at = positions.get(pools);
    if (!at) positions.set(pools, (at = new Map(pools.map((p, i) => [p, i]))));
    return at.get(pool)!;
  };
  cut.sort((a, b) => a.first.order - b.first.order || position(a.first.pools, a.pool) - position(b.first.pools, b.pool));
  const byGrace = new Map<Landing[], Landing[]>();
  return cut.map(({ pool, entries }) => {
    let sorted = byGrace.get(entries);
    if (!sorted) byGrace.set(entries, (sorted = [...entries].sort((a, b) => b.grace - a.grace)));
    return { pool, entries: sorted };
  });
}
