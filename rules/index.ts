import type { Rule } from '../src/engine/rule.js';
import gracePeriodDefault from './grace-period-default.js';
import graceBudgetExceeded from './grace-budget-exceeded.js';
import prestopMissing from './prestop-missing.js';

/** Every rule, in catalogue order. The engine receives this list and knows no rule by name. */
export const rules: readonly Rule[] = [gracePeriodDefault, graceBudgetExceeded, prestopMissing];
