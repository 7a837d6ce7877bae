import { combine, DEFAULT_TERMINATION_GRACE_SECONDS, defineRule, describeBudget, drainOwnedBy, graceBudgetExplanation, inexpressible, isField, LONGEST_REQUEST_ANNOTATION, preStopAssumption } from '../src/rule-kit/index.js';

/** `{{graceFrom}}`: `sets terminationGracePeriodSeconds`, or `gets terminationGracePeriodSeconds from <operator>`. */
const BELOW_BUDGET = '{{label}} {{graceFrom}}: {{grace}}, below its grace budget of {{budget}}: ';
/** `{{orDeclare}}`: the annotation hint, empty when the longest request is already declared. */
const RAISE = '. Raise it to {{total}}{{orDeclare}}.';

export default defineRule({
  meta: {
    id: 'grace-budget-exceeded',
    description: 'A profiled pod sets a grace period below preStop + longest request + margin, or a preStop sleep that uses all of it.',
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: { finds: 'the grace period is below preStop + longest request + margin, or preStop uses all of it' },
    messages: {
      preStopUsesAll: `${BELOW_BUDGET}the {{preStop}} s preStop uses the whole grace period, so SIGTERM and SIGKILL leave no time to finish in-flight requests${RAISE}`,
      requestsCut: `${BELOW_BUDGET}only {{left}} s remain after the {{preStop}} s preStop for requests that take up to {{longestRequest}} s${RAISE}`,
      marginCut: `${BELOW_BUDGET}the longest request fits, but only {{marginLeft}} s of the {{margin}} s margin remain for shutdown and slow clients${RAISE}`,
    },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { template, budget, label, profile, preStopSeconds } = subject;
      if (drainOwnedBy(template)) continue;
      const written = template.spec.terminationGracePeriodSeconds;
      const supplied = written === undefined ? template.spec.suppliedGrace : undefined;
      const grace = isField(written) ? written.value : supplied?.seconds;
      // At or below the default, grace-period-default owns the finding.
      if (grace === undefined || grace <= DEFAULT_TERMINATION_GRACE_SECONDS || grace >= budget.total) continue;
      const left = grace - preStopSeconds;
      const common = {
        label,
        graceFrom: supplied ? `gets terminationGracePeriodSeconds from ${supplied.by}` : 'sets terminationGracePeriodSeconds',
        grace,
        budget: describeBudget(budget),
        total: budget.total,
        orDeclare: profile.longestRequestFrom
          ? ''
          : `, or declare your longest request with the ${LONGEST_REQUEST_ANNOTATION} annotation if it is shorter than ${budget.longestRequest} s`,
      };
      const message =
        left <= 0
          ? { messageId: 'preStopUsesAll' as const, data: { ...common, preStop: preStopSeconds } }
          : left < budget.longestRequest
            ? { messageId: 'requestsCut' as const, data: { ...common, left, preStop: preStopSeconds, longestRequest: budget.longestRequest } }
            : { messageId: 'marginCut' as const, data: { ...common, marginLeft: left - budget.longestRequest, margin: budget.margin } };
      context.report({
        object: subject.workload,
        span: isField(written) ? written.fieldSpan : template.anchor,
        ...message,
        profile,
        profileNote: preStopAssumption(subject),
        explain: graceBudgetExplanation(subject, grace, supplied ? { source: 'operator', operator: supplied.by } : { source: 'written' }),
        fix: combine(
          'safe',
          `${supplied ? 'set' : 'raise'} terminationGracePeriodSeconds to ${budget.total}`,
          context.editor(subject.workload).set(template.spec.view, 'terminationGracePeriodSeconds', budget.total, ...(supplied ? (['first'] as const) : [])),
        ),
        ...inexpressible(template, 'grace'),
      });
    }
  },
});
