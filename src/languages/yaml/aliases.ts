import { isAlias, isCollection, isPair, isScalar, type Alias, type Document, type Node } from 'yaml';
import { excessiveAliasing } from './aliasing.js';
import { MAX_NESTING, TOO_DEEP } from './nesting.js';

/** Why a document's aliases cannot be read, at the alias that shows it. */
export interface AliasProblem {
  message: string;
  range: [number, number];
}

/**
 * An alias with no anchor before it (`*nope`), one inside the very node its anchor names
 * (`&x [*x]`), one whose value, in its place, nests the document deeper than {@link MAX_NESTING},
 * or aliases that expand past the API server's limit (a "billion laughs", at the first alias).
 * The API server's YAML reader refuses the first and the last; the deep one would exhaust the
 * stack of what reads the document's values.
 */
export function aliasProblem(document: Document): AliasProblem | undefined {
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  /** How deep each collection and alias walked so far nests, aliases counted as their values. */
  const heights = new Map<unknown, number>();
  let first: Alias | undefined;
  // Depth first, in document order (a pair's key before its value), without recursion, as the
  // API server reads it: an alias names the last anchor of its name before it.
  const todo: ({ node: unknown } | { leave: Node & { items: unknown[] } })[] = [{ node: document.contents }];
  while (todo.length > 0) {
    const step = todo.pop()!;
    if ('leave' in step) {
      open.delete(step.leave);
      heights.set(step.leave, 1 + deepestItem(step.leave.items, heights));
      continue;
    }
    const { node } = step;
    if (isPair(node)) {
      todo.push({ node: node.value }, { node: node.key });
    } else if (isAlias(node)) {
      first ??= node;
      const target = anchors.get(node.source);
      const problem = unresolved(node, target, open);
      if (problem) return problem;
      const height = heights.get(target) ?? 0;
      if (open.size + height > MAX_NESTING) return { range: rangeOf(node), message: `with the value of *${node.source} in its place, ${TOO_DEEP}` };
      heights.set(node, height);
    } else if (isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      open.add(node);
      todo.push({ leave: node });
      for (let i = node.items.length - 1; i >= 0; i--) todo.push({ node: node.items[i] });
    } else if (isScalar(node) && node.anchor) {
      anchors.set(node.anchor, node);
    }
  }
  return first && excessiveAliasing(document) ? { range: rangeOf(first), message: 'excessive aliasing: the aliases of this document expand too far (a "billion laughs")' } : undefined;
}

function unresolved(alias: Alias, target: Node | undefined, open: ReadonlySet<Node>): AliasProblem | undefined {
  const name = alias.source;
  if (!target) return { range: rangeOf(alias), message: `the alias *${name} has no anchor &${name} before it` };
  if (open.has(target)) return { range: rangeOf(alias), message: `the alias *${name} is inside the value its anchor &${name} names, so that value would contain itself` };
  return undefined;
}

/** The height of a collection's deepest item (a pair's key or value); a scalar's is 0. */
function deepestItem(items: readonly unknown[], heights: ReadonlyMap<unknown, number>): number {
  let deepest = 0;
  for (const item of items) {
    const height = isPair(item) ? Math.max(heights.get(item.key) ?? 0, heights.get(item.value) ?? 0) : (heights.get(item) ?? 0);
    deepest = Math.max(deepest, height);
  }
  return deepest;
}

function rangeOf(alias: Alias): [number, number] {
  const [start = 0, end = start] = alias.range ?? [];
  return [start, end];
}
