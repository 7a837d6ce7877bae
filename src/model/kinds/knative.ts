import { INEXPRESSIBLE } from '../../domain/operators.js';
import { templateAt, type WorkloadKind } from './kind.js';

/**
 * A Knative Serving Service (`serving.knative.dev/v1`; not the core Service): queue-proxy
 * supplies the preStop and the drain-aware readiness, and the grace period is the revision's
 * `timeoutSeconds` (CRDS.md §12).
 */
export const KNATIVE_KINDS: readonly WorkloadKind[] = [
  {
    group: 'serving.knative.dev',
    kind: 'Service',
    templates: (object) =>
      templateAt(['spec', 'template'])(object).map((site) => ({
        ...site,
        ...(object.name ? { podLabels: { 'serving.knative.dev/service': object.name } } : {}),
        operator: { ownsDrain: "Knative's queue-proxy", inexpressible: { grace: INEXPRESSIBLE.knative, preStop: INEXPRESSIBLE.knative } },
      })),
  },
];
