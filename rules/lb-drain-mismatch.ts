import type { Span } from '../src/core/source.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { DrainSubject } from '../src/analysis/subjects.js';
import { locationOf } from '../src/analysis/disruption.js';
import type { Field } from '../src/languages/node.js';
import { isField } from '../src/languages/node.js';
import type { Service } from '../src/model/network.js';
import { describeObject, type KubeObject } from '../src/model/objects.js';
import { awsAttributes, BACKEND_CONFIG_ANNOTATIONS, backendConfigName, ingressController, wholeSeconds, type BackendConfig } from '../src/model/proxies.js';
import { ingressTargets, subjectsBehind, subjectsByWorkload } from '../src/analysis/routing.js';
import { formatSeconds } from '../src/model/units.js';

interface Options {
  /** The target group's deregistration delay where no attribute sets it (AWS default 300 s). */
  deregistrationDelay: number;
}

const ALB_TARGET_GROUP = 'alb.ingress.kubernetes.io/target-group-attributes';
const NLB_TARGET_GROUP = 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes';
const DELAY = 'deregistration_delay.timeout_seconds';
/** Kubernetes' default `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE = 30;

type Subject = DrainSubject;

export default defineRule<Options>({
  meta: {
    id: 'lb-drain-mismatch',
    description: "A load balancer's connection draining does not fit the pod's shutdown: deregistration delay or GKE connection draining too short or too long.",
    defaultSeverity: 'warn',
    fixable: 'none',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deregistrationDelay: {
          type: 'number',
          minimum: 0,
          description: "An AWS target group's deregistration_delay.timeout_seconds where no annotation sets it, in seconds (default 300).",
        },
      },
    },
    defaultOptions: { deregistrationDelay: 300 },
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
      const lb = index.model.serviceLoadBalancers.get(service);
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
        context.report({
          object: ingress,
          span: target.span,
          related: { object: subject.workload, span: subject.workload.anchor },
          message:
            `${describeObject(ingress)} (GKE Ingress) sends requests to Service ${target.service.name}, which has no BackendConfig, so connection draining is off: ` +
            `when a pod leaves the load balancer's backends, the requests still running on it are cut at once instead of getting ${formatSeconds(subject.profile.settings.longestRequest)} ` +
            `to finish (the longest request of ${subject.label}, ${locationOf(subject.workload)}). Attach a BackendConfig with connectionDraining.drainingTimeoutSec: ${subject.profile.settings.longestRequest}. ` +
            `[${subject.profile.name}: ${subject.profile.reason}]`,
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
  if (loadBalancerClass === 'service.k8s.aws/nlb') return true;
  const type = service.annotations.get('service.beta.kubernetes.io/aws-load-balancer-type')?.value;
  return type === 'nlb' || type === 'external' || type === 'nlb-ip';
}

function longestOf(subjects: Subject[]): Subject {
  return subjects.reduce((a, b) => (b.profile.settings.longestRequest > a.profile.settings.longestRequest ? b : a));
}

/** The subject with the least time between SIGTERM and SIGKILL (grace − preStop). */
function shortestWindow(subjects: Subject[]): { subject: Subject; grace: number; window: number } | undefined {
  let best: { subject: Subject; grace: number; window: number } | undefined;
  for (const subject of subjects) {
    const declared = subject.template.spec.terminationGracePeriodSeconds;
    if (declared === 'invalid') continue;
    const grace = isField(declared) ? declared.value : DEFAULT_GRACE;
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

function checkDelay(context: RuleContext<Options>, check: DelayCheck): void {
  const written = check.field ? delayOf(check.field) : undefined;
  const delay = written ?? context.options.deregistrationDelay;
  const how = written !== undefined ? `${DELAY}=${written}` : `${check.annotation} sets no ${DELAY}: the AWS default`;
  const longest = longestOf(check.subjects);
  const need = longest.profile.settings.longestRequest;
  const window = shortestWindow(check.subjects);
  const problems: string[] = [];
  if (delay < need) {
    problems.push(
      `it is shorter than the ${formatSeconds(need)} longest request of ${longest.label} (${locationOf(longest.workload)}): when a pod is deregistered, the load balancer cuts the requests still running on it after ${formatSeconds(delay)}`,
    );
  }
  if (window && delay > window.window) {
    problems.push(
      `it outlasts the pod: ${window.subject.label} (${locationOf(window.subject.workload)}) stops serving at SIGTERM, after its ${formatSeconds(window.subject.preStopSeconds)} preStop, ` +
        `and is killed at the latest ${formatSeconds(Math.max(window.window, 0))} later (grace ${formatSeconds(window.grace)}), while the load balancer still counts it as draining: the connections it holds to the pod are reset and clients get 5xx`,
    );
  }
  if (problems.length === 0) return;
  const range = window && window.window >= need ? `between ${need} and ${window.window}` : `at least ${need} (and raise the grace period so that it fits)`;
  context.report({
    object: check.object,
    span: check.span,
    related: { object: longest.workload, span: longest.workload.anchor },
    message:
      `The deregistration delay of ${check.lb} is ${formatSeconds(delay)} (${how}), which does not fit the pods' shutdown: ${problems.join('; and ')}. ` +
      `Set ${DELAY} ${range} in ${check.annotation}. [${longest.profile.name}: ${longest.profile.reason}]`,
  });
}

function checkGke(context: RuleContext<Options>, config: BackendConfig, service: Service, subjects: Subject[]): void {
  const subject = longestOf(subjects);
  const need = subject.profile.settings.longestRequest;
  const draining = config.drainingTimeoutSec?.value ?? 0;
  if (draining >= need) return;
  context.report({
    object: config,
    span: config.drainingTimeoutSec?.fieldSpan ?? (config.connectionDraining ? config.spec!.keySpan('connectionDraining') : config.specAnchor),
    related: { object: subject.workload, span: subject.workload.anchor },
    message:
      `${describeObject(config)} (${locationOf(config)}), used by Service ${service.name}, ` +
      (draining === 0
        ? `leaves connection draining off (${config.drainingTimeoutSec ? 'drainingTimeoutSec: 0' : 'no connectionDraining.drainingTimeoutSec'}): when a pod leaves the load balancer's backends, the requests still running on it are cut at once`
        : `drains connections for ${formatSeconds(draining)} (drainingTimeoutSec: ${draining}): when a pod leaves the load balancer's backends, requests still running after that are cut`) +
      `, but the longest request of ${subject.label} (${locationOf(subject.workload)}) takes ${formatSeconds(need)}. ` +
      `Set connectionDraining.drainingTimeoutSec: ${need}. [${subject.profile.name}: ${subject.profile.reason}]`,
  });
}
