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
