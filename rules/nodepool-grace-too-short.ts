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
    const cut = new Map<NodePool, { subject: DrainSubject; grace: number }[]>();
    for (const subject of context.drainSubjects) {
      const grace = effectiveGrace(subject.template.spec);
      if (grace === undefined) continue;
      const placement = subject.template.placement;
      if (!placement) continue;
      const gpu = subject.template.spec.containers.map(gpuResource).find((g) => g !== undefined);
      for (const pool of index.placement.poolsFor(placement, gpu)) {
        const limit = pool.terminationGracePeriod;
        if (typeof limit !== 'object' || limit.seconds === 'Never' || grace <= limit.seconds) continue;
        const list = cut.get(pool) ?? [];
        list.push({ subject, grace });
        cut.set(pool, list);
      }
    }
    for (const [pool, entries] of cut) {
      const limit = pool.terminationGracePeriod as { seconds: number; field: NonNullable<Extract<NodePool['terminationGracePeriod'], object>['field']> };
      entries.sort((a, b) => b.grace - a.grace);
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
