import type { Span } from '../core/source.js';
import { spanOf, type MapView } from '../languages/shared/node.js';
import { isMap, isScalar, isSeq, resolveAlias, type TreeNode } from '../languages/shared/tree.js';

export type PathSegment = string | number;

const NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

/**
 * The segments of a Kubernetes fieldPath (`spec.containers[0].image`, `metadata.labels['team']`,
 * `metadata.labels["a.b/c"]`), or undefined when it is not one.
 */
export function parseFieldPath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let rest = path.trim();
  let first = true;
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[(['"])((?:(?!\1).)*)\1\]/.exec(rest);
      if (index) {
        segments.push(Number(index[1]));
        rest = rest.slice(index[0].length);
      } else if (quoted) {
        segments.push(quoted[2]!);
        rest = rest.slice(quoted[0].length);
      } else {
        return undefined;
      }
    } else {
      if (!first) {
        if (!rest.startsWith('.')) return undefined;
        rest = rest.slice(1);
      }
      const name = NAME.exec(rest);
      if (!name) return undefined;
      segments.push(name[0]);
      rest = rest.slice(name[0].length);
    }
    first = false;
  }
  return segments.length > 0 ? segments : undefined;
}

/** The segments of a JSON Pointer (ajv's `instancePath`: `/spec/containers/0/image`). */
export function pointerSegments(pointer: string): PathSegment[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Where a path under a mapping is written: the key and value of the deepest field of the path
 * that exists (the nearest existing parent of a missing field), or `anchor` when none does.
 */
export function locatePath(view: MapView, segments: readonly PathSegment[], anchor: Span = view.anchor): Span {
  let node: TreeNode | undefined = view.node;
  let span = anchor;
  for (const segment of segments) {
    node = resolveAlias(view.document, node);
    if (isMap(node)) {
      const key = String(segment);
      const pair = [...node.items].reverse().find((p) => isScalar(p.key) && String(p.key.value) === key);
      const keySpan = spanOf(pair?.key);
      if (!pair || !keySpan) break;
      span = { start: keySpan.start, end: spanOf(pair.value)?.end ?? keySpan.end };
      node = pair.value ?? undefined;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)];
      const itemSpan = spanOf(item);
      if (!item || !itemSpan) break;
      span = itemSpan;
      node = item;
    } else {
      break;
    }
  }
  return span;
}

/** The mapping at a path under a mapping (keys, and list indexes of lists of mappings), if it is written. */
export function mappingAt(view: MapView, segments: readonly PathSegment[]): MapView | undefined {
  let current: MapView | undefined = view;
  for (let i = 0; i < segments.length && current; i++) {
    const segment = segments[i]!;
    if (typeof segment === 'number') return undefined;
    const next = segments[i + 1];
    if (typeof next === 'number') {
      current = current.maps(segment)[next];
      i++;
    } else {
      current = current.map(segment);
    }
  }
  return current;
}
