import type { Span } from '../core/source.js';
import type { PodPlacement } from './placement.js';
import { isField, type Field, type MapView, type Read } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import { readPodSpec, type PodSpec } from './pod.js';
import { CONTROLLER_POD_LABELS } from '../domain/kubernetes.js';

/** A pod template of a workload: a Deployment has one, a LeaderWorkerSet up to two. */
export interface PodTemplate {
  /** Which template, for messages where a workload has several (`workerTemplate`). */
  role?: string;
  labels: Map<string, Field<string>>;
  annotations: Map<string, Field<string>>;
  spec: PodSpec;
  /** Where a finding about a missing pod-level field points: the pod spec's `spec:` key. */
  anchor: Span;
  /** Node constraints (read by buildModel); undefined when a TypeScript source computes part of them. */
  placement?: PodPlacement;
}

export interface Workload extends KubeObject {
  templates: PodTemplate[];
  /** `spec.replicas` as written, for kinds that have it. */
  replicas?: Read<number>;
  /** True for kinds whose pods run to completion (Job, CronJob) and serve no traffic. */
  runsToCompletion: boolean;
}


type TemplateLocator = (root: MapView) => { role?: string; template: MapView }[];

const at =
  (...path: string[]): TemplateLocator =>
  (root) => {
    let view: MapView | undefined = root;
    for (const key of path) view = view?.map(key);
    return view ? [{ template: view }] : [];
  };

interface WorkloadKind {
  templates: TemplateLocator;
  hasReplicas: boolean;
  runsToCompletion?: boolean;
  apiGroup?: string;
}

const WORKLOAD_KINDS: Record<string, WorkloadKind> = {
  Pod: { templates: (root) => [{ template: root }], hasReplicas: false },
  Deployment: { templates: at('spec', 'template'), hasReplicas: true },
  StatefulSet: { templates: at('spec', 'template'), hasReplicas: true },
  ReplicaSet: { templates: at('spec', 'template'), hasReplicas: true },
  DaemonSet: { templates: at('spec', 'template'), hasReplicas: false },
  Job: { templates: at('spec', 'template'), hasReplicas: false, runsToCompletion: true },
  CronJob: { templates: at('spec', 'jobTemplate', 'spec', 'template'), hasReplicas: false, runsToCompletion: true },
  Rollout: { templates: at('spec', 'template'), hasReplicas: true, apiGroup: 'argoproj.io' },
  LeaderWorkerSet: {
    templates: (root) => {
      const lwt = root.map('spec')?.map('leaderWorkerTemplate');
      return (['leaderTemplate', 'workerTemplate'] as const).flatMap((role) => {
        const template = lwt?.map(role);
        return template ? [{ role, template }] : [];
      });
    },
    hasReplicas: true,
    apiGroup: 'leaderworkerset.x-k8s.io',
  },
};

export function isWorkloadKind(object: KubeObject): boolean {
  const kind = WORKLOAD_KINDS[object.kind];
  return kind !== undefined && (!kind.apiGroup || object.apiVersion.startsWith(`${kind.apiGroup}/`));
}

export function readWorkload(object: KubeObject): Workload | undefined {
  if (!isWorkloadKind(object)) return undefined;
  const kind = WORKLOAD_KINDS[object.kind]!;
  const templates = kind.templates(object.root).flatMap(({ role, template }) => {
    const isPod = template === object.root;
    const metadata = isPod ? object.root.map('metadata') : template.map('metadata');
    const spec = template.map('spec');
    if (!spec) return [];
    const labels = metadata?.stringMap('labels') ?? new Map<string, Field<string>>();
    // A label its controller sets on every pod to the workload's name (a LeaderWorkerSet's) is
    // one of its pods' labels; those whose value varies per pod are matched by controllerLabelsMayMatch.
    for (const { key, value } of CONTROLLER_POD_LABELS[object.kind] ?? []) {
      if (value === 'workloadName' && object.name && !labels.has(key)) labels.set(key, { value: object.name, span: object.anchor, fieldSpan: object.anchor });
    }
    return [
      {
        ...(role ? { role } : {}),
        labels,
        annotations: metadata?.stringMap('annotations') ?? new Map(),
        spec: readPodSpec(spec),
        anchor: template.keySpan('spec'),
      },
    ];
  });
  const spec = object.root.map('spec');
  return {
    ...object,
    templates,
    ...(kind.hasReplicas && spec ? { replicas: spec.int('replicas', { min: 0 }) } : {}),
    runsToCompletion: kind.runsToCompletion === true,
  };
}

/** The replicas a workload asks for: `spec.replicas`, 1 when unset. */
export function declaredReplicas(workload: Workload): number | undefined {
  if (workload.replicas === 'invalid') return undefined;
  return isField(workload.replicas) ? workload.replicas.value : 1;
}
