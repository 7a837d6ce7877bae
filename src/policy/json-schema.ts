// Ajv is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the class.
import ajv from 'ajv';
import ajv2020 from 'ajv/dist/2020.js';
import { PolicyCompileError } from './compile-error.js';

/** A schema violation: where in the target (a JSON Pointer) and what ajv says. */
export interface SchemaViolation {
  instancePath: string;
  message: string;
}

/** A compiled JSON Schema: the violations of a value, none when it satisfies the schema. */
export interface SchemaCheck {
  violations(value: unknown): SchemaViolation[];
}

const OPTIONS = { allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false } as const;

/** Compiles a policy's schema with ajv: draft-07 when its `$schema` names it, else draft 2020-12. */
export function compileJsonSchema(schema: Record<string, unknown> | boolean): SchemaCheck {
  const declared = typeof schema === 'object' && typeof schema.$schema === 'string' ? schema.$schema : undefined;
  const draft07 = declared !== undefined && /draft-07/.test(declared);
  let validate: ReturnType<InstanceType<typeof ajv.default>['compile']>;
  try {
    validate = draft07 ? new ajv.default(OPTIONS).compile(schema) : new ajv2020.default(OPTIONS).compile(schema);
  } catch (error) {
    throw new PolicyCompileError(`the schema is not valid: ${error instanceof Error ? error.message : String(error)}`, ['schema']);
  }
  return {
    violations(value) {
      if (validate(value)) return [];
      const seen = new Set<string>();
      return (validate.errors ?? []).flatMap((error) => {
        const where = error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath;
        const message = `${where === '' ? 'the target' : where.slice(1).replace(/\//g, '.')} ${error.keyword === 'required' ? 'is required' : error.message ?? 'is not valid'}`;
        const key = `${error.instancePath}\n${message}`;
        if (seen.has(key)) return [];
        seen.add(key);
        return [{ instancePath: error.instancePath, message }];
      });
    },
  };
}
