import {
  ALB_TARGET_GROUP_ATTRIBUTES_ANNOTATION,
  awsAttributes,
  AWS_DEREGISTRATION_DELAY_SECONDS,
  AWS_LOAD_BALANCER_TYPE_ANNOTATION,
  AWS_LBC_NLB_TYPES,
  AWS_NLB_LOAD_BALANCER_CLASS,
  BACKEND_CONFIG_ANNOTATIONS,
  backendConfigName,
  defineRule,
  DEREGISTRATION_DELAY_ATTRIBUTE,
  describeObject,
  GCP_BACKEND_POLICY_DRAINING_SECONDS,
  gcpBackendPolicyTarget,
  ingressController,
  ingressTargets,
  locationOf,
  longestRequestSubject,
  NLB_TARGET_GROUP_ATTRIBUTES_ANNOTATION,
  subjectsBehind,
  subjectsByWorkload,
  wholeSeconds,
  type BackendConfig,
  type GCPBackendPolicy,
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

const DELAY_SHORT = `The deregistration delay of {{lb}} is {{delay}} s ({{how}}), shorter than the {{longest}} s longest request of {{workload}} ({{location}}): when a pod is deregistered, the load balancer cuts the requests still running on it after {{delay}} s. Set ${DELAY} to at least {{longest}} in {{annotation}} (a longer delay costs nothing: deregistration ends as soon as no request is in flight).`;
const GKE_HEAD = '{{object}} ({{location}}), used by Service {{service}}, ';
const GKE_OFF = "when a pod leaves the load balancer's backends, the requests still running on it are cut at once";
const GKE_TAIL = ', but the longest request of {{workload}} ({{workloadLocation}}) takes {{longest}} s. Set connectionDraining.drainingTimeoutSec: {{suggested}}.';

const POLICY_HEAD = '{{object}} ({{location}}), the GKE Gateway policy of {{backend}}, ';
const POLICY_TAIL = ', but the longest request of {{workload}} ({{workloadLocation}}) takes {{longest}} s. Set default.connectionDraining.drainingTimeoutSec: {{suggested}}.';

const messages = {
  delayShort: DELAY_SHORT,
  drainingUnset: `${GKE_HEAD}leaves connection draining off (no connectionDraining.drainingTimeoutSec): ${GKE_OFF}${GKE_TAIL}`,
  drainingOff: `${GKE_HEAD}leaves connection draining off (drainingTimeoutSec: 0): ${GKE_OFF}${GKE_TAIL}`,
  drainingShort: `${GKE_HEAD}drains connections for {{draining}} s (drainingTimeoutSec: {{draining}}): when a pod leaves the load balancer's backends, requests still running after that are cut${GKE_TAIL}`,
  policyDrainingUnset: `${POLICY_HEAD}leaves connection draining off (no default.connectionDraining.drainingTimeoutSec): ${GKE_OFF}${POLICY_TAIL}`,
  policyDrainingOff: `${POLICY_HEAD}leaves connection draining off (drainingTimeoutSec: 0): ${GKE_OFF}${POLICY_TAIL}`,
  policyDrainingShort: `${POLICY_HEAD}drains connections for {{draining}} s (drainingTimeoutSec: {{draining}}): when a pod leaves the load balancer's backends, requests still running after that are cut${POLICY_TAIL}`,
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
    description: "A load balancer's connection draining is shorter than the profiled workload's longest request: an AWS deregistration delay, or GKE draining (BackendConfig, GCPBackendPolicy) off or too short.",
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: 'ALB/NLB deregistration delay or GKE connection draining is shorter than the longest request' },
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

    // NLB of the AWS Load Balancer Controller: a LoadBalancer Service's target group. The legacy
    // in-tree provider's NLBs (type nlb) do not read the controller's target-group attributes.
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
    // GKE Gateway: connection draining of the backend service of a GCPBackendPolicy's Service or pool.
    for (const policy of index.model.gcpBackendPolicies) {
      if (policy.unreadable.drainingTimeoutSec) continue;
      const target = gcpBackendPolicyTarget(policy, index, byWorkload);
      if (target) checkPolicy(context, policy, `${target.service.kind} ${target.service.name}`, target.subjects);
    }
    // A GKE Ingress to a Service without a BackendConfig: draining is off.
    for (const ingress of index.model.ingresses) {
      if (ingressController(ingress, index.ingressClasses)?.controller !== 'gce') continue;
      for (const target of ingressTargets(ingress, index, byWorkload)) {
        if (BACKEND_CONFIG_ANNOTATIONS.some((k) => target.service.annotations.has(k))) continue;
        const subject = longestRequestSubject(target.subjects);
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

/** Whether the AWS Load Balancer Controller provisions an NLB for the Service. */
function isNlb(service: Service, loadBalancerClass: string | undefined): boolean {
  if (loadBalancerClass === AWS_NLB_LOAD_BALANCER_CLASS) return true;
  const type = service.annotations.get(AWS_LOAD_BALANCER_TYPE_ANNOTATION)?.value;
  return type !== undefined && AWS_LBC_NLB_TYPES.includes(type);
}

interface DelayCheck {
  object: KubeObject;
  span: Span;
  field: Field<string> | undefined;
  annotation: string;
  lb: string;
  service: Service;
  subjects: readonly Subject[];
}

/**
 * Only a delay shorter than the longest request is reported: a longer one is harmless, since
 * deregistration ends early once the target has no request in flight.
 */
function checkDelay(context: Context, check: DelayCheck): void {
  const written = check.field ? delayOf(check.field) : undefined;
  const delay = written ?? context.options.deregistrationDelay;
  const longest = longestRequestSubject(check.subjects);
  const need = longest.profile.settings.longestRequest;
  if (delay >= need) return;
  context.report({
    object: check.object,
    span: check.span,
    related: { object: longest.workload, span: longest.workload.anchor },
    profile: longest.profile,
    messageId: 'delayShort',
    data: {
      lb: check.lb,
      delay: seconds(delay),
      how: written !== undefined ? `${DELAY}=${written}` : `${check.annotation} sets no ${DELAY}: the AWS default`,
      annotation: check.annotation,
      longest: seconds(need),
      workload: longest.label,
      location: locationOf(longest.workload),
    },
  });
}

function checkGke(context: Context, config: BackendConfig, service: Service, subjects: readonly Subject[]): void {
  const subject = longestRequestSubject(subjects);
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

function checkPolicy(context: Context, policy: GCPBackendPolicy, backend: string, subjects: readonly Subject[]): void {
  const subject = longestRequestSubject(subjects);
  const need = subject.profile.settings.longestRequest;
  const draining = policy.drainingTimeoutSec?.value ?? GCP_BACKEND_POLICY_DRAINING_SECONDS;
  if (draining >= need) return;
  const data = {
    object: describeObject(policy),
    location: locationOf(policy),
    backend,
    workload: subject.label,
    workloadLocation: locationOf(subject.workload),
    longest: seconds(need),
    suggested: need,
  };
  context.report({
    object: policy,
    span: policy.drainingTimeoutSec?.fieldSpan ?? policy.drainingAnchor,
    related: { object: subject.workload, span: subject.workload.anchor },
    ...(draining > 0
      ? { messageId: 'policyDrainingShort' as const, data: { ...data, draining } }
      : { messageId: policy.drainingTimeoutSec ? ('policyDrainingOff' as const) : ('policyDrainingUnset' as const), data }),
    profile: subject.profile,
  });
}
