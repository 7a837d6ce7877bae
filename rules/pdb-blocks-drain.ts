import { blockedBecause, combine, coveredWorkloads, defineRule, describeObject, isField, locationOf } from '../src/rule-kit/index.js';

const BLOCKS = `{{pdb}} ({{location}}) allows 0 disruptions for {{workloads}}: {{reason}}. Every eviction is refused with HTTP 429: kubectl drain retries it forever, the cluster autoscaler leaves the node out of scale-down, and Karpenter consolidation skips it, while its drift and expiry drains wait until the NodePool's terminationGracePeriod and then delete the pods regardless of the budget.`;

export default defineRule({
  meta: {
    id: 'pdb-blocks-drain',
    description: 'A PodDisruptionBudget allows zero disruptions at full health, so every eviction is refused and node drains hang.',
    defaultSeverity: 'error',
    fixable: 'unsafe',
    docs: { finds: 'a PodDisruptionBudget allows zero disruptions at full health (any workload, profiled or not)' },
    messages: {
      useMaxUnavailable: `${BLOCKS} Use maxUnavailable: 1.`,
      useMinAvailableBelowCount: `${BLOCKS} Use an integer minAvailable below the pod count, e.g. minAvailable: {{suggested}}.`,
      singleBarePod: `${BLOCKS} A single pod without a controller cannot be protected without blocking drains: remove the PDB or run it under a Deployment.`,
      useIntegerMinAvailable: `${BLOCKS} Use an integer minAvailable below the number of pods it selects.`,
    },
  },
  check(context) {
    for (const pdb of context.index.model.pdbs) {
      const covered = coveredWorkloads(pdb, context.index);
      const reason = blockedBecause(pdb, covered);
      if (!reason) continue;
      const field = isField(pdb.maxUnavailable) ? pdb.maxUnavailable : isField(pdb.minAvailable) ? pdb.minAvailable : undefined;
      const workloads = covered.map((c) => `${describeObject(c.workload)} (${locationOf(c.workload)}, ${c.description})`).join(' and ');
      const first = covered[0]!.workload;
      const total = covered.reduce((sum, c) => sum + (c.count ?? 0), 0);
      // Without a controller only an integer minAvailable can be computed (k8s "configure-pdb").
      const bareOnly = covered.every((c) => !c.hasController);
      // Only an integer minAvailable works for pods without a scalable controller.
      const unscalable = (covered.some((c) => c.hasController) ? covered.filter((c) => c.hasController) : covered).some((c) => !c.scalable);
      const spec = pdb.root.map('spec');
      const key = isField(pdb.maxUnavailable) ? 'maxUnavailable' : 'minAvailable';
      const fix = !unscalable && spec && field
        ? combine('unsafe', `replace ${key} with maxUnavailable: 1`, context.editor(pdb).replacePair(spec, key, 'maxUnavailable', 1))
        : undefined;
      const data = { pdb: describeObject(pdb), location: locationOf(pdb), workloads, reason };
      const pods = covered.every((c) => c.count !== undefined) ? total : undefined;
      context.report({
        object: pdb,
        span: field?.fieldSpan ?? pdb.specAnchor,
        ...(fix ? { fix } : {}),
        ...(field ? { explain: { kind: 'disruptions', pods, field: key, value: field.value, allowed: 0, rounding: reason } } : {}),
        ...(!unscalable
          ? { messageId: 'useMaxUnavailable', data }
          : bareOnly && total > 1
            ? { messageId: 'useMinAvailableBelowCount', data: { ...data, suggested: total - 1 } }
            : bareOnly
              ? { messageId: 'singleBarePod', data }
              : { messageId: 'useIntegerMinAvailable', data }),
        related: { object: first, span: isField(first.replicas) ? first.replicas.fieldSpan : first.anchor },
      });
    }
  },
});
