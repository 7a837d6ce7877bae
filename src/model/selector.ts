import { isField, isPlaceholder, type MapView } from '../languages/shared/node.js';

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A label selector. A null selector matches nothing; an empty one (`{}`) everything. */
export interface LabelSelector {
  matchLabels: Map<string, string>;
  requirements: Requirement[];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Reads a `metav1.LabelSelector` (`matchLabels` + `matchExpressions`). */
export function readLabelSelector(view: MapView | undefined): LabelSelector | undefined {
  if (!view) return undefined;
  const matchLabels = new Map([...view.stringMap('matchLabels')].map(([k, v]) => [k, v.value]));
  const requirements: Requirement[] = [];
  for (const expression of view.maps('matchExpressions')) {
    const key = expression.string('key');
    const operator = expression.string('operator');
    const values = expression.strings('values');
    if (!isField(key) || !isField(operator)) continue;
    if (!OPERATORS.has(operator.value)) {
      view.sink.add(operator.span, `${expression.childPath('operator')} must be one of In, NotIn, Exists, DoesNotExist, got ${JSON.stringify(operator.value)}`);
      continue;
    }
    requirements.push({
      key: key.value,
      operator: operator.value as Requirement['operator'],
      values: isField(values) ? values.value : [],
    });
  }
  return { matchLabels, requirements };
}

/** A Service's `spec.selector`: plain equality, where an empty map selects nothing. */
export function equalitySelector(labels: Map<string, string>): LabelSelector {
  return { matchLabels: labels, requirements: [] };
}

export function matches(selector: LabelSelector, labels: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of selector.matchLabels) {
    if (labels.get(key) !== value) return false;
  }
  for (const { key, operator, values } of selector.requirements) {
    const value = labels.get(key);
    const ok =
      operator === 'In' ? value !== undefined && values.includes(value)
      : operator === 'NotIn' ? value === undefined || !values.includes(value)
      : operator === 'Exists' ? value !== undefined
      : value === undefined;
    if (!ok) return false;
  }
  return true;
}

/** `app=vllm, tier in (gpu,cpu), !canary`: a selector as kubectl writes one. */
export function describeSelector(selector: LabelSelector): string {
  const parts = [...selector.matchLabels].map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.requirements) {
    parts.push(
      operator === 'In' ? `${key} in (${values.join(',')})`
      : operator === 'NotIn' ? `${key} notin (${values.join(',')})`
      : operator === 'Exists' ? key
      : `!${key}`,
    );
  }
  return parts.join(', ');
}

/** Whether a key or value is a placeholder a templating step fills in before apply. */
export function selectorHasPlaceholder(selector: LabelSelector): boolean {
  return [...selector.matchLabels].some(([k, v]) => isPlaceholder(k) || isPlaceholder(v)) || selector.requirements.some((r) => isPlaceholder(r.key) || r.values.some(isPlaceholder));
}
