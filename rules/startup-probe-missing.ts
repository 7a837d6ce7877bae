import { combine, defineRule, formatSeconds, heldBy, isSupplied, livenessStartWindow, parseDuration, suppliedUnfixable, timingKnown, type Json, type Probe } from '../src/rule-kit/index.js';

const TIMING = ['initialDelaySeconds', 'periodSeconds', 'failureThreshold'] as const;

export default defineRule({
  meta: {
    id: 'startup-probe-missing',
    description: 'A GPU inference container has a liveness probe but no startupProbe, and liveness gives up before a cold start can finish.',
    defaultSeverity: 'warn',
    fixable: 'safe',
    docs: { finds: "a GPU server's liveness probe, with no startupProbe, gives up before a cold start can finish (option `coldStart`, 120 s)" },
    messages: {
      noStartupProbe: `Container {{container}} of {{label}} has a liveness probe but no startupProbe: the kubelet restarts the container when the server has not answered {{window}} after it starts (initialDelaySeconds {{initialDelay}} + periodSeconds {{period}} × failureThreshold {{failures}}), but pulling the image, loading weights into GPU memory and warming up can take {{coldStart}}. A slow model load then ends in a restart loop, and the replacement for every drained pod may never become ready. Add a startupProbe with the liveness check, periodSeconds: {{period}} and failureThreshold: {{startupFailures}} ({{startupWindow}}).`,
    },
    options: {
      coldStart: {
        type: ['number', 'string'],
        minimum: 0,
        pattern: '^\\s*(\\d+(\\.\\d+)?|((\\d+(\\.\\d+)?)(ms|s|m|h))+)\\s*$',
        default: 120 as number | string,
        description: 'The longest cold start (image pull, weights into GPU memory, warm-up) liveness must tolerate: seconds, or a duration such as "3m".',
      },
    },
  },
  check(context) {
    const { coldStart } = context.options;
    const budget = typeof coldStart === 'number' ? coldStart : parseDuration(coldStart);
    if (budget === undefined) return;
    for (const subject of context.drainSubjects) {
      const { serving, label, profile } = subject;
      const liveness = serving?.livenessProbe;
      if (profile.name !== 'gpu-inference' || !serving || !liveness || serving.startupProbe) continue;
      if (serving.opaque.has('livenessProbe') || serving.opaque.has('startupProbe')) continue;
      if (!timingKnown(liveness, TIMING)) continue;
      const window = livenessStartWindow(liveness);
      if (window >= budget) continue;
      const period = liveness.periodSeconds;
      const failures = Math.ceil(budget / period);
      // Added beside the liveness probe: on the ServingRuntime's container where the liveness comes from there.
      const holder = heldBy(subject, serving, 'livenessProbe');
      const fromRuntime = holder.object !== subject.workload ? serving.merged : undefined;
      context.report({
        ...holder,
        span: fromRuntime ? liveness.view.anchor : serving.view.keySpan('livenessProbe'),
        fix: isSupplied(serving, 'livenessProbe')
          ? suppliedUnfixable(serving, 'livenessProbe', subject.template.operator?.inexpressible?.probes)
          : serving.lists
          ? // A container read from a resource's own fields (a NIMService's) holds its probes in the resource's shape.
            { unfixable: `not fixed: write a startupProbe at ${serving.probePaths?.startupProbe ?? 'the resource'} by hand` }
          : startupFix(liveness, period, failures, (probe) =>
              combine('safe', `add a startupProbe with the liveness check covering ${failures * period} s`, context.editor(holder.object).set(fromRuntime?.base ?? serving.view, 'startupProbe', probe)),
            ),
        messageId: 'noStartupProbe',
        data: {
          container: serving.name ?? '(unnamed)',
          label,
          window: formatSeconds(window),
          initialDelay: liveness.initialDelaySeconds,
          period,
          failures: liveness.failureThreshold,
          coldStart: formatSeconds(budget),
          startupFailures: failures,
          startupWindow: formatSeconds(failures * period),
        },
        profile,
      });
    }
  },
});

/** The liveness handler (httpGet, tcpSocket, grpc or exec), as written, in a startupProbe. */
function startupFix<T>(liveness: Probe, period: number, failures: number, build: (probe: Json) => T): T | undefined {
  if (liveness.kind === 'unknown' || liveness.kind === 'sleep') return undefined;
  const handler = liveness.view.map(liveness.kind);
  if (!handler) return undefined;
  // The same timeout: a health endpoint that needs 5 s would otherwise fail every startup check.
  const timeout = liveness.fields.timeoutSeconds ? { timeoutSeconds: liveness.timeoutSeconds } : {};
  return build({ [liveness.kind]: handler.toJS() as Json, ...timeout, periodSeconds: period, failureThreshold: failures } as Json);
}
