import type { Span } from '../../core/source.js';
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
  /**
   * The pods stop getting new requests on SIGTERM by themselves (a Dynamo worker unregisters from
   * discovery first), so no preStop has to wait for endpoints to converge: why.
   */
  drainsWithoutPreStop?: string;
  /**
   * The engine runs inside the operator's own runtime (Dynamo's `python3 -m dynamo.vllm`), whose
   * shutdown settings drain it: the engine server's flags (`--shutdown-timeout`) do not apply. Who.
   */
  engineDrainedBy?: string;
  /** Named ports of a status server the operator's probes use that carries no requests (Dynamo's `system`). */
  statusPorts?: readonly string[];
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

/** A GPU count an operator turns into a GPU resource of the container it builds (Dynamo v1alpha1's `resources.limits.gpu`). */
export interface GpuCount {
  /** The mapping that holds the count (`resources.limits`). */
  view: MapView;
  key: string;
  /** The key that names another resource for it (`gpuType`), if the operator reads one. */
  typeKey?: string;
  /** The resource the count becomes when no type is named. */
  defaultResource: string;
}

/**
 * A container the operator builds from fields outside `containers[]` and puts first in the pod,
 * in place of a `containers[]` item of the same name (or at the same place) it overwrites:
 * Dynamo v1alpha1's `extraPodSpec.mainContainer` (over the probes and GPU count the service keeps
 * beside it), a KServe predictor's `model` (merged over its ServingRuntime's `kserve-container`).
 * Its own fields win; edits go to `view`, or to the base's resource for fields taken from there.
 */
export interface BuiltContainer {
  /** Its name in the pod: `main`, `kserve-container`. */
  name: string;
  /** Where the resource writes it; undefined when the resource writes none and the base is the whole container. */
  view?: MapView;
  /** Where the resource keeps `livenessProbe` / `readinessProbe` for it, when the container has none. */
  probes?: MapView;
  gpus?: readonly GpuCount[];
  /** The container it is merged over, and the resource of the run that holds it (a ServingRuntime). */
  base?: { view: MapView; resource: Resource };
}

/** One pod template of a resource, as its kind's reader finds it. */
export interface TemplateSite {
  /** How messages name it where a resource has several (`worker group gpu-group`); none for a single template. */
  role?: string;
  /**
   * The PodTemplateSpec (`metadata` + `spec`), the PodSpec itself for `shape: 'podSpec'`, or for
   * `shape: 'flat'` the mapping that stands for the pod spec (a NIMService's `spec`: its
   * placement fields, where pod-level findings point).
   */
  view: MapView;
  shape: 'template' | 'podSpec' | 'flat';
  /** For `shape: 'flat'`: the one container the operator generates, read from the resource's own fields. */
  container?: FlatContainer;
  /** Where the template's own replica count is, for kinds with one per template (KubeRay worker groups). */
  replicas?: { at: MapView; key: string; default: number };
  /** Pods kept single by design (a Ray head): not judged for headroom. */
  noHeadroom?: true;
  /** Labels the operator puts on these pods besides the template's own. */
  podLabels?: Record<string, string>;
  operator?: OperatorFacts;
  /** Containers the operator builds outside the pod spec's `containers[]` (Dynamo's `mainContainer`, a KServe predictor's `model`). */
  builtContainers?: readonly BuiltContainer[];
}

/** Where a list is written when not under the container's own key: a VLLMRuntime's `args` are `vllmConfig.extraArgs`. */
export interface WrittenAt {
  view: MapView;
  key: string;
}

/**
 * The serving container of a resource that has no pod template (NIMService, KubeAI Model,
 * VLLMRuntime, a KAITO preset): where the resource writes each of its fields. What the operator
 * writes itself (a command, probes, a port) is given as such: counted, never edited.
 */
export interface FlatContainer {
  /** The container's name in the pods the operator creates. */
  name: string;
  /** The mapping that holds most of its fields (`spec`, `vllmConfig`); findings about a missing field point at `anchor`. */
  view: MapView;
  /** The nearest written parent of the container's fields. */
  anchor: Span;
  image?: Field<string>;
  /** The command the operator runs (KubeAI's vLLM entrypoint): in the pod, not in the manifest. */
  command?: { value: readonly string[] } | WrittenAt;
  /** The engine's arguments as the user writes them (appended after the operator's own). */
  args?: WrittenAt;
  /** A core `env` list (name/value items). */
  env?: WrittenAt;
  /** Core ResourceRequirements (`requests` / `limits`). */
  resources?: MapView;
  /** Resources the resource names its own way (KubeAI `resourceProfile: nvidia-gpu-l4:1`, VLLMRuntime `gpu: "1"`). */
  accelerators?: { resource: string; amount: number | undefined; field: Field<string | number> }[];
  /** Probes the user writes as core Probes (NIMService `spec.readinessProbe.probe`). */
  probes?: Partial<Record<'readinessProbe' | 'livenessProbe' | 'startupProbe', MapView>>;
  /** Where a user writes each probe to replace the operator's, for messages (`spec.livenessProbe.probe`). */
  probePaths?: Partial<Record<'readinessProbe' | 'livenessProbe' | 'startupProbe', string>>;
  ports?: { name?: string; containerPort?: number }[];
}

/**
 * A kind of object that creates pods: where its templates and replicas are, and what its
 * operator adds. Adding a kind is one entry here (and its facts in src/domain) plus fixtures.
 */
export interface WorkloadKind {
  /** The apiVersion group (`apps`, `ray.io`); `undefined` matches any (the built-in kinds, as written by every client). */
  group?: string;
  kind: string;
  /** Where its pod templates are; `context` holds what a kind may look up beyond the resource (KServe's runtimes and default mode). */
  templates(resource: Resource, context: ReadContext): TemplateSite[];
  /** Path to the replica count, for kinds that have one (for some kinds it depends on the resource: a NIMService with autoscaling enabled). */
  replicas?: readonly string[] | ((resource: Resource) => readonly string[] | undefined);
  /**
   * Reads the replica count where it is not an integer field (Knative's `min-scale` annotation):
   * the count (undefined when unset) and how messages name it.
   */
  readReplicas?(resource: Resource): { read: Read<number> | undefined; name: string };
  /** The replicas when the count is unset (1 unless the kind says: a KubeAI Model and a Knative Service scale to zero). */
  defaultReplicas?: number;
  /** Pods that run to completion (Job, CronJob, a RayJob's cluster) serve no traffic. */
  runsToCompletion?: boolean;
  /** Only a GPU profiles it: its engine image alone does not (a CPU-only Ray cluster runs `rayproject/ray` too). */
  profiledByGpuOnly?: boolean;
  /** How replicas are counted in messages: `group` for a LeaderWorkerSet. */
  replicaUnit?: string;
  /**
   * Whether the controller that owns the pods has a scale subresource (a DaemonSet, a bare Pod
   * and a RayCluster do not): a PDB over its pods can then only use an integer `minAvailable`,
   * never `maxUnavailable` or a percentage, since the disruption controller cannot read their
   * expected scale. Source: kubernetes.io/docs "Specifying a Disruption Budget for your
   * Application", "Arbitrary workloads and selectors".
   */
  podOwnerScales?: false;
  /** Judged for headroom (single-replica): kinds with replicas that users run directly (not a ReplicaSet). */
  headroom?: false;
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

/** The view at a dotted path from `root`, if every step exists; a numeric step after a list's key picks its item (`components`, `1`). */
export function viewAt(root: MapView, path: readonly string[]): MapView | undefined {
  let view: MapView | undefined = root;
  for (let i = 0; i < path.length && view; i++) {
    const key = path[i]!;
    const next = path[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      view = view.maps(key)[Number(next)];
      i++;
    } else {
      view = view.map(key);
    }
  }
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
