import type { Span } from '../src/core/source.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { DrainSubject } from '../src/analysis/subjects.js';
import { combine } from '../src/languages/yaml/editor.js';
import type { FixOutcome } from '../src/core/fix.js';
import { locationOf } from '../src/analysis/disruption.js';
import type { Ingress, Service } from '../src/model/network.js';
import { describeObject, type KubeObject } from '../src/model/objects.js';
import {
  awsAttributes,
  BACKEND_CONFIG_ANNOTATIONS,
  backendConfigName,
  ingressController,
  wholeSeconds,
  type BackendConfig,
} from '../src/model/proxies.js';
import { ingressTargets, routeRuleTargets, subjectsBehind, subjectsByWorkload, type RouteTarget } from '../src/analysis/routing.js';
import { formatSeconds, parseDuration } from '../src/model/units.js';
import type { Workload } from '../src/model/workload.js';

interface Options {
  /** ingress-nginx's (and NGINX Inc's) proxy-read/send-timeout when no annotation sets it. */
  nginxDefaultTimeout: number;
  /** An ALB's idle_timeout.timeout_seconds when load-balancer-attributes do not set it. */
  albIdleTimeout: number;
  /** A GKE backend service's timeout when no BackendConfig sets timeoutSec. */
  gkeBackendTimeout: number;
}

const NGINX_READ = 'nginx.ingress.kubernetes.io/proxy-read-timeout';
const NGINX_SEND = 'nginx.ingress.kubernetes.io/proxy-send-timeout';
const NGINX_INC_READ = 'nginx.org/proxy-read-timeout';
const NGINX_INC_SEND = 'nginx.org/proxy-send-timeout';
const ALB_ATTRIBUTES = 'alb.ingress.kubernetes.io/load-balancer-attributes';

type Subject = DrainSubject;

export default defineRule<Options>({
  meta: {
    id: 'proxy-timeout-too-short',
    description: 'A proxy in front of a profiled workload (ingress-nginx, ALB, GKE, an HTTPRoute) times out before its longest request finishes.',
    defaultSeverity: 'error',
    fixable: 'safe',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nginxDefaultTimeout: {
          type: 'number',
          minimum: 0,
          description: "ingress-nginx's proxy-read-timeout and proxy-send-timeout where no annotation sets them, in seconds (default 60; change it if your controller's ConfigMap does).",
        },
        albIdleTimeout: { type: 'number', minimum: 0, description: "An ALB's idle timeout where load-balancer-attributes do not set idle_timeout.timeout_seconds, in seconds (default 60)." },
        gkeBackendTimeout: { type: 'number', minimum: 0, description: "A GKE load balancer's backend service timeout where no BackendConfig sets timeoutSec, in seconds (default 30)." },
      },
    },
    defaultOptions: { nginxDefaultTimeout: 60, albIdleTimeout: 60, gkeBackendTimeout: 30 },
  },
  check(context) {
    const { index } = context;
    const byWorkload = subjectsByWorkload(context.drainSubjects);
    if (byWorkload.size === 0) return;
    for (const ingress of index.model.ingresses) {
      const targets = ingressTargets(ingress, index, byWorkload);
      if (targets.length === 0) continue;
      const hasBackendConfig = (service: Service) => BACKEND_CONFIG_ANNOTATIONS.some((k) => service.annotations.has(k));
      const controller =
        ingressController(ingress, index.ingressClasses) ??
        (targets.some((t) => hasBackendConfig(t.service)) ? { controller: 'gce' as const, why: 'its Services use GKE BackendConfigs' } : undefined);
      if (!controller) continue;
      switch (controller.controller) {
        case 'ingress-nginx':
          checkNginx(context, ingress, targets, controller.why, [NGINX_READ, NGINX_SEND], true);
          break;
        case 'nginx-inc':
          checkNginx(context, ingress, targets, controller.why, [NGINX_INC_READ, NGINX_INC_SEND], false);
          break;
        case 'alb':
          checkAlb(context, ingress, targets, controller.why);
          break;
        case 'gce':
          // Services with a BackendConfig are judged with it, below.
          for (const target of targets.filter((t) => !hasBackendConfig(t.service))) checkGkeDefault(context, ingress, target, controller.why);
          break;
        default:
          break;
      }
    }
    checkBackendConfigs(context, byWorkload);
    for (const route of index.model.httpRoutes) {
      for (const rule of route.rules) {
        const targets = routeRuleTargets(route, rule, index, byWorkload);
        if (targets.length === 0) continue;
        // The shorter of the two bounds the request; "0s" disables a timeout.
        const timeouts = [rule.request && { ...rule.request, key: 'request' }, rule.backendRequest && { ...rule.backendRequest, key: 'backendRequest' }]
          .filter((t): t is NonNullable<typeof t> => !!t && t.seconds > 0)
          .sort((a, b) => a.seconds - b.seconds);
        const timeout = timeouts[0];
        if (!timeout) continue;
        const need = needed(targets);
        if (timeout.seconds >= need.longest) continue;
        context.report({
          object: route,
          span: timeout.field.fieldSpan,
          related: relatedOf(need.subject),
          message:
            `${describeObject(route)} times out requests to ${serviceNames(targets)} after ${formatSeconds(timeout.seconds)} (timeouts.${timeout.key}: ${timeout.field.value}), ` +
            `shorter than the ${formatSeconds(need.longest)} longest request of ${who(need.subject)}: the gateway answers 504 to every request that runs longer, drain or not. ` +
            `Set timeouts.request${rule.backendRequest ? ' and timeouts.backendRequest' : ''} to at least ${durationText(need.target)}. ${tail(need.subject)}`,
        });
      }
    }
  },
});

/** The longest request behind a set of targets, the subject it comes from, and a timeout that fits it. */
function needed(targets: RouteTarget<Subject, KubeObject>[]): { longest: number; target: number; subject: Subject } {
  let subject = targets[0]!.subjects[0]!;
  for (const t of targets) for (const s of t.subjects) if (s.profile.settings.longestRequest > subject.profile.settings.longestRequest) subject = s;
  const longest = subject.profile.settings.longestRequest;
  return { longest, target: Math.ceil(longest + subject.budget.margin), subject };
}

function checkNginx(context: RuleContext<Options>, ingress: Ingress, targets: RouteTarget<Subject>[], why: string, keys: string[], ingressNginx: boolean): void {
  const annotations = ingress.root.map('metadata')?.map('annotations');
  // A value that is not a string is invalid-value's; the timeout it means is unknown.
  if (keys.some((k) => annotations?.pair(k) && !ingress.annotations.has(k))) return;
  const need = needed(targets);
  const { nginxDefaultTimeout } = context.options;
  const short = keys.flatMap((key) => {
    const field = ingress.annotations.get(key);
    const parsed = field === undefined ? undefined : ingressNginx ? wholeSeconds(field.value) : parseDuration(field.value);
    const seconds = parsed ?? nginxDefaultTimeout;
    if (seconds >= need.longest) return [];
    const how =
      field === undefined ? `${key} unset: the controller's default ${formatSeconds(nginxDefaultTimeout)}`
      : parsed === undefined ? `${key}: ${JSON.stringify(field.value)} is not ${ingressNginx ? 'a whole number of seconds' : 'a duration'}, so the default ${formatSeconds(nginxDefaultTimeout)} applies`
      : `${key}: ${JSON.stringify(field.value)}`;
    return [{ key, field, seconds, how }];
  });
  if (short.length === 0) return;
  const value = String(need.target);
  const shortNames = short.map((s) => s.key.replace(/^.*\//, '')).join(' and ');
  const first = short.find((s) => s.field) ?? short[0]!;
  const span: Span = first.field?.fieldSpan ?? (annotations ? ingress.root.map('metadata')!.keySpan('annotations') : ingress.anchor);
  const fix: FixOutcome | undefined = ingressNginx ? nginxFix(context, ingress, short.map((s) => s.key), value) : undefined;
  context.report({
    object: ingress,
    span,
    ...(fix ? { fix } : {}),
    related: relatedOf(need.subject),
    message:
      `${describeObject(ingress)} (${ingressNginx ? 'ingress-nginx' : 'NGINX Ingress Controller'}: ${why}) times out requests to ${serviceNames(targets)} after ` +
      `${formatSeconds(Math.min(...short.map((s) => s.seconds)))} (${short.map((s) => s.how).join('; ')}), shorter than the ${formatSeconds(need.longest)} longest request of ${who(need.subject)}: ` +
      `nginx answers 504 to every request that runs longer, drain or not. ` +
      `Set ${shortNames} to "${ingressNginx ? value : `${value}s`}" (longest request + ${formatSeconds(need.target - need.longest)} margin). ${tail(need.subject)}`,
  });
}

/** Sets each ingress-nginx timeout annotation to `value` (a quoted string: annotations are strings). */
function nginxFix(context: RuleContext<Options>, ingress: Ingress, keys: string[], value: string): FixOutcome | undefined {
  const editor = context.editor(ingress);
  const metadata = ingress.root.map('metadata');
  if (!metadata) return undefined;
  const annotations = metadata.map('annotations');
  const description = `set ${keys.map((k) => k.replace(/^.*\//, '')).join(' and ')} to "${value}"`;
  if (!annotations) return combine('safe', description, editor.set(metadata, 'annotations', Object.fromEntries(keys.map((k) => [k, value]))));
  if (annotations.node.items.length === 0 && !annotations.node.flow) return undefined;
  return combine('safe', description, ...keys.map((key) => editor.set(annotations, key, value)));
}

function checkAlb(context: RuleContext<Options>, ingress: Ingress, targets: RouteTarget<Subject>[], why: string): void {
  const field = ingress.annotations.get(ALB_ATTRIBUTES);
  const written = field ? wholeSeconds(awsAttributes(field.value).get('idle_timeout.timeout_seconds')) : undefined;
  const idle = written ?? context.options.albIdleTimeout;
  const need = needed(targets);
  if (idle >= need.longest) return;
  context.report({
    object: ingress,
    span: field?.fieldSpan ?? ingress.anchor,
    related: relatedOf(need.subject),
    message:
      `${describeObject(ingress)} (AWS Load Balancer Controller: ${why}) closes connections to ${serviceNames(targets)} idle for ${formatSeconds(idle)} ` +
      `(${written !== undefined ? `idle_timeout.timeout_seconds=${written}` : `${ALB_ATTRIBUTES} sets no idle_timeout.timeout_seconds: the ALB default`}), shorter than the ` +
      `${formatSeconds(need.longest)} longest request of ${who(need.subject)}: a request that sends nothing back for that long gets a 504, drain or not. ` +
      `Add idle_timeout.timeout_seconds=${need.target} to ${ALB_ATTRIBUTES}. ${tail(need.subject)}`,
  });
}

function checkGkeDefault(context: RuleContext<Options>, ingress: Ingress, target: RouteTarget<Subject>, why: string): void {
  const need = needed([target]);
  const timeout = context.options.gkeBackendTimeout;
  if (timeout >= need.longest) return;
  context.report({
    object: ingress,
    span: target.span,
    related: relatedOf(need.subject),
    message:
      `${describeObject(ingress)} (GKE Ingress: ${why}) sends requests to Service ${target.service.name}, which has no BackendConfig: the load balancer's backend service ` +
      `times out after ${formatSeconds(timeout)} by default, shorter than the ${formatSeconds(need.longest)} longest request of ${who(need.subject)}, so longer requests get a 502 or 504, drain or not. ` +
      `Attach a BackendConfig with timeoutSec: ${need.target} (annotation cloud.google.com/backend-config on the Service); give it connectionDraining.drainingTimeoutSec: ${need.longest} too, which lb-drain-mismatch asks for. ${tail(need.subject)}`,
  });
}

/** Each BackendConfig a Service with profiled pods uses, judged once. */
function checkBackendConfigs(context: RuleContext<Options>, byWorkload: ReadonlyMap<Workload, Subject[]>): void {
  const { index } = context;
  const users = new Map<BackendConfig, { service: Service; subjects: Subject[] }[]>();
  for (const service of index.model.services) {
    if (!BACKEND_CONFIG_ANNOTATIONS.some((k) => service.annotations.has(k))) continue;
    const subjects = subjectsBehind(service, index, byWorkload);
    if (subjects.length === 0) continue;
    const ports = service.ports.length > 0 ? service.ports.map((p) => p.port ?? p.name) : [undefined];
    const names = new Set(ports.map((port) => backendConfigName(service, port)?.name).filter((n): n is string => n !== undefined));
    for (const name of names) {
      const config = index.backendConfig(index.namespace(service), name);
      if (!config) continue;
      const list = users.get(config) ?? [];
      list.push({ service, subjects });
      users.set(config, list);
    }
  }
  for (const [config, list] of users) {
    const targets = list.map(({ service, subjects }) => ({ service, span: service.anchor, subjects }));
    const need = needed(targets);
    const timeout = config.timeoutSec?.value ?? context.options.gkeBackendTimeout;
    if (timeout >= need.longest) continue;
    context.report({
      object: config,
      span: config.timeoutSec?.fieldSpan ?? config.specAnchor,
      related: relatedOf(need.subject),
      message:
        `${describeObject(config)} (${locationOf(config)}) gives requests to ${serviceNames(targets)} ${formatSeconds(timeout)} ` +
        `(${config.timeoutSec ? `timeoutSec: ${config.timeoutSec.value}` : "timeoutSec unset: the GKE load balancer's default"}), shorter than the ` +
        `${formatSeconds(need.longest)} longest request of ${who(need.subject)}: the load balancer answers 502 or 504 to every request that runs longer, drain or not. ` +
        `Set timeoutSec: ${need.target}. ${tail(need.subject)}`,
    });
  }
}

function serviceNames(targets: RouteTarget<Subject, KubeObject>[]): string {
  const kinds = [...new Set(targets.map((t) => t.service.kind))];
  const names = [...new Set(targets.map((t) => t.service.name ?? '(unnamed)'))];
  return `${kinds.length === 1 ? kinds[0] : 'backends'}${names.length > 1 && kinds.length === 1 ? 's' : ''} ${names.join(', ')}`;
}

function who(subject: Subject): string {
  return `${subject.label} (${locationOf(subject.workload)})`;
}

function tail(subject: Subject): string {
  return `[${subject.profile.name}: ${subject.profile.reason}]`;
}

function relatedOf(subject: Subject): { object: KubeObject; span: Span } {
  return { object: subject.workload, span: subject.workload.anchor };
}

function durationText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
