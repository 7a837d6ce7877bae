import type { Span } from '../../core/source.js';
import { isAlias, isMap, isScalar, isSeq, isUnknown, resolveAlias, toJS, type TreeDocument, type TreeMap, type TreeNode, type TreePair, type TreeScalar, type TreeUnknown } from './tree.js';

/** A wrong-typed or out-of-range value, reported as `invalid-value` at the value. */
export interface InvalidValue {
  span: Span;
  message: string;
}

/** A value the linter needed but could not read statically (computed in a TypeScript source). */
export interface UnknownRead {
  span: Span;
  /** Dotted path from the object root. */
  path: string;
  reason: string;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** Up to this many pairs a mapping is scanned for a key rather than indexed. */
const SCANNED_PAIRS = 16;

/**
 * Whether a mapping can be read by scanning its pairs: a few, no merge key, every key a string
 * without a BOM (or null, which no lookup finds).
 */
function isScannable(map: TreeMap): boolean {
  if (map.items.length > SCANNED_PAIRS) return false;
  for (const { key } of map.items) {
    if (key === null) continue;
    if (!isScalar(key)) return false;
    const value = key.value;
    if (value === null) continue;
    if (typeof value !== 'string' || value === '<<' || value.charCodeAt(0) === 0xfeff) return false;
  }
  return true;
}

/** The last pair whose key is `key`: a repeated key's last value wins. */
function scanPairs(map: TreeMap, key: string): TreePair | undefined {
  const { items } = map;
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i]!;
    if ((pair.key as TreeScalar | null)?.value === key) return pair;
  }
  return undefined;
}

/** Collects invalid and unknown values found while reading one document; each is kept once. */
export class ProblemSink {
  readonly problems: InvalidValue[] = [];
  readonly unknowns: UnknownRead[] = [];
  /** Every read of an unknown value, repeats included: a reader compares it before and after. */
  unknownReads = 0;
  private readonly seen = new Set<string>();

  add(span: Span, message: string): void {
    const key = `${span.start}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ span, message });
  }

  unknown(span: Span, path: string, reason: string): void {
    this.unknownReads++;
    const key = `${span.start}:${span.end}:unknown`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.unknowns.push({ span, path, reason });
  }
}

/** A value read from the manifest, with where it stands. */
export interface Field<T> {
  value: T;
  /** The value node. */
  span: Span;
  /** The key and its value: what a finding about this field underlines. */
  fieldSpan: Span;
  /** Read through a YAML alias or merge key: editing it would change every user of the anchor. */
  viaAlias?: boolean;
}

/**
 * What reading a key gives: absent (or null), present but unusable ('invalid': the wrong type,
 * reported as `invalid-value`, or a template placeholder such as `${GRACE}`, which is silently
 * unknown), or a value. Rules never fire on an unusable value.
 */
export type Read<T> = Field<T> | 'invalid' | undefined;

/** `${VAR}`, `$VAR`, `<value>`, `{{ .x }}`: text a templating step replaces before apply. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && /^\$\{[^}]+\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|^<[^<>]+>$|\{\{.*\}\}|^__[A-Z0-9_]+__$/.test(value.trim());
}

export function isField<T>(read: Read<T>): read is Field<T> {
  return typeof read === 'object';
}

interface DocumentContext {
  document: TreeDocument;
  sink: ProblemSink;
  /** How many leading segments lead to the object (2 for a `List` item: `items`, index). */
  rootDepth: number;
  /** Merged pairs by mapping, shared by every view of the document. */
  merged?: WeakMap<TreeMap, { pairs: Map<string, TreePair>; mergedKeys: ReadonlySet<string> }>;
}

/**
 * A read-only view of a YAML mapping. `anchor` is where a finding about one of its missing
 * keys points: the key that holds the mapping, or the `name:` of a list item.
 */
export class MapView {
  /** Null for a small mapping of plain string keys: it is scanned, which costs no memory. */
  private pairsByKey: Map<string, TreePair> | null | undefined;
  private mergedKeys: ReadonlySet<string> = NO_KEYS;

  constructor(
    readonly context: DocumentContext,
    readonly node: TreeMap,
    readonly anchor: Span,
    /** Keys and indexes from the document root (`['spec', 'containers', 0]`). */
    readonly segments: readonly (string | number)[],
    /** Reached through a YAML alias: its fields must not be edited. */
    readonly viaAlias = false,
  ) {}

  /** Dotted path from the object root, for messages (`spec.template.spec.containers[0]`). */
  get path(): string {
    return formatPath(this.segments.slice(this.context.rootDepth));
  }

  get document(): TreeDocument {
    return this.context.document;
  }

  /** The mapping as plain data, as the API server reads it: aliases and merge keys resolved. */
  toJS(): unknown {
    return toJS(this.node, this.context.document);
  }

  /** Whether the value of `key` comes through an alias or merge key (shared with other places). */
  isAliased(key: string): boolean {
    const pair = this.pair(key);
    return this.viaAlias || this.mergedKeys.has(key) || isAlias(pair?.value);
  }

  get sink(): ProblemSink {
    return this.context.sink;
  }

  /** The same mapping, reporting its invalid values to another sink (one per object). */
  withSink(sink: ProblemSink): MapView {
    return new MapView({ ...this.context, sink }, this.node, this.anchor, this.segments, this.viaAlias);
  }

  get span(): Span {
    return spanOf(this.node) ?? this.anchor;
  }

  /**
   * The pair for `key`, as go-yaml v2 reads the mapping: a repeated key's last value wins, and
   * keys merged in with `<<: *anchor` (earlier sources first) give way to the mapping's own.
   */
  pair(key: string): TreePair | undefined {
    if (this.pairsByKey === undefined) {
      if (isScannable(this.node)) {
        this.pairsByKey = null;
      } else {
        const mergedKeys = new Set<string>();
        this.pairsByKey = this.collectPairs(this.node, new Set(), mergedKeys);
        this.mergedKeys = mergedKeys;
      }
    }
    return this.pairsByKey === null ? scanPairs(this.node, key) : this.pairsByKey.get(key);
  }

  private collectPairs(map: TreeMap, visiting: Set<TreeMap>, mergedKeys: Set<string>): Map<string, TreePair> {
    // Each mapping is merged once per document: `<<: [*a, *a, …]` nested deep stays linear.
    const cached = this.context.merged?.get(map);
    if (cached) {
      for (const key of cached.mergedKeys) mergedKeys.add(key);
      return cached.pairs;
    }
    const own = new Map<string, TreePair>();
    let merged: Map<string, TreePair> | undefined;
    visiting.add(map);
    for (const item of map.items) {
      const k = isScalar(item.key) ? item.key.value : undefined;
      if (k === '<<') {
        merged ??= new Map();
        const value = this.resolve(item.value);
        const sources = isSeq(value) ? value.items.map((i) => this.resolve(i)) : [value];
        for (const source of sources) {
          if (!isMap(source) || visiting.has(source)) continue;
          for (const [mergedKey, pair] of this.collectPairs(source, visiting, new Set())) {
            if (!merged.has(mergedKey)) merged.set(mergedKey, pair);
          }
        }
      } else if (k !== undefined && k !== null) {
        // A BOM where files were joined with `cat` starts the first key; go-yaml skips it.
        const key = typeof k === 'string' ? k : String(k);
        own.set(key.charCodeAt(0) === 0xfeff ? key.slice(1) : key, item);
      }
    }
    visiting.delete(map);
    const cache = (this.context.merged ??= new WeakMap());
    if (!merged) {
      cache.set(map, { pairs: own, mergedKeys: NO_KEYS });
      return own;
    }
    const ownMerged = new Set([...merged.keys()].filter((key) => !own.has(key)));
    for (const key of ownMerged) mergedKeys.add(key);
    const pairs = new Map([...merged, ...own]);
    cache.set(map, { pairs, mergedKeys: ownMerged });
    return pairs;
  }

  /** The keys written; a mapping a spread may extend notes its other keys as unknown. */
  keys(): string[] {
    this.pair('');
    const hidden = this.node.hidden;
    if (hidden) this.sink.unknown(spanOf(hidden) ?? this.anchor, this.path, hidden.reason);
    return this.pairsByKey ? [...this.pairsByKey.keys()] : [...new Set(this.node.items.map((item) => (item.key as TreeScalar | null)?.value as string).filter((key) => key !== undefined && key !== null))];
  }

  /**
   * The value node for `key`, with aliases followed; undefined when absent or null. A key an
   * open mapping lacks reads as the unknown that may hold it.
   */
  valueNode(key: string): TreeNode | undefined {
    const pair = this.pair(key);
    if (!pair) return this.node.hidden;
    const node = this.resolve(pair.value);
    if (!node || (isScalar(node) && node.value === null)) return undefined;
    return node;
  }

  /** The key of `key` (for pointing at a field), or this map's anchor when absent. */
  /** The span of item `index` of the list at `key`, if there is such an item. */
  itemSpan(key: string, index: number): Span | undefined {
    const list = this.valueNode(key);
    return isSeq(list) ? spanOf(list.items[index]) : undefined;
  }

  keySpan(key: string): Span {
    const pair = this.pair(key);
    return spanOf(pair?.key) ?? this.anchor;
  }

  fieldSpan(key: string): Span {
    const pair = this.pair(key);
    const keySpan = spanOf(pair?.key);
    if (!keySpan) return this.anchor;
    const valueSpan = spanOf(pair?.value);
    return { start: keySpan.start, end: valueSpan ? valueSpan.end : keySpan.end };
  }

  has(key: string): boolean {
    return this.valueNode(key) !== undefined;
  }

  childPath(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  childSegments(key: string | number): (string | number)[] {
    return [...this.segments, key];
  }

  map(key: string): MapView | undefined {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (isUnknown(node)) {
      // Every key of an unknown mapping is unknown in turn: no rule concludes from its absence.
      this.noteUnknown(key, node);
      return new MapView(this.context, unknownMapping(node), this.keySpan(key), this.childSegments(key), this.isAliased(key));
    }
    if (!isMap(node)) {
      this.invalid(key, 'a mapping');
      return undefined;
    }
    return new MapView(this.context, node, this.keySpan(key), this.childSegments(key), this.isAliased(key));
  }

  /** The mapping items of a list; each item's anchor is its `name:` field when it has one. */
  maps(key: string): MapView[] {
    const node = this.valueNode(key);
    if (node === undefined) return [];
    if (isUnknown(node)) {
      this.noteUnknown(key, node);
      return [];
    }
    if (!isSeq(node)) {
      this.invalid(key, 'a list');
      return [];
    }
    const views: MapView[] = [];
    node.items.forEach((raw, i) => {
      const item = this.resolve(raw);
      const segments = [...this.childSegments(key), i];
      if (isUnknown(item)) {
        this.sink.unknown(spanOf(item)!, formatPath(segments.slice(this.context.rootDepth)), item.reason);
        return;
      }
      if (!item || !isMap(item)) {
        const span = spanOf(item) ?? this.keySpan(key);
        this.sink.add(span, `${formatPath(segments.slice(this.context.rootDepth))} must be a mapping`);
        return;
      }
      const aliased = this.isAliased(key) || isAlias(raw);
      const view = new MapView(this.context, item, spanOf(item) ?? this.keySpan(key), segments, aliased);
      const nameSpan = view.pair('name') ? view.fieldSpan('name') : undefined;
      const firstKey = spanOf(item.items[0]?.key);
      views.push(new MapView(this.context, item, nameSpan ?? firstKey ?? view.anchor, segments, aliased));
    });
    return views;
  }

  string(key: string): Read<string> {
    return this.scalar(key, 'a string', (v) => (typeof v === 'string' ? v : undefined));
  }

  /** An integer; a quoted number or a float is rejected, as the API server rejects it. */
  int(key: string, options: { min?: number; max?: number } = {}): Read<number> {
    const read = this.scalar(key, 'an integer', (v) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined));
    if (!isField(read)) return read;
    const { min, max } = options;
    if ((min !== undefined && read.value < min) || (max !== undefined && read.value > max)) {
      const range = max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
      this.sink.add(read.span, `${this.childPath(key)} must be ${range}, got ${read.value}`);
      return 'invalid';
    }
    return read;
  }

  /** An int-or-string field (`maxUnavailable: 1` or `25%`, a port number or name). */
  intOrString(key: string): Read<number | string> {
    return this.scalar(key, 'an integer or a string', (v) =>
      typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)) ? v : undefined,
    );
  }

  boolean(key: string): Read<boolean> {
    return this.scalar(key, 'a boolean', (v) => (typeof v === 'boolean' ? v : undefined));
  }

  /** A list of strings (`command`, `args`); non-string items make the whole field invalid. */
  strings(key: string): Read<string[]> {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (isUnknown(node)) return this.noteUnknown(key, node);
    if (!isSeq(node)) return this.invalid(key, 'a list of strings');
    const values: string[] = [];
    for (const raw of node.items) {
      const item = this.resolve(raw);
      if (isUnknown(item)) return this.noteUnknown(key, item);
      if (!item || !isScalar(item) || typeof item.value !== 'string') {
        return this.invalid(key, 'a list of strings', item ?? undefined);
      }
      values.push(item.value);
    }
    return { value: values, span: spanOf(node)!, fieldSpan: this.fieldSpan(key), ...(this.isAliased(key) ? { viaAlias: true } : {}) };
  }

  /** A `map[string]string` (labels, annotations, matchLabels). */
  stringMap(key: string): Map<string, Field<string>> {
    const view = this.map(key);
    const result = new Map<string, Field<string>>();
    if (!view) return result;
    for (const k of view.keys()) {
      const read = view.string(k);
      if (isField(read)) result.set(k, read);
    }
    return result;
  }

  private scalar<T>(key: string, expected: string, accept: (value: unknown) => T | undefined): Read<T> {
    const node = this.valueNode(key);
    if (node === undefined) return undefined;
    if (isUnknown(node)) return this.noteUnknown(key, node);
    const value = isScalar(node) ? accept(node.value) : undefined;
    if (value === undefined) return isScalar(node) && isPlaceholder(node.value) ? 'invalid' : this.invalid(key, expected, node);
    return { value, span: spanOf(node)!, fieldSpan: this.fieldSpan(key), ...(this.isAliased(key) ? { viaAlias: true } : {}) };
  }

  /** Whether `key` holds (or, in an open mapping, may hold) a value no one can read statically. */
  isUnknown(key: string): boolean {
    return isUnknown(this.valueNode(key));
  }

  /** Records that a value was needed but is unknown; reads of it give 'invalid' (never fire). */
  private noteUnknown(key: string, node: TreeUnknown): 'invalid' {
    // A key the mapping lacks but a spread may set: the mapping's unwritten fields are unknown.
    const hidden = !this.pair(key);
    this.sink.unknown(spanOf(node) ?? this.keySpan(key), hidden ? this.path : this.childPath(key), node.reason);
    return 'invalid';
  }

  private invalid(key: string, expected: string, node: TreeNode | undefined = this.valueNode(key)): 'invalid' {
    const span = spanOf(node) ?? this.keySpan(key);
    this.sink.add(span, `${this.childPath(key)} must be ${expected}, got ${describe(node)}`);
    return 'invalid';
  }

  private resolve(node: TreeNode | null | undefined): TreeNode | undefined {
    return resolveAlias(this.context.document, node);
  }
}

export function rootView(document: TreeDocument, sink: ProblemSink): MapView | undefined {
  const contents = document.contents;
  if (!isMap(contents)) return undefined;
  return new MapView({ document, sink, rootDepth: 0, merged: new WeakMap() }, contents, spanOf(contents)!, []);
}

/** The same mapping seen as an object root: messages name paths from here. */
export function asObjectRoot(view: MapView, sink: ProblemSink): MapView {
  return new MapView({ ...view.context, sink, rootDepth: view.segments.length }, view.node, view.anchor, view.segments, view.viaAlias);
}

function formatPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, s) => (typeof s === 'number' ? `${path}[${s}]` : path ? `${path}.${s}` : s), '');
}

export function spanOf(node: TreeNode | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function describe(node: TreeNode | undefined): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
    const written = node.source ?? String(value);
    if (typeof value === 'number') return Number.isInteger(value) ? `the number ${written}` : `the non-integer ${written}`;
    if (typeof value === 'boolean') return `the boolean ${value} (YAML 1.1 reads ${JSON.stringify(written)} as a boolean)`;
    return String(value);
  }
  return 'an unexpected value';
}

/** An empty open mapping standing for an unknown value read as a mapping. */
function unknownMapping(unknown: TreeUnknown): TreeMap {
  return { kind: 'map', ...(unknown.range ? { range: [...unknown.range] } : {}), items: [], hidden: unknown };
}
