import {
  defineRule,
  describeObject,
  describeSelector,
  linksUnknown,
  selectorHasPlaceholder,
  namespacesWithUnseenPods,
  type PodDisruptionBudget,
  type Workload,
} from '../src/rule-kit/index.js';

const PROTECTS_NOTHING = 'the budget protects nothing, and a drain may evict every pod it was meant for at once.';
/** How many workloads a message names before "and N more". */
const NAMED = 3;

export default defineRule({
  meta: {
    id: 'pdb-selects-nothing',
    description: 'A PodDisruptionBudget selects no pod: it has no selector, or its selector matches no pod template of its namespace in the run.',
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: 'a PodDisruptionBudget has no selector, or its selector matches no pod of its namespace in the run (any workload)' },
    messages: {
      noSelector: `{{pdb}} has no selector, and in policy/v1 a null selector selects no pod: ${PROTECTS_NOTHING} Add spec.selector with the labels of those pods (an empty selector {} would select every pod of the namespace).`,
      emptyV1beta1: `{{pdb}} is a policy/v1beta1 budget with an empty selector {}, which in policy/v1beta1 selects no pod: ${PROTECTS_NOTHING} Move it to policy/v1 (v1beta1 is not served since Kubernetes 1.25; there {} selects every pod of the namespace) and select the labels of the pods it is meant for.`,
      noMatch: `{{pdb}} selects no pod of this run: its selector ({{selector}}) matches no pod template of the workloads in namespace {{namespace}} ({{workloads}}). If its workload is in another file, lint that file too, or pass it with --context (read for relations, never reported on); otherwise ${PROTECTS_NOTHING} Make the selector match the labels of the pod template.`,
    },
  },
  check(context) {
    const { index } = context;
    // A workload whose labels or namespace a TypeScript source computes may be the one it selects.
    const someWorkloadUnknown = index.model.workloads.some(linksUnknown);
    /** Namespaces with a partial controller (built on first need). */
    let partial: Set<string> | undefined;
    for (const pdb of index.model.pdbs) {
      // Findings land on the PDB: one read only for context is not reported on.
      if (!pdb.file.reportable) continue;
      const at = selectorSpan(pdb);
      if (pdb.selectsNone) {
        context.report({ object: pdb, span: at, messageId: pdb.selectsNone === 'missing' ? 'noSelector' : 'emptyV1beta1', data: { pdb: describeObject(pdb) } });
        continue;
      }
      const { selector } = pdb;
      if (!selector || linksUnknown(pdb) || selectorHasPlaceholder(selector) || someWorkloadUnknown) continue;
      const namespace = index.namespace(pdb);
      const workloads = index.workloadsIn(namespace);
      // No workload of its namespace in the run: its workload is in files not linted.
      if (workloads.length === 0) continue;
      if (index.workloadsSelectedBy(namespace, selector).length > 0) continue;
      // A controller whose pod template has no labels is a part (a kustomize base or patch): a
      // later step (commonLabels, labels, Helm) gives its pods the labels the selector may name.
      partial ??= new Set(index.model.workloads.filter(isPartial).map((w) => index.namespace(w)));
      if (partial.has(namespace)) continue;
      // An operator's custom resource (a Prometheus, an InferenceService) runs pods whose labels
      // no manifest of the run shows.
      if (namespacesWithUnseenPods(index).has(namespace)) continue;
      const named = workloads.slice(0, NAMED).map(describeObject);
      const more = workloads.length > NAMED ? ` and ${workloads.length - NAMED} more` : '';
      context.report({
        object: pdb,
        span: at,
        messageId: 'noMatch',
        data: { pdb: describeObject(pdb), selector: describeSelector(selector) || '{}', namespace, workloads: named.join(', ') + more },
      });
    }
  },
});

/** A controller whose pods carry no label as written: apps/v1 rejects it until a later step adds them. */
function isPartial(workload: Workload): boolean {
  return workload.kind !== 'Pod' && !workload.runsToCompletion && workload.templates.some((t) => t.labels.size === 0);
}

/** The `selector:` key, else the `spec:` key, else the name. */
function selectorSpan(pdb: PodDisruptionBudget) {
  const spec = pdb.root.map('spec');
  return spec?.pair('selector') ? spec.keySpan('selector') : pdb.specAnchor;
}
