import {
  KARPENTER_DEFAULT_BUDGET_PERCENT,
  consolidatesUnderutilized,
  defineRule,
  describeObject,
  formatSeconds,
  locationOf,
  parseDuration,
  poolGpus,
  type Budget,
  durationText,
} from '../src/rule-kit/index.js';

/** The default of `minConsolidateAfter`. */
const MIN_CONSOLIDATE_AFTER = '10m';

const CONSOLIDATES = '{{pool}} ({{location}}) offers GPUs or other accelerators ({{why}}) and consolidates underutilized nodes (consolidationPolicy {{policy}}) {{when}}, with {{budgets}}. Whenever load dips, Karpenter evicts the GPU pods of a half-used node to pack them elsewhere: their in-flight requests are cut and each replacement pays a cold start (image pull, model load).';

export default defineRule({
  meta: {
    id: 'nodepool-disruption-unbounded',
    description: `A NodePool with GPUs consolidates underutilized nodes quickly, with no disruption budget tighter than the default ${KARPENTER_DEFAULT_BUDGET_PERCENT} %.`,
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: `a GPU NodePool consolidates underutilized nodes with no budget tighter than ${KARPENTER_DEFAULT_BUDGET_PERCENT} % and a short \`consolidateAfter\`` },
    messages: {
      consolidatesFast: `${CONSOLIDATES} Set consolidateAfter to at least {{minimum}}, add a budget such as {nodes: "1", reasons: [Underutilized]} (or {nodes: "0"} on a schedule over peak hours), or use consolidationPolicy: WhenEmpty.`,
      consolidatesFastV1beta1: `${CONSOLIDATES} Add a budget such as {nodes: "1"} (or {nodes: "0"} on a schedule over peak hours), or switch to consolidationPolicy: WhenEmpty with consolidateAfter of at least {{minimum}}.`,
    },
    options: {
      minConsolidateAfter: {
        type: ['number', 'string'],
        minimum: 0,
        pattern: '^\\s*(\\d+(\\.\\d+)?|((\\d+(\\.\\d+)?)(ms|s|m|h))+)\\s*$',
        default: MIN_CONSOLIDATE_AFTER as number | string,
        description: 'The shortest consolidateAfter, in seconds or as a duration ("10m"), that lets a GPU pool ride out short dips in load.',
      },
    },
  },
  check(context) {
    const { minConsolidateAfter } = context.options;
    const minimum = typeof minConsolidateAfter === 'number' ? minConsolidateAfter : (parseDuration(minConsolidateAfter) ?? parseDuration(MIN_CONSOLIDATE_AFTER)!);
    for (const pool of context.index.model.nodePools) {
      const gpus = poolGpus(pool);
      if (gpus.offers !== 'some' || consolidatesUnderutilized(pool) !== true) continue;
      const { disruption } = pool;
      if (disruption.budgets === 'invalid' || disruption.consolidateAfter === 'invalid' || disruption.consolidationPolicy === 'invalid') continue;
      if (disruption.budgets.some(bounds)) continue;
      const after = disruption.consolidateAfter;
      if (after.seconds === 'Never' || after.seconds >= minimum) continue;
      const policy = disruption.consolidationPolicy;
      const when = after.field ? `after ${after.field.value} (consolidateAfter)` : pool.version === 'v1beta1' ? 'as soon as it can (WhenUnderutilized takes no consolidateAfter)' : 'at once (consolidateAfter unset: 0s)';
      const budgets =
        disruption.budgets.length === 0
          ? `no disruption budget (Karpenter's default lets ${KARPENTER_DEFAULT_BUDGET_PERCENT} % of the nodes go at once)`
          : `no budget tighter than Karpenter's default ${KARPENTER_DEFAULT_BUDGET_PERCENT} %`;
      const data = { pool: describeObject(pool), location: locationOf(pool), why: gpus.why!, policy: policy.value, when, budgets };
      context.report({
        object: pool,
        span: after.field?.fieldSpan ?? policy.field?.fieldSpan ?? (disruption.view ? pool.root.map('spec')!.keySpan('disruption') : pool.specAnchor),
        ...(pool.version === 'v1beta1'
          ? { messageId: 'consolidatesFastV1beta1', data: { ...data, minimum: formatSeconds(minimum) } }
          : { messageId: 'consolidatesFast', data: { ...data, minimum: durationText(minimum) } }),
      });
    }
  },
});

/** A budget that limits consolidation more than the default: below 10 %, or an explicit count. */
function bounds(budget: Budget): boolean {
  if (budget.reasons && !budget.reasons.includes('Underutilized')) return false;
  return 'count' in budget.nodes || budget.nodes.percent < KARPENTER_DEFAULT_BUDGET_PERCENT;
}
