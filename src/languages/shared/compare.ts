import { isDeepStrictEqual } from 'node:util';

/** Stands for a value a fix means to set, so that only the values around it are compared. */
const INTENDED = Symbol('intended');

/**
 * The path of the first value that differs between `before` and `after` outside the `intended`
 * paths (which a fix means to change), or undefined when every other value is the same.
 */
export function differenceOutside(before: unknown, after: unknown, intended: readonly (readonly (string | number)[])[]): (string | number)[] | undefined {
  return firstDifference(masked(before, intended), masked(after, intended), []);
}

/** A copy of `value` with each intended path replaced by a mark (its parents created as needed). */
function masked(value: unknown, paths: readonly (readonly (string | number)[])[]): unknown {
  const copy = structuredClone(value) as unknown;
  const root = { value: copy } as Record<string | number, unknown>;
  for (const path of paths) {
    let parent: Record<string | number, unknown> = root;
    const keys: (string | number)[] = ['value', ...path];
    for (const key of keys.slice(0, -1)) {
      const next = parent[key];
      if (next === null || typeof next !== 'object') parent[key] = typeof key === 'number' ? [] : {};
      parent = parent[key] as Record<string | number, unknown>;
    }
    parent[keys[keys.length - 1]!] = INTENDED;
  }
  return root.value;
}

/** The path of the first value that differs between `a` and `b`, or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (a === b) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return isDeepStrictEqual(a, b) ? undefined : path;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const step = Array.isArray(a) ? Number(key) : key;
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, step]);
    if (found) return found;
  }
  return undefined;
}
