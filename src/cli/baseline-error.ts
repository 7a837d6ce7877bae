/** A baseline file that cannot be read, parsed or written: the run stops with exit 2 (apart from the baseline code, which only runs with a baseline load). */
export class BaselineError extends Error {}
