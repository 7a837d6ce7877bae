import {
  ALB_TARGET_GROUP_ATTRIBUTES_ANNOTATION,
  awsAttributes,
  AWS_DEREGISTRATION_DELAY_SECONDS,
  AWS_LOAD_BALANCER_TYPE_ANNOTATION,
  AWS_NLB_LOAD_BALANCER_CLASS,
  AWS_NLB_TYPES,
  BACKEND_CONFIG_ANNOTATIONS,
  backendConfigName,
  defineRule,
  DEREGISTRATION_DELAY_ATTRIBUTE,
  describeObject,
  effectiveGrace,
  ingressController,
  ingressTargets,
  locationOf,
  NLB_TARGET_GROUP_ATTRIBUTES_ANNOTATION,
  subjectsBehind,
  subjectsByWorkload,
  wholeSeconds,
  type BackendConfig,
  type DrainSubject,
  type Field,
  type KubeObject,
  type OptionsOf,
  type RuleContext,
  type Service,
  type Span,
  secondsValue as seconds,
} from '../src/rule-kit/index.js';

const ALB_TARGET_GROUP = ALB_TARGET_GROUP_ATTRIBUTES_ANNOTATION;
const NLB_TARGET_GROUP = NLB_TARGET_GROUP_ATTRIBUTES_ANNOTATION;
const DELAY = DEREGISTRATION_DELAY_ATTRIBUTE;

const DELAY_HEAD = "The deregistration delay of {{lb}} is {{delay}} s ({{how}}), which does not fit the pods' shutdown: ";
const DELAY_TAIL = `. Set ${DELAY} {{range}} in {{annotation}}.`;
const SHORTER =
  'it is shorter than the {{longest}} s longest request of {{workload}} ({{location}}): when a pod is deregistered, the load balancer cuts the requests still running on it after {{delay}} s';
const OUTLASTS =
  'it outlasts the pod: {{killed}} ({{killedLocation}}) stops serving at SIGTERM, after its {{preStop}} s preStop, and is killed at the latest {{window}} s later (grace {{grace}} s), while the load balancer still counts it as draining: the connections it holds to the pod are reset and clients get 5xx';
const GKE_HEAD = '{{object}} ({{location}}), used by Service {{service}}, ';
const GKE_OFF = "when a pod leaves the load balancer's backends, the requests still running on it are cut at once";
const GKE_TAIL = ', but the longest request of {{workload}} ({{workloadLocation}}) takes {{longest}} s. Set connectionDraining.drainingTimeoutSec: {{suggested}}.';

const messages = {
  delayShort: `${DELAY_HEAD}${SHORTER}${DELAY_TAIL}`,
  delayOutlastsPod: `${DELAY_HEAD}${OUTLASTS}${DELAY_TAIL}`,
  delayShortAndOutlastsPod: `${DELAY_HEAD}${SHORTER}; and ${OUTLASTS}${DELAY_TAIL}`,
  drainingUnset: `${GKE_HEAD}leaves connection draining off (no connectionDraining.drainingTimeoutSec): ${GKE_OFF}${GKE_TAIL}`,
  drainingOff: `${GKE_HEAD}leaves connection draining off (drainingTimeoutSec: 0): ${GKE_OFF}${GKE_TAIL}`,
  drainingShort: `${GKE_HEAD}drains connections for {{draining}} s (drainingTimeoutSec: {{draining}}): when a pod leaves the load balancer's backends, requests still running after that are cut${GKE_TAIL}`,
  gkeNoBackendConfig:
    "{{object}} (GKE Ingress) sends requests to Service {{service}}, which has no BackendConfig, so connection draining is off: when a pod leaves the load balancer's backends, the requests still running on it are cut at once instead of getting {{longest}} s to finish (the longest request of {{workload}}, {{location}}). Attach a BackendConfig with connectionDraining.drainingTimeoutSec: {{suggested}}.",
} as const;

const options = {
  deregistrationDelay: {
    type: 'number',
    minimum: 0,
    default: AWS_DEREGISTRATION_DELAY_SECONDS,
    description: `An AWS target group's ${DELAY} where no annotation sets it, in seconds.`,
  },
};

type Context = RuleContext<OptionsOf<typeof options>, typeof messages>;


type Subject = DrainSubject;

export default defineRule({
  meta: {
    id: 'lb-drain-mismatch',
    description: "A load balancer's connection draining does not fit the pod's shutdown: deregistration delay or GKE connection draining too short or too long.",
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: "ALB/NLB deregistration delay or GKE connection draining does not fit the pod's drain timeline" },
    messages,
    options,
  },
  check(context) {
    const { index } = context;
    const byWorkload = subjectsByWorkload(context.drainSubjects);
    if (byWorkload.size === 0) return;
    const reported = new Set<string>();
    const once = (key: string) => !reported.has(key) && !!reported.add(key);

    // ALB: the Service's target-group-attributes win over the Ingress's.
    for (const ingress of index.model.ingresses) {
      const controller = ingressController(ingress, index.ingressClasses);
      if (controller?.controller !== 'alb') continue;
      for (const target of ingressTargets(ingress, index, byWorkload)) {
        const onService = target.service.annotations.get(ALB_TARGET_GROUP);
        const onIngress = ingress.annotations.get(ALB_TARGET_GROUP);
        const carrier =
          onService && delayOf(onService) !== undefined ? { object: target.service as KubeObject, field: onService }
          : onIngress && delayOf(onIngress) !== undefined ? { object: ingress as KubeObject, field: onIngress }
          : undefined;
        // A Service's attribute is judged once, whichever Ingresses use it.
        const key = carrier?.object === target.service ? `service ${index.namespace(target.service)}/${target.service.name}` : `ingress ${index.namespace(ingress)}/${ingress.name} ${target.service.name}`;
        if (!once(key)) continue;
        checkDelay(context, {
          object: carrier?.object ?? ingress,
          span: carrier?.field.fieldSpan ?? target.span,
          field: carrier?.field,
          annotation: ALB_TARGET_GROUP,
          lb: `the ALB of ${describeObject(ingress)} for Service ${target.service.name}`,
          service: target.service,
          subjects: target.subjects,
        });
      }
    }

    // NLB (AWS Load Balancer Controller or in-tree): a LoadBalancer Service's target group.
    for (const service of index.model.services) {
      const lb = service.loadBalancer;
      if (lb?.type !== 'LoadBalancer' || !isNlb(service, lb.loadBalancerClass)) continue;
      const subjects = subjectsBehind(service, index, byWorkload);
      if (subjects.length === 0) continue;
      const field = service.annotations.get(NLB_TARGET_GROUP);
      checkDelay(context, {
        object: service,
        span: field?.fieldSpan ?? service.anchor,
        field: field && delayOf(field) !== undefined ? field : undefined,
        annotation: NLB_TARGET_GROUP,
        lb: `the NLB of ${describeObject(service)}`,
        service,
        subjects,
      });
    }

    // GKE: connection draining of the backend service, from the Service's BackendConfig.
    const judged = new Set<BackendConfig>();
    for (const service of index.model.services) {
      if (!BACKEND_CONFIG_ANNOTATIONS.some((k) => service.annotations.has(k))) continue;
      const subjects = subjectsBehind(service, index, byWorkload);
      if (subjects.length === 0) continue;
      const ports = service.ports.length > 0 ? service.ports.map((p) => p.port ?? p.name) : [undefined];
      for (const name of new Set(ports.map((p) => backendConfigName(service, p)?.name).filter((n): n is string => !!n))) {
        const config = index.backendConfig(index.namespace(service), name);
        if (!config || judged.has(config)) continue;
        judged.add(config);
        checkGke(context, config, service, subjects);
      }
    }
    // A GKE Ingress to a Service without a BackendConfig: draining is off.
    for (const ingress of index.model.ingresses) {
      if (ingressController(ingress, index.ingressClasses)?.controller !== 'gce') continue;
      for (const target of ingressTargets(ingress, index, byWorkload)) {
        if (BACKEND_CONFIG_ANNOTATIONS.some((k) => target.service.annotations.has(k))) continue;
        const subject = longestOf(target.subjects);
        const longest = subject.profile.settings.longestRequest;
        context.report({
          object: ingress,
          span: target.span,
          related: { object: subject.workload, span: subject.workload.anchor },
          messageId: 'gkeNoBackendConfig',
          data: {
            object: describeObject(ingress),
            service: String(target.service.name),
            longest: seconds(longest),
            suggested: longest,
            workload: subject.label,
            location: locationOf(subject.workload),
          },
          profile: subject.profile,
        });
      }
    }
  },
});

/** `deregistration_delay.timeout_seconds` from an attribute annotation, if it sets one. */
function delayOf(field: Field<string>): number | undefined {
  return wholeSeconds(awsAttributes(field.value).get(DELAY));
}

function isNlb(service: Service, loadBalancerClass: string | undefined): boolean {
  if (loadBalancerClass === AWS_NLB_LOAD_BALANCER_CLASS) return true;
  const type = service.annotations.get(AWS_LOAD_BALANCER_TYPE_ANNOTATION)?.value;
  return type !== undefined && AWS_NLB_TYPES.includes(type);
}

function longestOf(subjects: Subject[]): Subject {
  return subjects.reduce((a, b) => (b.profile.settings.longestRequest > a.profile.settings.longestRequest ? b : a));
}

/** The subject with the least time between SIGTERM and SIGKILL (grace − preStop). */
function shortestWindow(subjects: Subject[]): { subject: Subject; grace: number; window: number } | undefined {
  let best: { subject: Subject; grace: number; window: number } | undefined;
  for (const subject of subjects) {
    const grace = effectiveGrace(subject.template.spec);
    if (grace === undefined) continue;
    const window = grace - subject.preStopSeconds;
    if (!best || window < best.window) best = { subject, grace, window };
  }
  return best;
}

interface DelayCheck {
  object: KubeObject;
  span: Span;
  field: Field<string> | undefined;
  annotation: string;
  lb: string;
  service: Service;
  subjects: Subject[];
}

function checkDelay(context: Context, check: DelayCheck): void {
  const written = check.field ? delayOf(check.field) : undefined;
  const delay = written ?? context.options.deregistrationDelay;
  const how = written !== undefined ? `${DELAY}=${written}` : `${check.annotation} sets no ${DELAY}: the AWS default`;
  const longest = longestOf(check.subjects);
  const need = longest.profile.settings.longestRequest;
  const window = shortestWindow(check.subjects);
  const short = delay < need;
  const outlasts = !!window && delay > window.window;
  if (!short && !outlasts) return;
  const range = window && window.window >= need ? `between ${need} and ${window.window}` : `at least ${need} (and raise the grace period so that it fits)`;
  const base = { object: check.object, span: check.span, related: { object: longest.workload, span: longest.workload.anchor }, profile: longest.profile };
  const head = { lb: check.lb, delay: seconds(delay), how, range, annotation: check.annotation };
  const shorter = { longest: seconds(need), workload: longest.label, location: locationOf(longest.workload) };
  const killed = window && {
    killed: window.subject.label,
    killedLocation: locationOf(window.subject.workload),
    preStop: seconds(window.subject.preStopSeconds),
    window: seconds(Math.max(window.window, 0)),
    grace: seconds(window.grace),
  };
  if (short && killed && outlasts) context.report({ ...base, messageId: 'delayShortAndOutlastsPod', data: { ...head, ...shorter, ...killed } });
  else if (short) context.report({ ...base, messageId: 'delayShort', data: { ...head, ...shorter } });
  else if (killed) context.report({ ...base, messageId: 'delayOutlastsPod', data: { ...head, ...killed } });
}

function checkGke(context: Context, config: BackendConfig, service: Service, subjects: Subject[]): void {
  const subject = longestOf(subjects);
  const need = subject.profile.settings.longestRequest;
  const draining = config.drainingTimeoutSec?.value ?? 0;
  if (draining >= need) return;
  const data = {
    object: describeObject(config),
    location: locationOf(config),
    service: String(service.name),
    workload: subject.label,
    workloadLocation: locationOf(subject.workload),
    longest: seconds(need),
    suggested: need,
  };
  context.report({
    object: config,
    span: config.drainingTimeoutSec?.fieldSpan ?? (config.connectionDraining ? config.spec!.keySpan('connectionDraining') : config.specAnchor),
    related: { object: subject.workload, span: subject.workload.anchor },
    ...(draining > 0
      ? { messageId: 'drainingShort' as const, data: { ...data, draining } }
      : { messageId: config.drainingTimeoutSec ? ('drainingOff' as const) : ('drainingUnset' as const), data }),
    profile: subject.profile,
  });
}
