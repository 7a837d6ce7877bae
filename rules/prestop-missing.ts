import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { DrainSubject } from '../src/analysis/subjects.js';
import { DRAIN_MARKER, markerAwareReadiness, markerPreStop, versionAtLeast } from '../src/rule-kit/drain-fixes.js';
import { combine } from '../src/languages/yaml/editor.js';
import type { FixOutcome } from '../src/core/fix.js';
import type { Container } from '../src/model/pod.js';

/** The native preStop `sleep` action is on by default from Kubernetes 1.30 (KEP-3960, beta). */
const NATIVE_SLEEP_MINOR = 30;

export default defineRule({
  meta: {
    id: 'prestop-missing',
    description: 'The serving container of a profiled workload has no preStop hook, so it gets traffic after SIGTERM.',
    defaultSeverity: 'error',
    fixable: 'safe',
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, preStop, label, profile } = subject;
      // Without connections there is no endpoint to leave, so nothing for a preStop to wait for.
      if (!serving || preStop.kind !== 'missing' || !subject.receivesTraffic) continue;
      const seconds = profile.settings.preStop;
      context.report({
        object: subject.workload,
        span: serving.lifecycle ? serving.view.keySpan('lifecycle') : serving.anchor,
        fix: preStopFix(context, subject, serving, seconds),
        message:
          `Container ${serving.name ?? '(unnamed)'} of ${label} has no preStop hook: SIGTERM arrives while EndpointSlices, ` +
          `kube-proxy and ingress controllers still route new requests to the pod, and those requests fail. ` +
          `Add lifecycle.preStop.sleep.seconds: ${seconds} (Kubernetes ≥ 1.30) or an exec "sleep ${seconds}". ` +
          `[${profile.name}: ${profile.reason}]`,
      });
    }
  },
});

/**
 * Safe where the cluster has the native sleep action; otherwise the marker pattern, unsafe
 * because the image needs a shell (and curl for an httpGet readiness check).
 */
function preStopFix(context: RuleContext, subject: DrainSubject, serving: Container, seconds: number): FixOutcome {
  const editor = context.editor(subject.workload);
  if (versionAtLeast(context.kubernetesVersion, NATIVE_SLEEP_MINOR)) {
    const preStop = { sleep: { seconds } };
    return combine(
      'safe',
      `add a ${seconds} s preStop sleep`,
      serving.lifecycle ? editor.set(serving.lifecycle, 'preStop', preStop) : editor.set(serving.view, 'lifecycle', { preStop }),
    );
  }
  if (!serving.readinessProbe) {
    return combine('unsafe', `add an exec preStop "sleep ${seconds}"`, markerPreStop(editor, serving, DRAIN_MARKER, seconds));
  }
  return combine(
    'unsafe',
    `add a preStop that writes ${DRAIN_MARKER} and sleeps ${seconds} s, and a readiness probe that fails on it`,
    markerPreStop(editor, serving, DRAIN_MARKER, seconds),
    ...markerAwareReadiness(editor, serving, DRAIN_MARKER),
  );
}
