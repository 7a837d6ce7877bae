import {
  defineRule,
  describeObject,
  gpuResource,
  HPA_DEFAULT_MIN_REPLICAS,
  isField,
  locationOf,
  minimumReplicas,
  type KubeObject,
  type Workload,
} from '../src/rule-kit/index.js';

/**
 * RULES.md: the kinds whose replica count this rule judges: Deployment, StatefulSet, and the
 * custom resources that become one Deployment ("Custom resources": a KServe InferenceService's
 * `minReplicas`, a Knative Service's `min-scale`).
 */
const KINDS = new Set(['Deployment', 'StatefulSet', 'InferenceService/serving.kserve.io', 'Service/serving.knative.dev']);
const judged = (workload: Workload) => KINDS.has(workload.workloadKind.group ? `${workload.kind}/${workload.workloadKind.group}` : workload.kind);

const WHY = 'with no warm replica to take the load, every node drain, spot reclaim or consolidation is an outage:';
const CUTS_CONNECTIONS = 'every connection is cut and clients have no other pod to reconnect to until a replacement starts.';
const WAITS_FOR_MODEL = 'requests fail until a replacement has been scheduled, pulled its image and loaded its model.';
const WAITS_FOR_START = 'requests fail until a replacement has been scheduled and started.';
const HPA_SCALES = '{{hpa}} ({{hpaLocation}}) scales {{workload}} ({{workloadLocation}}) down to {{replicas}} ({{min}}):';
const SET_MIN = 'Set minReplicas: 2.';
const RUNS = '{{workload}} runs {{replicas}}:';
const RUN_TWO = 'Run at least 2 replicas ({{field}}: 2, or an HPA with minReplicas: 2).';

export default defineRule({
  meta: {
    id: 'single-replica',
    description: 'A profiled Deployment or StatefulSet runs fewer than 2 replicas (HPA-aware): no warm headroom, so every drain is an outage.',
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: 'a profiled Deployment or StatefulSet runs one replica (or an HPA scales it down to one): every drain is an outage' },
    messages: {
      hpaCutsConnections: `${HPA_SCALES} ${WHY} ${CUTS_CONNECTIONS} ${SET_MIN}`,
      hpaWaitsForModel: `${HPA_SCALES} ${WHY} ${WAITS_FOR_MODEL} ${SET_MIN}`,
      hpaWaitsForStart: `${HPA_SCALES} ${WHY} ${WAITS_FOR_START} ${SET_MIN}`,
      runsOneCutsConnections: `${RUNS} ${WHY} ${CUTS_CONNECTIONS} ${RUN_TWO}`,
      runsOneWaitsForModel: `${RUNS} ${WHY} ${WAITS_FOR_MODEL} ${RUN_TWO}`,
      runsOneWaitsForStart: `${RUNS} ${WHY} ${WAITS_FOR_START} ${RUN_TWO}`,
    },
  },
  check(context) {
    const seen = new Set<unknown>();
    /** HPA → the copy of its target (base, overlays) nearest to it in the file tree. */
    const nearest = new Map<unknown, Workload>();
    for (const { workload } of context.drainSubjects) {
      const hpa = judged(workload) ? context.index.hpaFor(workload) : undefined;
      if (!hpa) continue;
      const current = nearest.get(hpa.root.node);
      if (!current || sharedPrefix(workload, hpa) > sharedPrefix(current, hpa)) nearest.set(hpa.root.node, workload);
    }
    for (const { workload, profile, serving } of context.drainSubjects) {
      if (!judged(workload) || seen.has(workload.root.node)) continue;
      seen.add(workload.root.node);
      const scale = minimumReplicas(workload, context.index);
      if (!scale || scale.replicas >= 2) continue;
      // Scaled to zero by hand: no pod runs, so no drain interrupts one.
      if (!scale.hpa && scale.replicas === 0) continue;
      // One HPA scales one workload, however many overlays of it the run holds: report it once,
      // naming the copy nearest to the HPA.
      if (scale.hpa && nearest.get(scale.hpa.root.node) !== workload) continue;
      const outage =
        profile.name === 'long-lived' ? 'CutsConnections' : serving && gpuResource(serving) ? 'WaitsForModel' : 'WaitsForStart';
      const workloadSpan = isField(workload.replicas) ? workload.replicas.fieldSpan : (workload.replicasAnchor ?? workload.root.keySpan('spec'));
      if (scale.hpa) {
        const hpa = scale.hpa;
        context.report({
          object: hpa,
          span: isField(hpa.minReplicas) ? hpa.minReplicas.fieldSpan : hpa.root.keySpan('spec'),
          messageId: `hpa${outage}`,
          data: {
            hpa: describeObject(hpa),
            hpaLocation: locationOf(hpa),
            workload: describeObject(workload),
            workloadLocation: locationOf(workload),
            replicas: `${scale.replicas} replica${scale.replicas === 1 ? '' : 's'}`,
            min: isField(hpa.minReplicas) ? `minReplicas: ${hpa.minReplicas.value}` : `minReplicas unset: ${HPA_DEFAULT_MIN_REPLICAS}`,
          },
          profile,
          related: { object: workload, span: workloadSpan },
        });
        continue;
      }
      context.report({
        object: workload,
        span: workloadSpan,
        messageId: `runsOne${outage}`,
        data: { workload: describeObject(workload), replicas: scale.description, field: workload.replicasUnset?.name ?? 'replicas' },
        profile,
      });
    }
  },
});

/** How many leading characters two objects' file paths share (the HPA's own file wins). */
function sharedPrefix(a: KubeObject, b: KubeObject): number {
  const [x, y] = [a.file.source.path, b.file.source.path];
  if (x === y) return Number.MAX_SAFE_INTEGER;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}
