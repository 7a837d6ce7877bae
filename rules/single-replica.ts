import { defineRule } from '../src/engine/rule.js';
import { locationOf } from '../src/analysis/disruption.js';
import { isField } from '../src/languages/node.js';
import { describeObject } from '../src/model/objects.js';
import { gpuResource } from '../src/model/pod.js';
import type { KubeObject } from '../src/model/objects.js';
import { minimumReplicas } from '../src/analysis/replicas.js';
import type { Workload } from '../src/model/workload.js';

/** RULES.md: the kinds whose replica count this rule judges. */
const KINDS = new Set(['Deployment', 'StatefulSet']);

export default defineRule({
  meta: {
    id: 'single-replica',
    description: 'A profiled Deployment or StatefulSet runs fewer than 2 replicas (HPA-aware): no warm headroom, so every drain is an outage.',
    defaultSeverity: 'warn',
    fixable: 'none',
  },
  check(context) {
    const judged = new Set<unknown>();
    /** HPA → the copy of its target (base, overlays) nearest to it in the file tree. */
    const nearest = new Map<unknown, Workload>();
    for (const { workload } of context.drainSubjects) {
      const hpa = KINDS.has(workload.kind) ? context.index.hpaFor(workload) : undefined;
      if (!hpa) continue;
      const current = nearest.get(hpa.root.node);
      if (!current || sharedPrefix(workload, hpa) > sharedPrefix(current, hpa)) nearest.set(hpa.root.node, workload);
    }
    for (const { workload, profile, serving } of context.drainSubjects) {
      if (!KINDS.has(workload.kind) || judged.has(workload.root.node)) continue;
      judged.add(workload.root.node);
      const scale = minimumReplicas(workload, context.index);
      if (!scale || scale.replicas >= 2) continue;
      // Scaled to zero by hand: no pod runs, so no drain interrupts one.
      if (!scale.hpa && scale.replicas === 0) continue;
      // One HPA scales one workload, however many overlays of it the run holds: report it once,
      // naming the copy nearest to the HPA.
      if (scale.hpa && nearest.get(scale.hpa.root.node) !== workload) continue;
      const outage =
        profile.name === 'long-lived'
          ? 'every connection is cut and clients have no other pod to reconnect to until a replacement starts'
          : `requests fail until a replacement has been scheduled${serving && gpuResource(serving) ? ', pulled its image and loaded its model' : ' and started'}`;
      const why = `with no warm replica to take the load, every node drain, spot reclaim or consolidation is an outage: ${outage}.`;
      const tail = `[${profile.name}: ${profile.reason}]`;
      const workloadSpan = isField(workload.replicas) ? workload.replicas.fieldSpan : workload.root.keySpan('spec');
      if (scale.hpa) {
        const hpa = scale.hpa;
        const min = isField(hpa.minReplicas) ? `minReplicas: ${hpa.minReplicas.value}` : 'minReplicas unset: 1';
        context.report({
          object: hpa,
          span: isField(hpa.minReplicas) ? hpa.minReplicas.fieldSpan : hpa.root.keySpan('spec'),
          message:
            `${describeObject(hpa)} (${locationOf(hpa)}) scales ${describeObject(workload)} (${locationOf(workload)}) down to ` +
            `${scale.replicas} replica${scale.replicas === 1 ? '' : 's'} (${min}): ${why} Set minReplicas: 2. ${tail}`,
          related: { object: workload, span: workloadSpan },
        });
        continue;
      }
      context.report({
        object: workload,
        span: workloadSpan,
        message: `${describeObject(workload)} runs ${scale.description}: ${why} Run at least 2 replicas (replicas: 2, or an HPA with minReplicas: 2). ${tail}`,
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
