import { INSTANCE_TYPE_LABELS } from './kubernetes.js';

/**
 * Karpenter's defaults and annotations the node rules rest on. Each fact once, with its source
 * (../shared/DOMAIN.md, "Nodes"; Karpenter v1 docs, karpenter.sh/docs).
 */

/**
 * The disruption budget of a NodePool that lists none in `spec.disruption.budgets`: one budget
 * of 10 % of its nodes at once. Source: Karpenter v1 docs, "Disruption: NodePool Disruption Budgets".
 */
export const KARPENTER_DEFAULT_BUDGET_PERCENT = 10;

/**
 * The pod annotation (`"true"`) that blocks consolidation and drift of the pod's node (not expiry
 * or interruption); Karpenter v0.32 and later read it. Source: Karpenter v1 docs, "Disruption:
 * Pod-Level Controls".
 */
export const KARPENTER_DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';

/**
 * The older pod annotation, replaced by `karpenter.sh/do-not-disrupt` in v0.32 and dropped in v1:
 * Karpenter v1 no longer reads it. Source: Karpenter v1 docs, "Upgrade Guide" (v1.0, v0.32).
 */
export const KARPENTER_DO_NOT_EVICT = 'karpenter.sh/do-not-evict';

/**
 * Labels Karpenter sets on every node it launches, from the instance it picks. Source: Karpenter
 * docs, "NodePools: Well-Known Labels" (karpenter.sh/docs/concepts/nodepools).
 */
export const KARPENTER_WELL_KNOWN_LABELS: ReadonlySet<string> = new Set([
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  ...INSTANCE_TYPE_LABELS,
  'kubernetes.io/arch',
  'beta.kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/os',
  'node.kubernetes.io/windows-build',
  'kubernetes.io/hostname',
  'karpenter.sh/capacity-type',
]);
/** Label prefixes of the cloud providers' Karpenter labels (instance family, GPU count, …). */
export const KARPENTER_WELL_KNOWN_PREFIX = /^(karpenter\.k8s\.aws|topology\.k8s\.aws|karpenter\.azure\.com|karpenter\.k8s\.gcp)\//;
/** What Karpenter assumes for a well-known label a pool does not constrain. */
export const KARPENTER_LABEL_DEFAULTS: Readonly<Record<string, string>> = {
  'karpenter.sh/capacity-type': 'on-demand',
  'kubernetes.io/arch': 'amd64',
  'beta.kubernetes.io/arch': 'amd64',
  'kubernetes.io/os': 'linux',
  'beta.kubernetes.io/os': 'linux',
};
/** The capacity-type node label: spot, on-demand or reserved (DOMAIN.md, "Nodes"). */
export const CAPACITY_TYPE = 'karpenter.sh/capacity-type';
/** The label naming the NodePool a node belongs to (Karpenter docs, "NodePools"). */
export const NODEPOOL_LABEL = 'karpenter.sh/nodepool';
