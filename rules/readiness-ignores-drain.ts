import { defineRule } from '../src/engine/rule.js';
import { DRAIN_MARKER, markerAwareReadiness, markerPreStop } from '../src/rule-kit/drain-fixes.js';
import { combine } from '../src/languages/yaml/editor.js';
import { markerFiles } from '../src/model/drain-marker.js';
import { DRAIN_AWARE_PATHS_OPTION, readinessDrainAware } from '../src/analysis/drain-awareness.js';

interface Options {
  /** httpGet readiness paths that start failing when the pod drains. */
  drainAwarePaths: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'readiness-ignores-drain',
    description: 'The readiness probe does not fail when the pod starts draining, so load balancers keep sending it requests.',
    defaultSeverity: 'error',
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
      const { serving, label, profile } = subject;
      // No preStop: prestop-missing reports it. No readiness: readiness-missing does.
      if (!serving?.preStop || !serving.readinessProbe || !subject.receivesTraffic) continue;
      if (serving.opaque.has('readinessProbe') || serving.opaque.has('lifecycle')) continue;
      const readiness = serving.readinessProbe;
      const span = serving.view.keySpan('readinessProbe');
      const container = `Container ${serving.name ?? '(unnamed)'} of ${label}`;
      // The same decision readiness-too-slow relies on: the two rules split every probe between them.
      if (readinessDrainAware(serving, readiness, context.options.drainAwarePaths)) continue;
      const path = readiness.httpGet?.path?.value;
      const markers = markerFiles(serving.preStop);
      if (markers.length > 0) {
        context.report({
          object: subject.workload,
          span,
          fix: combine(
            'unsafe',
            `make readiness fail on ${markers[0]} (period 2 s, threshold 1)`,
            ...markerAwareReadiness(context.editor(subject.workload), serving, markers[0]!),
          ),
          message:
            `${container}: the preStop hook writes the drain marker ${markers.join(', ')}, but the readiness probe never tests it, ` +
            `so the pod stays ready and keeps receiving requests while it drains. ` +
            `Make readiness fail on the marker, e.g. exec "! test -f ${markers[0]} && <the current check>". [${profile.name}: ${profile.reason}]`,
        });
        continue;
      }
      const what = readiness.kind === 'httpGet' ? `httpGet ${path ?? '/'}` : readiness.kind;
      context.report({
        object: subject.workload,
        span,
        severity: 'warn',
        fix: combine(
          'unsafe',
          `have preStop write ${DRAIN_MARKER} and readiness fail on it`,
          markerPreStop(context.editor(subject.workload), serving, DRAIN_MARKER, subject.preStopSeconds),
          ...markerAwareReadiness(context.editor(subject.workload), serving, DRAIN_MARKER),
        ),
        message:
          `${container}: the readiness probe (${what}) does not know the pod is draining, so it stays ready through the preStop: ` +
          `load balancers that health-check pods directly keep sending new requests until SIGTERM. ` +
          `Have preStop write a marker and readiness fail on it, or list a drain-aware path in the drainAwarePaths option. [${profile.name}: ${profile.reason}]`,
      });
    }
  },
});
