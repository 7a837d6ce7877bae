import { LWS_NAME_LABEL } from '../../domain/kubernetes.js';
import { viewAt, type TemplateSite, type WorkloadKind, type Resource } from './kind.js';
import type { MapView } from '../../languages/shared/node.js';

/** A LeaderWorkerSet's (or a DisaggregatedSet role's) leader and worker templates. */
function leaderWorker(spec: MapView | undefined, name: string | undefined, prefix = '', ownCount = false): TemplateSite[] {
  const lwt = spec?.map('leaderWorkerTemplate');
  return (['leaderTemplate', 'workerTemplate'] as const).flatMap((role) => {
    const view = lwt?.map(role);
    // A DisaggregatedSet role's groups (`spec.replicas`, 1 when unset) are counted once, on its worker template.
    const count = ownCount && spec && role === 'workerTemplate' ? { replicas: { at: spec, key: 'replicas', default: 1 } } : {};
    return view ? [{ role: `${prefix}${role}`, view, shape: 'template' as const, ...count, ...(name ? { podLabels: { [LWS_NAME_LABEL]: name } } : {}) }] : [];
  });
}

/**
 * LeaderWorkerSet (kubernetes-sigs/lws; CRDS.md §6): its pods carry the set's name label.
 * DisaggregatedSet (LWS ≥ v0.9): one LeaderWorkerSet template per role in `spec.roles[]`.
 */
export const LWS_KINDS: readonly WorkloadKind[] = [
  {
    group: 'leaderworkerset.x-k8s.io',
    kind: 'LeaderWorkerSet',
    templates: (object: Resource) => leaderWorker(object.root.map('spec'), object.name),
    replicas: ['spec', 'replicas'],
    replicaUnit: 'group',
  },
  {
    group: 'disaggregatedset.x-k8s.io',
    kind: 'DisaggregatedSet',
    templates: (object: Resource) =>
      (viewAt(object.root, ['spec'])?.maps('roles') ?? []).flatMap((role) => {
        const name = role.string('name');
        return leaderWorker(role.map('spec'), undefined, `role ${typeof name === 'object' ? name.value : '(unnamed)'} `, true);
      }),
  },
];
