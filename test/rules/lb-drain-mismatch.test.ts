import rule from '../../rules/lb-drain-mismatch.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A GPU Deployment (pod-spec lines `podSpec`) and an NLB Service `vllm` whose annotations start on line 21. */
const nlb = (podSpec: string, attributes: string | undefined, type = 'LoadBalancer') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: vllm, namespace: ml}
spec:
  selector: {matchLabels: {app: vllm}}
  template:
    metadata: {labels: {app: vllm}}
    spec:
${podSpec}      containers:
        - {name: vllm, image: "vllm/vllm-openai:v0.18.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}}
---
apiVersion: v1
kind: Service
metadata:
  name: vllm
  namespace: ml
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip
${attributes === undefined ? '' : `    service.beta.kubernetes.io/aws-load-balancer-target-group-attributes: ${attributes}\n`}spec:
  type: ${type}
  selector: {app: vllm}
  ports: [{port: 80, targetPort: 8000}]
`;
const grace = (seconds: number) => `      terminationGracePeriodSeconds: ${seconds}\n`;

/** The Deployment and a ClusterIP Service vllm (23 lines), then a GKE Gateway GCPBackendPolicy on it (`spec:` on line 28). */
const withPolicy = (rest: string) => `${nlb(grace(180), undefined, 'ClusterIP')}---
apiVersion: networking.gke.io/v1
kind: GCPBackendPolicy
metadata: {name: vllm, namespace: ml}
spec:
  targetRef: {group: "", kind: Service, name: vllm}
${rest}`;

runRuleTests(rule, {
  valid: [
    { name: 'a ClusterIP Service has no load balancer', code: nlb(grace(180), 'deregistration_delay.timeout_seconds=30', 'ClusterIP') },
    { name: 'the default (300 s) fits a 320 s grace period', code: nlb(grace(320), undefined) },
    { name: 'option deregistrationDelay: a cluster-wide default that fits', code: nlb(grace(180), undefined), options: { deregistrationDelay: 160 } },
    { name: 'an invalid grace period is not compared, and 150 ≥ the longest request', code: nlb('      terminationGracePeriodSeconds: "3m"\n', 'deregistration_delay.timeout_seconds=150') },
    // A delay longer than grace − preStop is harmless: deregistration ends early once no request
    // is in flight (issue 15, item 8).
    { name: 'the default delay (300 s) outlasts a default grace period: harmless', code: nlb('', undefined) },
    { name: 'a 600 s delay outlasts a 180 s grace period: harmless', code: nlb(grace(180), 'deregistration_delay.timeout_seconds=600') },
    {
      name: 'a loadBalancerClass NLB; an unreadable attribute falls back to the 300 s default, which is long enough',
      code: nlb(grace(180), 'deregistration_delay.timeout_seconds=five').replace('    service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip\n', '    team: ml\n').replace('  type: LoadBalancer', '  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb'),
    },
    // The legacy in-tree provider's NLB does not read the controller's target-group attributes.
    {
      name: 'aws-load-balancer-type nlb (the legacy in-tree provider) is not judged',
      code: nlb(grace(180), 'deregistration_delay.timeout_seconds=30').replace('aws-load-balancer-type: nlb-ip', 'aws-load-balancer-type: nlb'),
    },
    { name: 'GCPBackendPolicy: draining as long as the longest request', code: withPolicy('  default: {connectionDraining: {drainingTimeoutSec: 150}}\n') },
    { name: 'GCPBackendPolicy: an unreadable drainingTimeoutSec is invalid-value’s', code: withPolicy('  default: {connectionDraining: {drainingTimeoutSec: "150s"}}\n') },
    { name: 'GCPBackendPolicy: a target the run does not have', code: withPolicy('  default: {timeoutSec: 300}\n').replace('name: vllm}\n  default', 'name: other}\n  default') },
  ],
  invalid: [
    {
      name: 'GCPBackendPolicy: drainingTimeoutSec 0 turns draining off, at the field',
      code: withPolicy('  default:\n    connectionDraining:\n      drainingTimeoutSec: 0\n'),
      errors: [{ line: 32, column: 7, messageId: 'policyDrainingOff', data: { object: 'GCPBackendPolicy ml/vllm', backend: 'Service vllm', longest: 150, suggested: 150 } }],
    },
    {
      name: 'GCPBackendPolicy without default: draining is off, at spec:',
      code: withPolicy(''),
      errors: [{ line: 28, column: 1, messageId: 'policyDrainingUnset', data: { backend: 'Service vllm' } }],
    },
    {
      name: 'a delay shorter than the longest request: reported at the attribute, with the advice',
      code: nlb(grace(180), 'deregistration_delay.timeout_seconds=30'),
      errors: [
        {
          line: 20,
          column: 5,
          messageId: 'delayShort',
          data: {
            lb: 'the NLB of Service ml/vllm',
            delay: 30,
            how: 'deregistration_delay.timeout_seconds=30',
            longest: 150,
            annotation: 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes',
          },
        },
      ],
    },
    {
      name: 'too short for the request and longer than the pod: reported for the request alone',
      code: nlb(grace(100), 'deregistration_delay.timeout_seconds=120'),
      errors: [{ line: 20, column: 5, messageId: 'delayShort', data: { delay: 120, longest: 150 } }],
    },
    {
      name: 'type external (the AWS Load Balancer Controller) is judged',
      code: nlb(grace(180), 'deregistration_delay.timeout_seconds=30').replace('aws-load-balancer-type: nlb-ip', 'aws-load-balancer-type: external'),
      errors: [{ line: 20, column: 5, messageId: 'delayShort', data: { delay: 30 } }],
    },
    {
      name: 'a loadBalancerClass NLB with type nlb is the controller’s: judged',
      code: nlb(grace(180), 'deregistration_delay.timeout_seconds=30').replace('aws-load-balancer-type: nlb-ip', 'aws-load-balancer-type: nlb').replace('  type: LoadBalancer', '  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb'),
      errors: [{ line: 20, column: 5, messageId: 'delayShort', data: { delay: 30 } }],
    },
    {
      name: 'option deregistrationDelay: a cluster-wide default that is too short, at the Service',
      code: nlb(grace(180), undefined),
      options: { deregistrationDelay: 60 },
      errors: [{ line: 16, column: 3, messageId: 'delayShort', data: { delay: 60, how: 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes sets no deregistration_delay.timeout_seconds: the AWS default' } }],
    },
  ],
});
