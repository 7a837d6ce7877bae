/**
 * JS values as manifests give them (`toJS` of the model) turned into CEL values, and results back.
 * Kubernetes types a manifest number by its schema; without one, an integral number is an `int`
 * (so `replicas + 1` and `size() > 0` compare as the API server's do) and any other a `double`;
 * objects become maps, arrays lists.
 */

/** Numbers, strings, booleans, null, arrays and objects of a manifest, as CEL values. */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelValue);
  // A Map, not an object: keys such as `constructor` or `__proto__` stay data to cel-js.
  if (isPlainObject(value)) return new Map(Object.entries(value).filter(([, entry]) => entry !== undefined).map(([key, entry]) => [key, toCelValue(entry)]));
  return value;
}

/** Variables of an activation, each converted; plain JS in, CEL values out. */
export function toCelActivation(activation: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const converted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(activation)) converted[name] = toCelValue(value);
  return converted;
}

/** A CEL result as plain JS: ints as numbers, maps as objects, library values as their text. */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, entry]) => [String(fromCelValue(key)), fromCelValue(entry)]));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fromCelValue(entry)]));
  if (value !== null && typeof value === 'object' && 'toString' in value && value.toString !== Object.prototype.toString) return String(value);
  return value;
}

/** A `messageExpression` result: Kubernetes accepts only a string (and drops an empty one). */
export function celMessage(value: unknown): { ok: true; message: string } | { ok: false; message: string } {
  if (typeof value === 'string') return { ok: true, message: value };
  return { ok: false, message: `messageExpression must evaluate to a string, got ${celTypeName(value)}` };
}

function celTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
