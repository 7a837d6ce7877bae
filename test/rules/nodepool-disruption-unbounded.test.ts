import { describe, expect, it } from 'vitest';
import rule from '../../rules/nodepool-disruption-unbounded.js';
import { lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A GPU NodePool of `version` with the given `disruption:` block (its first line is line 9). */
const pool = (disruption: string, version = 'v1') => `apiVersion: karpenter.sh/${version}
kind: NodePool
metadata: {name: gpu}
spec:
  template:
    spec:
      requirements: [{key: karpenter.k8s.aws/instance-gpu-count, operator: Gt, values: ["0"]}]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: gpu}
  disruption:
${disruption}`;

runRuleTests(rule, {
  valid: [
    { name: 'a longer consolidateAfter than minConsolidateAfter: 120 (seconds)', code: pool('    consolidateAfter: 5m\n'), options: { minConsolidateAfter: 120 } },
    { name: 'Balanced still consolidates, but with 1 node at a time', code: pool('    consolidationPolicy: Balanced\n    consolidateAfter: 1m\n    budgets: [{nodes: "1"}]\n') },
    { name: 'a v1beta1 WhenUnderutilized pool with a budget of 1', code: pool('    consolidationPolicy: WhenUnderutilized\n    budgets: [{nodes: "1"}]\n', 'v1beta1') },
    {
      name: 'an invalid budget (an integer, which the CRD rejects) leaves the budgets unknown',
      code: pool('    consolidateAfter: 1m\n    budgets: [{nodes: 10}]\n'),
    },
    { name: 'a consolidateAfter Karpenter rejects ("1.5m") is unknown', code: pool('    consolidateAfter: 1.5m\n') },
    { name: 'v1’s consolidationPolicy name in v1beta1 is unknown', code: pool('    consolidationPolicy: WhenEmptyOrUnderutilized\n', 'v1beta1') },
    { name: 'a v1 disruption block without consolidateAfter is rejected by the API server: unknown', code: pool('    consolidationPolicy: WhenEmptyOrUnderutilized\n') },
  ],
  invalid: [
    {
      name: 'a minConsolidateAfter of 20m catches 15m',
      code: pool('    consolidateAfter: 15m\n'),
      options: { minConsolidateAfter: '20m' },
      errors: [{ line: 10, column: 5, messageId: 'consolidatesFast', data: { when: 'after 15m (consolidateAfter)', budgets: "no disruption budget (Karpenter's default lets 10 % of the nodes go at once)", minimum: '20m' } }],
    },
    {
      name: 'Balanced consolidates underutilized nodes too',
      code: pool('    consolidationPolicy: Balanced\n    consolidateAfter: 0s\n'),
      errors: [{ line: 11, column: 5, messageId: 'consolidatesFast', data: { policy: 'Balanced', when: 'after 0s (consolidateAfter)' } }],
    },
    {
      name: 'an empty budget list is the default budget',
      code: pool('    consolidateAfter: 30s\n    budgets: []\n'),
      errors: [{ line: 10, column: 5, messageId: 'consolidatesFast', data: { budgets: "no disruption budget (Karpenter's default lets 10 % of the nodes go at once)", minimum: '10m' } }],
    },
    {
      name: 'v1beta1 advice: WhenEmpty with consolidateAfter, or a budget',
      code: pool('    consolidationPolicy: WhenUnderutilized\n', 'v1beta1'),
      errors: [{ line: 10, column: 5, messageId: 'consolidatesFastV1beta1', data: { when: 'as soon as it can (WhenUnderutilized takes no consolidateAfter)', minimum: '600 s' } }],
    },
  ],
});

describe('NodePool values Karpenter rejects are invalid-value', () => {
  const invalid = (code: string) => lintText(code, { rules: [rule] }).filter((f) => f.ruleId === 'invalid-value').map((f) => `${f.line}:${f.column} ${f.message}`);
  it('a budget count written as an integer, a percent above 100', () => {
    expect(invalid(pool('    consolidateAfter: 1m\n    budgets: [{nodes: 10}, {nodes: "150%"}]\n'))).toEqual([
      '11:23 spec.disruption.budgets[0].nodes must be a string with a node count or a percent such as "10%" or "1", got 10',
      '11:36 spec.disruption.budgets[1].nodes must be a string with a node count or a percent such as "10%" or "1", got "150%"',
    ]);
  });
  it('durations with units Karpenter does not accept', () => {
    expect(invalid(pool('    consolidateAfter: 1.5m\n'))).toEqual([
      '10:23 spec.disruption.consolidateAfter must be a duration such as "90s", "15m" or "2h", or "Never" (Karpenter accepts only s, m and h units), got "1.5m"',
    ]);
    expect(invalid(pool('    consolidateAfter: 1m\n').replace('      nodeClassRef', '      terminationGracePeriod: 1d\n      nodeClassRef'))).toEqual([
      '8:31 spec.template.spec.terminationGracePeriod must be a duration such as "90s", "15m" or "2h" (Karpenter accepts only s, m and h units), got "1d"',
    ]);
  });
  it('a v1 disruption block without consolidateAfter', () => {
    expect(invalid(pool('    consolidationPolicy: WhenEmptyOrUnderutilized\n'))).toEqual([
      '9:3 spec.disruption.consolidateAfter is required in karpenter.sh/v1 when disruption is set (the API server rejects the NodePool without it)',
    ]);
  });
  it('a consolidation policy of the other API version; consolidateAfter with v1beta1 WhenUnderutilized', () => {
    expect(invalid(pool('    consolidationPolicy: WhenUnderutilized\n    consolidateAfter: 1m\n'))).toEqual([
      '10:26 spec.disruption.consolidationPolicy must be one of WhenEmpty, WhenEmptyOrUnderutilized, Balanced in karpenter.sh/v1, got "WhenUnderutilized"',
    ]);
    expect(invalid(pool('    consolidationPolicy: WhenUnderutilized\n    consolidateAfter: 30s\n', 'v1beta1'))).toEqual([
      '11:5 spec.disruption: consolidateAfter cannot be combined with consolidationPolicy: WhenUnderutilized in karpenter.sh/v1beta1 (the API server rejects it)',
    ]);
  });
  it('requirements and taints with unknown operators or effects', () => {
    const code = pool('    consolidateAfter: 1h\n')
      .replace('operator: Gt, values: ["0"]', 'operator: Gt, values: ["a"]')
      .replace('      nodeClassRef', '      taints: [{key: gpu, effect: NoExecut}]\n      nodeClassRef');
    expect(invalid(code)).toEqual([
      '7:88 spec.template.spec.requirements[0].values must be a single integer for operator Gt, got ["a"]',
      '8:35 spec.template.spec.taints[0].effect must be one of NoSchedule, PreferNoSchedule, NoExecute, got "NoExecut"',
    ]);
  });
});
