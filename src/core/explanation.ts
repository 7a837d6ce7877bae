/**
 * The arithmetic behind a finding, as its rule computed it: what an editor shows on hover (not in
 * the JSON report). Seconds are numbers of seconds.
 */
export type Explanation = GraceBudgetExplanation | ReadinessFlipExplanation | DisruptionsExplanation;

/** grace-period-default, grace-budget-exceeded: the grace budget against the grace the pod gets. */
export interface GraceBudgetExplanation {
  kind: 'grace-budget';
  preStop: number;
  longestRequest: number;
  margin: number;
  /** preStop + longest request + margin. */
  total: number;
  grace: number;
  /** Written in the manifest, Kubernetes' default, or an operator's. */
  graceFrom: { source: 'written' } | { source: 'default' } | { source: 'operator'; operator: string };
  /** Why the budget counts the preStop seconds it does, when they were not read from the hook. */
  preStopNote?: string;
}

/** readiness-too-slow: how long the readiness probe needs to report the pod unready, against the preStop sleep. */
export interface ReadinessFlipExplanation {
  kind: 'readiness-flip';
  periodSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
  /** periodSeconds × failureThreshold + timeoutSeconds. */
  flip: number;
  preStop: number;
}

/** pdb-blocks-drain, pdb-too-permissive: how many pods a PodDisruptionBudget lets go at once. */
export interface DisruptionsExplanation {
  kind: 'disruptions';
  /** The pods the budget counts (replicas, at the largest scale), undefined when a count is unknown. */
  pods: number | undefined;
  field: 'minAvailable' | 'maxUnavailable';
  value: number | string;
  allowed: number;
  /** How `value` turns into `allowed` (a percentage's rounding, why none may go), in the rule's words. */
  rounding: string;
  /** The most the workload's drain profile allows at once. */
  limit?: number;
}
