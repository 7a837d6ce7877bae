import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { combine, type Change } from '../src/languages/yaml/editor.js';
import type { Json } from '../src/languages/yaml/render.js';
import type { FixOutcome, Unfixable } from '../src/core/fix.js';
import { largestScale } from '../src/analysis/disruption.js';
import { describeAmount, readRollout, scaled, type RolloutStrategy } from '../src/model/rollout.js';
import type { Workload } from '../src/model/workload.js';

interface Options {
  /** How the fix keeps capacity: take one pod down at a time, or surge one extra pod first. */
  fixWith: 'maxUnavailable' | 'maxSurge';
}

export default defineRule<Options>({
  meta: {
    id: 'rollout-too-aggressive',
    description: 'A profiled workload\'s rollout takes more pods out at once than its profile allows, or recreates them all.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fixWith: {
          enum: ['maxUnavailable', 'maxSurge'],
          description: '"maxUnavailable" (default): maxUnavailable set to the allowed count; "maxSurge": maxUnavailable 0 with maxSurge 1 (needs a spare GPU for the extra pod).',
        },
      },
    },
    defaultOptions: { fixWith: 'maxUnavailable' },
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
          fix: rolloutFix(context, workload, rollout, allowed),
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
        fix: rolloutFix(context, workload, rollout, allowed),
        message:
          `${label} rolls out with ${written}: ${unavailable} of its ${pods.description} go at once${rounding}, ` +
          `more than the ${allowed} the ${profile.name} profile allows; each takes its in-flight requests and a cold start with it. ` +
          `Use maxUnavailable: ${allowed}${workload.kind === 'StatefulSet' ? '' : ' (or 0 with maxSurge: 1)'}. ${tail}`,
      });
    }
  },
});

/** The rollout settings that take at most `allowed` pods at once, written where they belong. */
function rolloutFix(context: RuleContext<Options>, workload: Workload, rollout: RolloutStrategy, allowed: number): FixOutcome {
  const editor = context.editor(workload);
  const spec = workload.root.map('spec')!;
  const surge = context.options.fixWith === 'maxSurge' && workload.kind !== 'StatefulSet';
  const target: Record<string, Json> = surge ? { maxUnavailable: 0, maxSurge: 1 } : { maxUnavailable: allowed };
  const description = surge ? 'roll out with maxUnavailable: 0 and maxSurge: 1' : `roll out with maxUnavailable: ${allowed}`;
  const setAll = (view: NonNullable<ReturnType<typeof spec.map>>) => Object.entries(target).map(([k, v]) => editor.set(view, k, v));
  const changes: (Change | Unfixable)[] = [];
  if (workload.kind === 'Rollout') {
    changes.push(...setAll(spec.map('strategy')!.map('canary')!));
  } else {
    const strategyKey = workload.kind === 'StatefulSet' ? 'updateStrategy' : 'strategy';
    const strategy = spec.map(strategyKey);
    if (!strategy) {
      changes.push(editor.set(spec, strategyKey, { type: 'RollingUpdate', rollingUpdate: target }));
    } else {
      if (rollout.type === 'Recreate') changes.push(editor.set(strategy, 'type', 'RollingUpdate'));
      const rolling = strategy.map('rollingUpdate');
      changes.push(...(rolling ? setAll(rolling) : [editor.set(strategy, 'rollingUpdate', target)]));
    }
  }
  return combine('unsafe', description, ...changes);
}
