import { isField } from '../languages/shared/node.js';
import { ARGO_WORKLOAD_REF_KINDS } from '../domain/operators.js';
import type { Workload } from './workload.js';

/**
 * Links each Argo Rollout that takes its pod template from a Deployment (`spec.workloadRef`) to
 * that Deployment, when the run holds it (same namespace as written): the Rollout's pods are the
 * Deployment's template, so the template is judged once, on the Deployment, where its fixes go,
 * while replicas, HPAs and the rollout strategy are the Rollout's (`scaledBy`). The Rollout has
 * no template of its own to judge. Source: argo-rollouts@9f8d111d8f8e
 * `pkg/apis/rollouts/v1alpha1/types.go:52-55`; CRDS.md §15.
 */
export function linkWorkloadRefs(workloads: readonly Workload[]): void {
  for (const rollout of workloads) {
    if (rollout.workloadKind.group !== 'argoproj.io' || rollout.kind !== 'Rollout') continue;
    const ref = rollout.root.map('spec')?.map('workloadRef');
    if (!ref) continue;
    const [kind, name] = [ref.string('kind'), ref.string('name')];
    if (!isField(name) || (isField(kind) && !ARGO_WORKLOAD_REF_KINDS.includes(kind.value))) continue;
    const target = workloads.find(
      (w) => w !== rollout && ARGO_WORKLOAD_REF_KINDS.includes(w.kind) && w.workloadKind.group === undefined && w.name === name.value && (w.namespace ?? '') === (rollout.namespace ?? ''),
    );
    if (target) target.scaledBy = rollout;
  }
}

/** The workload whose replicas, HPAs and rollout strategy apply to these pods: its Rollout, or itself. */
export function scaleOwner(workload: Workload): Workload {
  return workload.scaledBy ?? workload;
}
