import type { LintInput } from '../engine/lint.js';
import type { Rule } from '../engine/rule.js';

const MARKER = Buffer.from('ValidatingAdmissionPolicy');

/**
 * The admission-policy check, loaded (with the CEL evaluator it brings) only when some input or
 * context file names a ValidatingAdmissionPolicy: a run without one starts no faster than before.
 */
export async function admissionCheckFor(inputs: readonly LintInput[]): Promise<Rule | undefined> {
  const named = inputs.some(({ content }) => content instanceof Uint8Array && Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(MARKER));
  return named ? (await import('../policy/admission/check.js')).admissionPolicyCheck : undefined;
}
