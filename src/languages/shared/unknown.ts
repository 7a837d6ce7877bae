import { isScalar, Scalar, YAMLMap } from 'yaml';

/**
 * A value a TypeScript source computes (a function call, a spread, an imported constant): it
 * cannot be read statically, so no rule may conclude anything from it.
 */
export class UnknownValue {
  constructor(
    /** What stands there, for messages: "a function call", "a spread". */
    readonly reason: string,
  ) {}

  toJSON(): never {
    throw new Error(`an unknown value (${this.reason}) cannot be written out`);
  }
}

/** A scalar node standing for an unknown value, at the expression's source range. */
export function unknownNode(reason: string, range: [number, number]): Scalar<UnknownValue> {
  const node = new Scalar(new UnknownValue(reason));
  node.range = [range[0], range[1], range[1]];
  return node;
}

export function isUnknownNode(node: unknown): node is Scalar<UnknownValue> {
  return isScalar(node) && node.value instanceof UnknownValue;
}

/**
 * Mappings that may hold keys nobody can see (`{...defaults, replicas: 2}`): a key they lack
 * is unknown, not absent. Each maps to the node standing for what hides the keys.
 */
const openMappings = new WeakMap<YAMLMap, Scalar<UnknownValue>>();

export function markOpen(map: YAMLMap, hidden: Scalar<UnknownValue>): void {
  if (!openMappings.has(map)) openMappings.set(map, hidden);
}

/** For an open mapping, the unknown a missing key reads as. */
export function hiddenKeys(map: YAMLMap): Scalar<UnknownValue> | undefined {
  return openMappings.get(map);
}

/** An empty open mapping standing for an unknown value read as a mapping. */
export function opaqueMapping(unknown: Scalar<UnknownValue>): YAMLMap {
  const map = new YAMLMap();
  map.range = unknown.range ? [...unknown.range] : null;
  openMappings.set(map, unknown);
  return map;
}
