import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export type FieldPath = (string | number)[];

/**
 * The path (mapping keys, sequence indexes) of the deepest node of `document` whose range holds
 * `offset`. A key counts as its pair's path, and so does the `: ` between key and value. An
 * offset outside every child (a `- ` indicator, whitespace between entries, a comment) gives the
 * path of the collection around it; outside the document's contents, the empty path.
 */
export function pathAt(document: Document, offset: number): FieldPath {
  const path: FieldPath = [];
  let node: unknown = document.contents;
  while (node) {
    if (isMap(node)) {
      const pair = node.items.find((item) => holds(pairRange(item), offset));
      if (!pair) break;
      path.push(keyName(pair.key));
      node = isNodeHolding(pair.value, offset) ? pair.value : undefined;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => isNodeHolding(item, offset));
      if (index === -1) break;
      path.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return path;
}

/** A mapping key as a path segment: a scalar's value as text (`1: x` gives "1"). */
export function keyName(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function holds(range: readonly [number, number] | undefined, offset: number): boolean {
  return range !== undefined && range[0] <= offset && offset < range[1];
}

function isNodeHolding(node: unknown, offset: number): boolean {
  const range = (node as Node | null | undefined)?.range;
  return range ? holds([range[0], range[1]], offset) : false;
}

/** From the key's start to the value's end (a key with no value: the key alone). */
function pairRange(pair: Pair): [number, number] | undefined {
  const key = (pair.key as Node | null)?.range;
  const value = (pair.value as Node | null)?.range;
  const start = key?.[0] ?? value?.[0];
  const end = value?.[1] ?? key?.[1];
  if (start === undefined || end === undefined) return undefined;
  return [start, Math.max(end, key?.[1] ?? end)];
}
