import { defineRule } from '../src/engine/rule.js';
import { preStopAssumption } from '../src/analysis/subjects.js';
import { combine } from '../src/languages/yaml/editor.js';
import { describeBudget, LONGEST_REQUEST_ANNOTATION } from '../src/analysis/profile.js';

/** At or below this, `grace-period-default` owns the finding. */
const DEFAULT_GRACE_SECONDS = 30;

export default defineRule({
  meta: {
    id: 'grace-budget-exceeded',
    description: 'A profiled pod sets a grace period below preStop + longest request + margin, or a preStop sleep that uses all of it.',
    defaultSeverity: 'error',
    fixable: 'safe',
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { template, budget, label, profile, preStopSeconds } = subject;
      const grace = template.spec.terminationGracePeriodSeconds;
      if (typeof grace !== 'object' || grace.value <= DEFAULT_GRACE_SECONDS || grace.value >= budget.total) continue;
      const left = grace.value - preStopSeconds;
      const assumption = preStopAssumption(subject);
      const consequence =
        left <= 0
          ? `the ${preStopSeconds} s preStop uses the whole grace period, so SIGTERM and SIGKILL leave no time to finish in-flight requests`
          : left < budget.longestRequest
            ? `only ${left} s remain after the ${preStopSeconds} s preStop for requests that take up to ${budget.longestRequest} s`
            : `the longest request fits, but only ${left - budget.longestRequest} s of the ${budget.margin} s margin remain for shutdown and slow clients`;
      context.report({
        object: subject.workload,
        span: grace.fieldSpan,
        fix: combine(
          'safe',
          `raise terminationGracePeriodSeconds to ${budget.total}`,
          context.editor(subject.workload).set(template.spec.view, 'terminationGracePeriodSeconds', budget.total),
        ),
        message:
          `${label} sets terminationGracePeriodSeconds: ${grace.value}, below its grace budget of ${describeBudget(budget)}: ` +
          `${consequence}. Raise it to ${budget.total}` +
          (profile.longestRequestFrom
            ? '. '
            : `, or declare your longest request with the ${LONGEST_REQUEST_ANNOTATION} annotation if it is shorter than ${budget.longestRequest} s. `) +
          `[${profile.name}: ${profile.reason}${assumption ? `; ${assumption}` : ''}]`,
      });
    }
  },
});
