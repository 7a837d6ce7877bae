import type { Span } from '../core/source.js';
import type { Ingress, Service } from '../model/network.js';
import type { KubeObject } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';
import type { HTTPRouteRule, InferencePool } from '../model/proxies.js';
import type { Workload } from '../model/workload.js';

/** What routing needs of a judged pod template: its workload and whether traffic reaches it. */
export interface Routed {
  workload: Workload;
  receivesTraffic: boolean;
}

/** A proxy's backend (a Service, or an InferencePool) and the judged pod templates behind it. */
export interface RouteTarget<S extends Routed, B extends KubeObject = Service> {
  service: B;
  /** The port the proxy names, when it names one. */
  port?: number | string;
  /** Where the proxy names the Service (its backend's `name:`). */
  span: Span;
  subjects: readonly S[];
}

/** Judged pod templates by workload, keeping only those that connections reach. */
export function subjectsByWorkload<S extends Routed>(subjects: readonly S[]): Map<Workload, S[]> {
  const map = new Map<Workload, S[]>();
  for (const subject of subjects) {
    if (!subject.receivesTraffic) continue;
    const list = map.get(subject.workload);
    if (list) list.push(subject);
    else map.set(subject.workload, [subject]);
  }
  return map;
}

/** The pod templates a Service routes to, through the index's selector lookup. */
export function subjectsBehind<S extends Routed>(service: Service, index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): readonly S[] {
  return subjectsOf(index.workloadsBehind(service), byWorkload);
}

const subjectsBySelection = new WeakMap<ReadonlyMap<Workload, Routed[]>, WeakMap<readonly Workload[], readonly Routed[]>>();

/**
 * The judged pod templates of these workloads. The index gives equal selectors one array of
 * workloads, so copies of a Service or pool (overlays) share one answer.
 */
export function subjectsOf<S extends Routed>(workloads: readonly Workload[], byWorkload: ReadonlyMap<Workload, S[]>): readonly S[] {
  let bySelection = subjectsBySelection.get(byWorkload);
  if (!bySelection) subjectsBySelection.set(byWorkload, (bySelection = new WeakMap()));
  let subjects = bySelection.get(workloads) as readonly S[] | undefined;
  if (!subjects) bySelection.set(workloads, (subjects = workloads.flatMap((w) => byWorkload.get(w) ?? [])));
  return subjects;
}

/** Ingress → Service → pods, one target per distinct backend Service and port. */
export function ingressTargets<S extends Routed>(ingress: Ingress, index: ObjectIndex, byWorkload: ReadonlyMap<Workload, S[]>): RouteTarget<S>[] {
  const namespace = index.namespace(ingress);
  const seen = new Set<string>();
  const targets: RouteTarget<S>[] = [];
  for (const backend of ingress.backends) {
    const key = `${backend.serviceName}:${backend.servicePort ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const service = index.service(namespace, backend.serviceName);
    if (!service) continue;
    const subjects = subjectsBehind(service, index, byWorkload);
    if (subjects.length > 0) targets.push({ service, ...(backend.servicePort !== undefined ? { port: backend.servicePort } : {}), span: backend.span, subjects });
  }
  return targets;
}

/** An HTTPRoute or GRPCRoute rule → Service or InferencePool → pods. */
export function routeRuleTargets<S extends Routed>(
  route: KubeObject,
  rule: Pick<HTTPRouteRule, 'backends'>,
  index: ObjectIndex,
  byWorkload: ReadonlyMap<Workload, S[]>,
): RouteTarget<S, Service | InferencePool>[] {
  const targets: RouteTarget<S, Service | InferencePool>[] = [];
  for (const backend of rule.backends) {
    const namespace = backend.namespace ?? index.namespace(route);
    const pool = backend.kind === 'InferencePool' ? index.inferencePool(namespace, backend.name) : undefined;
    const service = pool ?? (backend.kind === 'Service' ? index.service(namespace, backend.name) : undefined);
    if (!service) continue;
    const subjects = subjectsOf(pool ? index.workloadsInPool(pool) : index.workloadsBehind(service as Service), byWorkload);
    if (subjects.length > 0) targets.push({ service, span: backend.span, subjects });
  }
  return targets;
}
