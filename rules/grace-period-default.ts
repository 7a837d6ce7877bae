import { defineRule } from '../src/engine/rule.js';
import { preStopAssumption } from '../src/analysis/subjects.js';
import { combine } from '../src/languages/yaml/editor.js';
import { describeBudget } from '../src/analysis/profile.js';

/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

export default defineRule({
  meta: {
    id: 'grace-period-default',
    description: 'A profiled pod keeps the default 30 s grace period (or sets 30 s or less), shorter than its grace budget.',
    defaultSeverity: 'error',
    fixable: 'safe',
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { template, budget, label, profile } = subject;
      const grace = template.spec.terminationGracePeriodSeconds;
      if (grace === 'invalid') continue;
      if (grace && grace.value > DEFAULT_GRACE_SECONDS) continue;
      const seconds = grace?.value ?? DEFAULT_GRACE_SECONDS;
      if (seconds >= budget.total) continue;
      const what = grace ? `sets terminationGracePeriodSeconds: ${seconds}` : `keeps the default ${DEFAULT_GRACE_SECONDS} s grace period`;
      const assumption = preStopAssumption(subject);
      context.report({
        object: subject.workload,
        span: grace ? grace.fieldSpan : template.anchor,
        fix: combine(
          'safe',
          `set terminationGracePeriodSeconds to ${budget.total}`,
          context.editor(subject.workload).set(template.spec.view, 'terminationGracePeriodSeconds', budget.total, 'first'),
        ),
        message:
          `${label} ${what}, below its grace budget of ${describeBudget(budget)}: ` +
          `pods are killed ${seconds} s into every drain, mid-request. Set terminationGracePeriodSeconds: ${budget.total}. ` +
          `[${profile.name}: ${profile.reason}${assumption ? `; ${assumption}` : ''}]`,
      });
    }
  },
});
