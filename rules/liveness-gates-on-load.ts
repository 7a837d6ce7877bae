import { combine, defineRule, failureWindow, LIVENESS_MIN_WINDOW_SECONDS, heldBy, isSupplied, resolvedPort, sameCheck, suppliedUnfixable, testedMarkers, type Container, type Probe } from '../src/rule-kit/index.js';


export default defineRule({
  meta: {
    id: 'liveness-gates-on-load',
    description: `The liveness probe fails on drain or load (tests the drain marker, repeats readiness, or gives up in under ${LIVENESS_MIN_WINDOW_SECONDS} s).`,
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: {
      finds: `liveness tests the drain marker or repeats readiness (error); liveness on the serving port gives up in under ${LIVENESS_MIN_WINDOW_SECONDS} s (warn)`,
      alsoWarns: true,
    },
    messages: {
      testsMarker: `Container {{container}} of {{label}}: the liveness probe tests the drain marker {{markers}}: a marker written outside a termination (to take the pod out of rotation) or one left on a volume across a restart makes the kubelet kill a healthy server in a restart loop. Liveness must only check that the process is alive; leave the marker to readiness.`,
      repeatsReadiness: `Container {{container}} of {{label}}: the liveness probe runs the same check as readiness, so a server too busy to answer it in time is restarted, killing every in-flight request, instead of being taken out of rotation. Make liveness a cheap check that the process is alive (e.g. tcpSocket) with loose thresholds.`,
      givesUpFast: `Container {{container}} of {{label}}: the liveness probe on the serving port restarts the container after {{window}} s of failures (periodSeconds {{period}} × failureThreshold {{failures}}), which a long generation or a load spike can cause. Raise failureThreshold to {{needed}} ({{neededWindow}} s).`,
    },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, label, profile } = subject;
      const liveness = serving?.livenessProbe;
      if (!serving || !liveness || serving.opaque.has('livenessProbe') || serving.opaque.has('readinessProbe')) continue;
      const container = serving.name ?? '(unnamed)';
      const holder = heldBy(subject, serving, 'livenessProbe');
      const span = holder.object === subject.workload ? serving.view.keySpan('livenessProbe') : liveness.view.anchor;
      // The operator's liveness is judged by its window only: the user did not write its check.
      const supplied = isSupplied(serving, 'livenessProbe');
      const markers = supplied ? [] : testedMarkers(serving, liveness);
      if (markers.length > 0) {
        context.report({ ...holder, span, messageId: 'testsMarker', data: { container, label, markers: markers.join(', ') }, profile });
        continue;
      }
      const readiness = serving.readinessProbe;
      if (!supplied && readiness && !isSupplied(serving, 'readinessProbe') && sameCheck(liveness, readiness, serving)) {
        context.report({ ...holder, span, messageId: 'repeatsReadiness', data: { container, label }, profile });
        continue;
      }
      const window = failureWindow(liveness);
      if (liveness.kind === 'exec' || window >= LIVENESS_MIN_WINDOW_SECONDS || !onServingPort(liveness, serving, readiness, subject.template.operator?.statusPorts)) continue;
      const field = liveness.fields.failureThreshold ?? liveness.fields.periodSeconds;
      const needed = Math.ceil(LIVENESS_MIN_WINDOW_SECONDS / liveness.periodSeconds);
      context.report({
        ...holder,
        span: field?.fieldSpan ?? span,
        severity: 'warn',
        fix: supplied
          ? suppliedUnfixable(serving, 'livenessProbe', subject.template.operator?.inexpressible?.probes)
          : combine('safe', `raise failureThreshold to ${needed}`, context.editor(holder.object).set(liveness.view, 'failureThreshold', needed)),
        messageId: 'givesUpFast',
        data: {
          container,
          label,
          window,
          period: liveness.periodSeconds,
          failures: liveness.failureThreshold,
          needed,
          neededWindow: needed * liveness.periodSeconds,
        },
        profile,
      });
    }
  },
});

/**
 * The probe hits the port the server answers on: readiness's port, or the container's only port;
 * never the operator's status server (Dynamo's `system` port, which carries no requests).
 */
function onServingPort(liveness: Probe, container: Container, readiness: Probe | undefined, statusPorts: readonly string[] = []): boolean {
  const port = resolvedPort(liveness, container);
  if (port === undefined) return false;
  const written = liveness.httpGet?.port?.value ?? liveness.tcpSocketPort?.value ?? liveness.grpcPort?.value;
  if (statusPorts.includes(String(written)) || statusPorts.includes(port)) return false;
  const readinessPort = readiness && resolvedPort(readiness, container);
  if (readinessPort !== undefined) return readinessPort === port;
  const [only, ...others] = container.ports;
  return only !== undefined && others.length === 0 && String(only.containerPort) === port;
}
