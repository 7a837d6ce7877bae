import type { Unfixable } from '../core/fix.js';
import type { Severity } from '../core/severity.js';
import type { PodTemplate } from '../model/workload.js';
import type { DrainField } from '../model/kinds/kind.js';

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
