import { defineRule } from '../src/engine/rule.js';
import { locationOf } from '../src/analysis/disruption.js';
import { consolidatesUnderutilized, poolGpus, type Budget } from '../src/model/nodepool.js';
import { describeObject } from '../src/model/objects.js';
import { formatSeconds, parseDuration } from '../src/model/units.js';

interface Options {
  /** The shortest consolidateAfter that is not churn for a GPU pool (seconds or a duration). */
  minConsolidateAfter: number | string;
}

/** Karpenter's budget when a NodePool lists none: 10 % of its nodes at once. */
const DEFAULT_BUDGET_PERCENT = 10;

export default defineRule<Options>({
  meta: {
    id: 'nodepool-disruption-unbounded',
    description: 'A NodePool with GPUs consolidates underutilized nodes quickly, with no disruption budget tighter than the default 10 %.',
    defaultSeverity: 'warn',
    fixable: 'none',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minConsolidateAfter: {
          type: ['number', 'string'],
          minimum: 0,
          pattern: '^\\s*(\\d+(\\.\\d+)?|((\\d+(\\.\\d+)?)(ms|s|m|h))+)\\s*$',
          description: 'The shortest consolidateAfter, in seconds or as a duration ("10m"), that lets a GPU pool ride out short dips in load (default 10m).',
        },
      },
    },
    defaultOptions: { minConsolidateAfter: '10m' },
  },
  check(context) {
    const minimum = typeof context.options.minConsolidateAfter === 'number' ? context.options.minConsolidateAfter : (parseDuration(context.options.minConsolidateAfter) ?? 600);
    for (const pool of context.index.model.nodePools) {
      const gpus = poolGpus(pool);
      if (gpus.offers !== 'some' || consolidatesUnderutilized(pool) !== true) continue;
      const { disruption } = pool;
      if (disruption.budgets === 'invalid' || disruption.consolidateAfter === 'invalid' || disruption.consolidationPolicy === 'invalid') continue;
      if (disruption.budgets.some(bounds)) continue;
      const after = disruption.consolidateAfter;
      if (after.seconds === 'Never' || after.seconds >= minimum) continue;
      const policy = disruption.consolidationPolicy;
      const afterText = after.field ? `after ${after.field.value} (consolidateAfter)` : pool.version === 'v1beta1' ? 'as soon as it can (WhenUnderutilized takes no consolidateAfter)' : 'at once (consolidateAfter unset: 0s)';
      const budgetText = disruption.budgets.length === 0 ? `no disruption budget (Karpenter's default lets ${DEFAULT_BUDGET_PERCENT} % of the nodes go at once)` : `no budget tighter than Karpenter's default ${DEFAULT_BUDGET_PERCENT} %`;
      const advice =
        pool.version === 'v1beta1'
          ? `Add a budget such as {nodes: "1"} (or {nodes: "0"} on a schedule over peak hours), or switch to consolidationPolicy: WhenEmpty with consolidateAfter of at least ${formatSeconds(minimum)}.`
          : `Set consolidateAfter to at least ${durationText(minimum)}, add a budget such as {nodes: "1", reasons: [Underutilized]} (or {nodes: "0"} on a schedule over peak hours), or use consolidationPolicy: WhenEmpty.`;
      context.report({
        object: pool,
        span: after.field?.fieldSpan ?? policy.field?.fieldSpan ?? (disruption.view ? pool.root.map('spec')!.keySpan('disruption') : pool.specAnchor),
        message:
          `${describeObject(pool)} (${locationOf(pool)}) offers GPUs or other accelerators (${gpus.why}) and consolidates underutilized nodes (consolidationPolicy ${policy.value}) ${afterText}, with ${budgetText}. ` +
          `Whenever load dips, Karpenter evicts the GPU pods of a half-used node to pack them elsewhere: their in-flight requests are cut and each replacement pays a cold start (image pull, model load). ` +
          advice,
      });
    }
  },
});

/** A budget that limits consolidation more than the default: below 10 %, or an explicit count. */
function bounds(budget: Budget): boolean {
  if (budget.reasons && !budget.reasons.includes('Underutilized')) return false;
  return 'count' in budget.nodes || budget.nodes.percent < DEFAULT_BUDGET_PERCENT;
}

function durationText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
