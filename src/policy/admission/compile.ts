import { compileCel, type CelProgram, type CelVariable } from '../cel.js';
import type { KubeObject } from '../../model/objects.js';
import type { Segments } from './field-span.js';
import { parseFieldPath } from './field-span.js';
import { list, record, text, type Plain } from './plain.js';

/**
 * The variables a ValidatingAdmissionPolicy's expressions read (admissionregistration/v1
 * `Validation.expression`). `authorizer` and `authorizer.requestResource` are not declared: offline
 * there is no one to authorize, and an expression that reads them is reported as not supported.
 */
export const ADMISSION_VARIABLES: readonly CelVariable[] = [
  { name: 'object', type: 'dyn', description: 'the object of the request (the manifest)' },
  { name: 'oldObject', type: 'dyn', description: 'null: every request is a CREATE' },
  { name: 'request', type: 'dyn', description: 'the admission request attributes' },
  { name: 'params', type: 'dyn', description: 'null: parameter resources are not supported yet' },
  { name: 'namespaceObject', type: 'dyn', description: "the object's Namespace when the run holds it, else null" },
  { name: 'variables', type: 'dyn', description: 'spec.variables, by name, evaluated when first read' },
];

/** An expression of the policy, compiled, or why it cannot be evaluated (and where it is written). */
export interface Expression {
  source: string;
  at: Segments;
  compiled: { ok: true; program: CelProgram } | { ok: false; message: string; unsupported: boolean };
}

export interface Validation {
  expression: Expression;
  message: string | undefined;
  messageExpression: Expression | undefined;
  reason: string | undefined;
  fieldPath: Segments | undefined;
}

/** A ValidatingAdmissionPolicy of the run, read and compiled once. */
export interface CompiledPolicy {
  object: KubeObject;
  name: string;
  failOnError: boolean;
  matchConstraints: Plain | undefined;
  /** `spec.paramKind`: parameters are not supported yet. */
  paramKind: boolean;
  variables: { name: string; expression: Expression }[];
  matchConditions: Expression[];
  validations: Validation[];
}

export function compilePolicy(object: KubeObject, data: Plain): CompiledPolicy {
  const spec = record(data.spec) ?? {};
  const expression = (value: unknown, at: Segments): Expression | undefined => (typeof value === 'string' ? compileExpression(value, at) : undefined);
  const entries = (key: string) => list(spec[key]).map((entry, index) => ({ entry: record(entry) ?? {}, index }));
  return {
    object,
    name: text(record(data.metadata)?.name) ?? '(unnamed)',
    // failurePolicy defaults to Fail.
    failOnError: text(spec.failurePolicy) !== 'Ignore',
    matchConstraints: record(spec.matchConstraints),
    paramKind: record(spec.paramKind) !== undefined,
    variables: entries('variables').flatMap(({ entry, index }) => {
      const compiled = expression(entry.expression, ['spec', 'variables', index, 'expression']);
      const name = text(entry.name);
      return compiled && name ? [{ name, expression: compiled }] : [];
    }),
    matchConditions: entries('matchConditions').flatMap(({ entry, index }) => expression(entry.expression, ['spec', 'matchConditions', index, 'expression']) ?? []),
    validations: entries('validations').flatMap(({ entry, index }) => {
      const compiled = expression(entry.expression, ['spec', 'validations', index, 'expression']);
      if (!compiled) return [];
      const fieldPath = text(entry.fieldPath);
      return [
        {
          expression: compiled,
          message: text(entry.message),
          messageExpression: expression(entry.messageExpression, ['spec', 'validations', index, 'messageExpression']),
          reason: text(entry.reason),
          fieldPath: fieldPath === undefined ? undefined : parseFieldPath(fieldPath),
        },
      ];
    }),
  };
}

function compileExpression(source: string, at: Segments): Expression {
  if (readsAuthorizer(source)) {
    return { source, at, compiled: { ok: false, message: 'it reads `authorizer`: offline there is no user to authorize', unsupported: true } };
  }
  const result = compileCel(source, ADMISSION_VARIABLES);
  return { source, at, compiled: result.ok ? result : { ok: false, message: result.message, unsupported: false } };
}

/** Whether the expression names `authorizer` outside string literals. */
function readsAuthorizer(source: string): boolean {
  const code = source.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
  return /(?<![\w.])authorizer\b/.test(code);
}

/** Every expression of the policy, for reporting those that do not compile. */
export function expressionsOf(policy: CompiledPolicy): Expression[] {
  return [
    ...policy.variables.map((v) => v.expression),
    ...policy.matchConditions,
    ...policy.validations.flatMap((v) => (v.messageExpression ? [v.expression, v.messageExpression] : [v.expression])),
  ];
}
