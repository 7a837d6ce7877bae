import { isMap, type Document, type Node } from 'yaml';
import { CONFIGURABLE_DIAGNOSTICS } from '../core/diagnostics.js';
import type { Rule } from '../engine/rule.js';
import type { ValidateFunction } from 'ajv';
import { didYouMean } from './closest.js';
import { ConfigError, type ConfigLocation } from './error.js';
import { configSchema } from './schema.js';
import { schemaText, validate as precompiled } from './validator.generated.js';

/** Checks a config file's values against the schema; a violation is a ConfigError that says where, in the user's words. */
export async function validate(raw: unknown, document: Document, rules: readonly Rule[], at: (offset: number) => ConfigLocation): Promise<void> {
  await validateAgainst(configSchema(rules), raw, document, rules, at);
}

/** Checks a YAML document's values against any schema (a policy file's), explained like the config's. */
export async function validateAgainst(schema: object, raw: unknown, document: Document, rules: readonly Rule[], at: (offset: number) => ConfigLocation): Promise<void> {
  const validateConfig = await validatorFor(schema);
  if (validateConfig(raw)) return;
  const errors = validateConfig.errors ?? [];
  // The most specific error explains best; oneOf/anyOf summaries only repeat their branches.
  const best = [...errors]
    .filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword))
    .sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0] ?? errors[0]!;
  const segments = best.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const container = document.getIn(segments, true) as Node | undefined;
  let offset = container?.range?.[0] ?? 0;
  let message: string;
  const where = segments.length > 0 ? segments.join('.') : 'the config';
  switch (best.keyword) {
    case 'additionalProperties': {
      const key = String(best.params.additionalProperty);
      if (isMap(container)) {
        const pair = container.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        offset = (pair?.key as Node | undefined)?.range?.[0] ?? offset;
      }
      if (segments.length === 1 && segments[0] === 'rules') {
        message = `unknown rule "${key}"${didYouMean(key, [...rules.map((r) => r.meta.id), ...CONFIGURABLE_DIAGNOSTICS.map((d) => d.id)])}`;
      } else if (best.params.additionalProperty && (best.parentSchema as { maxProperties?: number }).maxProperties === 0) {
        message = `${segments.slice(0, 2).join('.')} takes no options, got "${key}"`;
      } else {
        message = `unknown key "${key}" in ${where}`;
      }
      break;
    }
    case 'enum': {
      const allowed = best.params.allowedValues as unknown[];
      const value = valueAt(raw, segments);
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed.filter((v): v is string => typeof v === 'string')) : '';
      message = `${where} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(value)}${suggestion}`;
      break;
    }
    case 'pattern':
      message = `${where} is not valid: ${shown(valueAt(raw, segments))} (${(best.parentSchema as { description?: string }).description ?? `must match ${best.params.pattern}`})`;
      break;
    default:
      message = `${where} ${best.message ?? 'is not valid'}, got ${shown(valueAt(raw, segments))}`;
  }
  if (segments[0] === 'kubernetesVersion' && typeof valueAt(raw, segments) === 'number') {
    message += ' (quote it: YAML reads 1.30 as the number 1.3)';
  }
  throw new ConfigError(message, at(offset));
}

/**
 * The schema's validator: compiled ahead of time (validator.generated.ts, by `npm run generate`)
 * for the schema of the shipped rules; compiled now, with Ajv loaded, for any other.
 */
async function validatorFor(schema: object): Promise<ValidateFunction> {
  if (`${JSON.stringify(schema, null, 2)}\n` === schemaText) return precompiled as unknown as ValidateFunction;
  const { Ajv } = await import('./ajv.js');
  return new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
}

function valueAt(raw: unknown, segments: string[]): unknown {
  let value = raw;
  for (const s of segments) value = (value as Record<string, unknown> | undefined)?.[s];
  return value;
}

/** A config value as a message shows it: JSON, but `Infinity` and `NaN` (YAML's `.inf`, `.nan`) as themselves. */
function shown(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
}
