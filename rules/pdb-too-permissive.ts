import {
  blockedBecause,
  combine,
  coveredWorkloads,
  defineRule,
  describeObject,
  isField,
  largestSelectedScale,
  locationOf,
  plural,
  scaled,
  type DrainProfile,
  type ExpectedPods,
  type Workload,
} from '../src/rule-kit/index.js';

const TOO_MANY = '{{pdb}} ({{location}}) lets {{evicted}} be evicted at once ({{arithmetic}}), more than the {{limit}} the {{profileName}} profile allows: a node-pool upgrade, the cluster autoscaler or Karpenter can drain them together,';

export default defineRule({
  meta: {
    id: 'pdb-too-permissive',
    description: 'A PodDisruptionBudget lets more pods of a profiled workload be evicted at once than its drain profile allows.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    docs: { finds: 'a PodDisruptionBudget lets more pods of a profiled workload go at once than the profile allows' },
    messages: {
      dropsRequests: `${TOO_MANY} dropping their in-flight requests and leaving the rest to carry the load until the replacements have loaded their models. Use maxUnavailable: {{limit}}.`,
      cutsConnections: `${TOO_MANY} cutting their connections at once and sending every client to reconnect together. Use maxUnavailable: {{limit}}.`,
    },
  },
  check(context) {
    const profiles = new Map<Workload, DrainProfile>();
    for (const { workload, profile } of context.drainSubjects) if (!profiles.has(workload)) profiles.set(workload, profile);
    // Copies of a PDB (overlays) select the same workloads: each selection is weighed once.
    const selections = new Map<readonly Workload[], Selection>();
    const selectionOf = (selected: readonly Workload[]): Selection => {
      let selection = selections.get(selected);
      if (!selection) selections.set(selected, (selection = { profiled: selected.some((w) => profiles.has(w)), offendersByAllowed: new Map() }));
      return selection;
    };
    for (const pdb of context.index.model.pdbs) {
      if (!pdb.selector) continue;
      const field = isField(pdb.maxUnavailable) ? pdb.maxUnavailable : isField(pdb.minAvailable) ? pdb.minAvailable : undefined;
      if (!field) continue;
      const selected = context.index.workloadsSelectedBy(context.index.namespace(pdb), pdb.selector);
      const selection = selectionOf(selected);
      if (!selection.profiled) continue;
      // A budget that allows nothing at the smallest scale is pdb-blocks-drain's finding, and its
      // fix (maxUnavailable: 1) settles this one too.
      const coveredPods = coveredWorkloads(pdb, context.index);
      if (blockedBecause(pdb, coveredPods)) continue;
      // The scales depend on the selector alone: equal selectors in a namespace select the same groups.
      const { scales, total } = (selection.scales ??= largestScales(selected, (w) => largestSelectedScale(pdb, w, context.index)));
      if (total === undefined || total === 0) continue;
      const value = field.value;
      const allowed = isField(pdb.maxUnavailable) ? scaled(value, total, true) : total - scaled(value, total, true);
      const pods = plural(total, 'pod');
      const arithmetic = isField(pdb.maxUnavailable)
        ? typeof value === 'string'
          ? `maxUnavailable ${value} of ${pods} rounds up to ${allowed}`
          : `maxUnavailable: ${value}`
        : typeof value === 'string'
          ? `minAvailable ${value} of ${pods} rounds up to ${scaled(value, total, true)}, leaving ${allowed}`
          : `minAvailable ${value} of ${pods} leaves ${allowed}`;
      let offenders = selection.offendersByAllowed.get(allowed);
      if (!offenders) {
        offenders = scales.flatMap((s) => {
          const profile = profiles.get(s.workload);
          if (!profile) return [];
          const go = Math.min(allowed, s.count!);
          return go > profile.settings.maxConcurrentDisruption ? [{ scale: s, profile, go }] : [];
        });
        selection.offendersByAllowed.set(allowed, offenders);
      }
      const [first] = offenders;
      if (!first) continue;
      const limit = Math.min(...offenders.map((o) => o.profile.settings.maxConcurrentDisruption));
      const evicted = offenders
        .map((o) => `${plural(o.go, 'pod')} of ${describeObject(o.scale.workload)} (${locationOf(o.scale.workload)}, ${o.scale.description})`)
        .join(' and ');
      const gpu = offenders.some((o) => o.profile.name === 'gpu-inference');
      context.report({
        object: pdb,
        span: field.fieldSpan,
        // maxUnavailable needs every selected pod under a scalable controller, or it blocks drains.
        ...((selection.allScalable ??= coveredPods.every((c) => c.scalable)) ? { fix: combine(
          'unsafe',
          `set maxUnavailable: ${limit}`,
          context.editor(pdb).replacePair(pdb.root.map('spec')!, isField(pdb.maxUnavailable) ? 'maxUnavailable' : 'minAvailable', 'maxUnavailable', limit),
        ) } : {}),
        messageId: gpu ? 'dropsRequests' : 'cutsConnections',
        data: { pdb: describeObject(pdb), location: locationOf(pdb), evicted, arithmetic, limit, profileName: first.profile.name },
        explain: { kind: 'disruptions', pods: total, field: isField(pdb.maxUnavailable) ? 'maxUnavailable' : 'minAvailable', value, allowed, rounding: arithmetic, limit },
        profile: first.profile,
        related: { object: first.scale.workload, span: first.scale.workload.anchor },
      });
    }
  },
});

interface Offender {
  scale: ExpectedPods;
  profile: DrainProfile;
  go: number;
}

/** What the PDBs with one selection (copies of a PDB, in overlays) have in common. */
interface Selection {
  /** Some selected workload has a drain profile. */
  profiled: boolean;
  scales?: { scales: ExpectedPods[]; total: number | undefined };
  /** Covered pods all have a scalable controller. */
  allScalable?: boolean;
  /** The workloads that would lose too many pods, by how many pods the budget allows to go. */
  offendersByAllowed: Map<number, Offender[]>;
}

/**
 * The largest scale of each controller a budget selects, and their pods in all (undefined when a
 * count is unknown). The disruption controller scales percentages against the pods of
 * controllers. At the largest scale (an HPA's maxReplicas) the budget lets the most go.
 */
function largestScales(selected: readonly Workload[], largestOf: (workload: Workload) => ExpectedPods | undefined): { scales: ExpectedPods[]; total: number | undefined } {
  const scales = selected
    .filter((w) => w.kind !== 'Pod')
    .map(largestOf)
    .filter((s): s is ExpectedPods => s !== undefined);
  const total = scales.some((s) => s.count === undefined) ? undefined : scales.reduce((sum, s) => sum + s.count!, 0);
  return { scales, total };
}
