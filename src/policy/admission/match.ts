import { matches, type LabelSelector, type Requirement } from '../../model/selector.js';
import { list, record, strings, text, type Plain } from './plain.js';

/** What the API server knows of a CREATE request when it matches policies: the object's group, version, resource, scope. */
export interface AdmissionTarget {
  group: string;
  version: string;
  kind: string;
  resource: string;
  name: string;
  /** '' for a cluster-scoped object. */
  namespace: string;
  clusterScoped: boolean;
  labels: ReadonlyMap<string, string>;
  /** The labels of the object's Namespace (its own for a Namespace), or undefined when the run holds no such Namespace. */
  namespaceLabels: ReadonlyMap<string, string> | undefined;
}

/** The label every Namespace carries, set by the API server to its name (Kubernetes 1.21+, `kubernetes.io/metadata.name`). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** `undefined`: the answer depends on labels the run does not show (a Namespace not in the run). */
export type Match = boolean | undefined;

/**
 * Whether a policy's `spec.matchConstraints` or a binding's `spec.matchResources` selects a CREATE
 * of `target` (admissionregistration/v1 `MatchResources`): a resource rule includes it, no
 * exclude rule does, and the namespace and object selectors match. `requireRules`: a policy
 * without resource rules matches nothing; a binding without them does not constrain resources.
 */
export function matchResources(constraints: Plain | undefined, target: AdmissionTarget, requireRules: boolean): Match {
  if (!constraints) return !requireRules;
  const exact = text(constraints.matchPolicy) === 'Exact';
  const rules = list(constraints.resourceRules).map(record).filter((rule): rule is Plain => rule !== undefined);
  if (rules.length === 0 ? requireRules : !rules.some((rule) => ruleMatches(rule, target, exact))) return false;
  const excluded = list(constraints.excludeResourceRules).map(record).filter((rule): rule is Plain => rule !== undefined);
  if (excluded.some((rule) => ruleMatches(rule, target, exact))) return false;
  const objectSelector = selectorOf(constraints.objectSelector);
  if (objectSelector && !matches(objectSelector, target.labels)) return false;
  return namespaceMatches(selectorOf(constraints.namespaceSelector), target);
}

/** One `NamedRuleWithOperations` against a CREATE of the main resource (never a subresource). */
function ruleMatches(rule: Plain, target: AdmissionTarget, exact: boolean): boolean {
  const has = (values: string[], value: string) => values.includes('*') || values.includes(value);
  if (!has(strings(rule.operations), 'CREATE')) return false;
  if (!has(strings(rule.apiGroups), target.group)) return false;
  // Equivalent (the default): a request through another version of the same resource is converted and matches.
  if (exact && !has(strings(rule.apiVersions), target.version)) return false;
  if (!exact && strings(rule.apiVersions).length === 0) return false;
  const resources = strings(rule.resources);
  if (!resources.some((resource) => resource === '*' || resource === '*/*' || resource === target.resource)) return false;
  const scope = text(rule.scope) ?? '*';
  if (scope === 'Cluster' && !target.clusterScoped) return false;
  if (scope === 'Namespaced' && target.clusterScoped) return false;
  const names = strings(rule.resourceNames);
  return names.length === 0 || names.includes(target.name);
}

/**
 * The namespace selector: on a Namespace, its own labels; on another cluster-scoped object, it
 * never skips the policy; on a namespaced object, its Namespace's labels, which the run may not hold
 * (then only a selector on the name label alone is decided).
 */
function namespaceMatches(selector: LabelSelector | undefined, target: AdmissionTarget): Match {
  if (!selector || (selector.matchLabels.size === 0 && selector.requirements.length === 0)) return true;
  if (target.clusterScoped && target.kind !== 'Namespace') return true;
  if (target.namespaceLabels) return matches(selector, target.namespaceLabels);
  const keys = [...selector.matchLabels.keys(), ...selector.requirements.map((r) => r.key)];
  if (keys.every((key) => key === NAMESPACE_NAME_LABEL)) return matches(selector, new Map([[NAMESPACE_NAME_LABEL, target.namespace]]));
  return undefined;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A `metav1.LabelSelector` as plain data; absent → undefined (matches everything). */
function selectorOf(value: unknown): LabelSelector | undefined {
  const selector = record(value);
  if (!selector) return undefined;
  const labels = record(selector.matchLabels) ?? {};
  const matchLabels = new Map(Object.entries(labels).map(([key, label]) => [key, String(label)]));
  const requirements: Requirement[] = list(selector.matchExpressions)
    .map(record)
    .filter((expression): expression is Plain => expression !== undefined && OPERATORS.has(text(expression.operator) ?? ''))
    .map((expression) => ({ key: text(expression.key) ?? '', operator: expression.operator as Requirement['operator'], values: strings(expression.values) }));
  return { matchLabels, requirements };
}
