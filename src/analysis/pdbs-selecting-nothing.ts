import { linksUnknown, type KubeObject } from '../model/objects.js';
import type { PodDisruptionBudget } from '../model/policy.js';
import { selectorHasPlaceholder } from '../model/selector.js';
import type { Workload } from '../model/workload.js';
import { controllerLabelsMayMatch } from './controller-labels.js';
import { push, type ObjectIndex } from './object-index.js';
import { namespacesWithUnseenPods } from './unseen-pods.js';

/**
 * Why a PDB selects no pod: `missing` (no selector), `emptyV1beta1` (`{}` in policy/v1beta1), or
 * `noMatch` (its selector matches no pod template of its namespace in the run, where nothing
 * else may run pods it selects).
 */
export type SelectsNothing = 'missing' | 'emptyV1beta1' | 'noMatch';

const cache = new WeakMap<ObjectIndex, Map<PodDisruptionBudget, SelectsNothing>>();
const byNamespaceCache = new WeakMap<ObjectIndex, Map<string, PodDisruptionBudget[]>>();

/** The PDBs of the run (context files included) that select no pod, and why. Computed once per run. */
export function pdbsSelectingNothing(index: ObjectIndex): ReadonlyMap<PodDisruptionBudget, SelectsNothing> {
  let found = cache.get(index);
  if (!found) {
    found = new Map();
    // A workload whose labels or namespace a TypeScript source computes may be the one it selects.
    const someWorkloadUnknown = index.model.workloads.some(linksUnknown);
    let partial: Set<string> | undefined;
    // Copies of a PDB (overlays) share their selection: whether controller labels may match is asked once.
    const mayMatchBySelection = new Map<readonly Workload[], boolean>();
    for (const pdb of index.model.pdbs) {
      // A budget the API server rejects for a value of the wrong type is invalid-value's finding.
      if (pdb.invalidSelector) continue;
      if (pdb.selectsNone) {
        found.set(pdb, pdb.selectsNone);
        continue;
      }
      const { selector } = pdb;
      if (!selector || linksUnknown(pdb) || selectorHasPlaceholder(selector) || someWorkloadUnknown) continue;
      const namespace = index.namespace(pdb);
      // No workload of its namespace in the run: its workload is in files not linted.
      if (index.workloadsIn(namespace).length === 0) continue;
      const selected = index.workloadsSelectedBy(namespace, selector);
      if (selected.length > 0) continue;
      // A label its controller adds to each pod (a StatefulSet's pod-name, a Deployment's
      // pod-template-hash) may be what the selector names.
      let mayMatch = mayMatchBySelection.get(selected);
      if (mayMatch === undefined) {
        mayMatch = index.workloadsIn(namespace).some((workload) => controllerLabelsMayMatch(selector, workload));
        mayMatchBySelection.set(selected, mayMatch);
      }
      if (mayMatch) continue;
      // A controller whose pod template has no labels is a part (a kustomize base or patch): a
      // later step (commonLabels, labels, Helm) gives its pods the labels the selector may name.
      partial ??= new Set(index.model.workloads.filter(isPartial).map((w) => index.namespace(w)));
      if (partial.has(namespace)) continue;
      // An operator's custom resource (a Prometheus, an InferenceService) runs pods whose labels
      // no manifest of the run shows.
      if (namespacesWithUnseenPods(index).has(namespace)) continue;
      found.set(pdb, 'noMatch');
    }
    cache.set(index, found);
  }
  return found;
}

/** The PDBs of an object's namespace that select no pod (see {@link pdbsSelectingNothing}). */
export function pdbsSelectingNothingNear(object: KubeObject, index: ObjectIndex): readonly PodDisruptionBudget[] {
  let byNamespace = byNamespaceCache.get(index);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const pdb of pdbsSelectingNothing(index).keys()) push(byNamespace, index.namespace(pdb), pdb);
    byNamespaceCache.set(index, byNamespace);
  }
  return byNamespace.get(index.namespace(object)) ?? [];
}

/** A controller whose pods carry no label as written: apps/v1 rejects it until a later step adds them. */
function isPartial(workload: Workload): boolean {
  return workload.kind !== 'Pod' && !workload.runsToCompletion && workload.templates.some((t) => t.labels.size === 0);
}
