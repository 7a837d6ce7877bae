import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { FieldPath } from '../../languages/yaml/path-at.js';
import { keyName } from '../../languages/yaml/path-at.js';

/** How far a written YAML tree goes along a rendered field path, and the node it reaches. */
export interface Reach {
  /** How many segments of the path are written: the path's length when the field itself is. */
  depth: number;
  /** The key of the last segment reached, when it is a mapping key. */
  key?: Node;
  /** The node reached (the value of `key`, a sequence item, or the document's contents at depth 0). */
  value?: Node;
}

/**
 * Kubernetes' strategic-merge keys, in the order tried: a rendered list item that has one is the
 * written item with the same value (containers, env, volumes by `name`; ports by `containerPort`
 * or `port`; volume mounts by `mountPath`; volume devices by `devicePath`).
 */
const MERGE_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'devicePath'] as const;

export function isMergeKey(key: string): boolean {
  return (MERGE_KEYS as readonly string[]).includes(key);
}

/** A child of a mapping or sequence by key or index, through no alias. */
export function childOf(node: unknown, segment: string | number): { key?: Node; value: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => keyName(item.key) === String(segment));
    const value = pair?.value as Node | null | undefined;
    return pair && value ? { key: pair.key as Node, value } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | null | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

/** The rendered node at a path (undefined past its end). */
export function nodeAt(root: unknown, path: FieldPath): Node | undefined {
  let node = root as Node | undefined;
  for (const segment of path) {
    node = childOf(node, segment)?.value;
    if (!node) return undefined;
  }
  return node;
}

/**
 * Walks `written` along `path`, whose sequence indexes are the rendered document's: a rendered
 * item with a merge key is matched by that key's value (a patch's or a base's list is in another
 * order, and has other items), any other by its index.
 */
export function reach(written: Node | null | undefined, path: FieldPath, rendered: Node | null | undefined): Reach {
  if (!written) return { depth: 0 };
  let current: Reach = { depth: 0, value: written };
  let renderedNode: Node | undefined = rendered ?? undefined;
  for (const segment of path) {
    const renderedChild = childOf(renderedNode, segment)?.value;
    const next: { key?: Node; value: Node } | undefined =
      typeof segment === 'number' && isSeq(current.value) ? itemFor(current.value.items as unknown[], segment, renderedChild) : childOf(current.value, segment);
    if (!next) break;
    current = { depth: current.depth + 1, value: next.value, ...(next.key ? { key: next.key } : {}) };
    renderedNode = renderedChild;
  }
  return current;
}

/** A port has a `name` too, but its merge key is `containerPort`: each key the rendered item has is tried, in order. */
function itemFor(items: unknown[], index: number, renderedItem: Node | undefined): { value: Node } | undefined {
  const keys = isMap(renderedItem) ? MERGE_KEYS.filter((key) => scalarOf(renderedItem, key) !== undefined) : [];
  if (keys.length > 0) {
    for (const key of keys) {
      const wanted = scalarOf(renderedItem as YAMLMap, key);
      const match = items.find((item) => isMap(item) && scalarOf(item, key) === wanted);
      if (match) return { value: match as Node };
    }
    return undefined;
  }
  const item = items[index] as Node | null | undefined;
  return item ? { value: item } : undefined;
}

function scalarOf(map: YAMLMap, key: string): string | undefined {
  const value = map.items.find((pair) => keyName(pair.key) === key)?.value;
  return isScalar(value) && value.value !== null ? String(value.value) : undefined;
}

/** Two nodes hold the same data (a JSON patch's value and the rendered node it became). */
export function sameData(a: Node | undefined, b: Node | undefined): boolean {
  if (!a || !b) return false;
  return canonical(a.toJSON()) === canonical(b.toJSON());
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);
}
