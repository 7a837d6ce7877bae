import type { Rule } from '../src/engine/rule.js';
import gracePeriodDefault from './grace-period-default.js';
import graceBudgetExceeded from './grace-budget-exceeded.js';
import livenessGatesOnLoad from './liveness-gates-on-load.js';
import pdbBlocksDrain from './pdb-blocks-drain.js';
import prestopMissing from './prestop-missing.js';
import readinessIgnoresDrain from './readiness-ignores-drain.js';
import rolloutTooAggressive from './rollout-too-aggressive.js';

/** Every rule, in catalogue order. The engine receives this list and knows no rule by name. */
export const rules: readonly Rule[] = [
  gracePeriodDefault,
  graceBudgetExceeded,
  prestopMissing,
  readinessIgnoresDrain,
  livenessGatesOnLoad,
  pdbBlocksDrain,
  rolloutTooAggressive,
];
