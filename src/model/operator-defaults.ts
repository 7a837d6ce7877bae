import type { OperatorPreStop, OperatorProbe } from '../domain/operators.js';
import { PROBE_DEFAULTS } from '../domain/kubernetes.js';
import type { Field } from '../languages/shared/node.js';
import type { Container, Handler, PodSpec, Probe, SuppliedField } from './pod.js';
import type { OperatorFacts } from './kinds/kind.js';

/**
 * Adds what the operator writes where the resource leaves a field unset: the grace period on
 * the pod spec; the preStop and probes on the container the operator fills in. Supplied values
 * are marked (`suppliedGrace`, `Container.supplied`): they count as present, point at the
 * nearest written field, and are never edited.
 */
export function applyOperatorDefaults(spec: PodSpec, operator: OperatorFacts): void {
  const defaults = operator.defaults;
  if (!defaults) return;
  if (defaults.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds === undefined) {
    spec.suppliedGrace = { seconds: defaults.terminationGracePeriodSeconds, by: defaults.by };
  }
  const to = operator.defaultsTo;
  const names: readonly (string | undefined)[] = typeof to === 'string' ? [to] : (to ?? []);
  const target = to === 'first' ? spec.containers[0] : spec.containers.find((c) => names.includes(c.name));
  if (!target) return;
  const supplied = new Set<SuppliedField>();
  if (defaults.preStop && !target.preStop && !target.opaque.has('lifecycle')) {
    target.preStop = suppliedHandler(defaults.preStop, target);
    supplied.add('preStop');
  }
  for (const key of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
    const probe = defaults[key];
    if (!probe || target[key] || target.opaque.has(key)) continue;
    target[key] = suppliedProbe(probe, target);
    supplied.add(key);
  }
  if (supplied.size > 0) target.supplied = { by: defaults.by, fields: supplied };
}

/** A value the operator writes, placed at the container for spans. */
function at<T>(value: T, container: Container): Field<T> {
  return { value, span: container.anchor, fieldSpan: container.anchor };
}

function suppliedHandler(handler: OperatorPreStop | OperatorProbe['handler'], container: Container): Handler {
  const view = container.view;
  if ('exec' in handler) return { kind: 'exec', view, command: at([...handler.exec.command], container) };
  if ('httpGet' in handler) {
    return { kind: 'httpGet', view, httpGet: { path: at(handler.httpGet.path, container), port: at(handler.httpGet.port, container), headers: [], unreadable: [] } };
  }
  return { kind: 'tcpSocket', view, tcpSocketPort: at(handler.tcpSocket.port, container) };
}

function suppliedProbe(probe: OperatorProbe, container: Container): Probe {
  const { handler, ...timing } = probe;
  return { ...suppliedHandler(handler, container), ...PROBE_DEFAULTS, ...timing, fields: {} };
}
