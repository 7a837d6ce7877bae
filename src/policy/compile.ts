export { PolicyCompileError } from './compile-error.js';
import { compileCel, type CelProgram } from './cel.js';
import { parseFieldPath, type PathSegment } from './field-path.js';
import { PolicyCompileError } from './compile-error.js';
import type { SchemaCheck } from './json-schema.js';
import type { PolicySpec, PolicyTarget } from './spec.js';
import { policyVariables } from './variables.js';

export interface CompiledValidation {
  expression: CelProgram;
  message?: string;
  messageExpression?: CelProgram;
  fieldPath?: PathSegment[];
}

/** A policy ready to run: its spec as written, its expressions compiled or its schema's validator. */
export interface CompiledPolicy {
  spec: PolicySpec;
  target: PolicyTarget;
  validations: CompiledValidation[];
  schema?: SchemaCheck;
  fix?: { path: PathSegment[]; written: string; value: string | number | boolean };
}

/** Compiles a policy once, at config load; throws a PolicyCompileError for one that cannot run. */
export async function compilePolicy(spec: PolicySpec): Promise<CompiledPolicy> {
  const target = spec.target ?? 'object';
  if ((spec.validations === undefined) === (spec.schema === undefined)) {
    throw new PolicyCompileError(`needs either validations (CEL) or schema (JSON Schema)${spec.schema !== undefined ? ', not both' : ''}`, []);
  }
  const variables = policyVariables(target);
  const compile = (source: string, at: PathSegment[]): CelProgram => {
    const result = compileCel(source, variables);
    if (!result.ok) throw new PolicyCompileError(`${result.message} (variables: ${variables.map((v) => v.name).join(', ')})`, at, result.offset);
    return result.program;
  };
  const validations = (spec.validations ?? []).map((validation, i): CompiledValidation => {
    const fieldPath = validation.fieldPath === undefined ? undefined : parseFieldPath(validation.fieldPath);
    if (validation.fieldPath !== undefined && !fieldPath) {
      throw new PolicyCompileError(`fieldPath "${validation.fieldPath}" is not a field path (write spec.containers[0].image, metadata.labels['team'])`, ['validations', i, 'fieldPath']);
    }
    return {
      expression: compile(validation.expression, ['validations', i, 'expression']),
      ...(validation.message !== undefined ? { message: validation.message } : {}),
      ...(validation.messageExpression !== undefined ? { messageExpression: compile(validation.messageExpression, ['validations', i, 'messageExpression']) } : {}),
      ...(fieldPath ? { fieldPath } : {}),
    };
  });
  const fixPath = spec.fix && parseFieldPath(spec.fix.path);
  if (spec.fix && (!fixPath || typeof fixPath[fixPath.length - 1] !== 'string')) {
    throw new PolicyCompileError(`fix path "${spec.fix.path}" is not a field path ending in a key (write terminationGracePeriodSeconds, metadata.labels['team'])`, ['fix', 'path']);
  }
  // Ajv is loaded only for a policy with a schema.
  const schema = spec.schema === undefined ? undefined : (await import('./json-schema.js')).compileJsonSchema(spec.schema);
  return { spec, target, validations, ...(schema ? { schema } : {}), ...(spec.fix && fixPath ? { fix: { path: fixPath, written: spec.fix.path, value: spec.fix.value } } : {}) };
}
