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
  private readonly built: (TreeNode | undefined)[];
  private anchorOf: Map<number, string> | undefined;
  private hiddenOf: Map<number, number> | undefined;

  constructor(
    readonly encoded: EncodedTree,
    readonly text: string,
  ) {
    this.built = new Array<TreeNode | undefined>(encoded.nodes.length / NODE_STRIDE);
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
    switch (flags & Flag.KindMask) {
      case Kind.Scalar:
        return new LazyScalar(this, id);
      case Kind.Map:
        return new LazyMap(this, id);
      case Kind.Seq:
        return new LazySeq(this, id);
      case Kind.Alias: {
        const alias: TreeAlias = { kind: 'alias', source: strings[nodes[at + 4]!]! };
        const range = this.rangeOf(id);
        if (range) alias.range = range;
        return alias;
      }
      case Kind.Unknown: {
        const unknown: TreeUnknown = { kind: 'unknown', reason: strings[nodes[at + 4]!]! };
        const range = this.rangeOf(id);
        if (range) unknown.range = range;
        return unknown;
      }
      default:
        throw new Error(`node ${id} of an encoded tree has no kind`);
    }
  }

  /** Node `id`'s range, a new array on each call: a range is read far less often than a node is built. */
  rangeOf(id: number): Range | undefined {
    const { nodes } = this.encoded;
    const at = id * NODE_STRIDE;
    return nodes[at]! & Flag.HasRange ? [nodes[at + 1]!, nodes[at + 2]!, nodes[at + 3]!] : undefined;
  }

  flags(id: number): number {
    return this.encoded.nodes[id * NODE_STRIDE]!;
  }

  scalarValue(id: number): unknown {
    const { nodes } = this.encoded;
    const at = id * NODE_STRIDE;
    const a = nodes[at + 4]!;
    switch ((nodes[at]! & Flag.ValueMask) >> Flag.ValueShift) {
      case ValueKind.Slice:
        return this.text.slice(nodes[at + 1]!, nodes[at + 2]!);
      case ValueKind.SliceQuoted:
        return this.text.slice(nodes[at + 1]! + 1, nodes[at + 2]! - 1);
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

  scalarSource(id: number): string | undefined {
    const { nodes } = this.encoded;
    const at = id * NODE_STRIDE;
    const b = nodes[at + 5]!;
    return b === SOURCE_SLICE ? this.text.slice(nodes[at + 1]!, nodes[at + 2]!) : b >= 0 ? this.encoded.strings[b] : undefined;
  }

  anchor(id: number): string | undefined {
    const { anchors, strings } = this.encoded;
    if (anchors.length === 0) return undefined;
    if (!this.anchorOf) {
      this.anchorOf = new Map();
      for (let i = 0; i < anchors.length; i += 2) this.anchorOf.set(anchors[i]!, strings[anchors[i + 1]!]!);
    }
    return this.anchorOf.get(id);
  }

  hidden(id: number): TreeUnknown | undefined {
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

/**
 * A scalar read from its document on demand: it holds only where it is, so that a document whose
 * every node has been read costs a small object per node and no arrays.
 */
class LazyScalar implements TreeScalar {
  declare readonly kind: 'scalar';
  private cached: unknown = UNREAD;

  constructor(
    private readonly document: LazyDocument,
    private readonly id: number,
  ) {}

  get value(): unknown {
    if (this.cached === UNREAD) this.cached = this.document.scalarValue(this.id);
    return this.cached;
  }

  get range(): Range | undefined {
    return this.document.rangeOf(this.id);
  }

  get type(): ScalarType | undefined {
    return SCALAR_TYPES[(this.document.flags(this.id) & Flag.TypeMask) >> Flag.TypeShift];
  }

  get source(): string | undefined {
    return this.document.scalarSource(this.id);
  }

  get anchor(): string | undefined {
    return this.document.anchor(this.id);
  }
}
Object.defineProperty(LazyScalar.prototype, 'kind', { value: 'scalar' });

const UNREAD = Symbol('unread');

/** A mapping or a list whose items are built the first time they are read. */
abstract class LazyCollection<Item> {
  private built: Item[] | undefined;

  constructor(
    protected readonly document: LazyDocument,
    protected readonly id: number,
  ) {}

  get range(): Range | undefined {
    return this.document.rangeOf(this.id);
  }

  get flow(): boolean {
    return (this.document.flags(this.id) & Flag.Flow) !== 0;
  }

  get anchor(): string | undefined {
    return this.document.anchor(this.id);
  }

  get items(): Item[] {
    if (!this.built) {
      const { nodes, links } = this.document.encoded;
      const start = nodes[this.id * NODE_STRIDE + 4]!;
      const count = nodes[this.id * NODE_STRIDE + 5]!;
      // Sized up front: an array grown by push keeps room for 16 more, which every mapping would hold on to.
      const built = new Array<Item>(count);
      for (let i = 0; i < count; i++) built[i] = this.item(links, start, i);
      this.built = built;
    }
    return this.built;
  }

  /** Item `index`, whose links start at `start`. */
  protected abstract item(links: Int32Array, start: number, index: number): Item;
}

class LazyMap extends LazyCollection<TreePair> implements TreeMap {
  declare readonly kind: 'map';

  get hidden(): TreeUnknown | undefined {
    return this.document.hidden(this.id);
  }

  protected item(links: Int32Array, start: number, index: number): TreePair {
    return { key: this.document.node(links[start + 2 * index]!), value: this.document.node(links[start + 2 * index + 1]!) };
  }
}
Object.defineProperty(LazyMap.prototype, 'kind', { value: 'map' });

class LazySeq extends LazyCollection<TreeNode | null> implements TreeSeq {
  declare readonly kind: 'seq';

  protected item(links: Int32Array, start: number, index: number): TreeNode | null {
    return this.document.node(links[start + index]!);
  }
}
Object.defineProperty(LazySeq.prototype, 'kind', { value: 'seq' });
