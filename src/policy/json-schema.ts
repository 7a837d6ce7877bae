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
  const hazard = backtrackingPattern(schema, ['schema']);
  if (hazard) throw new PolicyCompileError(`the pattern ${JSON.stringify(hazard.pattern)} repeats a repeated group, which can take exponential time on some values; rewrite it without nested quantifiers`, hazard.at);
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
 * The first `pattern` (or `patternProperties` key) of a schema with a quantified group that itself
 * holds an unbounded quantifier (`(a+)+`, `(\\w*)*`, `(x{2,})+`): JavaScript's backtracking engine
 * can spend exponential time on them, and a validation cannot be interrupted.
 */
function backtrackingPattern(schema: unknown, at: (string | number)[]): { pattern: string; at: (string | number)[] } | undefined {
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) {
      const found = backtrackingPattern(item, [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof schema !== 'object' || schema === null) return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'pattern' && typeof value === 'string' && nestsQuantifiers(value)) return { pattern: value, at: [...at, key] };
    if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
      const bad = Object.keys(value).find(nestsQuantifiers);
      if (bad !== undefined) return { pattern: bad, at: [...at, key] };
    }
    if (key === 'const' || key === 'enum' || key === 'examples' || key === 'default') continue;
    const found = backtrackingPattern(value, [...at, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether a regular expression repeats a group one of whose branches ends in an unbounded
 * quantifier (`(a+)+`, `(\\w*)*`, `(x|y{2,})+`): each character may then be claimed by either loop,
 * which backtracks exponentially. A group whose repetition ends in a required character
 * (`([a-z]+\\.)*`) does not.
 */
export function nestsQuantifiers(pattern: string): boolean {
  // For each open group: whether the current branch ends in an unbounded quantifier, and whether an earlier branch did.
  const groups: { endsUnbounded: boolean; someBranch: boolean }[] = [];
  const top = () => groups[groups.length - 1];
  /** Whether the atom just before a quantifier is a group whose branch ends in an unbounded quantifier. */
  let lastAtomRisky = false;
  const atom = (risky: boolean) => {
    lastAtomRisky = risky;
    const group = top();
    if (group) group.endsUnbounded = false;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const rest = pattern.slice(i);
    if (c === '\\') {
      i++;
      atom(false);
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      atom(false);
    } else if (c === '(') {
      groups.push({ endsUnbounded: false, someBranch: false });
      if (/^\(\?(?:[:=!]|<[=!]|<[A-Za-z])/.test(rest)) i += rest.startsWith('(?<') && !/^\(\?<[=!]/.test(rest) ? rest.indexOf('>') : rest[2] === '<' ? 3 : 2;
    } else if (c === '|') {
      const group = top();
      if (group) {
        group.someBranch ||= group.endsUnbounded;
        group.endsUnbounded = false;
      }
    } else if (c === ')') {
      const group = groups.pop();
      atom(group ? group.someBranch || group.endsUnbounded : false);
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      const bounds = c === '{' ? /^\{(\d*)(,?)(\d*)\}/.exec(rest) : null;
      if (c === '{' && !bounds) {
        atom(false);
        continue;
      }
      const unbounded = c === '*' || c === '+' || (bounds !== null && bounds[2] === ',' && bounds[3] === '');
      const repeats = unbounded || (bounds !== null && bounds[2] === ',');
      if (repeats && lastAtomRisky) return true;
      if (bounds) i += bounds[0].length - 1;
      if (pattern[i + 1] === '?') i++;
      const group = top();
      if (group && unbounded) group.endsUnbounded = true;
      lastAtomRisky = false;
    } else {
      atom(false);
    }
  }
  return false;
}
