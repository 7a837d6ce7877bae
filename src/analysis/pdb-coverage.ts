import { linksUnknown } from '../model/objects.js';
import { push, templateMatches, type ObjectIndex } from './object-index.js';
import type { PodDisruptionBudget } from '../model/policy.js';
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

function computeCoverage(index: ObjectIndex): PdbCoverage {
  const byWorkload = new Map<Workload, PodDisruptionBudget[]>();
  const byTemplate = new Map<PodTemplate, PodDisruptionBudget[]>();
  for (const pdb of index.model.pdbs) {
    // A null selector selects no pod (policy/v1beta1's empty one too: see readPodDisruptionBudget).
    if (!pdb.selector) continue;
    // A selector or namespace a TypeScript source computes may select anything: no conclusion.
    if (linksUnknown(pdb)) continue;
    for (const workload of index.workloadsSelectedBy(index.namespace(pdb), pdb.selector)) {
      push(byWorkload, workload, pdb);
      for (const template of workload.templates) {
        if (templateMatches(pdb.selector, template)) push(byTemplate, template, pdb);
      }
    }
  }
  return {
    pdbsOf: (workload) => byWorkload.get(workload) ?? [],
    pdbsOfTemplate: (template) => byTemplate.get(template) ?? [],
  };
}
