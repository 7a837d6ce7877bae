import { CLUSTER_SCOPED_CUSTOM_KINDS, isBuiltInApiGroup } from '../domain/kubernetes.js';
import { isCustomGroup } from '../model/kinds/index.js';
import type { KubeObject } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';

/**
 * Namespaced custom resources known to run no pods: monitoring and alerting rules, certificates,
 * secrets synced from elsewhere, routes and traffic policies, autoscaler triggers, and the
 * configuration the linter reads (cluster-scoped kinds, in no namespace, are listed in src/domain).
 * Any other custom resource may be an operator's workload (a Prometheus, a Kafka cluster, an
 * InferenceService) whose pods carry labels no manifest shows.
 */
const RUNS_NO_PODS: ReadonlySet<string> = new Set([
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PodMonitor',
  'monitoring.coreos.com/PrometheusRule',
  'monitoring.coreos.com/Probe',
  'monitoring.coreos.com/ScrapeConfig',
  'monitoring.coreos.com/AlertmanagerConfig',
  'cert-manager.io/Certificate',
  'cert-manager.io/Issuer',
  'external-secrets.io/ExternalSecret',
  'external-secrets.io/SecretStore',
  'bitnami.com/SealedSecret',
  'gateway.networking.k8s.io/HTTPRoute',
  'gateway.networking.k8s.io/GRPCRoute',
  'gateway.networking.k8s.io/ReferenceGrant',
  'gateway.envoyproxy.io/BackendTrafficPolicy',
  'gateway.envoyproxy.io/ClientTrafficPolicy',
  'networking.istio.io/VirtualService',
  'networking.istio.io/DestinationRule',
  'security.istio.io/PeerAuthentication',
  'security.istio.io/AuthorizationPolicy',
  'networking.gke.io/GCPBackendPolicy',
  'networking.gke.io/HealthCheckPolicy',
  'cloud.google.com/BackendConfig',
  'networking.gke.io/FrontendConfig',
  'keda.sh/ScaledObject',
  'keda.sh/TriggerAuthentication',
  'autoscaling.aibrix.ai/PodAutoscaler',
  'inference.networking.x-k8s.io/InferencePool',
  'inference.networking.k8s.io/InferencePool',
  'inference.networking.x-k8s.io/InferenceModel',
  'inference.networking.x-k8s.io/InferenceObjective',
]);

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

const cache = new WeakMap<ObjectIndex, ReadonlySet<string>>();

/**
 * The namespaces in which the run holds an object that may run pods the model does not see: a
 * ReplicationController, or a custom resource that is not a workload the model reads and not
 * known to run none. A selector that matches no modelled pod template there may select theirs.
 * Computed once per run.
 */
export function namespacesWithUnseenPods(index: ObjectIndex): ReadonlySet<string> {
  let namespaces = cache.get(index);
  if (!namespaces) {
    const modelled = new Set(index.model.workloads.map((w) => w.root.node));
    const found = new Set<string>();
    for (const object of index.model.objects) {
      if (modelled.has(object.root.node) || !mayRunUnseenPods(object)) continue;
      found.add(index.namespace(object));
    }
    namespaces = found;
    cache.set(index, namespaces);
  }
  return namespaces;
}

/**
 * A custom resource no reader read (`isRead`: as a workload or otherwise) and that is not known
 * to run no pods: perhaps an operator's workload of a kind the catalogue lacks (config
 * `workloadKinds` can declare it).
 */
export function isUnjudgedCustomResource(object: KubeObject, isRead: boolean): boolean {
  if (isRead) return false;
  const apiGroup = group(object.apiVersion);
  return isCustomGroup(apiGroup) && !CLUSTER_SCOPED_CUSTOM_KINDS.has(`${apiGroup}/${object.kind}`) && !RUNS_NO_PODS.has(`${apiGroup}/${object.kind}`);
}

function mayRunUnseenPods(object: KubeObject): boolean {
  const apiGroup = group(object.apiVersion);
  if (isBuiltInApiGroup(apiGroup)) return object.kind === 'ReplicationController';
  const kind = `${apiGroup}/${object.kind}`;
  // A cluster-scoped one is in no namespace (a `metadata.namespace` on it is ignored): whatever
  // pods its operator runs are not the default namespace's for want of one.
  if (CLUSTER_SCOPED_CUSTOM_KINDS.has(kind)) return false;
  return !RUNS_NO_PODS.has(kind);
}
