import { combine, DEFAULT_TERMINATION_GRACE_SECONDS, defineRule, describeBudget, drainOwnedBy, graceBudgetExplanation, inexpressible, preStopAssumption } from '../src/rule-kit/index.js';

const BELOW_BUDGET = 'below its grace budget of {{budget}}: pods are killed {{grace}} s into every drain, mid-request. Set terminationGracePeriodSeconds: {{total}}.';

export default defineRule({
  meta: {
    id: 'grace-period-default',
    description: `A profiled pod keeps the default ${DEFAULT_TERMINATION_GRACE_SECONDS} s grace period (or sets ${DEFAULT_TERMINATION_GRACE_SECONDS} s or less), shorter than its grace budget.`,
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: { finds: `the grace period is left at the ${DEFAULT_TERMINATION_GRACE_SECONDS} s default (or set ≤ ${DEFAULT_TERMINATION_GRACE_SECONDS}) below the grace budget` },
    messages: {
      keepsDefault: `{{label}} keeps the default {{grace}} s grace period, ${BELOW_BUDGET}`,
      setsShort: `{{label}} sets terminationGracePeriodSeconds: {{grace}}, ${BELOW_BUDGET}`,
    },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { template, budget, label, profile } = subject;
      const declared = template.spec.terminationGracePeriodSeconds;
      // An operator's own grace period (above the default) is grace-budget-exceeded's to judge.
      if (declared === 'invalid' || drainOwnedBy(template) || (!declared && (template.spec.suppliedGrace?.seconds ?? 0) > DEFAULT_TERMINATION_GRACE_SECONDS)) continue;
      if (declared && declared.value > DEFAULT_TERMINATION_GRACE_SECONDS) continue;
      const grace = declared?.value ?? DEFAULT_TERMINATION_GRACE_SECONDS;
      if (grace >= budget.total) continue;
      context.report({
        object: subject.workload,
        span: declared ? declared.fieldSpan : template.anchor,
        messageId: declared ? 'setsShort' : 'keepsDefault',
        data: { label, grace, budget: describeBudget(budget), total: budget.total },
        profile,
        profileNote: preStopAssumption(subject),
        explain: graceBudgetExplanation(subject, grace, { source: declared ? 'written' : 'default' }),
        fix: combine(
          'safe',
          `set terminationGracePeriodSeconds to ${budget.total}`,
          context.editor(subject.workload).set(template.spec.view, 'terminationGracePeriodSeconds', budget.total, 'first'),
        ),
        ...inexpressible(template, 'grace'),
      });
    }
  },
});
