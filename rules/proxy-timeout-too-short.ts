import {
  AI_GATEWAY_REQUEST_TIMEOUT_SECONDS,
  aiGatewayRuleTargets,
  ALB_IDLE_TIMEOUT_ATTRIBUTE,
  ALB_IDLE_TIMEOUT_SECONDS,
  ALB_LOAD_BALANCER_ATTRIBUTES_ANNOTATION,
  awsAttributes,
  BACKEND_CONFIG_ANNOTATIONS,
  backendConfigName,
  combine,
  defineRule,
  describeBudget,
  describeObject,
  formatSeconds,
  gcpBackendPolicyTarget,
  GKE_BACKEND_TIMEOUT_SECONDS,
  ingressController,
  INGRESS_NGINX_PROXY_TIMEOUT_SECONDS,
  INGRESS_NGINX_TIMEOUT_ANNOTATIONS,
  ingressTargets,
  locationOf,
  longestRequestSubject,
  NGINX_INC_TIMEOUT_ANNOTATIONS,
  parseDuration,
  raisedRequestTimeout,
  routeRuleTargets,
  subjectsBehind,
  subjectsByWorkload,
  trafficPolicyTimeouts,
  ENVOY_ROUTE_TIMEOUT_SECONDS,
  envoyGatewayClassOf,
  virtualServiceTargets,
  wholeSeconds,
  type Backend,
  type BackendConfig,
  type DrainSubject,
  type FixOutcome,
  type Json,
  type MapView,
  type Ingress,
  type KubeObject,
  type OptionsOf,
  type RouteTarget,
  type RuleContext,
  type Service,
  type Span,
  type Timeout,
  type TrafficPolicyTimeouts,
  type Workload,
  durationText,
  secondsValue as seconds,
} from '../src/rule-kit/index.js';

const ALB_ATTRIBUTES = ALB_LOAD_BALANCER_ATTRIBUTES_ANNOTATION;
const IDLE = ALB_IDLE_TIMEOUT_ATTRIBUTE;

const LONGER = 'shorter than the {{longest}} s longest request of {{workload}}';
const NGINX = `waits at most {{timeout}} s between two reads from {{services}} ({{how}}), ${LONGER}: nginx answers 504 to a response that is not streamed and takes longer, and cuts any stream that stays silent that long, drain or not.`;
const ALB = `(AWS Load Balancer Controller: {{why}}) closes connections to {{services}} idle for {{timeout}} s`;
const ALB_END = `${LONGER}: a request that sends nothing back for that long gets a 504, drain or not. Add ${IDLE}={{target}} to ${ALB_ATTRIBUTES}.`;
const BACKEND_CONFIG = '{{object}} ({{location}}) gives requests to {{services}} {{timeout}} s';
const BACKEND_CONFIG_END = `${LONGER}: the load balancer answers 502 or 504 to every request that runs longer, drain or not. Set timeoutSec: {{target}}.`;

const GATEWAY_END = `${LONGER}: the gateway answers 504 to every request that runs longer, drain or not.`;
const GCP_POLICY_END = `${LONGER}: the load balancer answers 502 or 504 to every request that runs longer, drain or not. Set default.timeoutSec: {{target}}.`;

const GKE_NO_BACKEND_CONFIG = `the load balancer's backend service times out after {{timeout}} s by default, ${LONGER}, so longer requests get a 502 or 504, drain or not. Attach a BackendConfig with timeoutSec: {{target}} (annotation {{annotation}} on the Service); give it connectionDraining.drainingTimeoutSec: {{suggested}} too, which lb-drain-mismatch asks for.`;

const KNATIVE = `{{label}}: {{by}} cuts every request after {{timeout}} s ({{how}}), ${LONGER}: the client gets a 504 for every request that runs longer, drain or not, and the pod's grace period is that timeout too.`;

const messages = {
  operatorTimeout: `${KNATIVE} Set {{key}}: {{target}} ({{budget}}).`,
  operatorTimeoutCapped: `${KNATIVE} Set {{key}}: {{target}}, the most it accepts ({{budget}} would be {{wanted}}).`,
  operatorTimeoutTooLong: `${KNATIVE} It accepts at most {{max}} s (Knative's max-revision-timeout-seconds), so requests this long cannot be served through it: shorten them, or raise max-revision-timeout-seconds in the cluster's config-defaults and then {{key}}.`,
  routeTimeout: `{{object}} times out requests to {{services}} after {{timeout}} s (timeouts.{{key}}: {{value}}), ${GATEWAY_END} Set {{fields}} to at least {{duration}}.`,
  envoyDefaultTimeout: `{{object}} times out requests to {{services}} after {{timeout}} s (no timeouts.request, and no BackendTrafficPolicy sets requestTimeout: Envoy's route default, GatewayClass {{gatewayClass}} is Envoy Gateway), ${GATEWAY_END} Set timeouts.request to at least {{duration}}.`,
  aiGatewayDefaultTimeout: `{{object}} times out requests to {{services}} after {{timeout}} s (timeouts.request unset: Envoy AI Gateway's default), ${GATEWAY_END} Set timeouts.request to at least {{duration}}.`,
  trafficPolicyTimeout: `{{object}} times out requests to {{services}} through {{routes}} after {{timeout}} s (timeout.http.requestTimeout: {{value}}), ${GATEWAY_END} Set requestTimeout to at least {{duration}}.`,
  virtualServiceTimeout: `{{object}} times out requests to {{services}} after {{timeout}} s (timeout: {{value}}), ${LONGER}: the Envoy proxy answers 504 to every request that runs longer, drain or not. Set timeout to at least {{duration}}, or remove it (Istio sets none).`,
  gcpBackendPolicyTimeout: `${BACKEND_CONFIG} (default.timeoutSec: {{timeout}}), ${GCP_POLICY_END}`,
  gcpBackendPolicyDefaultTimeout: `${BACKEND_CONFIG} (default.timeoutSec unset: the GKE load balancer's default), ${GCP_POLICY_END}`,
  ingressNginxTimeout: `{{object}} (ingress-nginx: {{why}}) ${NGINX} Set {{annotations}} to "{{target}}" (longest request + {{margin}} s margin).`,
  nginxIncTimeout: `{{object}} (NGINX Ingress Controller: {{why}}) ${NGINX} Set {{annotations}} to "{{target}}s" (longest request + {{margin}} s margin).`,
  albIdleTimeout: `{{object}} ${ALB} (${IDLE}={{timeout}}), ${ALB_END}`,
  albDefaultIdleTimeout: `{{object}} ${ALB} (${ALB_ATTRIBUTES} sets no ${IDLE}: the ALB default), ${ALB_END}`,
  gkeDefaultTimeout: `{{object}} (GKE Ingress: {{why}}) sends requests to Service {{service}}, which has no BackendConfig: ${GKE_NO_BACKEND_CONFIG}`,
  backendConfigTimeout: `${BACKEND_CONFIG} (timeoutSec: {{timeout}}), ${BACKEND_CONFIG_END}`,
  backendConfigDefaultTimeout: `${BACKEND_CONFIG} (timeoutSec unset: the GKE load balancer's default), ${BACKEND_CONFIG_END}`,
} as const;

const options = {
  nginxDefaultTimeout: {
    type: 'number',
    minimum: 0,
    default: INGRESS_NGINX_PROXY_TIMEOUT_SECONDS,
    description: "ingress-nginx's proxy-read-timeout where no annotation sets it, in seconds (change it if your controller's ConfigMap does).",
  },
  albIdleTimeout: {
    type: 'number',
    minimum: 0,
    default: ALB_IDLE_TIMEOUT_SECONDS,
    description: `An ALB's idle timeout where load-balancer-attributes do not set ${IDLE}, in seconds.`,
  },
  gkeBackendTimeout: {
    type: 'number',
    minimum: 0,
    default: GKE_BACKEND_TIMEOUT_SECONDS,
    description: "A GKE load balancer's backend service timeout where no BackendConfig or GCPBackendPolicy sets timeoutSec, in seconds.",
  },
};

type Context = RuleContext<OptionsOf<typeof options>, typeof messages>;


type Subject = DrainSubject;

export default defineRule({
  meta: {
    id: 'proxy-timeout-too-short',
    description: 'A proxy in front of a profiled workload (ingress-nginx, ALB, GKE, a Gateway API route, Envoy Gateway, Envoy AI Gateway, Istio) times out before its longest request finishes.',
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: { finds: 'an ingress-nginx, ALB, GKE, HTTPRoute, Envoy Gateway, Envoy AI Gateway or Istio timeout in front of the workload cuts requests before the longest one ends' },
    messages,
    options,
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
          checkNginx(context, ingress, targets, controller.why, INGRESS_NGINX_TIMEOUT_ANNOTATIONS.read, true);
          break;
        case 'nginx-inc':
          checkNginx(context, ingress, targets, controller.why, NGINX_INC_TIMEOUT_ANNOTATIONS.read, false);
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
    checkOperatorTimeouts(context);
    checkGcpBackendPolicies(context, byWorkload);
    const policyTimeouts = trafficPolicyTimeouts(context.index, byWorkload);
    checkHTTPRoutes(context, byWorkload, policyTimeouts.decided);
    checkTrafficPolicies(context, policyTimeouts);
    checkAIGatewayRoutes(context, byWorkload);
    checkVirtualServices(context, byWorkload);
  },
});

/** The longest request behind a set of targets, the subject it comes from, and a timeout that fits it. */
function needed(targets: RouteTarget<Subject, KubeObject>[]): { longest: number; target: number; subject: Subject } {
  let subject = targets[0]!.subjects[0]!;
  for (const t of targets) {
    const s = longestRequestSubject(t.subjects);
    if (s.profile.settings.longestRequest > subject.profile.settings.longestRequest) subject = s;
  }
  const longest = subject.profile.settings.longestRequest;
  return { longest, target: Math.ceil(longest + subject.budget.margin), subject };
}

/**
 * Judges the read timeout only: it bounds the silence between two reads from the upstream, so a
 * response that is not streamed must arrive within it. The send timeout bounds the silence
 * between two writes to the upstream, which says nothing about how long a response takes.
 */
function checkNginx(context: Context, ingress: Ingress, targets: RouteTarget<Subject>[], why: string, key: string, ingressNginx: boolean): void {
  const annotations = ingress.root.map('metadata')?.map('annotations');
  // A value that is not a string is invalid-value's; the timeout it means is unknown.
  if (annotations?.pair(key) && !ingress.annotations.has(key)) return;
  const need = needed(targets);
  const { nginxDefaultTimeout } = context.options;
  const field = ingress.annotations.get(key);
  const parsed = field === undefined ? undefined : ingressNginx ? wholeSeconds(field.value) : parseDuration(field.value);
  const timeout = parsed ?? nginxDefaultTimeout;
  if (timeout >= need.longest) return;
  const how =
    field === undefined ? `${key} unset: the controller's default ${formatSeconds(nginxDefaultTimeout)}`
    : parsed === undefined ? `${key}: ${JSON.stringify(field.value)} is not ${ingressNginx ? 'a whole number of seconds' : 'a duration'}, so the default ${formatSeconds(nginxDefaultTimeout)} applies`
    : `${key}: ${JSON.stringify(field.value)}`;
  const value = String(need.target);
  const span: Span = field?.fieldSpan ?? (annotations ? ingress.root.map('metadata')!.keySpan('annotations') : ingress.anchor);
  const fix: FixOutcome | undefined = ingressNginx ? nginxFix(context, ingress, key, value) : undefined;
  context.report({
    object: ingress,
    span,
    ...(fix ? { fix } : {}),
    related: relatedOf(need.subject),
    messageId: ingressNginx ? 'ingressNginxTimeout' : 'nginxIncTimeout',
    data: {
      object: describeObject(ingress),
      why,
      services: serviceNames(targets),
      timeout: seconds(timeout),
      how,
      longest: seconds(need.longest),
      workload: who(need.subject),
      annotations: key.replace(/^.*\//, ''),
      target: value,
      margin: seconds(need.target - need.longest),
    },
    profile: need.subject.profile,
  });
}

/** Sets the ingress-nginx read timeout annotation to `value` (a quoted string: annotations are strings). */
function nginxFix(context: Context, ingress: Ingress, key: string, value: string): FixOutcome | undefined {
  const editor = context.editor(ingress);
  const metadata = ingress.root.map('metadata');
  if (!metadata) return undefined;
  const annotations = metadata.map('annotations');
  const description = `set ${key.replace(/^.*\//, '')} to "${value}"`;
  if (!annotations) return combine('safe', description, editor.set(metadata, 'annotations', { [key]: value }));
  if (annotations.node.items.length === 0 && !annotations.node.flow) return undefined;
  return combine('safe', description, editor.set(annotations, key, value));
}

function checkAlb(context: Context, ingress: Ingress, targets: RouteTarget<Subject>[], why: string): void {
  const field = ingress.annotations.get(ALB_ATTRIBUTES);
  const written = field ? wholeSeconds(awsAttributes(field.value).get(IDLE)) : undefined;
  const idle = written ?? context.options.albIdleTimeout;
  const need = needed(targets);
  if (idle >= need.longest) return;
  context.report({
    object: ingress,
    span: field?.fieldSpan ?? ingress.anchor,
    related: relatedOf(need.subject),
    messageId: written !== undefined ? 'albIdleTimeout' : 'albDefaultIdleTimeout',
    data: {
      object: describeObject(ingress),
      why,
      services: serviceNames(targets),
      timeout: seconds(idle),
      longest: seconds(need.longest),
      workload: who(need.subject),
      target: need.target,
    },
    profile: need.subject.profile,
  });
}

function checkGkeDefault(context: Context, ingress: Ingress, target: RouteTarget<Subject>, why: string): void {
  const need = needed([target]);
  const timeout = context.options.gkeBackendTimeout;
  if (timeout >= need.longest) return;
  context.report({
    object: ingress,
    span: target.span,
    related: relatedOf(need.subject),
    messageId: 'gkeDefaultTimeout',
    data: {
      object: describeObject(ingress),
      why,
      service: String(target.service.name),
      annotation: BACKEND_CONFIG_ANNOTATIONS[0]!,
      timeout: seconds(timeout),
      longest: seconds(need.longest),
      suggested: need.longest,
      workload: who(need.subject),
      target: need.target,
    },
    profile: need.subject.profile,
  });
}

/** Each BackendConfig a Service with profiled pods uses, judged once. */
function checkBackendConfigs(context: Context, byWorkload: ReadonlyMap<Workload, Subject[]>): void {
  const { index } = context;
  const users = new Map<BackendConfig, { service: Service; subjects: readonly Subject[] }[]>();
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
      messageId: config.timeoutSec ? 'backendConfigTimeout' : 'backendConfigDefaultTimeout',
      data: {
        object: describeObject(config),
        location: locationOf(config),
        services: serviceNames(targets),
        timeout: seconds(timeout),
        longest: seconds(need.longest),
        workload: who(need.subject),
        target: need.target,
      },
      profile: need.subject.profile,
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

function relatedOf(subject: Subject): { object: KubeObject; span: Span } {
  return { object: subject.workload, span: subject.workload.anchor };
}

type ByWorkload = ReadonlyMap<Workload, Subject[]>;

/** The shorter of a rule's Gateway API timeouts that is set and not "0s" (which disables one). */
function shorterTimeout(rule: { request?: Timeout; backendRequest?: Timeout }): (Timeout & { key: string }) | undefined {
  return [rule.request && { ...rule.request, key: 'request' }, rule.backendRequest && { ...rule.backendRequest, key: 'backendRequest' }]
    .filter((t): t is NonNullable<typeof t> => !!t && t.seconds > 0)
    .sort((a, b) => a.seconds - b.seconds)[0];
}

/**
 * What a finding about a gateway's timeout of `timeout` seconds in front of `targets` says, and
 * the timeout that would fit (`target` seconds), when it cuts the longest request behind them
 * (0 disables a timeout).
 */
function cutsShort(object: KubeObject, timeout: number, targets: RouteTarget<Subject, KubeObject>[]) {
  if (targets.length === 0 || timeout <= 0) return undefined;
  const need = needed(targets);
  if (timeout >= need.longest) return undefined;
  return {
    target: need.target,
    finding: {
      object,
      related: relatedOf(need.subject),
      profile: need.subject.profile,
      data: {
        object: describeObject(object),
        services: serviceNames(targets),
        timeout: seconds(timeout),
        longest: seconds(need.longest),
        workload: who(need.subject),
        duration: durationText(need.target),
      },
    },
  };
}

/**
 * Raises one timeout where the gateway reads it, in the manifest's style: `key` of `view` set to
 * `value` (a longer timeout only stops the gateway from cutting requests the server still answers).
 */
function raise(context: Context, object: KubeObject, view: MapView | undefined, key: string, value: Json, path: string, shown: string | number): FixOutcome | undefined {
  return view ? combine('safe', `set ${path} to ${shown}`, context.editor(object).set(view, key, value)) : undefined;
}

/** Sets a rule's `timeouts.request` (adding `timeouts` where it is missing), when no backendRequest also needs raising. */
function requestFix(context: Context, object: KubeObject, rule: { view: MapView; timeouts?: MapView; backendRequest?: Timeout }, target: number): FixOutcome | undefined {
  if (rule.backendRequest) return undefined;
  const value = durationText(target);
  return rule.timeouts
    ? raise(context, object, rule.timeouts, 'request', value, 'timeouts.request', value)
    : raise(context, object, rule.view, 'timeouts', { request: value }, 'timeouts.request', value);
}

/** Which of a rule's Gateway API timeouts cuts the request, and which fields to raise. */
function routeTimeoutData(timeout: Timeout & { key: string }, rule: { backendRequest?: Timeout }) {
  return { key: timeout.key, value: timeout.field.value, fields: rule.backendRequest ? 'timeouts.request and timeouts.backendRequest' : 'timeouts.request' };
}

/**
 * An HTTPRoute rule's own timeouts; without them (and without a BackendTrafficPolicy's), Envoy's
 * 15 s route default when an Envoy Gateway GatewayClass of the run serves the route.
 */
function checkHTTPRoutes(context: Context, byWorkload: ByWorkload, decidedByPolicy: ReadonlySet<object>): void {
  for (const route of context.index.model.httpRoutes) {
    for (const rule of route.rules) {
      const timeout = shorterTimeout(rule);
      if (!timeout) {
        if (rule.request || rule.backendRequest || rule.timeoutUnreadable || decidedByPolicy.has(rule)) continue;
        const envoy = envoyGatewayClassOf(route, context.index);
        const cut = envoy ? cutsShort(route, ENVOY_ROUTE_TIMEOUT_SECONDS, routeRuleTargets(route, rule, context.index, byWorkload)) : undefined;
        if (!cut) continue;
        const { target, finding } = cut;
        const fix = requestFix(context, route, rule, target);
        context.report({ ...finding, span: rule.timeoutsAnchor, ...(fix ? { fix } : {}), messageId: 'envoyDefaultTimeout', data: { ...finding.data, gatewayClass: String(envoy!.name) } });
        continue;
      }
      const cut = cutsShort(route, timeout.seconds, routeRuleTargets(route, rule, context.index, byWorkload));
      if (!cut) continue;
      const { finding } = cut;
      context.report({ ...finding, span: timeout.field.fieldSpan, messageId: 'routeTimeout', data: { ...finding.data, ...routeTimeoutData(timeout, rule) } });
    }
  }
}

/** An Envoy Gateway BackendTrafficPolicy, once, for every route rule whose request timeout it decides. */
function checkTrafficPolicies(context: Context, policyTimeouts: TrafficPolicyTimeouts<Subject>): void {
  for (const [policy, reach] of policyTimeouts.byPolicy) {
    const timeout = policy.requestTimeout!;
    const cut = cutsShort(policy, timeout.seconds, reach.targets);
    if (!cut) continue;
    const { target, finding } = cut;
    const fix = raise(context, policy, policy.http, 'requestTimeout', durationText(target), 'timeout.http.requestTimeout', durationText(target));
    context.report({
      ...finding,
      ...(fix ? { fix } : {}),
      span: timeout.field.fieldSpan,
      messageId: 'trafficPolicyTimeout',
      data: { ...finding.data, value: timeout.field.value, routes: reach.routes.map(describeObject).join(', ') },
    });
  }
}

/** An Envoy AI Gateway route rule: its own timeouts, else the AI gateway's 60 s. */
function checkAIGatewayRoutes(context: Context, byWorkload: ByWorkload): void {
  for (const route of context.index.model.aiGatewayRoutes) {
    for (const rule of route.rules) {
      const targets = aiGatewayRuleTargets(route, rule, context.index, byWorkload);
      const timeout = shorterTimeout(rule);
      const defaultApplies = !rule.request && (!timeout || timeout.seconds > AI_GATEWAY_REQUEST_TIMEOUT_SECONDS);
      const cut = defaultApplies ? cutsShort(route, AI_GATEWAY_REQUEST_TIMEOUT_SECONDS, targets) : timeout ? cutsShort(route, timeout.seconds, targets) : undefined;
      if (!cut) continue;
      const { target, finding } = cut;
      const fix = requestFix(context, route, rule, target);
      if (defaultApplies) context.report({ ...finding, ...(fix ? { fix } : {}), span: rule.timeoutsAnchor, messageId: 'aiGatewayDefaultTimeout' });
      else context.report({ ...finding, ...(fix ? { fix } : {}), span: timeout!.field.fieldSpan, messageId: 'routeTimeout', data: { ...finding.data, ...routeTimeoutData(timeout!, rule) } });
    }
  }
}

/** An Istio VirtualService `http` route with a `timeout` (unset, Istio has none). */
function checkVirtualServices(context: Context, byWorkload: ByWorkload): void {
  for (const virtualService of context.index.model.virtualServices) {
    for (const route of virtualService.http) {
      if (!route.timeout) continue;
      const cut = cutsShort(virtualService, route.timeout.seconds, virtualServiceTargets(virtualService, route, context.index, byWorkload));
      if (!cut) continue;
      const { target, finding } = cut;
      // Istio reads a protobuf Duration: seconds with an "s" suffix.
      const fix = raise(context, virtualService, route.view, 'timeout', `${target}s`, 'timeout', `${target}s`);
      context.report({ ...finding, ...(fix ? { fix } : {}), span: route.timeout.field.fieldSpan, messageId: 'virtualServiceTimeout', data: { ...finding.data, value: route.timeout.field.value } });
    }
  }
}

/** A GKE Gateway GCPBackendPolicy: `default.timeoutSec` of the Service's or pool's backend service. */
function checkGcpBackendPolicies(context: Context, byWorkload: ByWorkload): void {
  for (const policy of context.index.model.gcpBackendPolicies) {
    if (policy.unreadable.timeoutSec) continue;
    const target: RouteTarget<Subject, Backend> | undefined = gcpBackendPolicyTarget(policy, context.index, byWorkload);
    if (!target) continue;
    const need = needed([target]);
    const timeout = policy.timeoutSec?.value ?? context.options.gkeBackendTimeout;
    if (timeout >= need.longest) continue;
    const fix = policy.config
      ? raise(context, policy, policy.config, 'timeoutSec', need.target, 'default.timeoutSec', need.target)
      : raise(context, policy, policy.spec, 'default', { timeoutSec: need.target }, 'default.timeoutSec', need.target);
    context.report({
      object: policy,
      ...(fix ? { fix } : {}),
      span: policy.timeoutSec?.fieldSpan ?? policy.timeoutAnchor,
      related: relatedOf(need.subject),
      messageId: policy.timeoutSec ? 'gcpBackendPolicyTimeout' : 'gcpBackendPolicyDefaultTimeout',
      data: {
        object: describeObject(policy),
        location: locationOf(policy),
        services: serviceNames([target]),
        timeout: seconds(timeout),
        longest: seconds(need.longest),
        workload: who(need.subject),
        target: need.target,
      },
      profile: need.subject.profile,
    });
  }
}

/**
 * A request timeout the workload's operator enforces in front of its pods (Knative's queue-proxy:
 * a Knative Service's `timeoutSeconds`, a KServe component's `timeout` in Knative mode), judged on
 * the resource at that field. Raising it is safe up to the operator's maximum: it only lets
 * longer requests finish (and lengthens the grace period with it).
 */
function checkOperatorTimeouts(context: Context): void {
  const judged = new Set<unknown>();
  for (const subject of context.drainSubjects) {
    const timeout = subject.template.operator?.requestTimeout;
    const longest = subject.profile.settings.longestRequest;
    if (!timeout || timeout.seconds >= longest || judged.has(timeout.owner.node)) continue;
    judged.add(timeout.owner.node);
    const raised = raisedRequestTimeout(subject);
    const wanted = raised?.wanted ?? Math.ceil(longest + subject.budget.margin);
    const target = raised?.seconds ?? timeout.max;
    const data = {
      label: subject.label,
      by: timeout.by,
      timeout: timeout.seconds,
      how: timeout.field ? `${timeout.key}: ${timeout.field.value}` : `${timeout.key} unset: the default`,
      longest: seconds(longest),
      workload: 'its pods',
      key: timeout.key,
      target,
      budget: describeBudget(subject.budget).replace(/^\d+ s \((.*)\)$/, '$1'),
      wanted,
      max: timeout.max,
    };
    const span = timeout.field?.fieldSpan ?? timeout.owner.anchor;
    if (!raised) {
      context.report({ object: subject.workload, span, messageId: 'operatorTimeoutTooLong', data, profile: subject.profile });
      continue;
    }
    context.report({
      object: subject.workload,
      span,
      messageId: target < wanted ? 'operatorTimeoutCapped' : 'operatorTimeout',
      data,
      profile: subject.profile,
      fix: combine('safe', `set ${timeout.key} to ${target}`, context.editor(subject.workload).set(timeout.owner, timeout.key, target)),
    });
  }
}
