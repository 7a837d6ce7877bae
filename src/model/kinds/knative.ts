import {
  INEXPRESSIBLE,
  KNATIVE_DEFAULT_USER_PORT,
  KNATIVE_DRAIN_PRESTOP,
  KNATIVE_DRAIN_SECONDS,
  knativeReadiness,
  KNATIVE_DEFAULT_MIN_SCALE,
  KNATIVE_DEFAULT_TIMEOUT_SECONDS,
  KNATIVE_MAX_TIMEOUT_SECONDS,
  KNATIVE_MIN_SCALE_ANNOTATIONS,
  KNATIVE_SERVICE_LABEL,
} from '../../domain/operators.js';
import { isField, type MapView, type Read } from '../../languages/shared/node.js';
import { templateAt, viewAt, type OperatorFacts, type Resource, type WorkloadKind } from './kind.js';

const QUEUE_PROXY = "Knative's queue-proxy";

/**
 * What Knative decides for a revision's pods (a Knative Service's, or a KServe component's in
 * Knative mode): the request timeout at `owner.key` (default 300) is also the grace period,
 * queue-proxy's preStop and readiness drain the pod, and the webhook rejects grace and lifecycle.
 */
export function knativeRevisionFacts(facts: {
  by: string;
  owner: MapView;
  key: string;
  timeout: Read<number> | undefined;
  readinessPort: number | undefined;
  defaultsTo: OperatorFacts['defaultsTo'];
}): OperatorFacts {
  const { by, owner, key, timeout, readinessPort, defaultsTo } = facts;
  const seconds = isField(timeout) ? timeout.value : KNATIVE_DEFAULT_TIMEOUT_SECONDS;
  return {
    defaults: {
      by,
      terminationGracePeriodSeconds: seconds,
      preStop: KNATIVE_DRAIN_PRESTOP,
      preStopSeconds: KNATIVE_DRAIN_SECONDS,
      ...(readinessPort !== undefined ? { readinessProbe: knativeReadiness(readinessPort) } : {}),
    },
    defaultsTo,
    ownsDrain: by,
    inexpressible: { grace: INEXPRESSIBLE.knative, preStop: INEXPRESSIBLE.knative },
    requestTimeout: { by, seconds, ...(isField(timeout) ? { field: timeout } : {}), owner, key, max: KNATIVE_MAX_TIMEOUT_SECONDS },
  };
}

/** The revision's `timeoutSeconds`: queue-proxy cuts a longer request, and it is the pods' grace period. */
function operatorFacts(resource: Resource): OperatorFacts {
  const spec = viewAt(resource.root, ['spec', 'template', 'spec']);
  return knativeRevisionFacts({
    by: QUEUE_PROXY,
    owner: spec ?? resource.root,
    key: 'timeoutSeconds',
    timeout: spec?.int('timeoutSeconds', { min: 0, max: KNATIVE_MAX_TIMEOUT_SECONDS }),
    readinessPort: userPort(resource),
    defaultsTo: 'first',
  });
}

/** The port of the user container (the first one with a port), 8080 when none is declared. */
function userPort(resource: Resource): number {
  for (const container of viewAt(resource.root, ['spec', 'template', 'spec'])?.maps('containers') ?? []) {
    const port = container.maps('ports')[0]?.int('containerPort');
    if (isField(port)) return port.value;
  }
  return KNATIVE_DEFAULT_USER_PORT;
}

/** The replica floor: annotation `autoscaling.knative.dev/min-scale` (or legacy `minScale`) on the revision template; unset, the kind's default 0. */
function minScale(resource: Resource): { read: Read<number> | undefined; name: string } {
  const annotations = viewAt(resource.root, ['spec', 'template', 'metadata'])?.stringMap('annotations');
  const key = KNATIVE_MIN_SCALE_ANNOTATIONS.find((k) => annotations?.has(k));
  const written = key ? annotations!.get(key)! : undefined;
  const name = KNATIVE_MIN_SCALE_ANNOTATIONS[0]!;
  if (!written) return { read: undefined, name };
  if (!/^\d+$/.test(written.value.trim())) {
    resource.root.sink.add(written.span, `spec.template.metadata.annotations.${key} must be a whole number of replicas, got ${JSON.stringify(written.value)}`);
    return { read: 'invalid', name };
  }
  return { read: { ...written, value: Number(written.value.trim()) }, name };
}

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
        ...(object.name ? { podLabels: { [KNATIVE_SERVICE_LABEL]: object.name } } : {}),
        operator: operatorFacts(object),
      })),
    readReplicas: minScale,
    defaultReplicas: KNATIVE_DEFAULT_MIN_SCALE,
  },
];
