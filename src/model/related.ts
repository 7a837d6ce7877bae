import { apiGroup } from './kinds/index.js';
import { SERVING_RUNTIME_KINDS } from './kinds/kserve.js';
import type { KubeObject } from './objects.js';
import type { WorkloadReadContext } from './workload.js';

/** The run settings that decide how objects are read. */
export interface ReadSettings {
  /** The namespace of objects that name none (config `defaultNamespace`). */
  defaultNamespace: string;
  /** Config `kserve.defaultDeploymentMode`. */
  kserveDefaultDeploymentMode: string;
}

/**
 * What a workload's reader may look up among the other objects of the run: the ServingRuntimes
 * (namespaced, else cluster-wide, as KServe resolves `model.runtime`; CRDS.md §3) an
 * InferenceService names. Built once per run, before the workloads are read.
 */
export function relatedObjects(objects: readonly KubeObject[], settings: ReadSettings): WorkloadReadContext {
  const runtimes = objects.filter(isServingRuntime);
  const namespaceOf = (namespace: string | undefined) => namespace ?? settings.defaultNamespace;
  return {
    kserveDefaultDeploymentMode: settings.kserveDefaultDeploymentMode,
    servingRuntime: (name, namespace) =>
      runtimes.find((r) => r.kind === SERVING_RUNTIME_KINDS.namespaced && r.name === name && namespaceOf(r.namespace) === namespaceOf(namespace)) ??
      runtimes.find((r) => r.kind === SERVING_RUNTIME_KINDS.cluster && r.name === name),
    objectOf: (resource) => runtimes.find((r) => r === resource),
  };
}

/** A KServe ServingRuntime or ClusterServingRuntime. */
export function isServingRuntime(object: KubeObject): boolean {
  return apiGroup(object.apiVersion) === SERVING_RUNTIME_KINDS.group && (object.kind === SERVING_RUNTIME_KINDS.namespaced || object.kind === SERVING_RUNTIME_KINDS.cluster);
}
