import type { Span } from '../core/source.js';
import { isField, type Field, type MapView } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import { parseDuration } from './units.js';
import {
  AI_GATEWAY_GROUP,
  BACKEND_TRAFFIC_POLICY,
  CLUSTER_SERVICE_DOMAIN,
  ENVOY_BACKEND,
  GATEWAY_API_GROUP,
  GCP_BACKEND_POLICY,
  ISTIO_NETWORKING_GROUP,
} from '../domain/proxies.js';

/** A duration a gateway reads, in seconds, and the field that wrote it (0 = no timeout). */
export interface Timeout {
  seconds: number;
  field: Field<string>;
}

/** A reference to another object: `group` is '' for the core group. */
export interface ObjectRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  sectionName?: string;
  span: Span;
}

/** A GKE Gateway GCPBackendPolicy: the load balancer's backend service settings for one Service or InferencePool. */
export interface GCPBackendPolicy extends KubeObject {
  target?: ObjectRef;
  timeoutSec?: Field<number>;
  drainingTimeoutSec?: Field<number>;
  /** `spec` and `spec.default`, where a fix writes. */
  spec?: MapView;
  config?: MapView;
  /** `timeoutSec` or `drainingTimeoutSec` is written but unusable (invalid-value's): what it means is unknown. */
  unreadable: { timeoutSec: boolean; drainingTimeoutSec: boolean };
  /** Where a finding about the timeout points when `timeoutSec` is unset: `default`, else `spec`, else the object. */
  timeoutAnchor: Span;
  /** The same for the draining timeout: `connectionDraining`, `default`, `spec`, the object. */
  drainingAnchor: Span;
}

/** An Envoy Gateway BackendTrafficPolicy: the request timeout it gives the routes it targets. */
export interface BackendTrafficPolicy extends KubeObject {
  /** `targetRef` and `targetRefs` (label `targetSelectors` are not resolved). */
  targets: ObjectRef[];
  requestTimeout?: Timeout;
  /** `spec.timeout.http`, where a fix writes. */
  http?: MapView;
  /** `mergeType` set: a route policy merged into its Gateway's instead of replacing it. */
  merges: boolean;
}

/** One rule of an Envoy AI Gateway AIGatewayRoute. */
export interface AIGatewayRouteRule {
  backends: ObjectRef[];
  request?: Timeout;
  backendRequest?: Timeout;
  /** Where a finding about an unset request timeout points: `timeouts`, else the rule. */
  timeoutsAnchor: Span;
  anchor: Span;
  /** The rule and its `timeouts`, where a fix writes. */
  view: MapView;
  timeouts?: MapView;
}

export interface AIGatewayRoute extends KubeObject {
  rules: AIGatewayRouteRule[];
}

/** An Envoy AI Gateway AIServiceBackend: the Envoy Gateway Backend (or, before v1beta1, the Service) it sends to. */
export interface AIServiceBackend extends KubeObject {
  backendRef?: ObjectRef;
}

/** An Envoy Gateway Backend: the hostnames of its FQDN endpoints. */
export interface EnvoyBackend extends KubeObject {
  hostnames: string[];
}

/** One `http` route of an Istio VirtualService. */
export interface VirtualServiceRoute {
  destinations: { host: string; span: Span }[];
  timeout?: Timeout;
  anchor: Span;
  /** The route, where a fix writes. */
  view: MapView;
}

export interface VirtualService extends KubeObject {
  http: VirtualServiceRoute[];
}

/** A Gateway API Gateway: the GatewayClass it names. */
export interface Gateway extends KubeObject {
  className?: string;
}

/** A Gateway API GatewayClass: the controller that implements its Gateways. */
export interface GatewayClass extends KubeObject {
  controllerName?: string;
}

const groupOf = (object: KubeObject) => object.apiVersion.replace(/\/.*$/, '');
const is = (object: KubeObject, group: string, kind: string) => object.kind === kind && groupOf(object) === group;

/** `group`, `kind`, `name`, `namespace`, `sectionName` of a reference; undefined without a name. */
export function readRef(view: MapView, defaults: { group: string; kind: string }): ObjectRef | undefined {
  const name = view.string('name');
  if (!isField(name)) return undefined;
  const text = (key: string) => {
    const read = view.string(key);
    return isField(read) ? read.value : undefined;
  };
  const namespace = text('namespace');
  const sectionName = text('sectionName');
  return {
    group: text('group') ?? defaults.group,
    kind: text('kind') ?? defaults.kind,
    name: name.value,
    ...(namespace ? { namespace } : {}),
    ...(sectionName ? { sectionName } : {}),
    span: name.fieldSpan,
  };
}

/**
 * A duration field: Gateway API and Envoy durations are Go durations (`300s`, `5m`, `1h30m`).
 * Anything else is an invalid value, reported once, and no timeout is assumed.
 */
export function readDuration(view: MapView | undefined, key: string): Timeout | undefined {
  const read = view?.string(key);
  if (!isField(read)) return undefined;
  const seconds = /^[0-9.]/.test(read.value.trim()) ? parseDuration(read.value) : undefined;
  if (seconds === undefined || /^\s*[0-9.]+\s*$/.test(read.value)) {
    view!.sink.add(read.span, `${view!.childPath(key)} must be a duration such as "300s", "5m" or "1h30m", got ${JSON.stringify(read.value)}`);
    return undefined;
  }
  return { seconds, field: read };
}

export function readGCPBackendPolicy(object: KubeObject): GCPBackendPolicy | undefined {
  if (!is(object, GCP_BACKEND_POLICY.group, GCP_BACKEND_POLICY.kind)) return undefined;
  const spec = object.root.map('spec');
  const targetView = spec?.map('targetRef');
  const target = targetView ? readRef(targetView, { group: '', kind: 'Service' }) : undefined;
  const config = spec?.map('default');
  const timeoutSec = config?.int('timeoutSec', { min: 1 });
  const draining = config?.map('connectionDraining');
  const drainingTimeoutSec = draining?.int('drainingTimeoutSec', { min: 0, max: 3600 });
  const configAnchor = config ? spec!.keySpan('default') : spec ? object.root.keySpan('spec') : object.anchor;
  return {
    ...object,
    ...(target ? { target } : {}),
    ...(isField(timeoutSec) ? { timeoutSec } : {}),
    ...(isField(drainingTimeoutSec) ? { drainingTimeoutSec } : {}),
    ...(spec ? { spec } : {}),
    ...(config ? { config } : {}),
    unreadable: { timeoutSec: timeoutSec === 'invalid', drainingTimeoutSec: drainingTimeoutSec === 'invalid' },
    timeoutAnchor: configAnchor,
    drainingAnchor: draining ? config!.keySpan('connectionDraining') : configAnchor,
  };
}

export function readBackendTrafficPolicy(object: KubeObject): BackendTrafficPolicy | undefined {
  if (!is(object, BACKEND_TRAFFIC_POLICY.group, BACKEND_TRAFFIC_POLICY.kind)) return undefined;
  const spec = object.root.map('spec');
  const single = spec?.map('targetRef');
  const views = [...(single ? [single] : []), ...(spec?.maps('targetRefs') ?? [])];
  const targets = views.flatMap((view) => readRef(view, { group: GATEWAY_API_GROUP, kind: '' }) ?? []);
  const http = spec?.map('timeout')?.map('http');
  const requestTimeout = readDuration(http, 'requestTimeout');
  return { ...object, targets, ...(requestTimeout ? { requestTimeout } : {}), ...(http ? { http } : {}), merges: spec?.has('mergeType') ?? false };
}

export function readAIGatewayRoute(object: KubeObject): AIGatewayRoute | undefined {
  if (!is(object, AI_GATEWAY_GROUP, 'AIGatewayRoute')) return undefined;
  const rules = (object.root.map('spec')?.maps('rules') ?? []).map((rule): AIGatewayRouteRule => {
    // A reference without group and kind names an AIServiceBackend.
    const backends = rule.maps('backendRefs').flatMap((ref) => readRef(ref, { group: AI_GATEWAY_GROUP, kind: 'AIServiceBackend' }) ?? []);
    const timeouts = rule.map('timeouts');
    const request = readDuration(timeouts, 'request');
    const backendRequest = readDuration(timeouts, 'backendRequest');
    return {
      backends,
      ...(request ? { request } : {}),
      ...(backendRequest ? { backendRequest } : {}),
      timeoutsAnchor: timeouts ? rule.keySpan('timeouts') : rule.anchor,
      anchor: rule.anchor,
      view: rule,
      ...(timeouts ? { timeouts } : {}),
    };
  });
  return { ...object, rules };
}

export function readAIServiceBackend(object: KubeObject): AIServiceBackend | undefined {
  if (!is(object, AI_GATEWAY_GROUP, 'AIServiceBackend')) return undefined;
  const refView = object.root.map('spec')?.map('backendRef');
  const backendRef = refView ? readRef(refView, { group: '', kind: 'Service' }) : undefined;
  return { ...object, ...(backendRef ? { backendRef } : {}) };
}

export function readEnvoyBackend(object: KubeObject): EnvoyBackend | undefined {
  if (!is(object, ENVOY_BACKEND.group, ENVOY_BACKEND.kind)) return undefined;
  const hostnames = (object.root.map('spec')?.maps('endpoints') ?? []).flatMap((endpoint) => {
    const hostname = endpoint.map('fqdn')?.string('hostname');
    return isField(hostname) ? [hostname.value] : [];
  });
  return { ...object, hostnames };
}

export function readVirtualService(object: KubeObject): VirtualService | undefined {
  if (!is(object, ISTIO_NETWORKING_GROUP, 'VirtualService')) return undefined;
  const http = (object.root.map('spec')?.maps('http') ?? []).map((route): VirtualServiceRoute => {
    const destinations = route.maps('route').flatMap((weighted) => {
      const host = weighted.map('destination')?.string('host');
      return isField(host) ? [{ host: host.value, span: host.fieldSpan }] : [];
    });
    const timeout = readDuration(route, 'timeout');
    return { destinations, ...(timeout ? { timeout } : {}), anchor: route.anchor, view: route };
  });
  return { ...object, http };
}

/**
 * The Service a cluster DNS name or a short name means: `vllm` (in `namespace`) or
 * `vllm.ml.svc.cluster.local`; undefined for any other host (outside the cluster, or not a Service).
 */
export function serviceHost(host: string, namespace: string): { namespace: string; name: string } | undefined {
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(host)) return { namespace, name: host };
  const suffix = `.${CLUSTER_SERVICE_DOMAIN}`;
  if (!host.endsWith(suffix)) return undefined;
  const parts = host.slice(0, -suffix.length).split('.');
  return parts.length === 2 ? { name: parts[0]!, namespace: parts[1]! } : undefined;
}

export function readGateway(object: KubeObject): Gateway | undefined {
  if (!is(object, GATEWAY_API_GROUP, 'Gateway')) return undefined;
  const className = object.root.map('spec')?.string('gatewayClassName');
  return { ...object, ...(isField(className) ? { className: className.value } : {}) };
}

export function readGatewayClass(object: KubeObject): GatewayClass | undefined {
  if (!is(object, GATEWAY_API_GROUP, 'GatewayClass')) return undefined;
  const controllerName = object.root.map('spec')?.string('controllerName');
  return { ...object, ...(isField(controllerName) ? { controllerName: controllerName.value } : {}) };
}
