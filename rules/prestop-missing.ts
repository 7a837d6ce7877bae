import {
  combine,
  defineRule,
  DRAIN_MARKER,
  drainOwnedBy,
  heldBy,
  inexpressible,
  isSupplied,
  effectiveGrace,
  markerAwareReadiness,
  markerPreStop,
  NATIVE_SLEEP_MINOR,
  versionAtLeast,
  type Container,
  type FixOutcome,
  type ManifestEditor,
} from '../src/rule-kit/index.js';

export default defineRule({
  meta: {
    id: 'prestop-missing',
    description: 'The serving container of a profiled workload has no preStop hook, so it gets traffic after SIGTERM.',
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: { finds: 'the serving container has no preStop hook' },
    messages: {
      noPreStop: `Container {{container}} of {{label}} has no preStop hook: SIGTERM arrives while EndpointSlices, kube-proxy and ingress controllers still route new requests to the pod, and those requests fail. Add lifecycle.preStop.sleep.seconds: {{seconds}} (Kubernetes ≥ 1.${NATIVE_SLEEP_MINOR}) or an exec "sleep {{seconds}}".`,
    },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, preStop, label, profile } = subject;
      // Without connections there is no endpoint to leave, so nothing for a preStop to wait for.
      if (!serving || preStop.kind !== 'missing' || !subject.receivesTraffic || drainOwnedBy(subject.template)) continue;
      // Pods that leave routing on SIGTERM by themselves (Dynamo workers) have no endpoints to wait for.
      if (subject.template.operator?.drainsWithoutPreStop) continue;
      const seconds = profile.settings.preStop;
      const holder = heldBy(subject, serving, 'container');
      context.report({
        ...holder,
        span: serving.lifecycle ? serving.view.keySpan('lifecycle') : serving.anchor,
        messageId: 'noPreStop',
        data: { container: serving.name ?? '(unnamed)', label, seconds },
        profile,
        fix: preStopFix(context.editor(holder.object), context.kubernetesVersion, serving, seconds, effectiveGrace(subject.template.spec)),
        ...inexpressible(subject.template, 'preStop'),
      });
    }
  },
});

/**
 * Safe where the cluster has the native sleep action; otherwise the marker pattern, unsafe
 * because the image needs a shell (and curl for an httpGet readiness check).
 */
function preStopFix(editor: ManifestEditor, kubernetesVersion: string | undefined, serving: Container, seconds: number, grace: number | undefined): FixOutcome {
  if (versionAtLeast(kubernetesVersion, NATIVE_SLEEP_MINOR)) {
    // The API server rejects a native sleep longer than the grace period: raise that first.
    if (grace === undefined || seconds > grace) {
      return { unfixable: `not fixed: a native preStop sleep of ${seconds} s must not exceed the grace period (${grace === undefined ? 'unreadable' : `${grace} s`}), or the API server rejects the pod; raise terminationGracePeriodSeconds first` };
    }
    const preStop = { sleep: { seconds } };
    return combine(
      'safe',
      `add a ${seconds} s preStop sleep`,
      serving.lifecycle ? editor.set(serving.lifecycle, 'preStop', preStop) : editor.set(serving.view, 'lifecycle', { preStop }),
    );
  }
  // Without a readiness probe of the user's own there is none to make marker-aware.
  if (!serving.readinessProbe || isSupplied(serving, 'readinessProbe')) {
    return combine('unsafe', `add an exec preStop "sleep ${seconds}"`, markerPreStop(editor, serving, DRAIN_MARKER, seconds));
  }
  return combine(
    'unsafe',
    `add a preStop that writes ${DRAIN_MARKER} and sleeps ${seconds} s, and a readiness probe that fails on it`,
    markerPreStop(editor, serving, DRAIN_MARKER, seconds),
    ...markerAwareReadiness(editor, serving, DRAIN_MARKER),
  );
}
