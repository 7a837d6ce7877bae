import type { Rule } from '../src/engine/rule.js';
import engineShutdownTimeout from './engine-shutdown-timeout.js';
import graceBudgetExceeded from './grace-budget-exceeded.js';
import gracePeriodDefault from './grace-period-default.js';
import karpenterDeprecatedAnnotation from './karpenter-deprecated-annotation.js';
import lbDrainMismatch from './lb-drain-mismatch.js';
import livenessGatesOnLoad from './liveness-gates-on-load.js';
import nodepoolDisruptionUnbounded from './nodepool-disruption-unbounded.js';
import nodepoolGraceTooShort from './nodepool-grace-too-short.js';
import pdbBlocksDrain from './pdb-blocks-drain.js';
import pdbMissing from './pdb-missing.js';
import pdbOverlap from './pdb-overlap.js';
import pdbTooPermissive from './pdb-too-permissive.js';
import prestopMissing from './prestop-missing.js';
import prestopTooShort from './prestop-too-short.js';
import proxyTimeoutTooShort from './proxy-timeout-too-short.js';
import readinessIgnoresDrain from './readiness-ignores-drain.js';
import readinessMissing from './readiness-missing.js';
import readinessTooSlow from './readiness-too-slow.js';
import rolloutTooAggressive from './rollout-too-aggressive.js';
import singleReplica from './single-replica.js';
import spotNoticeTooShort from './spot-notice-too-short.js';
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
  nodepoolGraceTooShort,
  spotNoticeTooShort,
  nodepoolDisruptionUnbounded,
  karpenterDeprecatedAnnotation,
  proxyTimeoutTooShort,
  lbDrainMismatch,
  engineShutdownTimeout,
];
