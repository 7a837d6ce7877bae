import { stringify } from 'yaml';
import { templateMatches, type ObjectIndex } from './object-index.js';
import { readLabelSelector, type LabelSelector } from '../model/selector.js';
import { LWS_NAME_LABEL } from '../domain/kubernetes.js';
import type { PodDisruptionBudget } from '../model/policy.js';
import type { Workload } from '../model/workload.js';

/**
 * The selector that picks exactly a workload's pods: its `spec.selector`, the LeaderWorkerSet
 * name label, or (for a workload without a selector) its pod template's labels.
 */
export function podSelectorOf(workload: Workload): LabelSelector | undefined {
  if (workload.kind === 'LeaderWorkerSet' && workload.name) {
    return { matchLabels: new Map([[LWS_NAME_LABEL, workload.name]]), requirements: [] };
  }
  const declared = readLabelSelector(workload.root.map('spec')?.map('selector'));
  if (declared && (declared.matchLabels.size > 0 || declared.requirements.length > 0)) return declared;
  const labels = workload.templates[0]?.labels;
  if (!labels || labels.size === 0) return undefined;
  return { matchLabels: new Map([...labels].map(([key, field]) => [key, field.value])), requirements: [] };
}

/**
 * A ready-to-paste PodDisruptionBudget for a workload, as one line of flow-style YAML (quoted
 * the way YAML 1.1 needs: `"yes"`, `"1"`): same namespace, the workload's selector, and
 * `maxUnavailable`. Named after the workload, or the first free of `<name>-pdb`, `<name>-pdb-2`, …
 */
export function suggestedPdb(workload: Workload, index: ObjectIndex, maxUnavailable: number): string | undefined {
  const document = suggestedPdbDocument(workload, index, maxUnavailable);
  return document && stringify(document, { collectionStyle: 'flow', version: '1.1', lineWidth: 0 }).trim();
}

/** The suggested PodDisruptionBudget as a plain object (for the fix that appends it). */
export function suggestedPdbDocument(workload: Workload, index: ObjectIndex, maxUnavailable: number) {
  const selector = podSelectorOf(workload);
  if (!selector || !workload.name) return undefined;
  // A selector that misses the workload's own pods (a typo, a label YAML reads as a boolean)
  // would give a budget that protects nothing, and --fix would append it again on every run.
  if (!workload.templates.some((template) => templateMatches(selector, template))) return undefined;
  const taken = pdbNames(index.pdbsIn(index.namespace(workload)));
  const name = freeName(workload.name, taken);
  const document = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, ...(workload.namespace ? { namespace: workload.namespace } : {}) },
    spec: {
      maxUnavailable,
      selector: {
        ...(selector.matchLabels.size > 0 ? { matchLabels: Object.fromEntries(selector.matchLabels) } : {}),
        ...(selector.requirements.length > 0
          ? {
              matchExpressions: selector.requirements.map(({ key, operator, values }) => ({
                key,
                operator,
                ...(operator === 'In' || operator === 'NotIn' ? { values } : {}),
              })),
            }
          : {}),
      },
    },
  };
  return document;
}

const namesByPdbs = new WeakMap<readonly PodDisruptionBudget[], ReadonlySet<string | undefined>>();

/** The names of a namespace's PDBs (built once per namespace: every workload of it asks). */
function pdbNames(pdbs: readonly PodDisruptionBudget[]): ReadonlySet<string | undefined> {
  let names = namesByPdbs.get(pdbs);
  if (!names) namesByPdbs.set(pdbs, (names = new Set(pdbs.map((pdb) => pdb.name))));
  return names;
}

/** `base`, else `<base>-pdb`, `<base>-pdb-2`, …: the first name no PodDisruptionBudget of the namespace has (kubectl apply would replace it). */
function freeName(base: string, taken: ReadonlySet<string | undefined>): string {
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}-pdb` : `${base}-pdb-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
