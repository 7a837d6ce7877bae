import type { Environment } from '@marcbachmann/cel-js';
import { chargeCurrent, ITERATION_FUNCTION, REPLACED_FUNCTIONS, SIZED_FUNCTION, sizeOf } from './cel-budget.js';
import { Quantity } from './cel-quantity.js';
import { re2Find, re2FindAll, re2Matches } from './cel-regex.js';
import { CelUrl } from './cel-url.js';

/**
 * The Kubernetes CEL libraries a policy may call, registered on a cel-js environment, as
 * https://kubernetes.io/docs/reference/using-api/cel/ documents them: lists, regex, the strings
 * extension functions cel-js lacks (`charAt`, `replace`; ASCII-only `lowerAscii` / `upperAscii`),
 * URLs and quantities. Each function charges the evaluation budget for what it scans.
 */
export function registerKubernetesLibrary(environment: Environment): void {
  registerBudgetHooks(environment);
  registerLists(environment);
  registerRegex(environment);
  registerStrings(environment);
  registerUrls(environment);
  registerQuantities(environment);
}

function registerBudgetHooks(environment: Environment): void {
  const iterate = <T>(value: T, bodyCost: bigint): T => {
    chargeCurrent(sizeOf(value) * Number(bodyCost));
    return value;
  };
  environment.registerFunction(`${ITERATION_FUNCTION}(list<A>, int): list<A>`, iterate);
  environment.registerFunction(`${ITERATION_FUNCTION}(map<K, V>, int): map<K, V>`, iterate);
  environment.registerFunction(`${SIZED_FUNCTION}(A): A`, <T>(value: T): T => {
    chargeCurrent(sizeOf(value));
    return value;
  });
}

function registerLists(environment: Environment): void {
  const scanned = (list: readonly unknown[]): readonly unknown[] => {
    chargeCurrent(list.length);
    return list;
  };
  environment.registerFunction('list<A>.isSorted(): bool', (list: unknown[]) =>
    scanned(list).every((item, index) => index === 0 || compare(list[index - 1], item) <= 0),
  );
  environment.registerFunction('list<A>.sum(): A', (list: unknown[]) => sum(scanned(list)));
  environment.registerFunction('list<A>.min(): A', (list: unknown[]) => extreme(scanned(list), 'min', (a, b) => compare(a, b) < 0));
  environment.registerFunction('list<A>.max(): A', (list: unknown[]) => extreme(scanned(list), 'max', (a, b) => compare(a, b) > 0));
  environment.registerFunction('list<A>.indexOf(A): int', (list: unknown[], item: unknown) => BigInt(scanned(list).findIndex((entry) => celEquals(entry, item))));
  environment.registerFunction('list<A>.lastIndexOf(A): int', (list: unknown[], item: unknown) => BigInt(scanned(list).findLastIndex((entry) => celEquals(entry, item))));
}

function registerRegex(environment: Environment): void {
  const scanned = (text: string, pattern: string): string => {
    chargeCurrent(text.length + pattern.length);
    return text;
  };
  environment.registerFunction(`string.${REPLACED_FUNCTIONS['matches']}(string): bool`, (text: string, pattern: string) => re2Matches(scanned(text, pattern), pattern));
  environment.registerFunction('matches(string, string): bool', (text: string, pattern: string) => re2Matches(scanned(text, pattern), pattern));
  environment.registerFunction('string.find(string): string', (text: string, pattern: string) => re2Find(scanned(text, pattern), pattern));
  environment.registerFunction('string.findAll(string): list<string>', (text: string, pattern: string) => re2FindAll(scanned(text, pattern), pattern));
  environment.registerFunction('string.findAll(string, int): list<string>', (text: string, pattern: string, limit: bigint) =>
    re2FindAll(scanned(text, pattern), pattern, limit),
  );
}

function registerStrings(environment: Environment): void {
  const scanned = (text: string): string => {
    chargeCurrent(text.length);
    return text;
  };
  environment.registerFunction('string.charAt(int): string', (text: string, index: bigint) => {
    const characters = [...scanned(text)];
    if (index < 0n || index > BigInt(characters.length)) throw new Error(`index out of range: ${index}`);
    return characters[Number(index)] ?? '';
  });
  environment.registerFunction('string.replace(string, string): string', (text: string, from: string, to: string) => replace(scanned(text), from, to, -1n));
  environment.registerFunction('string.replace(string, string, int): string', (text: string, from: string, to: string, limit: bigint) =>
    replace(scanned(text), from, to, limit),
  );
  environment.registerFunction(`string.${REPLACED_FUNCTIONS['lowerAscii']}(): string`, (text: string) => scanned(text).replace(/[A-Z]+/g, (upper) => upper.toLowerCase()));
  environment.registerFunction(`string.${REPLACED_FUNCTIONS['upperAscii']}(): string`, (text: string) => scanned(text).replace(/[a-z]+/g, (lower) => lower.toUpperCase()));
}

function registerUrls(environment: Environment): void {
  environment.registerType('kubernetes.URL', CelUrl);
  environment.registerFunction('url(string): kubernetes.URL', (text: string) => {
    chargeCurrent(text.length);
    const url = CelUrl.parse(text);
    if (!url) throw new Error(`URL parse error during conversion from string: ${JSON.stringify(text)} is not an absolute URI or an absolute path`);
    return url;
  });
  environment.registerFunction('isURL(string): bool', (text: string) => {
    chargeCurrent(text.length);
    return CelUrl.parse(text) !== undefined;
  });
  environment.registerFunction('kubernetes.URL.getScheme(): string', (url: CelUrl) => url.scheme);
  environment.registerFunction('kubernetes.URL.getHost(): string', (url: CelUrl) => url.host);
  environment.registerFunction('kubernetes.URL.getHostname(): string', (url: CelUrl) => url.hostname());
  environment.registerFunction('kubernetes.URL.getPort(): string', (url: CelUrl) => url.port());
  environment.registerFunction('kubernetes.URL.getEscapedPath(): string', (url: CelUrl) => url.escapedPath());
  environment.registerFunction('kubernetes.URL.getQuery(): map<string, list<string>>', (url: CelUrl) => Object.fromEntries(url.query()));
}

function registerQuantities(environment: Environment): void {
  const Q = 'kubernetes.Quantity';
  environment.registerType(Q, Quantity);
  environment.registerFunction(`quantity(string): ${Q}`, (text: string) => {
    chargeCurrent(text.length);
    const quantity = Quantity.parse(text);
    if (!quantity) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got ${JSON.stringify(text)}`);
    return quantity;
  });
  environment.registerFunction('isQuantity(string): bool', (text: string) => {
    chargeCurrent(text.length);
    return Quantity.parse(text) !== undefined;
  });
  environment.registerFunction(`${Q}.sign(): int`, (quantity: Quantity) => quantity.sign());
  environment.registerFunction(`${Q}.isInteger(): bool`, (quantity: Quantity) => quantity.isInteger());
  environment.registerFunction(`${Q}.asInteger(): int`, (quantity: Quantity) => quantity.asInteger());
  environment.registerFunction(`${Q}.asApproximateFloat(): double`, (quantity: Quantity) => quantity.asApproximateFloat());
  environment.registerFunction(`${Q}.add(${Q}): ${Q}`, (quantity: Quantity, other: Quantity) => quantity.add(other));
  environment.registerFunction(`${Q}.add(int): ${Q}`, (quantity: Quantity, other: bigint) => quantity.add(other));
  environment.registerFunction(`${Q}.sub(${Q}): ${Q}`, (quantity: Quantity, other: Quantity) => quantity.sub(other));
  environment.registerFunction(`${Q}.sub(int): ${Q}`, (quantity: Quantity, other: bigint) => quantity.sub(other));
  environment.registerFunction(`${Q}.isLessThan(${Q}): bool`, (quantity: Quantity, other: Quantity) => quantity.compareTo(other) < 0n);
  environment.registerFunction(`${Q}.isGreaterThan(${Q}): bool`, (quantity: Quantity, other: Quantity) => quantity.compareTo(other) > 0n);
  environment.registerFunction(`${Q}.compareTo(${Q}): int`, (quantity: Quantity, other: Quantity) => quantity.compareTo(other));
}

/** Go's `strings.Replace`: at most `limit` replacements, all when negative; `''` matches between characters. */
function replace(text: string, from: string, to: string, limit: bigint): string {
  if (from === '') {
    const characters = [...text];
    const count = limit < 0n ? characters.length + 1 : Math.min(characters.length + 1, Number(limit));
    chargeCurrent(count * to.length);
    let result = '';
    for (let index = 0; index <= characters.length; index++) result += (index < count ? to : '') + (characters[index] ?? '');
    return result;
  }
  const parts = text.split(from);
  const count = limit < 0n ? parts.length - 1 : Math.min(parts.length - 1, Number(limit));
  chargeCurrent(count * to.length);
  return parts.slice(0, count + 1).join(to) + parts.slice(count + 1).map((part) => from + part).join('');
}

function sum(list: readonly unknown[]): unknown {
  if (list.length === 0) return 0n;
  if (list.every((item) => typeof item === 'bigint')) return (list as bigint[]).reduce((total, item) => total + item, 0n);
  // Without a schema an integral manifest number is an int, so a list of doubles may hold some.
  if (list.every((item) => typeof item === 'number' || typeof item === 'bigint')) return list.reduce((total: number, item) => total + Number(item), 0);
  throw new Error('sum() needs a list of numbers');
}

function extreme(list: readonly unknown[], name: string, better: (a: unknown, b: unknown) => boolean): unknown {
  if (list.length === 0) throw new Error(`${name}() called on an empty list`);
  return list.reduce((best, item) => (better(item, best) ? item : best));
}

function compare(a: unknown, b: unknown): number {
  const numeric = (value: unknown): value is number | bigint => typeof value === 'number' || typeof value === 'bigint';
  if ((numeric(a) && numeric(b)) || (typeof a === 'string' && typeof b === 'string') || (typeof a === 'boolean' && typeof b === 'boolean')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (a instanceof Quantity && b instanceof Quantity) return Number(a.compareTo(b));
  throw new Error('list elements are not comparable');
}

function celEquals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a == b; // CEL compares int and double by value
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => celEquals(item, b[index]));
  const aEntries = mapEntries(a);
  const bEntries = mapEntries(b);
  if (aEntries && bEntries) {
    const bMap = new Map(bEntries);
    return aEntries.length === bEntries.length && aEntries.every(([key, item]) => bMap.has(key) && celEquals(item, bMap.get(key)));
  }
  if (a instanceof Quantity && b instanceof Quantity) return a.compareTo(b) === 0n;
  return a === b;
}

/** The entries of a CEL map: a Map (manifest values) or a plain object (map literals). */
function mapEntries(value: unknown): [unknown, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null ? Object.entries(value) : undefined;
}
