import { templateAt, type WorkloadKind } from './kind.js';

/** Argo Rollouts' Rollout: a Deployment-like `spec.template` (CRDS.md §15). */
export const ROLLOUT_KINDS: readonly WorkloadKind[] = [
  { group: 'argoproj.io', kind: 'Rollout', templates: templateAt(['spec', 'template']), replicas: ['spec', 'replicas'] },
];
