import type { Field, MapView, Read } from '../../languages/shared/node.js';
import { KSERVE_SHIPPED_DEFAULT_MODE } from '../../domain/operators.js';
import type { OperatorPodDefaults } from '../../domain/operators.js';

/** A drain field a custom resource may have no way to set. */
export type DrainField = 'grace' | 'preStop' | 'probes';

/**
 * What an operator decides about the pods it creates from a resource: the values it adds
 * (counted as present), the drain fields the resource cannot express (findings on them are
 * warnings with no fix), and whether it runs the drain itself.
 */
export interface OperatorFacts {
  defaults?: OperatorPodDefaults;
  /** The container the defaults go to: the first (KubeRay's Ray container), or the first one of this name (or of these names). */
  defaultsTo?: 'first' | string | readonly string[];
  /** Drain fields the resource cannot set, with the upstream limitation. */
  inexpressible?: Partial<Record<DrainField, string>>;
  /**
   * The operator runs the drain sequence (grace, preStop, drain-aware readiness): Knative's
   * queue-proxy. Grace, preStop and readiness-during-drain findings do not apply; the text says who.
   */
  ownsDrain?: string;
  /** Traffic leaves a terminating pod without its readiness probe (an endpoint picker drops it): why. */
  leavesWithoutReadiness?: string;
  /** How the operator starts the container it fills in, replacing the image's entrypoint (KubeRay's `ray start`). */
  startsContainer?: string;
  /** Engine flags the operator passes where the user does not, derived from the grace period (so right once the grace is). */
  derivedEngineFlags?: readonly string[];
  /** A proxy the operator puts in front of the pods that cuts requests after a timeout the resource sets (Knative's revision timeout). */
  requestTimeout?: RequestTimeout;
}

/** A request timeout the resource sets for its own pods (Knative's `timeoutSeconds`, a KServe component's `timeout`). */
export interface RequestTimeout {
  /** Who cuts the request: `Knative's queue-proxy`. */
  by: string;
  seconds: number;
  /** The field as written; undefined when unset (the default applies) or invalid. */
  field?: Field<number>;
  /** Where the field is (or goes): its mapping and key. */
  owner: MapView;
  key: string;
  /** The largest value the operator accepts. */
  max: number;
}

/**
 * A container the operator builds from fields other than `containers` (a KServe predictor's
 * `model`), merged over a base container of another resource of the run when one is named (the
 * ServingRuntime's `kserve-container`). It comes first in the pod.
 */
export interface BuiltContainer {
  /** Its name in the pod: `kserve-container`. */
  name: string;
  /** Where the resource writes it; undefined when the resource writes none and the base is the whole container. */
  view?: MapView;
  /** The container it is merged over, and the resource that holds it. */
  base?: { view: MapView; resource: Resource };
}

/** One pod template of a resource, as its kind's reader finds it. */
export interface TemplateSite {
  /** How messages name it where a resource has several (`worker group gpu-group`); none for a single template. */
  role?: string;
  /** The PodTemplateSpec (`metadata` + `spec`), or the PodSpec itself for `shape: 'podSpec'`. */
  view: MapView;
  shape: 'template' | 'podSpec';
  /** Labels the operator puts on these pods besides the template's own. */
  podLabels?: Record<string, string>;
  operator?: OperatorFacts;
  /** Containers the operator builds from other fields (a KServe predictor's `model`). */
  builtContainers?: readonly BuiltContainer[];
}

/**
 * A kind of object that creates pods: where its templates and replicas are, and what its
 * operator adds. Adding a kind is one entry here (and its facts in src/domain) plus fixtures.
 */
export interface WorkloadKind {
  /** The apiVersion group (`apps`, `ray.io`); `undefined` matches any (the built-in kinds, as written by every client). */
  group?: string;
  kind: string;
  templates(resource: Resource, context: ReadContext): TemplateSite[];
  /** Path to the replica count, for kinds that have one. */
  replicas?: readonly string[];
  /** Reads the replica count where it is not an integer field (Knative's `min-scale` annotation); `undefined` when unset. */
  readReplicas?(resource: Resource, context: ReadContext): { read: Read<number> | undefined; unset: number; name: string } | undefined;
  /** Pods that run to completion (Job, CronJob, a RayJob's cluster) serve no traffic. */
  runsToCompletion?: boolean;
  /** Only a GPU profiles it: its engine image alone does not (a CPU-only Ray cluster runs `rayproject/ray` too). */
  profiledByGpuOnly?: boolean;
  /** How replicas are counted in messages: `group` for a LeaderWorkerSet. */
  replicaUnit?: string;
}

/** What a kind's reader sees of a resource: its root mapping, kind, name and namespace as written. */
export interface Resource {
  root: MapView;
  kind: string;
  name?: string;
  namespace?: string;
  annotations: Map<string, Field<string>>;
}

/** What a kind's reader may know beyond its own resource: run settings, and the other resources of the run it names. */
export interface ReadContext {
  /** Config `kserve.defaultDeploymentMode`: the mode of an InferenceService with no deploymentMode annotation. */
  kserveDefaultDeploymentMode: string;
  /** The ServingRuntime of this name in the resource's namespace, else the ClusterServingRuntime of this name, if the run holds one. */
  servingRuntime(name: string, namespace: string | undefined): Resource | undefined;
}

/** A context that knows no other resource, with the shipped settings. */
export const NO_CONTEXT: ReadContext = { kserveDefaultDeploymentMode: KSERVE_SHIPPED_DEFAULT_MODE, servingRuntime: () => undefined };

/** The view at a dotted path from `root`, if every step exists. */
export function viewAt(root: MapView, path: readonly string[]): MapView | undefined {
  let view: MapView | undefined = root;
  for (const key of path) view = view?.map(key);
  return view;
}

/** Every item of the list at `path` (KubeRay's `workerGroupSpecs`), with its index. */
export function itemsAt(root: MapView, path: readonly string[]): MapView[] {
  const parent = viewAt(root, path.slice(0, -1));
  return parent ? parent.maps(path[path.length - 1]!) : [];
}

/** A single template at a path: `spec.template` of a Deployment. */
export function templateAt(path: readonly string[], shape: TemplateSite['shape'] = 'template', role?: string): (resource: Resource) => TemplateSite[] {
  return (resource) => {
    const view = viewAt(resource.root, path);
    return view ? [{ view, shape, ...(role ? { role } : {}) }] : [];
  };
}
