import type { Rule } from '../src/engine/rule.js';
import graceBudgetExceeded from './grace-budget-exceeded.js';
import gracePeriodDefault from './grace-period-default.js';
import livenessGatesOnLoad from './liveness-gates-on-load.js';
import pdbBlocksDrain from './pdb-blocks-drain.js';
import pdbMissing from './pdb-missing.js';
import pdbOverlap from './pdb-overlap.js';
import pdbTooPermissive from './pdb-too-permissive.js';
import prestopMissing from './prestop-missing.js';
import prestopTooShort from './prestop-too-short.js';
import readinessIgnoresDrain from './readiness-ignores-drain.js';
import readinessMissing from './readiness-missing.js';
import readinessTooSlow from './readiness-too-slow.js';
import rolloutTooAggressive from './rollout-too-aggressive.js';
import singleReplica from './single-replica.js';
import startupProbeMissing from './startup-probe-missing.js';

/** Every rule, in catalogue order. The engine receives this list and knows no rule by name. */
export const rules: readonly Rule[] = [
  gracePeriodDefault,
  graceBudgetExceeded,
  prestopMissing,
  readinessIgnoresDrain,
  livenessGatesOnLoad,
  pdbBlocksDrain,
  rolloutTooAggressive,
  readinessMissing,
  readinessTooSlow,
  prestopTooShort,
  startupProbeMissing,
  singleReplica,
  pdbMissing,
  pdbTooPermissive,
  pdbOverlap,
];
