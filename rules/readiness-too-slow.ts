import {
  combine,
  defineRule,
  DRAIN_AWARE_PATHS_OPTION,
  drainOwnedBy,
  heldBy,
  FAST_READINESS,
  flipSeconds,
  formatSeconds,
  isSupplied,
  READINESS_DURING_DRAIN,
  readinessDrainAware,
  servesClients,
  suppliedUnfixable,
  testedMarkers,
  timingKnown,
} from '../src/rule-kit/index.js';
import prestopTooShort from './prestop-too-short.js';

const TIMING = ['periodSeconds', 'failureThreshold', 'timeoutSeconds'] as const;

/** What the readiness-ignores-drain fix and this rule's fix set: flips in period × threshold + the timeout. */
const FAST = FAST_READINESS;

/** `{{afterMarker}}`: ` after <marker> is written` when the probe tests a drain marker, else empty. */
const TOO_SLOW = `Container {{container}} of {{label}}: the readiness probe needs up to {{flip}} to report the pod unready (periodSeconds {{period}} × failureThreshold {{threshold}} + timeoutSeconds {{timeout}}), longer than the {{preStop}} preStop sleep{{afterMarker}}: its terminating endpoint still reports serving=true when preStop returns and SIGTERM starts the shutdown, so ${READINESS_DURING_DRAIN} keep sending new requests, and they fail. Set periodSeconds: ${FAST.periodSeconds} and failureThreshold: ${FAST.failureThreshold} ({{fast}})` as const;

export default defineRule({
  meta: {
    id: 'readiness-too-slow',
    description: 'The readiness probe needs longer to fail than the preStop sleep lasts, so whatever reads pod readiness still sends requests after preStop returns.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    docs: { finds: 'readiness needs longer to fail (period × failureThreshold + timeout) than the preStop sleep lasts' },
    messages: {
      tooSlow: `${TOO_SLOW}.`,
      tooSlowEvenFast: `${TOO_SLOW}, and sleep longer than {{fast}}.`,
    },
    options: {
      drainAwarePaths: { ...DRAIN_AWARE_PATHS_OPTION, default: [] as string[] },
    },
  },
  check(context) {
    // prestop-too-short's minimum, as the user configured it: a sleep below it is that rule's finding first.
    const { minSeconds } = context.optionsOf(prestopTooShort);
    for (const subject of context.drainSubjects) {
      const { serving, preStop, label, profile } = subject;
      const readiness = serving?.readinessProbe;
      // No preStop: prestop-missing. No readiness: readiness-missing. A preStop of unknown length: nothing to compare.
      if (!serving?.preStop || !readiness || preStop.kind !== 'measured') continue;
      if (serving.opaque.has('readinessProbe') || serving.opaque.has('lifecycle')) continue;
      if (!servesClients(subject.workload, subject.template, subject.receivesTraffic)) continue;
      // Where the operator drains the pod, or traffic leaves it without readiness, its flip time does not matter.
      if (drainOwnedBy(subject.template) || subject.template.operator?.leavesWithoutReadiness) continue;
      // A probe that does not react to the drain never flips during the preStop, however fast it
      // runs: readiness-ignores-drain reports it, and its fix brings the fast timing with it. An
      // operator's probe is judged by its timing alone: its drain awareness is not the user's to add.
      const supplied = isSupplied(serving, 'readinessProbe');
      if (!supplied && !readinessDrainAware(serving, readiness, context.options.drainAwarePaths)) continue;
      if (!timingKnown(readiness, TIMING)) continue;
      const flip = flipSeconds(readiness);
      if (flip <= preStop.seconds) continue;
      // A sleep too short for any probe (below prestop-too-short's minimum) is one mistake, not
      // two, when the sleep that rule asks for (the profile's, at least the minimum) covers the flip.
      if (preStop.seconds < minSeconds && flip <= Math.max(minSeconds, profile.settings.preStop)) continue;
      const fast = FAST.periodSeconds * FAST.failureThreshold + readiness.timeoutSeconds;
      const [marker] = testedMarkers(serving, readiness);
      const field = readiness.fields.failureThreshold ?? readiness.fields.periodSeconds;
      const holder = heldBy(subject, serving, 'readinessProbe');
      context.report({
        ...holder,
        span: field?.fieldSpan ?? readiness.view.anchor,
        messageId: fast > preStop.seconds ? 'tooSlowEvenFast' : 'tooSlow',
        data: {
          container: serving.name ?? '(unnamed)',
          label,
          flip: formatSeconds(flip),
          period: readiness.periodSeconds,
          threshold: readiness.failureThreshold,
          timeout: readiness.timeoutSeconds,
          preStop: formatSeconds(preStop.seconds),
          afterMarker: marker ? ` after ${marker} is written` : '',
          fast: formatSeconds(fast),
        },
        profile,
        explain: {
          kind: 'readiness-flip',
          periodSeconds: readiness.periodSeconds,
          failureThreshold: readiness.failureThreshold,
          timeoutSeconds: readiness.timeoutSeconds,
          flip,
          preStop: preStop.seconds,
        },
        ...(supplied
          ? { fix: suppliedUnfixable(serving, 'readinessProbe', subject.template.operator?.inexpressible?.probes) }
          : readiness.periodSeconds === FAST.periodSeconds && readiness.failureThreshold === FAST.failureThreshold
          ? {}
          : {
              fix: combine(
                'unsafe',
                `set the readiness probe to periodSeconds: ${FAST.periodSeconds}, failureThreshold: ${FAST.failureThreshold}`,
                context.editor(holder.object).set(readiness.view, 'periodSeconds', FAST.periodSeconds),
                context.editor(holder.object).set(readiness.view, 'failureThreshold', FAST.failureThreshold),
              ),
            }),
      });
    }
  },
});
