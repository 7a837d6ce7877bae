/**
 * The compact model of a document: plain data, each value with its source range, and nothing of
 * the parser that read it. Rules, analysis, editors and formatters read this; a parser's own
 * objects live only while a file is being read. Plain objects (no classes, no functions, no
 * shared references) cross a worker thread's boundary intact.
 */

/** `[start, valueEnd, nodeEnd]` offsets, as the `yaml` package gives them: the value, then its trailing comments and blank lines. */
export type Range = [number, number, number];

export type ScalarType = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface TreeScalar {
  kind: 'scalar';
  range?: Range;
  /** As the API server reads it: a string, number, boolean or null (YAML 1.1), or bytes (`!!binary`). */
  value: unknown;
  type?: ScalarType;
  /** The text before it was resolved (`0644`, `yes`), kept for values that are not strings. */
  source?: string;
  anchor?: string;
}

/** A value that cannot be read statically (computed in a TypeScript source). */
export interface TreeUnknown {
  kind: 'unknown';
  range?: Range;
  /** What stands there, for messages: "a function call", "a spread". */
  reason: string;
}

export interface TreeAlias {
  kind: 'alias';
  range?: Range;
  /** The anchor's name. */
  source: string;
}

export interface TreeMap {
  kind: 'map';
  range?: Range;
  items: TreePair[];
  flow?: boolean;
  anchor?: string;
  /** A mapping that may hold keys nobody can see (`{...defaults, replicas: 2}`): a key it lacks reads as this. */
  hidden?: TreeUnknown;
}

export interface TreeSeq {
  kind: 'seq';
  range?: Range;
  items: (TreeNode | null)[];
  flow?: boolean;
  anchor?: string;
}

export interface TreePair {
  key: TreeNode | null;
  value: TreeNode | null;
}

export type TreeNode = TreeScalar | TreeUnknown | TreeAlias | TreeMap | TreeSeq;
export type TreeCollection = TreeMap | TreeSeq;

export interface TreeDocument {
  contents: TreeNode | null;
  range?: Range;
  /** Whether any alias occurs (most documents have none, and skip the walks that resolve them). */
  hasAliases: boolean;
}

export const isMap = (node: unknown): node is TreeMap => (node as TreeNode | null)?.kind === 'map';
export const isSeq = (node: unknown): node is TreeSeq => (node as TreeNode | null)?.kind === 'seq';
export const isScalar = (node: unknown): node is TreeScalar => (node as TreeNode | null)?.kind === 'scalar';
export const isAlias = (node: unknown): node is TreeAlias => (node as TreeNode | null)?.kind === 'alias';
export const isUnknown = (node: unknown): node is TreeUnknown => (node as TreeNode | null)?.kind === 'unknown';
export const isCollection = (node: unknown): node is TreeCollection => isMap(node) || isSeq(node);

/** Every node of the document in document order (a node before its children), aliases not followed. */
export function* nodesOf(document: TreeDocument): Generator<TreeNode> {
  const stack: (TreeNode | null)[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    yield node;
    if (node.kind === 'map') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!);
    }
  }
}

const targetsByDocument = new WeakMap<TreeDocument, Map<TreeAlias, TreeNode | undefined>>();

/** The node an alias names: the last node before it (in document order) that carries its anchor. */
export function aliasTarget(document: TreeDocument, alias: TreeAlias): TreeNode | undefined {
  let targets = targetsByDocument.get(document);
  if (!targets) {
    targets = new Map();
    const anchors = new Map<string, TreeNode>();
    for (const node of nodesOf(document)) {
      if (node.kind === 'alias') targets.set(node, anchors.get(node.source));
      else if ('anchor' in node && node.anchor) anchors.set(node.anchor, node);
    }
    targetsByDocument.set(document, targets);
  }
  return targets.get(alias);
}

const anchorsInUse = new WeakMap<TreeDocument, Set<string>>();

/** The anchors some alias of the document names. */
export function usedAnchors(document: TreeDocument): ReadonlySet<string> {
  if (!document.hasAliases) return NONE;
  let used = anchorsInUse.get(document);
  if (!used) {
    used = new Set();
    for (const node of nodesOf(document)) if (node.kind === 'alias') used.add(node.source);
    anchorsInUse.set(document, used);
  }
  return used;
}

const NONE: ReadonlySet<string> = new Set();

/** Follows aliases (a bounded number of hops) to the node they name. */
export function resolveAlias(document: TreeDocument, node: TreeNode | null | undefined): TreeNode | undefined {
  let current = node ?? undefined;
  for (let hops = 0; current?.kind === 'alias' && hops < 32; hops++) current = aliasTarget(document, current);
  return current?.kind === 'alias' ? undefined : current;
}

const MERGE_KEY = '<<';

/** Whether a pair is a YAML 1.1 merge (`<<: *defaults`), as the `yaml` package recognises one. */
export function isMergePair(pair: TreePair): boolean {
  const key = pair.key;
  return key?.kind === 'scalar' && key.value === MERGE_KEY && (key.type === undefined || key.type === 'PLAIN');
}

/**
 * A node as plain data, as the `yaml` package's `toJS` gives it for a YAML 1.1 document: aliases
 * resolved, merge keys applied (a mapping's own keys win, earlier sources before later ones),
 * a repeated key's last value kept at its first key's place, keys as strings.
 */
export function toJS(node: TreeNode | null | undefined, document: TreeDocument, depth = 0): unknown {
  if (!node || depth > 256) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'unknown':
      return { unknown: node.reason };
    case 'alias':
      return toJS(aliasTarget(document, node), document, depth + 1);
    case 'seq':
      return node.items.map((item) => toJS(item, document, depth + 1));
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (isMergePair(pair)) {
          mergeInto(result, pair.value, document, depth);
          continue;
        }
        define(result, keyString(toJS(pair.key, document, depth + 1)), toJS(pair.value, document, depth + 1));
      }
      return result;
    }
  }
}

function mergeInto(result: Record<string, unknown>, value: TreeNode | null, document: TreeDocument, depth: number): void {
  const resolved = resolveAlias(document, value);
  const sources = resolved?.kind === 'seq' ? resolved.items : [value];
  for (const source of sources) {
    const merged = toJS(source, document, depth + 1);
    if (!merged || typeof merged !== 'object' || Array.isArray(merged)) continue;
    for (const [key, item] of Object.entries(merged)) if (!Object.prototype.hasOwnProperty.call(result, key)) define(result, key, item);
  }
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

function keyString(key: unknown): string {
  if (key === null) return '';
  if (typeof key !== 'object') return String(key);
  return JSON.stringify(key);
}
