import type { Span } from '../core/source.js';
import {
  INGRESS_NGINX_TIMEOUT_ANNOTATIONS,
  LONG_LIVED_PROXY_TIMEOUT_SECONDS,
  NGINX_INC_TIMEOUT_ANNOTATIONS,
  NGINX_INC_WEBSOCKET_SERVICES_ANNOTATION,
  WEBSOCKET_APP_PROTOCOLS,
} from '../domain/proxies.js';
import type { Field } from '../languages/shared/node.js';
import { apiGroup as apiGroupOf } from '../model/kinds/index.js';
import type { KubeObject } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';
import { engineOf } from '../model/engine-flags.js';
import { runsServer } from '../model/engine-server.js';
import { gpuResource, type Container, type PodSpec } from '../model/pod.js';
import { parseDuration } from '../model/units.js';
import type { PodTemplate, Workload } from '../model/workload.js';

export type ProfileName = 'gpu-inference' | 'long-lived';
export const PROFILE_NAMES: readonly (ProfileName | 'none')[] = ['gpu-inference', 'long-lived', 'none'];

/** The timeline a profile assumes (RULES.md, "Drain profiles"). All durations in seconds. */
export interface ProfileSettings {
  longestRequest: number;
  preStop: number;
  marginSeconds: number;
  /** Percent of preStop + longestRequest; the margin is the larger of the two. */
  marginPercent: number;
  maxConcurrentDisruption: number;
}

export const DEFAULT_PROFILES: Record<ProfileName, ProfileSettings> = {
  'gpu-inference': { longestRequest: 150, preStop: 15, marginSeconds: 15, marginPercent: 0, maxConcurrentDisruption: 1 },
  'long-lived': { longestRequest: 180, preStop: 20, marginSeconds: 15, marginPercent: 30, maxConcurrentDisruption: 1 },
};

/** A config `workloads[]` entry: which workloads it matches and what it declares. */
export interface WorkloadDeclaration {
  /** `apiGroup` ('' for the core group) narrows `kind` to one API group (a `workloadKinds` entry's). */
  match: { apiGroup?: string; kind?: string; namespace?: string; name?: string; labels?: Record<string, string> };
  profile?: ProfileName | 'none';
  longestRequest?: number;
  /** Where messages say it comes from; `config workloads[i]` when unset. */
  source?: string;
}

export interface ProfileConfig {
  profiles: Record<ProfileName, ProfileSettings>;
  workloads: WorkloadDeclaration[];
}

export interface DrainProfile {
  name: ProfileName;
  settings: ProfileSettings;
  /** Why this workload has this profile, for messages: `requests nvidia.com/gpu`. */
  reason: string;
  /** Where `settings.longestRequest` was declared; undefined when it is the profile default. */
  longestRequestFrom?: string;
}

export const PROFILE_ANNOTATION = 'gpu-drain-lint.io/profile';
export const LONGEST_REQUEST_ANNOTATION = 'gpu-drain-lint.io/longest-request';

/** What the rest of the run says about traffic to a workload, for profile inference. */
export interface TrafficFacts {
  /** Why a workload serves long-lived connections, if it does. */
  longLived: ReadonlyMap<Workload, string>;
  isSelectedByService(workload: Workload): boolean;
}

/** An invalid profile annotation, to be reported as `invalid-value`. */
export interface AnnotationProblem {
  span: Span;
  message: string;
}

/**
 * Resolves a workload's drain profile: annotation, then config `workloads[]`, then inference
 * from GPU resources, engine images and long-lived traffic signals. Pods that run to completion
 * (Jobs, CronJobs, `restartPolicy: Never|OnFailure`) serve no traffic and are never inferred.
 */
export function resolveProfile(
  workload: Workload,
  template: PodTemplate,
  config: ProfileConfig,
  traffic: TrafficFacts,
  problems: AnnotationProblem[],
  defaultNamespace: string,
): DrainProfile | undefined {
  const matchesWorkload = (d: WorkloadDeclaration) => declarationMatches(d, workload, defaultNamespace);
  const declared = declaredProfile(workload, template, config, problems, matchesWorkload);
  const name = declared?.name ?? inferProfile(workload, traffic);
  if (!name || name.profile === 'none') return undefined;
  const settings = { ...config.profiles[name.profile] };
  const longest = longestRequestOverride(workload, template, config, problems, matchesWorkload);
  if (longest) settings.longestRequest = longest.seconds;
  return {
    name: name.profile,
    settings,
    reason: longest ? `${name.reason}; longest request ${longest.seconds} s from ${longest.from}` : name.reason,
    ...(longest ? { longestRequestFrom: longest.from } : {}),
  };
}

interface Named {
  profile: ProfileName | 'none';
  reason: string;
}

type DeclarationFilter = (declaration: WorkloadDeclaration) => boolean;

function declaredProfile(
  workload: Workload,
  template: PodTemplate,
  config: ProfileConfig,
  problems: AnnotationProblem[],
  matchesWorkload: DeclarationFilter,
): { name: Named } | undefined {
  const annotation = annotationOf(workload, template, PROFILE_ANNOTATION);
  if (annotation) {
    const value = annotation.value.trim();
    if ((PROFILE_NAMES as readonly string[]).includes(value)) {
      return { name: { profile: value as Named['profile'], reason: `annotation ${PROFILE_ANNOTATION}: ${value}` } };
    }
    problems.push({ span: annotation.span, message: `${PROFILE_ANNOTATION} must be one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(annotation.value)}` });
  }
  const index = config.workloads.findIndex((d) => d.profile !== undefined && matchesWorkload(d));
  if (index !== -1) {
    const declaration = config.workloads[index]!;
    return { name: { profile: declaration.profile!, reason: `${declaration.source ?? `config workloads[${index}]`}: ${declaration.profile!}` } };
  }
  return undefined;
}

function longestRequestOverride(
  workload: Workload,
  template: PodTemplate,
  config: ProfileConfig,
  problems: AnnotationProblem[],
  matchesWorkload: DeclarationFilter,
): { seconds: number; from: string } | undefined {
  const annotation = annotationOf(workload, template, LONGEST_REQUEST_ANNOTATION);
  if (annotation) {
    const seconds = parseDuration(annotation.value);
    if (seconds !== undefined && seconds > 0) return { seconds, from: `annotation ${LONGEST_REQUEST_ANNOTATION}` };
    problems.push({ span: annotation.span, message: `${LONGEST_REQUEST_ANNOTATION} must be a positive duration such as "90s" or "2m", got ${JSON.stringify(annotation.value)}` });
  }
  const index = config.workloads.findIndex((d) => d.longestRequest !== undefined && matchesWorkload(d));
  return index === -1 ? undefined : { seconds: config.workloads[index]!.longestRequest!, from: `config workloads[${index}]` };
}

/** An annotation on the object (for all its templates) or on the Argo Rollout that runs them, else on this pod template. */
function annotationOf(workload: Workload, template: PodTemplate, key: string): Field<string> | undefined {
  return workload.annotations.get(key) ?? workload.scaledBy?.annotations.get(key) ?? template.annotations.get(key);
}

export function declarationMatches(declaration: WorkloadDeclaration, object: KubeObject, defaultNamespace: string): boolean {
  const { apiGroup, kind, namespace, name, labels } = declaration.match;
  if (kind !== undefined && kind !== object.kind) return false;
  if (apiGroup !== undefined && apiGroup !== apiGroupOf(object.apiVersion)) return false;
  if (namespace !== undefined && namespace !== (object.namespace ?? defaultNamespace)) return false;
  if (name !== undefined && name !== object.name) return false;
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (object.labels.get(key)?.value !== value) return false;
  }
  return true;
}

function inferProfile(workload: Workload, traffic: TrafficFacts): Named | undefined {
  if (workload.runsToCompletion) return undefined;
  const serving = workload.templates.filter((t) => !runsToCompletion(t.spec));
  // A GPU smoke test or a benchmark client has no port, no probe, no Service and runs no server:
  // nothing is routed to it, so there is no request to lose when it is drained.
  if (serving.length === 0 || !(serving.some(receivesTraffic) || traffic.isSelectedByService(workload))) {
    return undefined;
  }
  for (const template of serving) {
    for (const container of template.spec.containers) {
      const gpu = gpuResource(container);
      if (gpu) return { profile: 'gpu-inference', reason: `container ${container.name ?? '(unnamed)'} requests ${gpu}` };
    }
  }
  // A Ray cluster runs the `ray` image whether or not it serves a model: only a GPU says it does.
  for (const template of workload.workloadKind.profiledByGpuOnly ? [] : serving) {
    for (const container of template.spec.containers) {
      const engine = container.image && engineOf(container.image);
      if (engine) return { profile: 'gpu-inference', reason: `container ${container.name ?? '(unnamed)'} runs ${engine} (${container.image})` };
    }
  }
  const signal = traffic.longLived.get(workload);
  return signal ? { profile: 'long-lived', reason: signal } : undefined;
}

/**
 * A pod with a container port, a readiness probe, a network probe or a server invocation
 * (`python3 -m sglang.launch_server`, `--port`, `PORT`) expects connections.
 */
export function receivesTraffic(template: PodTemplate): boolean {
  return template.spec.containers.some(
    (c) =>
      c.ports.some((p) => p.containerPort !== undefined) ||
      c.readinessProbe !== undefined ||
      [c.livenessProbe, c.startupProbe].some((p) => p && p.kind !== 'exec' && p.kind !== 'unknown') ||
      runsServer(c),
  );
}

function runsToCompletion(spec: PodSpec): boolean {
  return spec.restartPolicy === 'Never' || spec.restartPolicy === 'OnFailure';
}

/**
 * The container the timeline rules judge: the one with the GPU, else the one running an
 * engine, else the one with a probe, else the only one. Init and sidecar containers never.
 */
export function servingContainer(template: PodTemplate): Container | undefined {
  const containers = template.spec.containers;
  return (
    containers.find((c) => gpuResource(c) !== undefined) ??
    containers.find((c) => c.image !== undefined && engineOf(c.image) !== undefined) ??
    (containers.length === 1 ? containers[0] : undefined) ??
    containers.find((c) => c.readinessProbe ?? c.livenessProbe)
  );
}

/**
 * Which workloads back a WebSocket or long-stream endpoint: a Service with a `kubernetes.io/ws`
 * or `wss` port, an ingress-nginx Ingress with proxy timeouts of 300 s or more, or a Service
 * named in `nginx.org/websocket-services`.
 */
export function longLivedSignals(index: ObjectIndex): Map<Workload, string> {
  const signals = new Map<Workload, string>();
  const mark = (serviceNamespace: string, serviceName: string, why: string) => {
    const service = index.service(serviceNamespace, serviceName);
    if (!service) return;
    for (const workload of index.workloadsBehind(service)) {
      if (!signals.has(workload)) signals.set(workload, why);
    }
  };
  for (const service of index.model.services) {
    const ws = service.ports.find((p) => p.appProtocol !== undefined && WEBSOCKET_APP_PROTOCOLS.includes(p.appProtocol));
    if (ws && service.name) mark(index.namespace(service), service.name, `Service ${service.name} serves WebSockets (appProtocol ${ws.appProtocol})`);
  }
  for (const ingress of index.model.ingresses) {
    const namespace = index.namespace(ingress);
    const timeout = longProxyTimeout(ingress);
    if (timeout) {
      for (const backend of ingress.backends) {
        mark(namespace, backend.serviceName, `Ingress ${ingress.name} sets ${timeout}: long-lived connections`);
      }
    }
    const websocket = ingress.annotations.get(NGINX_INC_WEBSOCKET_SERVICES_ANNOTATION);
    for (const name of websocket?.value.split(',').map((s) => s.trim()) ?? []) {
      if (name) mark(namespace, name, `Ingress ${ingress.name} lists ${name} in ${NGINX_INC_WEBSOCKET_SERVICES_ANNOTATION}`);
    }
  }
  return signals;
}

const TIMEOUT_ANNOTATIONS = [...Object.values(INGRESS_NGINX_TIMEOUT_ANNOTATIONS), ...Object.values(NGINX_INC_TIMEOUT_ANNOTATIONS)];

function longProxyTimeout(object: KubeObject): string | undefined {
  for (const key of TIMEOUT_ANNOTATIONS) {
    const value = object.annotations.get(key)?.value;
    // ingress-nginx reads whole seconds only (a "1h" falls back to its 60 s default); NGINX Inc's nginx.org/* takes durations.
    const seconds = value === undefined ? undefined : key.startsWith('nginx.org/') ? parseDuration(value) : /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
    if (seconds !== undefined && seconds >= LONG_LIVED_PROXY_TIMEOUT_SECONDS) return `${key}: ${value}`;
  }
  return undefined;
}

/** preStop + longestRequest + max(marginSeconds, marginPercent × (preStop + longestRequest)). */
export interface GraceBudget {
  total: number;
  preStop: number;
  longestRequest: number;
  margin: number;
}

export function graceBudget(settings: ProfileSettings, preStopSeconds: number): GraceBudget {
  const work = preStopSeconds + settings.longestRequest;
  const margin = Math.max(settings.marginSeconds, Math.ceil((settings.marginPercent / 100) * work));
  return { total: Math.ceil(work + margin), preStop: preStopSeconds, longestRequest: settings.longestRequest, margin };
}

export function describeBudget(budget: GraceBudget): string {
  return `${budget.total} s (preStop ${budget.preStop} s + longest request ${budget.longestRequest} s + margin ${budget.margin} s)`;
}

