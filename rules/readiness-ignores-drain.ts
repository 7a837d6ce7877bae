import {
  combine,
  defineRule,
  DRAIN_AWARE_PATHS_OPTION,
  DRAIN_MARKER,
  describeObject,
  drainOwnedBy,
  heldBy,
  isSupplied,
  markerAwareReadiness,
  markerFiles,
  markerPreStop,
  READINESS_DURING_DRAIN,
  readinessDrainAware,
} from '../src/rule-kit/index.js';

export default defineRule({
  meta: {
    id: 'readiness-ignores-drain',
    description: 'The readiness probe does not fail when the pod starts draining, so its terminating endpoint stays serving and whatever reads pod readiness keeps sending it requests.',
    defaultSeverity: 'error',
    fixable: 'unsafe',
    docs: {
      finds: 'preStop writes a drain marker that readiness never tests (error); readiness has no drain awareness at all (warn)',
      alsoWarns: true,
    },
    messages: {
      markerNotTested:
        `Container {{container}} of {{label}}: the preStop hook writes the drain marker {{markers}}, but the readiness probe never tests it, so the pod stays ready while it drains: its terminating endpoint stays serving=true, and ${READINESS_DURING_DRAIN} keep sending it new requests. Make readiness fail on the marker, e.g. exec "! test -f {{marker}} && <the current check>".`,
      notDrainAware:
        `Container {{container}} of {{label}}: the readiness probe ({{probe}}) does not know the pod is draining, so it stays ready through the preStop: Kubernetes marks the terminating endpoint not ready anyway, but it stays serving=true, and ${READINESS_DURING_DRAIN} keep sending new requests until SIGTERM. Have preStop write a marker and readiness fail on it, or list a drain-aware path in the drainAwarePaths option.`,
    },
    options: {
      drainAwarePaths: { ...DRAIN_AWARE_PATHS_OPTION, default: [] as string[] },
    },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, label, profile } = subject;
      // No preStop: prestop-missing reports it. No readiness: readiness-missing does.
      if (!serving?.preStop || !serving.readinessProbe || !subject.receivesTraffic) continue;
      if (serving.opaque.has('readinessProbe') || serving.opaque.has('lifecycle')) continue;
      // An operator's readiness is judged by its timing only (readiness-too-slow); where the
      // operator drains the pod, or traffic leaves it without readiness, there is nothing to mark.
      if (isSupplied(serving, 'readinessProbe') || drainOwnedBy(subject.template) || subject.template.operator?.leavesWithoutReadiness) continue;
      const readiness = serving.readinessProbe;
      // A readiness merged from a ServingRuntime is reported there; the fix edits the preStop too, so only where both are written in one place.
      const holder = heldBy(subject, serving, 'readinessProbe');
      const split = holder.object !== heldBy(subject, serving, 'preStop').object;
      const span = holder.object === subject.workload ? serving.view.keySpan('readinessProbe') : readiness.view.anchor;
      const editor = context.editor(holder.object);
      const container = serving.name ?? '(unnamed)';
      // The same decision readiness-too-slow relies on: the two rules split every probe between them.
      if (readinessDrainAware(serving, readiness, context.options.drainAwarePaths)) continue;
      const path = readiness.httpGet?.path?.value;
      const markers = markerFiles(serving.preStop);
      if (markers.length > 0) {
        context.report({
          ...holder,
          span,
          messageId: 'markerNotTested',
          data: { container, label, markers: markers.join(', '), marker: markers[0]! },
          profile,
          fix: combine('unsafe', `make readiness fail on ${markers[0]} (period 2 s, threshold 1)`, ...markerAwareReadiness(editor, serving, markers[0]!)),
        });
        continue;
      }
      context.report({
        ...holder,
        span,
        severity: 'warn',
        messageId: 'notDrainAware',
        data: { container, label, probe: readiness.kind === 'httpGet' ? `httpGet ${path ?? '/'}` : readiness.kind },
        profile,
        fix: split
          ? { unfixable: `not fixed: the readiness probe of container ${container} comes from ${describeObject(holder.object)} and its preStop from ${describeObject(subject.workload)}; the fix changes both, so write them in one place` }
          : combine(
              'unsafe',
              `have preStop write ${DRAIN_MARKER} and readiness fail on it`,
              markerPreStop(editor, serving, DRAIN_MARKER, subject.preStopSeconds),
              ...markerAwareReadiness(editor, serving, DRAIN_MARKER),
            ),
      });
    }
  },
});
