import { defineRule } from '../src/engine/rule.js';
import { combine } from '../src/languages/yaml/editor.js';
import { servesClients } from '../src/analysis/client-traffic.js';
import { DRAIN_AWARE_PATHS_OPTION, readinessDrainAware } from '../src/analysis/drain-awareness.js';
import { flipSeconds, timingKnown } from '../src/analysis/probe-timing.js';
import { testedMarkers } from '../src/model/probes.js';
import { formatSeconds } from '../src/model/units.js';

interface Options {
  /** httpGet readiness paths that start failing when the pod drains (as for readiness-ignores-drain). */
  drainAwarePaths: string[];
}

const TIMING = ['periodSeconds', 'failureThreshold', 'timeoutSeconds'] as const;

/** prestop-too-short's default minimum: a sleep below it is that rule's finding first. */
const MIN_PRESTOP_SECONDS = 5;

/** What the readiness-ignores-drain fix and this rule's fix set: flips in 2 × 1 s + the timeout. */
const FAST = { periodSeconds: 2, failureThreshold: 1 };

export default defineRule<Options>({
  meta: {
    id: 'readiness-too-slow',
    description: 'The readiness probe needs longer to fail than the preStop sleep lasts, so requests still arrive after preStop returns.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        drainAwarePaths: DRAIN_AWARE_PATHS_OPTION,
      },
    },
    defaultOptions: { drainAwarePaths: [] },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, preStop, label, profile } = subject;
      const readiness = serving?.readinessProbe;
      // No preStop: prestop-missing. No readiness: readiness-missing. A preStop of unknown length: nothing to compare.
      if (!serving?.preStop || !readiness || preStop.kind !== 'measured') continue;
      if (serving.opaque.has('readinessProbe') || serving.opaque.has('lifecycle')) continue;
      if (!servesClients(subject.workload, subject.template, subject.receivesTraffic)) continue;
      // A probe that does not react to the drain never flips during the preStop, however fast it
      // runs: readiness-ignores-drain reports it, and its fix brings the fast timing with it.
      if (!readinessDrainAware(serving, readiness, context.options.drainAwarePaths)) continue;
      if (!timingKnown(readiness, TIMING)) continue;
      const flip = flipSeconds(readiness);
      if (flip <= preStop.seconds) continue;
      // A sleep too short for any probe (below prestop-too-short's minimum) is one mistake, not two.
      if (preStop.seconds < MIN_PRESTOP_SECONDS && flip <= MIN_PRESTOP_SECONDS) continue;
      const fast = FAST.periodSeconds * FAST.failureThreshold + readiness.timeoutSeconds;
      const [marker] = testedMarkers(serving, readiness);
      const field = readiness.fields.failureThreshold ?? readiness.fields.periodSeconds;
      context.report({
        object: subject.workload,
        span: field?.fieldSpan ?? serving.view.keySpan('readinessProbe'),
        ...(readiness.periodSeconds === FAST.periodSeconds && readiness.failureThreshold === FAST.failureThreshold
          ? {}
          : {
              fix: combine(
                'unsafe',
          `set the readiness probe to periodSeconds: ${FAST.periodSeconds}, failureThreshold: ${FAST.failureThreshold}`,
          context.editor(subject.workload).set(readiness.view, 'periodSeconds', FAST.periodSeconds),
          context.editor(subject.workload).set(readiness.view, 'failureThreshold', FAST.failureThreshold),
              ),
            }),
        message:
          `Container ${serving.name ?? '(unnamed)'} of ${label}: the readiness probe needs up to ${formatSeconds(flip)} to report the pod unready ` +
          `(periodSeconds ${readiness.periodSeconds} × failureThreshold ${readiness.failureThreshold} + timeoutSeconds ${readiness.timeoutSeconds}), ` +
          `longer than the ${formatSeconds(preStop.seconds)} preStop sleep${marker ? ` after ${marker} is written` : ''}: the pod is still in rotation when preStop returns and SIGTERM starts the shutdown, ` +
          `so new requests keep arriving and fail. Set periodSeconds: ${FAST.periodSeconds} and failureThreshold: ${FAST.failureThreshold} (${formatSeconds(fast)})` +
          (fast > preStop.seconds ? `, and sleep longer than ${formatSeconds(fast)}` : '') +
          `. [${profile.name}: ${profile.reason}]`,
      });
    }
  },
});
