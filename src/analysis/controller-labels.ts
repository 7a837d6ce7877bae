import { CONTROLLER_POD_LABELS, type ControllerLabelValue } from '../domain/kubernetes.js';
import { matches, type LabelSelector } from '../model/selector.js';
import type { Workload } from '../model/workload.js';
import { podLabels } from './object-index.js';

/** A value no selector names: a label whose value is unknown but present. */
const SOME_VALUE = '\u0000';

/**
 * Whether `selector` may select pods of `workload` once its controller has added its own labels
 * to them (a StatefulSet's `statefulset.kubernetes.io/pod-name: web-0`, a Deployment's
 * `pod-template-hash`): a label whose value varies per pod or revision takes any value it could
 * have that the selector names. Only for concluding that a selector selects nothing: which single
 * pod a `pod-name` selector picks is no template's match.
 */
export function controllerLabelsMayMatch(selector: LabelSelector, workload: Workload): boolean {
  const added = (CONTROLLER_POD_LABELS[workload.kind] ?? []).filter(({ value }) => value !== 'workloadName');
  if (added.length === 0) return false;
  return workload.templates.some((template) => {
    const labels = new Map(podLabels(template));
    for (const { key, value: kind } of added) {
      if (labels.has(key)) continue;
      const named = [...(selector.matchLabels.has(key) ? [selector.matchLabels.get(key)!] : []), ...selector.requirements.filter((r) => r.key === key && r.operator === 'In').flatMap((r) => r.values)];
      const possible = named.find((value) => couldBe(kind, value, workload));
      labels.set(key, possible ?? SOME_VALUE);
    }
    return matches(selector, labels);
  });
}

function couldBe(kind: ControllerLabelValue, value: string, workload: Workload): boolean {
  switch (kind) {
    case 'workloadName':
      return value === workload.name;
    case 'podName':
      return workload.name !== undefined && value.startsWith(`${workload.name}-`) && /^\d+$/.test(value.slice(workload.name.length + 1));
    case 'ordinal':
      return /^(0|[1-9]\d*)$/.test(value);
    case 'unknown':
      return true;
  }
}
