import type { Span } from '../core/source.js';
import { DEFAULT_REPLICAS } from '../domain/kubernetes.js';
import type { PodPlacement } from './placement.js';
import { isField, type Field, type Read } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import { readPodSpec, type PodSpec } from './pod.js';
import { applyOperatorDefaults } from './operator-defaults.js';
import { SHIPPED_KINDS, type WorkloadKindCatalogue } from './kinds/index.js';
import { NO_CONTEXT, viewAt, type OperatorFacts, type ReadContext, type Resource, type TemplateSite, type WorkloadKind } from './kinds/kind.js';
import { builtContainer } from './container-merge.js';
import type { Container } from './pod.js';

/** A pod template of a workload: a Deployment has one, a LeaderWorkerSet two, a RayCluster one per group. */
export interface PodTemplate {
  /** Which template, for messages where a workload has several (`workerTemplate`, `worker group gpu`). */
  role?: string;
  labels: Map<string, Field<string>>;
  annotations: Map<string, Field<string>>;
  spec: PodSpec;
  /** Where a finding about a missing pod-level field points: the pod spec's `spec:` key (or the pod spec's own key). */
  anchor: Span;
  /** Node constraints (read by buildModel); undefined when a TypeScript source computes part of them. */
  placement?: PodPlacement;
  /** What the resource's operator adds to or decides for these pods. */
  operator?: OperatorFacts;
}

export interface Workload extends KubeObject {
  templates: PodTemplate[];
  /** The replica count as written, for kinds that have one. */
  replicas?: Read<number>;
  /** The replicas when the count is unset (1; Knative's min-scale 0), and how messages name the field. */
  replicasUnset?: { count: number; name: string };
  /** Where a finding about unset replicas points: the mapping that would hold the field (`spec`, `spec.predictor`). */
  replicasAnchor?: Span;
  /** True for kinds whose pods run to completion (Job, CronJob, RayJob) and serve no traffic. */
  runsToCompletion: boolean;
  /** Its entry in the catalogue of workload kinds. */
  workloadKind: WorkloadKind;
}

export function isWorkloadKind(object: KubeObject, catalogue: WorkloadKindCatalogue = SHIPPED_KINDS): boolean {
  return catalogue.lookup(object) !== undefined;
}

/** What reading a workload may know beyond the object: run settings, and the other objects of the run it names. */
export interface WorkloadReadContext extends ReadContext {
  /** The object of the run a resource the context returned is. */
  objectOf(resource: Resource): KubeObject | undefined;
}

const ALONE: WorkloadReadContext = { ...NO_CONTEXT, objectOf: () => undefined };

export function readWorkload(object: KubeObject, catalogue: WorkloadKindCatalogue = SHIPPED_KINDS, context: WorkloadReadContext = ALONE): Workload | undefined {
  const kind = catalogue.lookup(object);
  if (!kind) return undefined;
  const templates = kind.templates(object, context).flatMap((site): PodTemplate[] => {
    const isPodSpec = site.shape === 'podSpec';
    const metadata = isPodSpec ? undefined : site.view === object.root ? object.root.map('metadata') : site.view.map('metadata');
    const spec = isPodSpec ? site.view : site.view.map('spec');
    if (!spec) return [];
    const labels = metadata?.stringMap('labels') ?? new Map<string, Field<string>>();
    // The operator's own labels are on every pod it creates, whatever the template says.
    for (const [key, value] of Object.entries(site.podLabels ?? {})) {
      if (!labels.has(key)) labels.set(key, { value, span: object.anchor, fieldSpan: object.anchor });
    }
    const operator = site.operator;
    const podSpec = readPodSpec(spec, (read) => {
      addBuiltContainers(read.containers, site, context);
      if (operator) applyOperatorDefaults(read, operator);
    });
    return [
      {
        ...(site.role ? { role: site.role } : {}),
        labels,
        annotations: metadata?.stringMap('annotations') ?? new Map(),
        spec: podSpec,
        anchor: isPodSpec ? spec.anchor : site.view.keySpan('spec'),
        ...(site.operator ? { operator: site.operator } : {}),
      },
    ];
  });
  const replicasAt = kind.replicas && viewAt(object.root, kind.replicas.slice(0, -1));
  const replicasKey = kind.replicas?.[kind.replicas.length - 1];
  const custom = kind.readReplicas?.(object, context);
  return {
    ...object,
    templates,
    ...(replicasAt ? { replicas: replicasAt.int(replicasKey!, { min: 0 }), replicasAnchor: replicasAt.anchor } : {}),
    ...(replicasKey && replicasKey !== 'replicas' ? { replicasUnset: { count: DEFAULT_REPLICAS, name: replicasKey } } : {}),
    ...(custom ? { ...(custom.read !== undefined ? { replicas: custom.read } : {}), replicasUnset: { count: custom.unset, name: custom.name } } : {}),
    runsToCompletion: kind.runsToCompletion === true,
    workloadKind: kind,
  };
}

/** The containers the operator builds (a KServe predictor's `model`), first in the pod, in place of a written one they merge. */
function addBuiltContainers(containers: Container[], site: TemplateSite, context: WorkloadReadContext): void {
  const built = (site.builtContainers ?? []).flatMap((b) => builtContainer(b, context.objectOf) ?? []);
  if (built.length === 0) return;
  const kept = containers.filter((c) => !built.some((b) => b.name === c.name || b.view.node === c.view.node));
  containers.splice(0, containers.length, ...built, ...kept);
}

/** The replicas a workload asks for: its replica field, 1 when unset. */
export function declaredReplicas(workload: Workload): number | undefined {
  if (workload.replicas === 'invalid') return undefined;
  return isField(workload.replicas) ? workload.replicas.value : (workload.replicasUnset?.count ?? DEFAULT_REPLICAS);
}
