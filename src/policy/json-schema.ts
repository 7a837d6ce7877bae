// Ajv is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the class.
import ajv from 'ajv';
import ajv2020 from 'ajv/dist/2020.js';
import { hasLinearEngine } from './cel-regex.js';
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


/** Compiles a policy's schema with ajv: draft-07 when its `$schema` names it, else draft 2020-12. */
export function compileJsonSchema(schema: Record<string, unknown> | boolean): SchemaCheck {
  const declared = typeof schema === 'object' && typeof schema.$schema === 'string' ? schema.$schema : undefined;
  const draft07 = declared !== undefined && /draft-07/.test(declared);
  const hazard = nonLinearPattern(schema, ['schema']);
  if (hazard) throw new PolicyCompileError(`the pattern ${JSON.stringify(hazard.pattern)}: ${hazard.why}`, hazard.at);
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

/**
 * The first `pattern` (or `patternProperties` key) of a schema that cannot be matched in linear
 * time, and why: a JavaScript regex backtracks (`^(a+)+$` on a long value never ends) and a
 * validation cannot be interrupted, so every pattern runs on V8's linear engine (cel-regex.ts),
 * which refuses backreferences, lookaround and the like.
 */
function nonLinearPattern(schema: unknown, at: (string | number)[]): { pattern: string; why: string; at: (string | number)[] } | undefined {
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) {
      const found = nonLinearPattern(item, [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof schema !== 'object' || schema === null) return undefined;
  for (const [key, value] of Object.entries(schema)) {
    const patterns = key === 'pattern' && typeof value === 'string' ? [value] : key === 'patternProperties' && typeof value === 'object' && value !== null ? Object.keys(value) : [];
    for (const pattern of patterns) {
      const why = linearRegExp(pattern).why;
      if (why) return { pattern, why, at: [...at, key] };
    }
    if (key === 'const' || key === 'enum' || key === 'examples' || key === 'default') continue;
    const found = nonLinearPattern(value, [...at, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * A schema pattern on the linear engine, or why it cannot run there. The engine has no Unicode
 * mode (`u`): a pattern is read as a non-Unicode JavaScript regex, and the escapes only Unicode
 * mode knows (`\p{L}`, `\u{1F600}`) are refused rather than read as letters.
 */
export function linearRegExp(pattern: string): { regex: RegExp; why?: undefined } | { regex?: undefined; why: string } {
  if (!hasLinearEngine()) return { why: 'this Node.js has no linear-time regular expression engine to match it safely' };
  if (/\\[pPu]\{/.test(pattern.replace(/\\\\/g, ''))) return { why: 'Unicode escapes (\\p{…}, \\u{…}) are not supported in policy patterns' };
  try {
    return { regex: new RegExp(pattern, 'l') };
  } catch (error) {
    return { why: error instanceof Error && /linear time/.test(error.message) ? 'it cannot be matched in linear time (a backreference, lookaround, or a large counted repetition): rewrite it' : `it is not a regular expression: ${String(error instanceof Error ? error.message : error)}` };
  }
}

/**
 * ajv's `code.regExp`: every pattern it compiles runs on the linear engine (each was checked at
 * load by {@link nonLinearPattern}). `code` would name it in standalone code, which is never made.
 */
const linearEngine = Object.assign(
  (pattern: string): RegExp => {
    const { regex, why } = linearRegExp(pattern);
    if (!regex) throw new Error(why);
    return regex;
  },
  { code: 'linearRegExp' },
);

const OPTIONS = { allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false, code: { regExp: linearEngine } } as const;
