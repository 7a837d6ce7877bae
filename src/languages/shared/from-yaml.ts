import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { Flag, Kind, NODE_STRIDE, SCALAR_TYPES, SOURCE_NONE, SOURCE_SLICE, treeView, ValueKind, type EncodedTree } from './encoded-tree.js';
import type { Range, TreeDocument } from './tree.js';
import { hiddenKeys, UnknownValue } from './unknown.js';

/** Told of each node and pair as it is encoded: a node's id, a pair's mapping id and index. */
export interface Encoded {
  node(from: object, id: number): void;
  pair(from: object, map: number, index: number): void;
}

/**
 * A `yaml` document as the compact model (encoded-tree.ts), read against `text`, the file's
 * text its ranges are in. The parser's document can be dropped once this is built. Values
 * standing for what a TypeScript source computes become `unknown` nodes, and a mapping a spread
 * may extend keeps what hides its keys.
 */
export function encodeTree(document: Document, text: string, encoded?: Encoded): EncodedTree {
  const encoder = new Encoder(text, encoded);
  const root = encoder.encode(document.contents as Node | null);
  return encoder.finish(root, document.range ? [document.range[0], document.range[1], document.range[2]] : undefined);
}

/** A `yaml` document as the model reads it (for a text parsed outside a language's `read`). */
export function treeOf(document: Document, text: string): TreeDocument {
  return treeView(encodeTree(document, text), text);
}

class Encoder {
  private nodes: number[] = [];
  private links: number[] = [];
  private readonly strings: string[] = [];
  private readonly numbers: number[] = [];
  private readonly others: unknown[] = [];
  private readonly anchors: number[] = [];
  private readonly hidden: number[] = [];
  private hasAliases = false;

  constructor(
    private readonly text: string,
    private readonly told: Encoded | undefined,
  ) {}

  finish(root: number, range: Range | undefined): EncodedTree {
    return {
      nodes: Int32Array.from(this.nodes),
      links: Int32Array.from(this.links),
      strings: this.strings,
      numbers: Float64Array.from(this.numbers),
      others: this.others,
      anchors: this.anchors,
      hidden: this.hidden,
      root,
      ...(range ? { range } : {}),
      hasAliases: this.hasAliases,
    };
  }

  encode(node: Node | null | undefined): number {
    if (node === null || node === undefined) return -1;
    let id: number;
    if (isScalar(node)) {
      id = node.value instanceof UnknownValue ? this.add(Kind.Unknown, node.range, this.string(node.value.reason), 0) : this.scalar(node);
    } else if (isAlias(node)) {
      this.hasAliases = true;
      id = this.add(Kind.Alias, node.range, this.string(node.source), 0);
    } else if (isMap(node)) {
      id = this.add(Kind.Map | (node.flow ? Flag.Flow : 0), node.range, 0, 0);
      const pairs = node.items.map((pair) => [this.encode(pair.key as Node | null), this.encode(pair.value as Node | null)] as const);
      this.setLinks(id, pairs.flat(), pairs.length);
      node.items.forEach((pair, index) => this.told?.pair(pair, id, index));
      const hidden = hiddenKeys(node);
      if (hidden) this.hidden.push(id, this.encode(hidden));
    } else if (isSeq(node)) {
      id = this.add(Kind.Seq | (node.flow ? Flag.Flow : 0), node.range, 0, 0);
      // A `!!omap` or `!!pairs` item is a pair: read as a one-key mapping.
      const items = node.items.map((item) => (isPair(item) ? this.pairAsMap(item) : this.encode(item as Node | null)));
      this.setLinks(id, items, items.length);
    } else {
      return -1;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.anchors.push(id, this.string(anchor));
    this.told?.node(node, id);
    return id;
  }

  private scalar(node: Node & { value: unknown; type?: string; source?: string }): number {
    const type = Math.max(0, SCALAR_TYPES.indexOf(node.type as never));
    // YAML 1.1 reads a plain `<<` key as the merge symbol.
    const value = typeof node.value === 'symbol' ? node.value.description : node.value;
    const range = node.range;
    const spanned = range ? this.text.slice(range[0], range[1]) : undefined;
    let kind: number;
    let a = 0;
    if (typeof value === 'string') {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (!quoted && spanned === value) kind = ValueKind.Slice;
      else if (quoted && spanned !== undefined && spanned.length >= 2 && spanned.slice(1, -1) === value) kind = ValueKind.SliceQuoted;
      else [kind, a] = [ValueKind.String, this.string(value)];
    } else if (typeof value === 'number') [kind, a] = [ValueKind.Number, this.numbers.push(value) - 1];
    else if (value === null || value === undefined) kind = ValueKind.Null;
    else if (value === true) kind = ValueKind.True;
    else if (value === false) kind = ValueKind.False;
    else [kind, a] = [ValueKind.Other, this.others.push(value) - 1];
    const source = typeof value === 'string' || typeof node.source !== 'string' ? SOURCE_NONE : node.source === spanned ? SOURCE_SLICE : this.string(node.source);
    return this.add(Kind.Scalar | (type << Flag.TypeShift) | (kind << Flag.ValueShift), range, a, source);
  }

  private pairAsMap(pair: Pair<unknown, unknown>): number {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const start = key?.range?.[0] ?? 0;
    const end = value?.range ?? key?.range;
    const id = this.add(Kind.Map, [start, end?.[1] ?? start, end?.[2] ?? start], 0, 0);
    this.setLinks(id, [this.encode(key), this.encode(value)], 1);
    return id;
  }

  private add(flags: number, range: Node['range'] | undefined, a: number, b: number): number {
    const id = this.nodes.length / NODE_STRIDE;
    this.nodes.push(flags | (range ? Flag.HasRange : 0), range?.[0] ?? 0, range?.[1] ?? 0, range?.[2] ?? 0, a, b);
    return id;
  }

  private setLinks(id: number, children: readonly number[], count: number): void {
    this.nodes[id * NODE_STRIDE + 4] = this.links.length;
    this.nodes[id * NODE_STRIDE + 5] = count;
    for (const child of children) this.links.push(child);
  }

  private string(value: string): number {
    return this.strings.push(value) - 1;
  }
}
