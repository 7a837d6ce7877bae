import { toCelValue } from '../cel-values.js';
import type { CelOutcome } from '../cel.js';
import type { CompiledPolicy, Expression, Validation } from './compile.js';
import type { Segments } from './field-span.js';

/** What one policy decided about one request: a failed validation, or an evaluation error that its failurePolicy turns into a denial. */
export interface Decision {
  message: string;
  /** Where the finding points in the object: the validation's fieldPath, else the object itself. */
  fieldPath: Segments | undefined;
}

/** The API server's limit on a messageExpression's result (celconfig.MaxEvaluatedMessageExpressionSizeBytes). */
const MAX_MESSAGE_BYTES = 5 * 1024;

/**
 * Evaluates a policy for one CREATE request, as the API server's validator does
 * (staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating/validator.go): the match
 * conditions first (any false skips the policy; else an error is a failure), then every validation.
 * A failure (an evaluation error) denies under failurePolicy Fail and is ignored under Ignore. No
 * decision: the request is admitted (or the conditions skipped the policy). The caller evaluates
 * only policies whose expressions all compiled.
 */
export function evaluatePolicy(policy: CompiledPolicy, inputs: Readonly<Record<string, unknown>>): Decision[] {
  const activation: Record<string, unknown> = { ...inputs };
  activation.variables = lazyVariables(policy, activation);
  const failures: string[] = [];
  let skipped = false;
  for (const condition of policy.matchConditions) {
    const outcome = run(condition, activation);
    if (!outcome.ok) failures.push(errorMessage(condition, outcome.message));
    else if (outcome.value !== true) skipped = true;
  }
  if (skipped) return [];
  const decisions: Decision[] = [];
  const fail = (message: string) => {
    if (policy.failOnError) decisions.push({ message, fieldPath: undefined });
  };
  failures.forEach(fail);
  if (failures.length > 0) return decisions;
  for (const validation of policy.validations) {
    const outcome = run(validation.expression, activation);
    if (!outcome.ok) fail(errorMessage(validation.expression, outcome.message));
    else if (outcome.value !== true) decisions.push({ message: denialMessage(validation, activation), fieldPath: validation.fieldPath });
  }
  return decisions;
}

function run(expression: Expression, activation: Readonly<Record<string, unknown>>): CelOutcome {
  return expression.compiled.ok ? expression.compiled.program.evaluate(activation) : { ok: false, message: expression.compiled.message };
}

function errorMessage(expression: Expression, message: string): string {
  return `expression '${expression.source.trim()}' resulted in error: ${message}`;
}

/** The messageExpression's string when it gives a usable one, else the message, else the expression (validator.go). */
function denialMessage(validation: Validation, activation: Readonly<Record<string, unknown>>): string {
  let message = '';
  if (validation.messageExpression) {
    const outcome = run(validation.messageExpression, activation);
    if (outcome.ok && typeof outcome.value === 'string') {
      const value = outcome.value.trim();
      if (Buffer.byteLength(value) <= MAX_MESSAGE_BYTES && !value.includes('\n')) message = value;
    }
  }
  if (message === '') message = validation.message?.trim() ?? '';
  if (message === '') message = `failed expression: ${validation.expression.source.trim()}`;
  return validation.reason && validation.reason !== 'Invalid' ? `${message} (reason: ${validation.reason})` : message;
}

/**
 * `variables`: each of `spec.variables` evaluated the first time an expression reads it, then kept
 * for the request (an error is kept too, and fails each expression that reads the variable). A
 * map that computes on `get`, so CEL sees a map and converting the activation reads nothing early.
 */
function lazyVariables(policy: CompiledPolicy, activation: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const expressions = new Map(policy.variables.map(({ name, expression }) => [name, expression]));
  const results = new Map<string, CelOutcome | 'evaluating'>();
  const value = (name: string): unknown => {
    let result = results.get(name);
    if (result === 'evaluating') throw new Error(`variables.${name} refers to itself`);
    if (result === undefined) {
      results.set(name, 'evaluating');
      result = run(expressions.get(name)!, activation);
      results.set(name, result);
    }
    if (!result.ok) throw new Error(`variables.${name}: ${result.message}`);
    return toCelValue(result.value);
  };
  // A Map itself (cel-js accepts no subclass), whose lookups compute.
  const variables = new Map<string, unknown>();
  variables.has = (name: string) => expressions.has(name);
  variables.get = (name: string) => (expressions.has(name) ? value(name) : undefined);
  return variables;
}
