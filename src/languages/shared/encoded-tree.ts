import type { Range, ScalarType, TreeAlias, TreeDocument, TreeMap, TreeNode, TreePair, TreeScalar, TreeSeq, TreeUnknown } from './tree.js';

/**
 * A document's tree as a few flat arrays: what a worker thread hands over (typed arrays cross
 * threads at the cost of a copy of bytes, where a million small objects take seconds to clone)
 * and what the main thread keeps. Nodes become objects only when read (`treeView`).
 *
 * Each node is NODE_STRIDE ints in `nodes`: flags, start, valueEnd, nodeEnd, a, b.
 * - map: `a` = where its pairs start in `links` (key id, value id; -1 for null), `b` = pair count
 * - seq: `a` = where its items start in `links`, `b` = item count
 * - scalar: `a` = the value's index in `strings`, `numbers` or `others` (by value kind), `b` =
 *   its source text for a value that is not a string (-1 none, -2 the text it spans)
 * - alias: `a` = the anchor name in `strings`; unknown: `a` = its reason in `strings`
 * Most strings are not stored: a plain or quoted scalar whose value is the text it spans is read
 * from the file's text.
 */
export interface EncodedTree {
  nodes: Int32Array;
  links: Int32Array;
  strings: string[];
  numbers: Float64Array;
  /** Values of no other kind (`!!binary` bytes). */
  others: unknown[];
  /** Node id, anchor name's index in `strings`, for each anchored node. */
  anchors: number[];
  /** Map id, unknown node id, for each mapping whose hidden keys read as that unknown. */
  hidden: number[];
  /** The root node's id, -1 for an empty document. */
  root: number;
  range?: Range;
  hasAliases: boolean;
}

export const NODE_STRIDE = 6;

export const Kind = { Scalar: 0, Map: 1, Seq: 2, Alias: 3, Unknown: 4 } as const;

export const Flag = {
  KindMask: 0b111,
  Flow: 1 << 3,
  HasRange: 1 << 4,
  TypeShift: 5,
  TypeMask: 0b111 << 5,
  ValueShift: 8,
  ValueMask: 0b1111 << 8,
} as const;

/** How a scalar's value is kept: Slice is the text it spans, SliceQuoted the same without its quotes. */
export const ValueKind = { Slice: 0, SliceQuoted: 1, String: 2, Number: 3, Null: 4, True: 5, False: 6, Other: 7 } as const;

export const SOURCE_NONE = -1;
export const SOURCE_SLICE = -2;

export const SCALAR_TYPES: readonly (ScalarType | undefined)[] = [undefined, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];

const views = new WeakMap<EncodedTree, TreeDocument>();

/**
 * The document as nodes, built as they are read and kept, so that every reader of the document
 * (the model, an editor) sees the same node objects. `text` is the file's text the tree spans.
 */
export function treeView(encoded: EncodedTree, text: string): TreeDocument {
  let view = views.get(encoded);
  if (!view) {
    view = new LazyDocument(encoded, text);
    views.set(encoded, view);
  }
  return view;
}

/** Node `id` of an encoded tree, as `treeView` gives it. */
export function nodeOf(encoded: EncodedTree, text: string, id: number): TreeNode | null {
  return (treeView(encoded, text) as LazyDocument).node(id);
}

class LazyDocument implements TreeDocument {
  readonly range?: Range;
  readonly hasAliases: boolean;
  private readonly built: (TreeNode | undefined)[] = [];
  private anchorOf: Map<number, string> | undefined;
  private hiddenOf: Map<number, number> | undefined;

  constructor(
    readonly encoded: EncodedTree,
    readonly text: string,
  ) {
    if (encoded.range) this.range = encoded.range;
    this.hasAliases = encoded.hasAliases;
  }

  get contents(): TreeNode | null {
    return this.node(this.encoded.root);
  }

  node(id: number): TreeNode | null {
    if (id < 0) return null;
    return (this.built[id] ??= this.build(id));
  }

  private build(id: number): TreeNode {
    const { nodes, strings } = this.encoded;
    const at = id * NODE_STRIDE;
    const flags = nodes[at]!;
    const range: Range | undefined = flags & Flag.HasRange ? [nodes[at + 1]!, nodes[at + 2]!, nodes[at + 3]!] : undefined;
    const a = nodes[at + 4]!;
    const b = nodes[at + 5]!;
    const anchor = this.anchor(id);
    switch (flags & Flag.KindMask) {
      case Kind.Scalar: {
        const type = SCALAR_TYPES[(flags & Flag.TypeMask) >> Flag.TypeShift];
        const value = this.scalarValue((flags & Flag.ValueMask) >> Flag.ValueShift, a, range);
        const source = b === SOURCE_SLICE ? this.text.slice(range![0], range![1]) : b >= 0 ? strings[b] : undefined;
        const scalar: TreeScalar = { kind: 'scalar', value };
        if (range) scalar.range = range;
        if (type) scalar.type = type;
        if (source !== undefined) scalar.source = source;
        if (anchor !== undefined) scalar.anchor = anchor;
        return scalar;
      }
      case Kind.Map:
        return new LazyMap(this, id, range, (flags & Flag.Flow) !== 0, anchor, this.hidden(id));
      case Kind.Seq:
        return new LazySeq(this, id, range, (flags & Flag.Flow) !== 0, anchor);
      case Kind.Alias: {
        const alias: TreeAlias = { kind: 'alias', source: strings[a]! };
        if (range) alias.range = range;
        return alias;
      }
      case Kind.Unknown: {
        const unknown: TreeUnknown = { kind: 'unknown', reason: strings[a]! };
        if (range) unknown.range = range;
        return unknown;
      }
      default:
        throw new Error(`node ${id} of an encoded tree has no kind`);
    }
  }

  private scalarValue(kind: number, a: number, range: Range | undefined): unknown {
    switch (kind) {
      case ValueKind.Slice:
        return this.text.slice(range![0], range![1]);
      case ValueKind.SliceQuoted:
        return this.text.slice(range![0] + 1, range![1] - 1);
      case ValueKind.String:
        return this.encoded.strings[a];
      case ValueKind.Number:
        return this.encoded.numbers[a];
      case ValueKind.Null:
        return null;
      case ValueKind.True:
        return true;
      case ValueKind.False:
        return false;
      case ValueKind.Other:
        return this.encoded.others[a];
    }
  }

  private anchor(id: number): string | undefined {
    const { anchors, strings } = this.encoded;
    if (anchors.length === 0) return undefined;
    if (!this.anchorOf) {
      this.anchorOf = new Map();
      for (let i = 0; i < anchors.length; i += 2) this.anchorOf.set(anchors[i]!, strings[anchors[i + 1]!]!);
    }
    return this.anchorOf.get(id);
  }

  private hidden(id: number): TreeUnknown | undefined {
    const { hidden } = this.encoded;
    if (hidden.length === 0) return undefined;
    if (!this.hiddenOf) {
      this.hiddenOf = new Map();
      for (let i = 0; i < hidden.length; i += 2) this.hiddenOf.set(hidden[i]!, hidden[i + 1]!);
    }
    const unknown = this.hiddenOf.get(id);
    return unknown === undefined ? undefined : (this.node(unknown) as TreeUnknown);
  }
}

/** A mapping or a list whose items are built the first time they are read. */
abstract class LazyCollection<Item> {
  private built: Item[] | undefined;

  constructor(
    protected readonly document: LazyDocument,
    private readonly id: number,
    readonly range: Range | undefined,
    readonly flow: boolean,
    readonly anchor: string | undefined,
  ) {}

  get items(): Item[] {
    if (!this.built) {
      const { nodes, links } = this.document.encoded;
      const start = nodes[this.id * NODE_STRIDE + 4]!;
      const count = nodes[this.id * NODE_STRIDE + 5]!;
      this.built = [];
      for (let i = 0; i < count; i++) this.built.push(this.item(links, start, i));
    }
    return this.built;
  }

  /** Item `index`, whose links start at `start`. */
  protected abstract item(links: Int32Array, start: number, index: number): Item;
}

class LazyMap extends LazyCollection<TreePair> implements TreeMap {
  readonly kind = 'map';

  constructor(document: LazyDocument, id: number, range: Range | undefined, flow: boolean, anchor: string | undefined, readonly hidden: TreeUnknown | undefined) {
    super(document, id, range, flow, anchor);
  }

  protected item(links: Int32Array, start: number, index: number): TreePair {
    return { key: this.document.node(links[start + 2 * index]!), value: this.document.node(links[start + 2 * index + 1]!) };
  }
}

class LazySeq extends LazyCollection<TreeNode | null> implements TreeSeq {
  readonly kind = 'seq';

  protected item(links: Int32Array, start: number, index: number): TreeNode | null {
    return this.document.node(links[start + index]!);
  }
}
