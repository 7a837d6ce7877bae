import { defineRule, describeObject, locationOf, pdbCoverage, type PodDisruptionBudget, type Workload } from '../src/rule-kit/index.js';

export default defineRule({
  meta: {
    id: 'pdb-overlap',
    description: 'The pods of a workload are selected by more than one PodDisruptionBudget, so the Eviction API refuses to evict them at all.',
    defaultSeverity: 'error',
    fixable: 'none',
    docs: { finds: 'two PodDisruptionBudgets select the same pods, so the Eviction API refuses them all (any workload)' },
    messages: {
      bothSelect:
        '{{pdb}} ({{location}}) and {{other}} ({{otherLocation}}) both select the pods of {{workloads}}: the Eviction API refuses every eviction of a pod that more than one PodDisruptionBudget covers (HTTP 500), so kubectl drain fails on these pods at once, without retrying, and no eviction by the cluster autoscaler or Karpenter can move them either: their nodes cannot be drained. Keep one PodDisruptionBudget per workload: narrow one selector or delete one of them.',
    },
  },
  check(context) {
    const { index } = context;
    const coverage = pdbCoverage(index);
    // One PDB written twice in a run (a kustomize base and its overlay, or a Pulumi resource name
    // in two branches of an if) is one PDB in the cluster.
    const identity = (pdb: PodDisruptionBudget): unknown => {
      const name = pdb.name ?? pdb.sourceName;
      return name === undefined ? pdb : `${index.namespace(pdb)}/${pdb.name === undefined ? 'resource:' : ''}${name}`;
    };
    const order = new Map(index.model.pdbs.map((pdb, i) => [pdb, i]));
    // The copies of a workload (overlays) share their templates' list of PDBs: each is reduced once.
    const distinctOf = new Map<readonly PodDisruptionBudget[], PodDisruptionBudget[]>();
    const distinct = (pdbs: readonly PodDisruptionBudget[]) => {
      let list = distinctOf.get(pdbs);
      if (!list) distinctOf.set(pdbs, (list = [...new Map(pdbs.map((pdb) => [identity(pdb), pdb])).values()]));
      return list;
    };
    /** PDB → the other PDB → the workloads whose pods both select. */
    const relations = new Map<PodDisruptionBudget, Map<PodDisruptionBudget, Set<Workload>>>();
    for (const workload of index.model.workloads) {
      // kubectl drain, the cluster autoscaler and Karpenter never evict DaemonSet pods.
      if (workload.kind === 'DaemonSet') continue;
      for (const template of workload.templates) {
        const pdbs = distinct(coverage.pdbsOfTemplate(template));
        for (const a of pdbs) {
          for (const b of pdbs) {
            if (a === b) continue;
            const others = relations.get(a) ?? new Map<PodDisruptionBudget, Set<Workload>>();
            relations.set(a, others);
            const workloads = others.get(b) ?? new Set<Workload>();
            workloads.add(workload);
            others.set(b, workloads);
          }
        }
      }
    }
    for (const pdb of index.model.pdbs) {
      for (const [other, selected] of relations.get(pdb) ?? []) {
        // Each relation once per PDB; a PDB only read for context leaves it to the other one,
        // and when both are context, the first reports it (on the workload).
        if (!pdb.file.reportable && (other.file.reportable || order.get(other)! < order.get(pdb)!)) continue;
        const workloads = [...selected];
        const names = [...new Set(workloads.map((w) => `${describeObject(w)} (${locationOf(w)})`))].join(', ');
        const first = workloads[0]!;
        context.report({
          object: pdb,
          span: pdb.root.map('spec')?.keySpan('selector') ?? pdb.specAnchor,
          messageId: 'bothSelect',
          data: { pdb: describeObject(pdb), location: locationOf(pdb), other: describeObject(other), otherLocation: locationOf(other), workloads: names },
          related: { object: first, span: first.anchor },
        });
      }
    }
  },
});
