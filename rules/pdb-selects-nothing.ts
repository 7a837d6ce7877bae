import {
  defineRule,
  describeObject,
  describeSelector,
  pdbsSelectingNothing,
  type PodDisruptionBudget,
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
    for (const [pdb, why] of pdbsSelectingNothing(index)) {
      // Findings land on the PDB: one read only for context is not reported on.
      if (!pdb.file.reportable) continue;
      const at = selectorSpan(pdb);
      if (why !== 'noMatch') {
        context.report({ object: pdb, span: at, messageId: why === 'missing' ? 'noSelector' : 'emptyV1beta1', data: { pdb: describeObject(pdb) } });
        continue;
      }
      const namespace = index.namespace(pdb);
      const workloads = index.workloadsIn(namespace);
      const named = workloads.slice(0, NAMED).map(describeObject);
      const more = workloads.length > NAMED ? ` and ${workloads.length - NAMED} more` : '';
      context.report({
        object: pdb,
        span: at,
        messageId: 'noMatch',
        data: { pdb: describeObject(pdb), selector: describeSelector(pdb.selector!) || '{}', namespace, workloads: named.join(', ') + more },
      });
    }
  },
});

/** The `selector:` key, else the `spec:` key, else the name. */
function selectorSpan(pdb: PodDisruptionBudget) {
  const spec = pdb.root.map('spec');
  return spec?.pair('selector') ? spec.keySpan('selector') : pdb.specAnchor;
}
