import type { Span } from '../../core/source.js';
import { isMap, isSeq } from '../../languages/shared/tree.js';
import { spanOf, type MapView } from '../../languages/shared/node.js';
import type { KubeObject } from '../../model/objects.js';

/** A path from an object's root: keys and list indexes. */
export type Segments = readonly (string | number)[];

/**
 * A validation's `fieldPath` as segments: `spec.replicas`, `spec.containers[0].image`,
 * `metadata.labels['app.kubernetes.io/name']` (the forms the API server accepts: a JSONPath
 * without `$`, keys with dots or dashes quoted in brackets). Undefined when it is none of these.
 */
export function parseFieldPath(path: string): Segments | undefined {
  const segments: (string | number)[] = [];
  const pattern = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[(?:'([^']*)'|"([^"]*)")\]/y;
  let offset = 0;
  while (offset < path.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3] ?? match[4]!);
    offset = pattern.lastIndex;
  }
  return segments.length > 0 ? segments : undefined;
}

/**
 * Where a field of an object is written: the key and value at `segments`, or, when part of the
 * path is absent, the nearest written parent (the object's name at the root), as every rule points.
 */
export function fieldSpan(object: KubeObject, segments: Segments): Span {
  let view: MapView = object.root;
  let best: Span = object.anchor;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    if (typeof key !== 'string' || !view.has(key)) return best;
    best = view.fieldSpan(key);
    const next = segments[i + 1];
    if (next === undefined) return best;
    const node = view.valueNode(key);
    if (typeof next === 'number') {
      if (!isSeq(node)) return best;
      const item = node.items[next];
      if (!item) return best;
      best = spanOf(item) ?? best;
      if (i + 2 === segments.length) return best;
      if (!isMap(item)) return best;
      const itemView = view.maps(key).find((candidate) => candidate.node === item);
      if (!itemView) return best;
      view = itemView;
      i++;
      continue;
    }
    if (!isMap(node)) return best;
    view = view.map(key)!;
  }
  return best;
}
