import type { Document } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import type { Json } from '../../languages/shared/editor.js';
import type { FieldPath } from '../../languages/yaml/path-at.js';

/** One difference between a rendered object and its fixed version, as values (not text). */
export type ValueChange =
  /** A value replaced: a scalar, an item of a string list, or a value of another type. */
  | { kind: 'set'; path: FieldPath; value: Json }
  /** A key the object did not have, with its whole subtree. */
  | { kind: 'add'; path: FieldPath; value: Json }
  | { kind: 'remove'; path: FieldPath }
  /** Strings appended to the string list at `path`. */
  | { kind: 'append'; path: FieldPath; items: string[] };

/** More differences than this in one fix are not placed: no fix of a rule changes that much. */
const MAX_CHANGES = 200;

/**
 * The differences between two objects, found by walking both: mappings key by key, lists of the
 * same length item by item, a string list that only grew as appended strings. Any other change
 * of a list (an item of a mapping list added or dropped) cannot be placed, and the reason says so.
 */
export function diffObjects(before: unknown, after: unknown): ValueChange[] | { reason: string } {
  const changes: ValueChange[] = [];
  const problem = walk(before, after, [], changes);
  return problem ? { reason: problem } : changes;
}

function walk(before: unknown, after: unknown, path: FieldPath, changes: ValueChange[]): string | undefined {
  if (isDeepStrictEqual(before, after)) return undefined;
  if (changes.length >= MAX_CHANGES) return `the fix changes more than ${MAX_CHANGES} values of one object`;
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) changes.push({ kind: 'remove', path: [...path, key] });
      else {
        const problem = walk(before[key], after[key], [...path, key], changes);
        if (problem) return problem;
      }
    }
    for (const key of Object.keys(after)) if (!(key in before)) changes.push({ kind: 'add', path: [...path, key], value: after[key] as Json });
    return undefined;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length === after.length) {
      for (const [index, item] of before.entries()) {
        const problem = walk(item, after[index], [...path, index], changes);
        if (problem) return problem;
      }
      return undefined;
    }
    const appended = after.slice(before.length);
    if (after.length > before.length && isDeepStrictEqual(before, after.slice(0, before.length)) && appended.every((item) => typeof item === 'string')) {
      changes.push({ kind: 'append', path, items: appended as string[] });
      return undefined;
    }
    return `the fix changes the items of ${formatPath(path)}, which cannot be placed in the overlay's files; edit them by hand`;
  }
  changes.push({ kind: 'set', path, value: after as Json });
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `spec.template.spec.containers[0].args` */
export function formatPath(path: FieldPath): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '') || 'the object';
}

/** A parsed document's value; undefined when it has errors. */
export function valueOf(document: Document.Parsed): unknown {
  if (document.errors.length > 0) return undefined;
  return document.toJS({ maxAliasCount: -1 }) as unknown;
}

/** The value at a path of a plain value (keys and indexes); undefined where there is none. */
export function valueAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** `Deployment inference/aws-sglang-qwen` */
export function labelOf(object: unknown): string {
  const kind = valueAt(object, ['kind']);
  const name = valueAt(object, ['metadata', 'name']);
  const namespace = valueAt(object, ['metadata', 'namespace']);
  const qualified = typeof namespace === 'string' && namespace ? `${namespace}/${String(name)}` : String(name);
  return `${typeof kind === 'string' ? kind : 'object'} ${qualified}`;
}
