import type { PathSegment } from './field-path.js';

/**
 * Why a policy cannot be used: the message, and where in the policy (keys from the policy's
 * mapping, `['validations', 0, 'expression']`), with the offset in that string when the compiler names one.
 */
export class PolicyCompileError extends Error {
  constructor(
    message: string,
    readonly at: readonly PathSegment[],
    readonly offset?: number,
  ) {
    super(message);
  }
}
