import { defineRule } from '../src/engine/rule.js';
import type { DrainSubject } from '../src/analysis/subjects.js';
import { locationOf } from '../src/analysis/disruption.js';
import { isField } from '../src/languages/node.js';
import type { NodePool } from '../src/model/nodepool.js';
import { describeObject } from '../src/model/objects.js';
import { gpuResource } from '../src/model/pod.js';
import type { PodPlacement } from '../src/model/placement.js';
import { formatSeconds } from '../src/model/units.js';

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE = 30;

export default defineRule({
  meta: {
    id: 'nodepool-grace-too-short',
    description: "A Karpenter NodePool's terminationGracePeriod is shorter than the grace period of a profiled workload that can run on it.",
    defaultSeverity: 'error',
    fixable: 'none',
  },
  check(context) {
    const { index } = context;
    if (index.model.nodePools.length === 0) return;
    const cut = new Map<NodePool, { subject: DrainSubject; grace: number }[]>();
    for (const subject of context.drainSubjects) {
      const declared = subject.template.spec.terminationGracePeriodSeconds;
      if (declared === 'invalid') continue;
      const grace = isField(declared) ? declared.value : DEFAULT_GRACE;
      const placement = index.model.placements.get(subject.template);
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
      const named = entries.slice(0, 3).map(({ subject, grace }) => `${subject.label} (${locationOf(subject.workload)}, ${formatSeconds(grace)}${placementNote(index.model.placements.get(subject.template))})`);
      const more = entries.length > 3 ? ` and ${entries.length - 3} more` : '';
      const declared = longest.subject.template.spec.terminationGracePeriodSeconds;
      context.report({
        object: pool,
        span: limit.field.fieldSpan,
        related: { object: longest.subject.workload, span: isField(declared) ? declared.fieldSpan : longest.subject.template.anchor },
        message:
          `${describeObject(pool)} (${locationOf(pool)}) sets terminationGracePeriod ${limit.field.value}, shorter than the grace period of ` +
          `${named.join(', ')}${more}, which can schedule onto it. When Karpenter drains one of its nodes (consolidation, drift, expiry), ` +
          `it deletes such pods as soon as the drain starts and terminates the node ${formatSeconds(limit.seconds)} later, so they get ` +
          `${formatSeconds(limit.seconds)} of their ${formatSeconds(longest.grace)}: requests still running are cut. ` +
          `Raise terminationGracePeriod to at least ${durationText(longest.grace)}, or keep these workloads off this NodePool.`,
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

/** `180s`, `5m`, `1h30m`: a Karpenter duration for a number of seconds. */
function durationText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
