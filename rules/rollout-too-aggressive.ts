import { defineRule } from '../src/engine/rule.js';
import { largestScale } from '../src/model/disruption.js';
import { describeAmount, readRollout, scaled } from '../src/model/rollout.js';

export default defineRule({
  meta: {
    id: 'rollout-too-aggressive',
    description: 'A profiled workload\'s rollout takes more pods out at once than its profile allows, or recreates them all.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
  },
  check(context) {
    const judged = new Set<unknown>();
    for (const { workload, profile, label } of context.drainSubjects) {
      if (judged.has(workload.root.node)) continue;
      judged.add(workload.root.node);
      const rollout = readRollout(workload);
      if (!rollout || rollout === 'invalid') continue;
      const allowed = profile.settings.maxConcurrentDisruption;
      const tail = `[${profile.name}: ${profile.reason}]`;
      if (rollout.type === 'Recreate') {
        context.report({
          object: workload,
          span: rollout.typeField?.fieldSpan ?? rollout.anchor,
          message:
            `${label} uses the Recreate strategy: every rollout stops all pods before new ones start, ` +
            `cutting every in-flight request and leaving no replica to serve during the cold start. Use RollingUpdate with maxUnavailable: ${allowed}. ${tail}`,
        });
        continue;
      }
      if (rollout.type !== 'RollingUpdate' && rollout.type !== 'Canary') continue;
      const pods = largestScale(workload, context.index);
      if (pods?.count === undefined) continue;
      const unavailable = scaled(rollout.maxUnavailable, pods.count, rollout.roundUp);
      if (unavailable <= allowed) continue;
      const rounding =
        typeof rollout.maxUnavailable === 'string'
          ? ` (${rollout.maxUnavailable} of ${pods.count} rounded ${rollout.roundUp ? 'up' : 'down'})`
          : '';
      const written = rollout.maxUnavailableField ? `maxUnavailable: ${describeAmount(rollout.maxUnavailable)}` : `the default maxUnavailable of ${describeAmount(rollout.maxUnavailable)}`;
      context.report({
        object: workload,
        span: rollout.maxUnavailableField?.fieldSpan ?? rollout.anchor,
        message:
          `${label} rolls out with ${written}: ${unavailable} of its ${pods.description} go at once${rounding}, ` +
          `more than the ${allowed} the ${profile.name} profile allows; each takes its in-flight requests and a cold start with it. ` +
          `Use maxUnavailable: ${allowed}${workload.kind === 'StatefulSet' ? '' : ' (or 0 with maxSurge: 1)'}. ${tail}`,
      });
    }
  },
});
