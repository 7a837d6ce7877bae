import type { Span } from '../core/source.js';
import { isField, type Field, type Read } from '../languages/shared/node.js';
import { linksUnknown, type KubeObject } from './objects.js';
import { percentOrCount } from './rollout.js';
import { readLabelSelector, type LabelSelector } from './selector.js';

export interface PodDisruptionBudget extends KubeObject {
  minAvailable: Read<number | string>;
  maxUnavailable: Read<number | string>;
  /** Undefined for a null selector, which selects no pods. */
  selector?: LabelSelector;
  /**
   * Why the selector, as written, selects no pod: `missing` (no `selector`, or `selector: null`),
   * or `emptyV1beta1` (`{}` in policy/v1beta1). Source: k8s.io/api policy/v1
   * `PodDisruptionBudgetSpec.selector` ("A null selector will match no pods, while an empty ({})
   * selector will select all pods within the namespace"); policy/v1beta1 (same field: "An empty
   * selector ({}) also selects no pods").
   */
  selectsNone?: 'missing' | 'emptyV1beta1';
  /**
   * `spec` or its selector holds a value of the wrong type (reported as invalid-value): the API
   * server rejects the budget, and the selector read from what remains is not the one written.
   */
  invalidSelector?: true;
  /** Where findings about a missing budget field point: the `spec:` key, else the name. */
  specAnchor: Span;
}

export function readPodDisruptionBudget(object: KubeObject): PodDisruptionBudget | undefined {
  if (object.kind !== 'PodDisruptionBudget') return undefined;
  const problems = object.root.sink.problems.length;
  const spec = object.root.map('spec');
  let selector = readLabelSelector(spec?.map('selector'));
  const invalidSelector = object.root.sink.problems.length > problems;
  // What remains of a selector with an invalid value (`matchLabels: app=api` reads as {}) is not
  // the one written: it is matched to no pod, as a computed one is.
  if (invalidSelector) selector = undefined;
  let selectsNone: PodDisruptionBudget['selectsNone'];
  // Absent and `selector: null` alike (a value of the wrong type is an invalid-value instead).
  if (spec?.valueNode('selector') === undefined && !invalidSelector) selectsNone = 'missing';
  // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod in the namespace".
  if (selector && object.apiVersion === 'policy/v1beta1' && selector.matchLabels.size === 0 && selector.requirements.length === 0) {
    selector = undefined;
    selectsNone = 'emptyV1beta1';
  }
  // A selector or namespace a TypeScript source computes: which pods it selects is unknown, so
  // it is matched to none (and pdb-missing, seeing it, concludes nothing either).
  if (linksUnknown(object)) {
    selector = undefined;
    selectsNone = undefined;
  }
  const minAvailable = percentOrCount(spec, 'minAvailable');
  const maxUnavailable = percentOrCount(spec, 'maxUnavailable');
  if (isField(minAvailable) && isField(maxUnavailable)) {
    spec!.sink.add(maxUnavailable.fieldSpan, 'spec: minAvailable and maxUnavailable cannot both be set (the API server rejects it)');
  }
  return {
    ...object,
    minAvailable,
    maxUnavailable,
    ...(selector ? { selector } : {}),
    ...(selectsNone ? { selectsNone } : {}),
    ...(invalidSelector ? { invalidSelector: true as const } : {}),
    specAnchor: spec ? object.root.keySpan('spec') : object.anchor,
  };
}

export type { Field };
