import type { Unfixable } from '../core/fix.js';
import type { Severity } from '../core/severity.js';
import type { PodTemplate } from '../model/workload.js';
import type { DrainField } from '../model/kinds/kind.js';
import type { DrainSubject } from '../analysis/subjects.js';

/**
 * Where the resource has no way to set `field` (a NIMService's grace period, a KAITO preset's
 * preStop): the finding is a warning that names the upstream limitation, and there is no fix.
 * Spread into a report.
 */
export function inexpressible(template: PodTemplate, field: DrainField): { severity: Severity; fix: Unfixable } | undefined {
  const why = template.operator?.inexpressible?.[field];
  return why ? { severity: 'warn', fix: { unfixable: `the resource cannot express it: ${why}` } } : undefined;
}

/** Who runs the drain sequence of these pods instead of their spec (Knative's queue-proxy), if anyone. */
export function drainOwnedBy(template: PodTemplate): string | undefined {
  return template.operator?.ownsDrain;
}

/**
 * The request timeout proxy-timeout-too-short sets where the operator's own timeout (Knative's
 * revision timeout) is shorter than the longest request: longest request + margin, at most the
 * operator's maximum. Undefined where the timeout fits, or no value the operator accepts does.
 */
export function raisedRequestTimeout(subject: DrainSubject): { seconds: number; wanted: number } | undefined {
  const timeout = subject.template.operator?.requestTimeout;
  const longest = subject.profile.settings.longestRequest;
  if (!timeout || timeout.seconds >= longest || longest > timeout.max) return undefined;
  // The timeout is also the grace period: it must hold the preStop's drain, the longest request and the margin.
  const wanted = subject.budget.total;
  return { seconds: Math.min(wanted, timeout.max), wanted };
}
