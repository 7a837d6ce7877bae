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

runRuleTests(rule, {
  valid: [
    { name: 'a ClusterIP Service has no load balancer', code: nlb(grace(180), 'deregistration_delay.timeout_seconds=30', 'ClusterIP') },
    { name: 'the default (300 s) fits a 320 s grace period', code: nlb(grace(320), undefined) },
    { name: 'option deregistrationDelay: a cluster-wide default that fits', code: nlb(grace(180), undefined), options: { deregistrationDelay: 160 } },
    { name: 'an invalid grace period is not compared, and 150 ≥ the longest request', code: nlb('      terminationGracePeriodSeconds: "3m"\n', 'deregistration_delay.timeout_seconds=150') },
  ],
  invalid: [
    {
      name: 'the default delay outlasts a default grace period: reported at the Service',
      code: nlb('', undefined),
      errors: [
        {
          line: 15,
          column: 3,
          messageId: 'delayOutlastsPod',
          data: {
            lb: 'the NLB of Service ml/vllm',
            delay: 300,
            how: 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes sets no deregistration_delay.timeout_seconds: the AWS default',
          },
        },
      ],
    },
    {
      name: 'both too short for the request and longer than the pod: both reasons, and the range cannot be met',
      code: nlb(grace(100), 'deregistration_delay.timeout_seconds=120'),
      errors: [
        {
          line: 20,
          column: 5,
          messageId: 'delayShortAndOutlastsPod',
          data: { longest: 150, window: 85, grace: 100, range: 'at least 150 (and raise the grace period so that it fits)' },
        },
      ],
    },
    {
      name: 'a loadBalancerClass NLB; an unreadable attribute falls back to the default',
      code: nlb(grace(180), 'deregistration_delay.timeout_seconds=five').replace('    service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip\n', '    team: ml\n').replace('  type: LoadBalancer', '  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb'),
      errors: [
        {
          line: 20,
          column: 5,
          messageId: 'delayOutlastsPod',
          data: { delay: 300, how: 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes sets no deregistration_delay.timeout_seconds: the AWS default' },
        },
      ],
    },
  ],
});
