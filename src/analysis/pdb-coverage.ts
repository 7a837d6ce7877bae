import { linksUnknown } from '../model/objects.js';
import { push, templateMatches, type ObjectIndex } from './object-index.js';
import type { PodDisruptionBudget } from '../model/policy.js';
import type { LabelSelector } from '../model/selector.js';
import type { PodTemplate, Workload } from '../model/workload.js';

/**
 * Which PodDisruptionBudgets select which pod templates, computed once per run from the PDB side
 * (each selector is matched through the index's label lookup, never against every workload).
 * A LeaderWorkerSet's leader and worker pods are separate templates: two PDBs overlap only
 * when they select the same pods.
 */
export interface PdbCoverage {
  /** PDBs that select any pod template of the workload, in run order, each once. */
  pdbsOf(workload: Workload): readonly PodDisruptionBudget[];
  /** PDBs that select the pods of this template, in run order. */
  pdbsOfTemplate(template: PodTemplate): readonly PodDisruptionBudget[];
}

const cache = new WeakMap<ObjectIndex, PdbCoverage>();

export function pdbCoverage(index: ObjectIndex): PdbCoverage {
  let coverage = cache.get(index);
  if (!coverage) {
    coverage = computeCoverage(index);
    cache.set(index, coverage);
  }
  return coverage;
}

/** The PDBs with one selection (copies of a PDB, as overlays give), in run order. */
interface SelectionGroup {
  id: number;
  selector: LabelSelector;
  pdbs: PodDisruptionBudget[];
}

function computeCoverage(index: ObjectIndex): PdbCoverage {
  // Copies of a PDB select the same workloads: each selection's templates are matched once.
  const groups = new Map<readonly Workload[], SelectionGroup>();
  for (const pdb of index.model.pdbs) {
    // A null selector selects no pod (policy/v1beta1's empty one too: see readPodDisruptionBudget).
    if (!pdb.selector) continue;
    // A selector or namespace a TypeScript source computes may select anything: no conclusion.
    if (linksUnknown(pdb)) continue;
    const selected = index.workloadsSelectedBy(index.namespace(pdb), pdb.selector);
    const group = groups.get(selected);
    if (group) group.pdbs.push(pdb);
    else groups.set(selected, { id: groups.size, selector: pdb.selector, pdbs: [pdb] });
  }
  const byWorkload = new Map<Workload, SelectionGroup[]>();
  const byTemplate = new Map<PodTemplate, SelectionGroup[]>();
  for (const [selected, group] of groups) {
    for (const workload of selected) {
      push(byWorkload, workload, group);
      for (const template of workload.templates) {
        if (templateMatches(group.selector, template)) push(byTemplate, template, group);
      }
    }
  }
  const pdbsOfGroups = mergerInRunOrder(index.model.pdbs);
  return {
    pdbsOf: (workload) => pdbsOfGroups(byWorkload.get(workload)),
    pdbsOfTemplate: (template) => pdbsOfGroups(byTemplate.get(template)),
  };
}

/**
 * The PDBs of some selection groups in run order, one array per combination of groups: the
 * copies of a workload share it.
 */
function mergerInRunOrder(pdbs: readonly PodDisruptionBudget[]): (groups: readonly SelectionGroup[] | undefined) => readonly PodDisruptionBudget[] {
  const order = new Map(pdbs.map((pdb, i) => [pdb, i]));
  const merged = new Map<string, PodDisruptionBudget[]>();
  return (groups) => {
    if (!groups) return [];
    if (groups.length === 1) return groups[0]!.pdbs;
    const key = groups.map((g) => g.id).join(',');
    let list = merged.get(key);
    if (!list) {
      list = groups.flatMap((g) => g.pdbs).sort((a, b) => order.get(a)! - order.get(b)!);
      merged.set(key, list);
    }
    return list;
  };
}
