import { defineRule } from '../src/engine/rule.js';
import { combine } from '../src/languages/yaml/editor.js';
import type { Container, Probe } from '../src/model/pod.js';
import { failureWindow, resolvedPort, sameCheck, testedMarkers } from '../src/model/probes.js';

/** A liveness probe should tolerate a minute of slow answers before restarting a busy server. */
const MIN_WINDOW_SECONDS = 60;

export default defineRule({
  meta: {
    id: 'liveness-gates-on-load',
    description: 'The liveness probe fails on drain or load (tests the drain marker, repeats readiness, or gives up in under 60 s).',
    defaultSeverity: 'error',
    fixable: 'safe',
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, label, profile } = subject;
      const liveness = serving?.livenessProbe;
      if (!serving || !liveness || serving.opaque.has('livenessProbe') || serving.opaque.has('readinessProbe')) continue;
      const container = `Container ${serving.name ?? '(unnamed)'} of ${label}`;
      const span = serving.view.keySpan('livenessProbe');
      const tail = `[${profile.name}: ${profile.reason}]`;
      const markers = testedMarkers(serving, liveness);
      if (markers.length > 0) {
        context.report({
          object: subject.workload,
          span,
          message:
            `${container}: the liveness probe tests the drain marker ${markers.join(', ')}: a marker written outside a termination ` +
            `(to take the pod out of rotation) or one left on a volume across a restart makes the kubelet kill a healthy server in a restart loop. ` +
            `Liveness must only check that the process is alive; leave the marker to readiness. ${tail}`,
        });
        continue;
      }
      const readiness = serving.readinessProbe;
      if (readiness && sameCheck(liveness, readiness, serving)) {
        context.report({
          object: subject.workload,
          span,
          message:
            `${container}: the liveness probe runs the same check as readiness, so a server too busy to answer it in time is restarted, ` +
            `killing every in-flight request, instead of being taken out of rotation. ` +
            `Make liveness a cheap check that the process is alive (e.g. tcpSocket) with loose thresholds. ${tail}`,
        });
        continue;
      }
      const window = failureWindow(liveness);
      if (liveness.kind === 'exec' || window >= MIN_WINDOW_SECONDS || !onServingPort(liveness, serving, readiness)) continue;
      const field = liveness.fields.failureThreshold ?? liveness.fields.periodSeconds;
      const needed = Math.ceil(MIN_WINDOW_SECONDS / liveness.periodSeconds);
      context.report({
        object: subject.workload,
        span: field?.fieldSpan ?? span,
        severity: 'warn',
        fix: combine('safe', `raise failureThreshold to ${needed}`, context.editor(subject.workload).set(liveness.view, 'failureThreshold', needed)),
        message:
          `${container}: the liveness probe on the serving port restarts the container after ${window} s of failures ` +
          `(periodSeconds ${liveness.periodSeconds} × failureThreshold ${liveness.failureThreshold}), which a long generation or a load spike can cause. ` +
          `Raise failureThreshold to ${needed} (${needed * liveness.periodSeconds} s). ${tail}`,
      });
    }
  },
});

/** The probe hits the port the server answers on: readiness's port, or the container's only port. */
function onServingPort(liveness: Probe, container: Container, readiness: Probe | undefined): boolean {
  const port = resolvedPort(liveness, container);
  if (port === undefined) return false;
  const readinessPort = readiness && resolvedPort(readiness, container);
  if (readinessPort !== undefined) return readinessPort === port;
  const [only, ...others] = container.ports;
  return only !== undefined && others.length === 0 && String(only.containerPort) === port;
}
