import type { Span } from '../core/source.js';
import { isField, type Field, type MapView } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import type { Ingress, Service } from './network.js';
import { parseDuration } from './units.js';
import { readRef, type ObjectRef } from './gateways.js';
import { GATEWAY_API_GROUP, INGRESS_CLASS_ANNOTATION, INGRESS_CONTROLLER_NAMES } from '../domain/proxies.js';

/** The controller that serves an Ingress, and why the linter thinks so. */
export type IngressController = 'ingress-nginx' | 'nginx-inc' | 'alb' | 'gce' | 'other';

export interface IngressClass extends KubeObject {
  controller?: string;
  isDefault: boolean;
}

/** A GKE BackendConfig (`cloud.google.com/v1`): the load balancer settings of a Service. */
export interface BackendConfig extends KubeObject {
  timeoutSec?: Field<number>;
  /** `spec.connectionDraining` when present. */
  connectionDraining?: MapView;
  drainingTimeoutSec?: Field<number>;
  spec?: MapView;
  specAnchor: Span;
}

/** A Gateway API HTTPRoute: each rule's backends and timeouts. */
export interface HTTPRoute extends KubeObject {
  rules: HTTPRouteRule[];
  /** `spec.parentRefs`: the Gateways (kind defaults to Gateway) the route attaches to. */
  parents: ObjectRef[];
}

export interface HTTPRouteRule {
  /** Backends that lead to pods: core Services, and Gateway API Inference Extension InferencePools. */
  backends: { kind: 'Service' | 'InferencePool'; name: string; namespace?: string; span: Span }[];
  /** `timeouts.request` / `timeouts.backendRequest` in seconds (0 = no timeout). */
  request?: { seconds: number; field: Field<string> };
  backendRequest?: { seconds: number; field: Field<string> };
  /** The rule's `name` (a policy's `sectionName` may name it). */
  name?: string;
  /** A timeout is written but unusable (invalid-value's): the rule's timeout is unknown. */
  timeoutUnreadable?: boolean;
  /** Where a finding about a missing timeout points: `timeouts`, else the rule. */
  timeoutsAnchor: Span;
  anchor: Span;
  /** The rule and its `timeouts`, where a fix writes. */
  view: MapView;
  timeouts?: MapView;
}

/** A Service's load balancer: `spec.type`, `spec.loadBalancerClass`. */

export function readIngressClass(object: KubeObject): IngressClass | undefined {
  if (object.kind !== 'IngressClass' || !object.apiVersion.startsWith('networking.k8s.io/')) return undefined;
  const controller = object.root.map('spec')?.string('controller');
  return {
    ...object,
    ...(isField(controller) ? { controller: controller.value } : {}),
    isDefault: object.annotations.get('ingressclass.kubernetes.io/is-default-class')?.value === 'true',
  };
}

export function readBackendConfig(object: KubeObject): BackendConfig | undefined {
  if (object.kind !== 'BackendConfig' || !object.apiVersion.startsWith('cloud.google.com/')) return undefined;
  const spec = object.root.map('spec');
  const timeoutSec = spec?.int('timeoutSec', { min: 1 });
  const draining = spec?.map('connectionDraining');
  const drainingTimeoutSec = draining?.int('drainingTimeoutSec', { min: 0 });
  return {
    ...object,
    ...(isField(timeoutSec) ? { timeoutSec } : {}),
    ...(draining ? { connectionDraining: draining } : {}),
    ...(isField(drainingTimeoutSec) ? { drainingTimeoutSec } : {}),
    ...(spec ? { spec } : {}),
    specAnchor: spec ? object.root.keySpan('spec') : object.anchor,
  };
}

/** The Gateway API Inference Extension's API groups (alpha and GA). */
const INFERENCE_GROUPS = /^inference\.networking\.(x-)?k8s\.io$/;

export function isInferenceGroup(group: string): boolean {
  return INFERENCE_GROUPS.test(group);
}

/** An InferencePool: the model server pods an HTTPRoute's rule sends requests to. */
export interface InferencePool extends KubeObject {
  /** v1alpha2 `spec.selector` (a label map) or v1 `spec.selector.matchLabels`. */
  selector: Map<string, string>;
}

export function readInferencePool(object: KubeObject): InferencePool | undefined {
  if (object.kind !== 'InferencePool' || !INFERENCE_GROUPS.test(object.apiVersion.replace(/\/.*$/, ''))) return undefined;
  const selectorView = object.root.map('spec')?.map('selector');
  const labels = selectorView?.has('matchLabels') ? selectorView.stringMap('matchLabels') : (selectorView ? object.root.map('spec')!.stringMap('selector') : new Map());
  return { ...object, selector: new Map([...labels].map(([k, v]) => [k, v.value])) };
}

/** Gateway API's Duration: up to four `<number><unit>` parts with h, m, s or ms. */
const GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** A Gateway API GRPCRoute: its rules' backends (it has no `timeouts`). */
export interface GRPCRoute extends KubeObject {
  rules: Pick<HTTPRouteRule, 'backends' | 'anchor' | 'name'>[];
  parents: ObjectRef[];
}

export function readHTTPRoute(object: KubeObject): HTTPRoute | undefined {
  if (object.kind !== 'HTTPRoute' || !object.apiVersion.startsWith('gateway.networking.k8s.io/')) return undefined;
  return readRoute(object);
}

/** A GRPCRoute's `rules[].backendRefs` are written as an HTTPRoute's (gateway-api apis/v1 grpcroute_types.go `GRPCBackendRef`). */
export function readGRPCRoute(object: KubeObject): GRPCRoute | undefined {
  if (object.kind !== 'GRPCRoute' || !object.apiVersion.startsWith('gateway.networking.k8s.io/')) return undefined;
  const route = readRoute(object);
  return { ...route, rules: route.rules.map(({ backends, anchor, name }) => ({ backends, anchor, ...(name !== undefined ? { name } : {}) })) };
}

function readRoute(object: KubeObject): HTTPRoute {
  const rules = (object.root.map('spec')?.maps('rules') ?? []).map((rule): HTTPRouteRule => {
    const backends = rule.maps('backendRefs').flatMap((ref) => {
      const name = ref.string('name');
      const kind = ref.string('kind');
      const group = ref.string('group');
      const namespace = ref.string('namespace');
      if (!isField(name)) return [];
      // backendRefs default to a core Service.
      const kindName = isField(kind) ? kind.value : 'Service';
      const groupName = isField(group) ? group.value : '';
      const backendKind =
        kindName === 'Service' && groupName === '' ? ('Service' as const)
        : kindName === 'InferencePool' && INFERENCE_GROUPS.test(groupName) ? ('InferencePool' as const)
        : undefined;
      if (!backendKind) return [];
      return [{ kind: backendKind, name: name.value, ...(isField(namespace) ? { namespace: namespace.value } : {}), span: name.fieldSpan }];
    });
    const timeouts = rule.map('timeouts');
    let timeoutUnreadable = false;
    const duration = (key: string) => {
      const read = timeouts?.string(key);
      if (read === 'invalid') timeoutUnreadable = true;
      if (!isField(read)) return undefined;
      if (!GATEWAY_DURATION.test(read.value)) {
        timeouts!.sink.add(read.span, `${timeouts!.childPath(key)} must be a Gateway API duration such as "10s", "5m" or "1h30m", got ${JSON.stringify(read.value)}`);
        timeoutUnreadable = true;
        return undefined;
      }
      return { seconds: parseDuration(read.value)!, field: read };
    };
    const request = duration('request');
    const backendRequest = duration('backendRequest');
    const ruleName = rule.string('name');
    return {
      backends,
      ...(request ? { request } : {}),
      ...(backendRequest ? { backendRequest } : {}),
      ...(isField(ruleName) ? { name: ruleName.value } : {}),
      ...(timeoutUnreadable ? { timeoutUnreadable } : {}),
      timeoutsAnchor: timeouts ? rule.keySpan('timeouts') : rule.anchor,
      anchor: rule.anchor,
      view: rule,
      ...(timeouts ? { timeouts } : {}),
    };
  });
  const parents = (object.root.map('spec')?.maps('parentRefs') ?? []).flatMap((ref) => readRef(ref, { group: GATEWAY_API_GROUP, kind: 'Gateway' }) ?? []);
  return { ...object, rules, parents };
}

/** The IngressClass controllers the linter knows. */
const CONTROLLERS: Readonly<Record<string, IngressController>> = {
  [INGRESS_CONTROLLER_NAMES.ingressNginx]: 'ingress-nginx',
  [INGRESS_CONTROLLER_NAMES.nginxInc]: 'nginx-inc',
  [INGRESS_CONTROLLER_NAMES.alb]: 'alb',
};

const hasPrefix = (object: KubeObject, prefix: string) => [...object.annotations.keys()].some((k) => k.startsWith(prefix));

/** The class an Ingress names: `spec.ingressClassName`, else the legacy annotation. */
export function ingressClassName(ingress: Ingress): string | undefined {
  return ingress.className ?? ingress.annotations.get(INGRESS_CLASS_ANNOTATION)?.value;
}

/**
 * Which controller serves an Ingress: the IngressClass of the run that it names (or the default
 * one), else the class name itself (`nginx`, `alb`, `gce`), else its annotations' prefixes.
 * Undefined when nothing says (a class-less Ingress in a cluster the run does not show).
 */
export function ingressController(ingress: Ingress, classes: ReadonlyMap<string, IngressClass>): { controller: IngressController; why: string } | undefined {
  const className = ingressClassName(ingress);
  const fromClass = (ic: IngressClass, how: string) => {
    const controller = ic.controller ? CONTROLLERS[ic.controller] : undefined;
    return controller ? { controller, why: `${how} IngressClass ${ic.name} (controller ${ic.controller})` } : { controller: 'other' as const, why: `IngressClass ${ic.name}` };
  };
  if (className !== undefined) {
    const ic = classes.get(className);
    if (ic) return fromClass(ic, 'its');
    if (className === 'alb') return { controller: 'alb', why: 'class alb' };
    if (/^gce(-internal)?$/.test(className)) return { controller: 'gce', why: `class ${className}` };
    if (/nginx/.test(className)) {
      return hasPrefix(ingress, 'nginx.org/') && !hasPrefix(ingress, 'nginx.ingress.kubernetes.io/')
        ? { controller: 'nginx-inc', why: `class ${className} with nginx.org/ annotations` }
        : { controller: 'ingress-nginx', why: `class ${className}` };
    }
    return { controller: 'other', why: `class ${className}` };
  }
  if (hasPrefix(ingress, 'nginx.ingress.kubernetes.io/')) return { controller: 'ingress-nginx', why: 'nginx.ingress.kubernetes.io/ annotations' };
  if (hasPrefix(ingress, 'nginx.org/')) return { controller: 'nginx-inc', why: 'nginx.org/ annotations' };
  if (hasPrefix(ingress, 'alb.ingress.kubernetes.io/')) return { controller: 'alb', why: 'alb.ingress.kubernetes.io/ annotations' };
  const defaultClass = [...classes.values()].find((c) => c.isDefault);
  if (defaultClass) return fromClass(defaultClass, 'the default');
  return undefined;
}

/** `key=value,key=value` attribute lists of the AWS Load Balancer Controller. */
export function awsAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) attributes.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return attributes;
}

/** A number of seconds from an AWS attribute or an annotation value; undefined if unreadable. */
export function wholeSeconds(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

export const BACKEND_CONFIG_ANNOTATIONS = ['cloud.google.com/backend-config', 'beta.cloud.google.com/backend-config'];

/**
 * The BackendConfig name a Service's annotation gives for one of its ports (by number or name),
 * else its default. `{"default": "bc"}` or `{"ports": {"80": "bc", "http": "bc"}}`.
 */
export function backendConfigName(service: Service, port?: number | string): { name: string; annotation: Field<string> } | undefined {
  for (const key of BACKEND_CONFIG_ANNOTATIONS) {
    const annotation = service.annotations.get(key);
    if (!annotation) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(annotation.value);
    } catch {
      return undefined;
    }
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { ports, default: fallback } = parsed as { ports?: Record<string, unknown>; default?: unknown };
    const candidates: (string | number | undefined)[] = [port];
    if (port !== undefined) {
      // A backend naming the port by number also matches the port's name, and the reverse.
      const servicePort = service.ports.find((p) => p.port === port || p.name === port);
      candidates.push(servicePort?.port, servicePort?.name);
    }
    for (const candidate of candidates) {
      const name = candidate !== undefined && ports && typeof ports === 'object' ? ports[String(candidate)] : undefined;
      if (typeof name === 'string') return { name, annotation };
    }
    if (port === undefined && ports && typeof ports === 'object') {
      const first = Object.values(ports).find((v) => typeof v === 'string');
      if (typeof first === 'string') return { name: first, annotation };
    }
    return typeof fallback === 'string' ? { name: fallback, annotation } : undefined;
  }
  return undefined;
}
