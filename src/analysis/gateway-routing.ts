import type { Span } from '../core/source.js';
import { ENVOY_BACKEND, ENVOY_GATEWAY_CONTROLLER_NAME, GATEWAY_API_GROUP } from '../domain/proxies.js';
import type { KubeObject } from '../model/objects.js';
import type { Service } from '../model/network.js';
import { serviceHost, type AIGatewayRoute, type GatewayClass, type AIGatewayRouteRule, type BackendTrafficPolicy, type GCPBackendPolicy, type ObjectRef, type VirtualService, type VirtualServiceRoute } from '../model/gateways.js';
import { isInferenceGroup, type GRPCRoute, type HTTPRoute, type InferencePool } from '../model/proxies.js';
import type { Workload } from '../model/workload.js';
import type { ObjectIndex } from './object-index.js';
import { routeRuleTargets, subjectsOf, type Routed, type RouteTarget } from './routing.js';

export type Backend = Service | InferencePool;

const byName = new WeakMap<ObjectIndex, Map<readonly KubeObject[], Map<string, KubeObject>>>();

/** The first of `objects` with this namespace and name (a lookup, built once per list: every route asks). */
function named<T extends KubeObject>(objects: readonly T[], index: ObjectIndex, namespace: string, name: string): T | undefined {
  let lists = byName.get(index);
  if (!lists) byName.set(index, (lists = new Map()));
  let first = lists.get(objects);
  if (!first) {
    first = new Map();
    for (const object of objects) {
      const key = `${index.namespace(object)}/${object.name}`;
      if (object.name !== undefined && !first.has(key)) first.set(key, object);
    }
    lists.set(objects, first);
  }
  return first.get(`${namespace}/${name}`) as T | undefined;
}

/** The Service (core group) or InferencePool a reference names, in `namespace` unless it names another. */
function backendOf(ref: ObjectRef, namespace: string, index: ObjectIndex): Backend | undefined {
  const ns = ref.namespace ?? namespace;
  if (ref.kind === 'Service' && ref.group === '') return index.service(ns, ref.name);
  if (ref.kind === 'InferencePool' && isInferenceGroup(ref.group)) return index.inferencePool(ns, ref.name);
  return undefined;
}

/** The judged pod templates behind a Service or pool, as a target named at `span`; undefined when none. */
function targetOf<S extends Routed>(backend: Backend, span: Span, index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): RouteTarget<S, Backend> | undefined {
  const subjects = subjectsOf(backend.kind === 'InferencePool' ? index.workloadsInPool(backend as InferencePool) : index.workloadsBehind(backend as Service), byWorkload);
  return subjects.length > 0 ? { service: backend, span, subjects } : undefined;
}

/** A GCPBackendPolicy's `targetRef` → Service or InferencePool → pods. */
export function gcpBackendPolicyTarget<S extends Routed>(policy: GCPBackendPolicy, index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): RouteTarget<S, Backend> | undefined {
  if (!policy.target) return undefined;
  const backend = backendOf(policy.target, index.namespace(policy), index);
  return backend ? targetOf(backend, policy.target.span, index, byWorkload) : undefined;
}

/** The routes and pods whose request timeout a BackendTrafficPolicy decides. */
export interface PolicyReach<S extends Routed> {
  routes: KubeObject[];
  targets: RouteTarget<S, Backend>[];
}

/** Each policy's reach, and the route rules that some policy's `requestTimeout` reaches. */
export interface TrafficPolicyTimeouts<S extends Routed> {
  byPolicy: Map<BackendTrafficPolicy, PolicyReach<S>>;
  decided: Set<object>;
}

/**
 * For every HTTPRoute and GRPCRoute rule of the run without timeouts of its own (an HTTPRoute's
 * `timeouts` win), the BackendTrafficPolicy whose `requestTimeout` applies to it, through each of
 * the route's Gateways: the most specific policy decides (route rule, route, Gateway listener,
 * Gateway); a route policy with `mergeType` and no timeout lets its Gateway's through.
 */
export function trafficPolicyTimeouts<S extends Routed>(index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): TrafficPolicyTimeouts<S> {
  const policies = index.model.backendTrafficPolicies;
  const reach = new Map<BackendTrafficPolicy, PolicyReach<S>>();
  const decided = new Set<object>();
  if (policies.length === 0) return { byPolicy: reach, decided };
  // The first policy that targets each object (and section), looked up rather than searched for each route.
  const firstTargeting = new Map<string, BackendTrafficPolicy>();
  const targetKey = (namespace: string, kind: string, name: string, sectionName: string | undefined) => JSON.stringify([namespace, kind, name, sectionName ?? null]);
  for (const policy of policies) {
    for (const target of policy.targets) {
      if (target.group !== GATEWAY_API_GROUP) continue;
      const key = targetKey(index.namespace(policy), target.kind, target.name, target.sectionName);
      if (!firstTargeting.has(key)) firstTargeting.set(key, policy);
    }
  }
  const targeting = (namespace: string, kind: string, name: string, sectionName?: string) => firstTargeting.get(targetKey(namespace, kind, name, sectionName));
  const routes: (HTTPRoute | GRPCRoute)[] = [...index.model.httpRoutes, ...index.model.grpcRoutes];
  for (const route of routes) {
    if (route.name === undefined) continue;
    const namespace = index.namespace(route);
    for (const rule of route.rules) {
      if ('request' in rule || 'backendRequest' in rule) continue;
      const own = (rule.name !== undefined ? targeting(namespace, route.kind, route.name, rule.name) : undefined) ?? targeting(namespace, route.kind, route.name);
      const deciding = new Set<BackendTrafficPolicy>();
      const parents = route.parents.filter((p) => p.group === GATEWAY_API_GROUP && p.kind === 'Gateway');
      for (const parent of parents.length > 0 ? parents : [undefined]) {
        let policy = own;
        if (!policy || (policy.merges && !policy.requestTimeout)) {
          const gatewayNamespace = parent?.namespace ?? namespace;
          const fromGateway = parent
            ? (parent.sectionName !== undefined ? targeting(gatewayNamespace, 'Gateway', parent.name, parent.sectionName) : undefined) ?? targeting(gatewayNamespace, 'Gateway', parent.name)
            : undefined;
          policy = fromGateway ?? policy;
        }
        if (policy?.requestTimeout) deciding.add(policy);
      }
      if (deciding.size === 0) continue;
      decided.add(rule);
      const targets = routeRuleTargets(route, rule, index, byWorkload);
      if (targets.length === 0) continue;
      for (const policy of deciding) {
        const entry = reach.get(policy) ?? { routes: [], targets: [] };
        // A route's rules come one after another: it is already listed only if it is the last one.
        if (entry.routes.at(-1) !== route) entry.routes.push(route);
        entry.targets.push(...targets);
        reach.set(policy, entry);
      }
    }
  }
  return { byPolicy: reach, decided };
}

const classesByName = new WeakMap<readonly GatewayClass[], Map<string | undefined, GatewayClass>>();

/** The first GatewayClass (cluster-scoped) with this name. */
function gatewayClassNamed(classes: readonly GatewayClass[], name: string): GatewayClass | undefined {
  let first = classesByName.get(classes);
  if (!first) {
    first = new Map();
    for (const gatewayClass of classes) if (!first.has(gatewayClass.name)) first.set(gatewayClass.name, gatewayClass);
    classesByName.set(classes, first);
  }
  return first.get(name);
}

/** The Envoy Gateway GatewayClass of the run behind one of the route's Gateways of the run, if any. */
export function envoyGatewayClassOf(route: HTTPRoute | GRPCRoute, index: ObjectIndex): GatewayClass | undefined {
  for (const parent of route.parents) {
    if (parent.group !== GATEWAY_API_GROUP || parent.kind !== 'Gateway') continue;
    const gateway = named(index.model.gateways, index, parent.namespace ?? index.namespace(route), parent.name);
    const gatewayClass = gateway?.className !== undefined ? gatewayClassNamed(index.model.gatewayClasses, gateway.className) : undefined;
    if (gatewayClass?.controllerName === ENVOY_GATEWAY_CONTROLLER_NAME) return gatewayClass;
  }
  return undefined;
}

/**
 * An AIGatewayRoute rule → InferencePool, or AIServiceBackend → Envoy Gateway Backend (an FQDN
 * endpoint that is a Service's cluster name) or Service → pods. What the run does not show is skipped.
 */
export function aiGatewayRuleTargets<S extends Routed>(route: AIGatewayRoute, rule: AIGatewayRouteRule, index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): RouteTarget<S, Backend>[] {
  const namespace = index.namespace(route);
  const targets: RouteTarget<S, Backend>[] = [];
  for (const ref of rule.backends) {
    const ns = ref.namespace ?? namespace;
    const backends: Backend[] = [];
    if (ref.kind === 'InferencePool') {
      const pool = backendOf(ref, namespace, index);
      if (pool) backends.push(pool);
    } else if (ref.kind === 'AIServiceBackend') {
      const serviceBackend = named(index.model.aiServiceBackends, index, ns, ref.name);
      const next = serviceBackend?.backendRef;
      if (next?.kind === ENVOY_BACKEND.kind && next.group === ENVOY_BACKEND.group) {
        const envoyBackend = named(index.model.envoyBackends, index, next.namespace ?? ns, next.name);
        for (const hostname of envoyBackend?.hostnames ?? []) {
          // An FQDN endpoint outside the cluster (a hosted model's API) leads to no pods of the run.
          const host = serviceHost(hostname, index.namespace(envoyBackend!));
          const service = host && hostname.includes('.') ? index.service(host.namespace, host.name) : undefined;
          if (service) backends.push(service);
        }
      } else if (next) {
        const service = backendOf(next, ns, index);
        if (service) backends.push(service);
      }
    }
    for (const backend of backends) {
      const target = targetOf(backend, ref.span, index, byWorkload);
      if (target) targets.push(target);
    }
  }
  return targets;
}

/** An Istio VirtualService `http` route → each destination host that is a Service of the run → pods. */
export function virtualServiceTargets<S extends Routed>(virtualService: VirtualService, route: VirtualServiceRoute, index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): RouteTarget<S, Backend>[] {
  const targets: RouteTarget<S, Backend>[] = [];
  for (const destination of route.destinations) {
    const host = serviceHost(destination.host, index.namespace(virtualService));
    const service = host ? index.service(host.namespace, host.name) : undefined;
    const target = service ? targetOf(service, destination.span, index, byWorkload) : undefined;
    if (target && !targets.some((t) => t.service === service)) targets.push(target);
  }
  return targets;
}
