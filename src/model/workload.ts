import type { Span } from '../core/source.js';
import { DEFAULT_REPLICAS } from '../domain/kubernetes.js';
import type { PodPlacement } from './placement.js';
import { isField, type Field, type MapView, type Read } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import { readFlatPodSpec, readPodSpec, type PodSpec } from './pod.js';
import { applyOperatorDefaults } from './operator-defaults.js';
import { SHIPPED_KINDS, type WorkloadKindCatalogue } from './kinds/index.js';
import { NO_CONTEXT, viewAt, type OperatorFacts, type ReadContext, type Resource, type WorkloadKind } from './kinds/kind.js';
import { addBuiltContainers } from './built-containers.js';
import { plural } from '../core/plural.js';

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
  /** The template's own replica count, for kinds with one per template (a KubeRay worker group). */
  replicas?: { field: Read<number>; default: number; at: MapView; key: string };
  /** Single by design (a Ray head): not judged for headroom. */
  noHeadroom?: true;
}

export interface Workload extends KubeObject {
  templates: PodTemplate[];
  /** The replica count as written, for kinds that have one. */
  replicas?: Read<number>;
  /**
   * For kinds with a replica count: the replicas when it is unset (1 unless the kind says: a
   * KubeAI Model and a Knative Service scale to zero), and how messages name it (`replicas`,
   * `minReplicas`, `autoscaling.knative.dev/min-scale`).
   */
  replicasUnset?: { count: number; name: string };
  /** Where a finding about the replica count points when it is unset: the key that holds it (`spec:`, KAITO's `resource:`, `predictor:`), else the object's name. */
  replicasAnchor: Span;
  /** True for kinds whose pods run to completion (Job, CronJob, RayJob) and serve no traffic. */
  runsToCompletion: boolean;
  /** Its entry in the catalogue of workload kinds. */
  workloadKind: WorkloadKind;
  /**
   * The workload that runs these pods and owns their scale, when it is another object: an Argo
   * Rollout whose `workloadRef` names this Deployment (set by linkWorkloadRefs). Template findings
   * stay here; replicas, HPAs and the rollout strategy are the owner's.
   */
  scaledBy?: Workload;
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
    const complete = site.operator ? (read: PodSpec) => applyOperatorDefaults(read, site.operator!) : undefined;
    if (site.shape === 'flat') {
      if (!site.container) return [];
      return [
        {
          ...(site.role ? { role: site.role } : {}),
          labels: podLabels(new Map(), site.podLabels, object),
          // No template metadata: the resource's own annotations are the object's.
          annotations: new Map(),
          spec: readFlatPodSpec(site.view, site.container, complete),
          anchor: site.view.anchor,
          ...(site.operator ? { operator: site.operator } : {}),
        },
      ];
    }
    const isPodSpec = site.shape === 'podSpec';
    const metadata = isPodSpec ? undefined : site.view === object.root ? object.root.map('metadata') : site.view.map('metadata');
    const spec = isPodSpec ? site.view : site.view.map('spec');
    if (!spec) return [];
    const labels = podLabels(metadata?.stringMap('labels') ?? new Map<string, Field<string>>(), site.podLabels, object);
    const { builtContainers } = site;
    const podSpec = readPodSpec(spec, (read) => {
      if (builtContainers) addBuiltContainers(read, builtContainers, context.objectOf);
      complete?.(read);
    });
    return [
      {
        ...(site.role ? { role: site.role } : {}),
        labels,
        annotations: metadata?.stringMap('annotations') ?? new Map(),
        spec: podSpec,
        anchor: isPodSpec ? spec.anchor : site.view.keySpan('spec'),
        ...(site.operator ? { operator: site.operator } : {}),
        ...(site.replicas ? { replicas: { field: site.replicas.at.int(site.replicas.key, { min: 0 }), default: site.replicas.default, at: site.replicas.at, key: site.replicas.key } } : {}),
        ...(site.noHeadroom ? { noHeadroom: true as const } : {}),
      },
    ];
  });
  const replicasPath = typeof kind.replicas === 'function' ? kind.replicas(object) : kind.replicas;
  const replicasAt = replicasPath && viewAt(object.root, replicasPath.slice(0, -1));
  const replicasKey = replicasPath?.[replicasPath.length - 1];
  const custom = kind.readReplicas?.(object);
  const unset = (name: string) => ({ replicasUnset: { count: kind.defaultReplicas ?? DEFAULT_REPLICAS, name } });
  return {
    ...object,
    templates,
    ...(replicasAt ? { replicas: replicasAt.int(replicasKey!, { min: 0 }), ...unset(replicasKey!) } : {}),
    ...(custom ? { ...(custom.read !== undefined ? { replicas: custom.read } : {}), ...unset(custom.name) } : {}),
    replicasAnchor: replicasAt && replicasAt !== object.root ? replicasAt.anchor : object.anchor,
    runsToCompletion: kind.runsToCompletion === true,
    workloadKind: kind,
  };
}

/** The labels of a template's pods: its own, and the operator's on every pod it creates, whatever the template says. */
function podLabels(labels: Map<string, Field<string>>, operatorLabels: Record<string, string> | undefined, object: KubeObject): Map<string, Field<string>> {
  for (const [key, value] of Object.entries(operatorLabels ?? {})) {
    if (!labels.has(key)) labels.set(key, { value, span: object.anchor, fieldSpan: object.anchor });
  }
  return labels;
}

/** The replicas a workload asks for: its replica field, else its kind's default (1 unless the kind says). */
export function declaredReplicas(workload: Workload): number | undefined {
  if (workload.replicas === 'invalid') return undefined;
  return isField(workload.replicas) ? workload.replicas.value : (workload.replicasUnset?.count ?? DEFAULT_REPLICAS);
}

/** The replicas of a template that has its own count (a KubeRay worker group: `replicas`, or `minReplicas` when autoscaled). */
export function templateReplicas(template: PodTemplate): { replicas: number; description: string; field?: Field<number> } | undefined {
  const own = template.replicas;
  if (!own || own.field === 'invalid') return undefined;
  const field = isField(own.field) ? own.field : undefined;
  const replicas = field?.value ?? own.default;
  return { replicas, description: `${plural(replicas, 'replica')}${field ? '' : ` (unset: ${own.default})`}`, ...(field ? { field } : {}) };
}
