import {
  defineRule,
  describeFloor,
  describeObject,
  gpuResource,
  isField,
  locationOf,
  minimumReplicas,
  plural,
  scaleOwner,
  templateReplicas,
  type KubeObject,
  type Workload,
} from '../src/rule-kit/index.js';

/**
 * Workloads whose replica count this rule judges: every kind with one (`spec.replicas`, an
 * InferenceService's `minReplicas`, a Knative Service's min-scale…) that users run directly (not a ReplicaSet).
 */
const judgesScale = (workload: Workload) => workload.replicasUnset !== undefined && workload.workloadKind.headroom !== false;

const WHY = 'with no warm replica to take the load, every node drain, spot reclaim or consolidation is an outage:';
const CUTS_CONNECTIONS = 'every connection is cut and clients have no other pod to reconnect to until a replacement starts.';
const WAITS_FOR_MODEL = 'requests fail until a replacement has been scheduled, pulled its image and loaded its model.';
const WAITS_FOR_START = 'requests fail until a replacement has been scheduled and started.';
const SCALER_SCALES = '{{scaler}} ({{scalerLocation}}) scales {{workload}} ({{workloadLocation}}) down to {{replicas}} ({{min}}):';
const SET_MIN = 'Set {{minKey}}: 2{{keepZero}}.';
const RUNS = '{{workload}} runs {{replicas}}:';
const RUN_TWO = 'Run at least 2 replicas ({{field}}: 2, or an HPA with minReplicas: 2).';

export default defineRule({
  meta: {
    id: 'single-replica',
    description: 'A profiled Deployment or StatefulSet runs fewer than 2 replicas (HPA-, KEDA- and AIBrix-autoscaler-aware): no warm headroom, so every drain is an outage.',
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: 'a profiled Deployment or StatefulSet runs one replica (or an HPA, KEDA ScaledObject or AIBrix PodAutoscaler scales it down to one): every drain is an outage' },
    messages: {
      scalerCutsConnections: `${SCALER_SCALES} ${WHY} ${CUTS_CONNECTIONS} ${SET_MIN}`,
      scalerWaitsForModel: `${SCALER_SCALES} ${WHY} ${WAITS_FOR_MODEL} ${SET_MIN}`,
      scalerWaitsForStart: `${SCALER_SCALES} ${WHY} ${WAITS_FOR_START} ${SET_MIN}`,
      runsOneCutsConnections: `${RUNS} ${WHY} ${CUTS_CONNECTIONS} ${RUN_TWO}`,
      runsOneWaitsForModel: `${RUNS} ${WHY} ${WAITS_FOR_MODEL} ${RUN_TWO}`,
      runsOneWaitsForStart: `${RUNS} ${WHY} ${WAITS_FOR_START} ${RUN_TWO}`,
    },
  },
  check(context) {
    const judged = new Set<unknown>();
    /** Scaler → the copy of its target (base, overlays) nearest to it in the file tree. */
    const nearest = new Map<unknown, Workload>();
    for (const subject of context.drainSubjects) {
      // Headroom is the scale owner's: a Deployment behind an Argo Rollout's workloadRef runs the Rollout's replicas.
      const workload = scaleOwner(subject.workload);
      const scaler = judgesScale(workload) ? context.index.scalerFor(workload) : undefined;
      if (!scaler) continue;
      const current = nearest.get(scaler.root.node);
      if (!current || sharedPrefix(workload, scaler) > sharedPrefix(current, scaler)) nearest.set(scaler.root.node, workload);
    }
    for (const { workload: templateOwner, template, profile, serving, label } of context.drainSubjects) {
      // A group with its own count (a KubeRay worker group) is a serving unit of its own.
      const own = template.noHeadroom ? undefined : templateReplicas(template);
      if (own && own.replicas === 1) {
        const outage = profile.name === 'long-lived' ? 'CutsConnections' : serving && gpuResource(serving) ? 'WaitsForModel' : 'WaitsForStart';
        context.report({
          object: templateOwner,
          span: own.field?.fieldSpan ?? template.replicas!.at.anchor,
          messageId: `runsOne${outage}`,
          data: { workload: label, replicas: own.description, field: template.replicas!.key },
          profile,
        });
      }
      const workload = scaleOwner(templateOwner);
      if (!judgesScale(workload) || judged.has(workload.root.node)) continue;
      judged.add(workload.root.node);
      const scale = minimumReplicas(workload, context.index);
      if (!scale || scale.replicas >= 2) continue;
      // Scaled to zero by hand: no pod runs, so no drain interrupts one.
      if (!scale.scaler && scale.replicas === 0) continue;
      // One scaler scales one workload, however many overlays of it the run holds: report it
      // once, naming the copy nearest to the scaler.
      if (scale.scaler && nearest.get(scale.scaler.scaler.root.node) !== workload) continue;
      const outage =
        profile.name === 'long-lived' ? 'CutsConnections' : serving && gpuResource(serving) ? 'WaitsForModel' : 'WaitsForStart';
      const workloadSpan = isField(workload.replicas) ? workload.replicas.fieldSpan : workload.replicasAnchor;
      if (scale.scaler) {
        const { scaler, floor } = scale.scaler;
        const replicas = plural(scale.replicas, 'replica');
        const keda = scaler.kind === 'ScaledObject';
        context.report({
          object: scaler,
          span: floor.field?.fieldSpan ?? scaler.root.keySpan('spec'),
          messageId: `scaler${outage}`,
          data: {
            scaler: describeObject(scaler),
            scalerLocation: locationOf(scaler),
            workload: describeObject(workload),
            workloadLocation: locationOf(workload),
            // One that also takes the workload to zero when idle (KEDA by default) runs this one
            // replica whenever it serves at all.
            replicas: floor.toZero ? `${replicas} while it serves, and to zero when idle` : replicas,
            min: describeFloor(floor),
            minKey: keda ? 'minReplicaCount' : 'minReplicas',
            // KEDA keeps scaling to zero when idle with idleReplicaCount: 0 beside a floor of 2.
            keepZero: keda && floor.toZero ? ' (with idleReplicaCount: 0 it still scales to zero when idle)' : '',
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
