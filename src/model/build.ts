import { treeView } from '../languages/shared/encoded-tree.js';
import type { ParsedDocument } from '../languages/shared/document.js';
import { asObjectRoot, ProblemSink, rootView } from '../languages/shared/node.js';
import { engineInvocation, readContainerEnv } from './engine-flags.js';
import { readIngress, readService, readServiceLoadBalancer } from './network.js';
import { readNodePool } from './nodepool.js';
import { readPodPlacement } from './placement.js';
import { readAIGatewayRoute, readAIServiceBackend, readBackendTrafficPolicy, readEnvoyBackend, readGateway, readGatewayClass, readGCPBackendPolicy, readVirtualService } from './gateways.js';
import type { AIGatewayRoute, AIServiceBackend, BackendTrafficPolicy, EnvoyBackend, Gateway, GatewayClass, GCPBackendPolicy, VirtualService } from './gateways.js';
import { readBackendConfig, readGRPCRoute, readHTTPRoute, readInferencePool, readIngressClass } from './proxies.js';
import { linksUnknown, listItems, readObject, type KubeObject, type LintFile } from './objects.js';
import { readPodDisruptionBudget } from './policy.js';
import { readScaler, type Scaler } from './scalers.js';
import { readWorkload } from './workload.js';
import { linkWorkloadRefs } from './workload-ref.js';
import { isServingRuntime, relatedObjects, type ReadSettings } from './related.js';
import { SHIPPED_KINDS, type WorkloadKindCatalogue } from './kinds/index.js';
import { KSERVE_SHIPPED_DEFAULT_MODE } from '../domain/operators.js';
import type { PodDisruptionBudget } from './policy.js';
import type { Ingress, Service } from './network.js';
import type { NodePool } from './nodepool.js';
import type { BackendConfig, GRPCRoute, HTTPRoute, InferencePool, IngressClass } from './proxies.js';
import type { Workload } from './workload.js';

/** Every object of a run, sorted by what the rules look up. */
export interface Model {
  objects: KubeObject[];
  workloads: Workload[];
  pdbs: PodDisruptionBudget[];
  /** HorizontalPodAutoscalers, KEDA ScaledObjects and AIBrix PodAutoscalers. */
  scalers: Scaler[];
  services: Service[];
  ingresses: Ingress[];
  /** Karpenter NodePools (cluster-scoped). */
  nodePools: NodePool[];
  /** GKE BackendConfigs, attached to Services by annotation. */
  backendConfigs: BackendConfig[];
  httpRoutes: HTTPRoute[];
  /** Gateway API GRPCRoutes: read for the Services they send requests to. */
  grpcRoutes: GRPCRoute[];
  ingressClasses: IngressClass[];
  /** Gateway API Inference Extension pools (HTTPRoute backends that select model servers). */
  inferencePools: InferencePool[];
  /** Gateway-side timeouts and load balancer settings in front of Services and pools (CRDS.md §16). */
  gcpBackendPolicies: GCPBackendPolicy[];
  backendTrafficPolicies: BackendTrafficPolicy[];
  aiGatewayRoutes: AIGatewayRoute[];
  aiServiceBackends: AIServiceBackend[];
  envoyBackends: EnvoyBackend[];
  virtualServices: VirtualService[];
  /** Gateway API Gateways and GatewayClasses: which implementation serves a route. */
  gateways: Gateway[];
  gatewayClasses: GatewayClass[];
  /** The YAML nodes of the objects read as something other than a workload (a PDB, a Service, a NodePool…). */
  readAsOther: Set<unknown>;
}

/** An object read from a document, with the invalid values found while reading it. */
export interface ReadObject {
  object: KubeObject;
  sink: ProblemSink;
}

/** The Kubernetes objects of a parsed document: the document itself, or a `List`'s items. */
export function readObjects(file: LintFile, document: ParsedDocument): ReadObject[] {
  const root = rootView(treeView(document.tree, file.source.text), new ProblemSink());
  if (!root) return [];
  const objects: ReadObject[] = [];
  for (const candidate of listItems(root) ?? [root]) {
    const sink = new ProblemSink();
    const object = readObject(file, document, asObjectRoot(candidate, sink));
    if (object) objects.push({ object, sink });
  }
  return objects;
}

/** The kinds besides workloads that the model reads (and so the rules judge). */
export const READ_KINDS: ReadonlySet<string> = new Set(['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ScaledObject', 'PodAutoscaler', 'Service', 'Ingress', 'NodePool', 'BackendConfig', 'HTTPRoute', 'GRPCRoute', 'IngressClass', 'InferencePool', 'GCPBackendPolicy', 'BackendTrafficPolicy', 'AIGatewayRoute', 'AIServiceBackend', 'Backend', 'VirtualService', 'Gateway', 'GatewayClass']);

/** How a run's objects are read. */
export interface ModelOptions {
  /** Which kinds are workloads: the shipped ones, and those config `workloadKinds` declares. */
  catalogue?: WorkloadKindCatalogue;
  /** Run settings a reader needs (the default namespace, config `kserve.defaultDeploymentMode`). */
  settings?: ReadSettings;
}

const SHIPPED_SETTINGS: ReadSettings = { defaultNamespace: 'default', kserveDefaultDeploymentMode: KSERVE_SHIPPED_DEFAULT_MODE };

/**
 * Sorts the objects of a run into the typed views the rules read. Workloads are read with the
 * objects they name (an InferenceService's ServingRuntime), found first across the whole run.
 */
export function buildModel(objects: KubeObject[], options: ModelOptions = {}): Model {
  const catalogue = options.catalogue ?? SHIPPED_KINDS;
  const related = relatedObjects(objects, options.settings ?? SHIPPED_SETTINGS);
  const model: Model = {
    objects,
    workloads: [],
    pdbs: [],
    scalers: [],
    services: [],
    ingresses: [],
    nodePools: [],
    backendConfigs: [],
    httpRoutes: [],
    grpcRoutes: [],
    ingressClasses: [],
    inferencePools: [],
    gcpBackendPolicies: [],
    backendTrafficPolicies: [],
    aiGatewayRoutes: [],
    aiServiceBackends: [],
    envoyBackends: [],
    virtualServices: [],
    gateways: [],
    gatewayClasses: [],
    readAsOther: new Set(),
  };
  for (const object of objects) {
    const workload = readWorkload(object, catalogue, related);
    if (workload) {
      model.workloads.push(workload);
      // Read here, not in the rules, so that invalid values are reported once as invalid-value.
      for (const template of workload.templates) {
        // A placement a TypeScript source computes in part cannot say which nodes the pods avoid.
        const before = template.spec.view.sink.unknownReads;
        const placement = readPodPlacement(template.spec.view, template.anchor);
        if (template.spec.view.sink.unknownReads === before) template.placement = placement;
        // Only an engine's env is read (TGI takes its flags from it): invalid-value covers what rules read.
        for (const container of template.spec.containers) {
          if (engineInvocation(container, []) !== undefined) container.engineEnv = readContainerEnv(container);
        }
      }
      continue;
    }
    const pdb = readPodDisruptionBudget(object);
    if (pdb) model.pdbs.push(pdb);
    const scaler = readScaler(object);
    if (scaler) model.scalers.push(scaler);
    const service = readService(object);
    if (service && !linksUnknown(object)) {
      model.services.push(service);
      service.loadBalancer = readServiceLoadBalancer(service);
    }
    const ingress = readIngress(object);
    if (ingress && !linksUnknown(object)) model.ingresses.push(ingress);
    // What is computed in a TypeScript source is left out rather than guessed: a NodePool whose
    // budgets or requirements are unknown, annotations a spread may extend.
    const nodePool = readNodePool(object);
    if (nodePool && object.unknowns.length === 0) model.nodePools.push(nodePool);
    const backendConfig = readBackendConfig(object);
    if (backendConfig && object.unknowns.length === 0) model.backendConfigs.push(backendConfig);
    const route = readHTTPRoute(object);
    if (route && object.unknowns.length === 0) model.httpRoutes.push(route);
    const grpcRoute = readGRPCRoute(object);
    if (grpcRoute && object.unknowns.length === 0) model.grpcRoutes.push(grpcRoute);
    const ingressClass = readIngressClass(object);
    if (ingressClass) model.ingressClasses.push(ingressClass);
    const inferencePool = readInferencePool(object);
    if (inferencePool) model.inferencePools.push(inferencePool);
    const gatewayRead = readGateways(object, model);
    // A ServingRuntime makes no pod alone: its containers are judged in the InferenceServices that name it.
    const read = gatewayRead || isServingRuntime(object) || [pdb, scaler, service, ingress, nodePool, backendConfig, route, grpcRoute, ingressClass, inferencePool].some(Boolean);
    if (read) model.readAsOther.add(object.root.node);
  }
  linkWorkloadRefs(model.workloads);
  return model;
}

/** Gateway-side objects; one whose links or timeouts a TypeScript source computes is left out. */
/** Reads the gateway objects; whether the object was one. */
function readGateways(object: KubeObject, model: Model): boolean {
  let read = false;
  const add = <T>(view: T | undefined, list: T[]) => {
    if (!view) return;
    read = true;
    if (object.unknowns.length === 0) list.push(view);
  };
  add(readGCPBackendPolicy(object), model.gcpBackendPolicies);
  add(readBackendTrafficPolicy(object), model.backendTrafficPolicies);
  add(readAIGatewayRoute(object), model.aiGatewayRoutes);
  add(readAIServiceBackend(object), model.aiServiceBackends);
  add(readEnvoyBackend(object), model.envoyBackends);
  add(readVirtualService(object), model.virtualServices);
  add(readGateway(object), model.gateways);
  add(readGatewayClass(object), model.gatewayClasses);
  return read;
}
