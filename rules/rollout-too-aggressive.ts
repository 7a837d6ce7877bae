import {
  combine,
  defineRule,
  describeAmount,
  describeObject,
  largestScale,
  readRollout,
  rolloutUnavailable,
  scaleOwner,
  statefulSetMaxUnavailableGate,
  statefulSetMaxUnavailableReleases,
  type Change,
  type FixOutcome,
  type Json,
  type ManifestEditor,
  type RolloutStrategy,
  type Unfixable,
  type Workload,
} from '../src/rule-kit/index.js';

const TOO_MANY = '{{unavailable}} of its {{pods}} go at once{{rounding}}, more than the {{allowed}} the {{profileName}} profile allows; each takes its in-flight requests and a cold start with it. Use maxUnavailable: {{allowed}}{{surgeAdvice}}.{{gateNote}}';

type FixWith = 'maxUnavailable' | 'maxSurge';

export default defineRule({
  meta: {
    id: 'rollout-too-aggressive',
    description: 'A profiled workload\'s rollout takes more pods out at once than its profile allows, or recreates them all.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    docs: { finds: 'a rollout takes more pods at once than the profile allows, or uses Recreate' },
    messages: {
      recreate: '{{label}} uses the Recreate strategy: every rollout stops all pods before new ones start, cutting every in-flight request and leaving no replica to serve during the cold start. Use RollingUpdate with maxUnavailable: {{allowed}}.',
      setsTooMany: `{{label}} rolls out with maxUnavailable: {{maxUnavailable}}: ${TOO_MANY}`,
      defaultTooMany: `{{label}} rolls out with the default maxUnavailable of {{maxUnavailable}}: ${TOO_MANY}`,
    },
    options: {
      fixWith: {
        enum: ['maxUnavailable', 'maxSurge'],
        default: 'maxUnavailable' as FixWith,
        description: '"maxUnavailable": maxUnavailable set to the allowed count; "maxSurge": maxUnavailable 0 with maxSurge 1 (needs a spare GPU for the extra pod).',
      },
    },
  },
  check(context) {
    const judged = new Set<unknown>();
    for (const subject of context.drainSubjects) {
      const { profile } = subject;
      // A Deployment behind an Argo Rollout's workloadRef is rolled by the Rollout's strategy.
      const workload = scaleOwner(subject.workload);
      const label = workload === subject.workload ? subject.label : describeObject(workload);
      if (judged.has(workload.root.node)) continue;
      judged.add(workload.root.node);
      const rollout = readRollout(workload);
      if (!rollout || rollout === 'invalid') continue;
      const allowed = profile.settings.maxConcurrentDisruption;
      const fix = () => rolloutFix(context.editor(workload), context.options.fixWith, workload, rollout, allowed);
      if (rollout.type === 'Recreate') {
        context.report({
          object: workload,
          span: rollout.typeField?.fieldSpan ?? rollout.anchor,
          fix: fix(),
          messageId: 'recreate',
          data: { label, allowed },
          profile,
        });
        continue;
      }
      if (rollout.type !== 'RollingUpdate' && rollout.type !== 'Canary') continue;
      const pods = largestScale(workload, context.index);
      if (pods?.count === undefined) continue;
      const unavailable = rolloutUnavailable(rollout, pods.count);
      if (unavailable <= allowed) continue;
      const gate = workload.kind === 'StatefulSet' ? statefulSetMaxUnavailableGate(context.kubernetesVersion) : 'on';
      // Where the feature gate is off the StatefulSet controller ignores the field.
      if (gate === 'off') continue;
      const rounding =
        typeof rollout.maxUnavailable === 'string'
          ? ` (${rollout.maxUnavailable} of ${pods.count} rounded down${rollout.atLeastOne ? ', never below 1' : ''})`
          : '';
      context.report({
        object: workload,
        span: rollout.maxUnavailableField?.fieldSpan ?? rollout.anchor,
        fix: fix(),
        messageId: rollout.maxUnavailableField ? 'setsTooMany' : 'defaultTooMany',
        data: {
          label,
          maxUnavailable: describeAmount(rollout.maxUnavailable),
          unavailable,
          pods: pods.description,
          rounding,
          allowed,
          profileName: profile.name,
          surgeAdvice: workload.kind === 'StatefulSet' ? '' : ' (or 0 with maxSurge: 1)',
          gateNote: gate === 'unknown' ? gateNote(context.kubernetesVersion) : '',
        },
        profile,
      });
    }
  },
});

/** Why a StatefulSet finding may not apply to the cluster, when kubernetesVersion does not say. */
function gateNote(kubernetesVersion: string | undefined): string {
  const which = kubernetesVersion
    ? `kubernetesVersion ${kubernetesVersion} names no patch release: give it (e.g. "${kubernetesVersion}.4") to judge by it`
    : 'set kubernetesVersion to judge by your cluster';
  return ` This holds only where the MaxUnavailableStatefulSet feature gate is on, by default in Kubernetes ${statefulSetMaxUnavailableReleases()}; elsewhere the field has no effect and pods are replaced one at a time (${which}).`;
}

/** The rollout settings that take at most `allowed` pods at once, written where they belong. */
function rolloutFix(editor: ManifestEditor, fixWith: FixWith, workload: Workload, rollout: RolloutStrategy, allowed: number): FixOutcome {
  if (rollout.maxUnavailableFixed) {
    // Only the type can change here: from Recreate to a rolling update, at the resource's fixed maxUnavailable.
    if (rollout.type === 'Recreate' && rollout.typeAt) {
      return combine('unsafe', 'roll out with RollingUpdate', editor.set(rollout.typeAt.view, rollout.typeAt.key, 'RollingUpdate'));
    }
    return { unfixable: `the resource cannot express it: ${rollout.maxUnavailableFixed}` };
  }
  const spec = workload.root.map('spec')!;
  const surge = fixWith === 'maxSurge' && workload.kind !== 'StatefulSet';
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
