import { isAlias, isCollection, isMap, isPair, isSeq, type Alias, type Document, type Node } from 'yaml';
import { YAML_ALIAS_LIMITS } from '../../domain/kubernetes.js';
import { aliasTarget } from './alias-target.js';
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
      const target = aliasTarget(document, node);
      const problem = unresolved(node, target, open);
      if (problem) return problem;
      const height = heights.get(target) ?? 0;
      if (open.size + height > MAX_NESTING) return { range: rangeOf(node), message: `with the value of *${node.source} in its place, ${TOO_DEEP}` };
      heights.set(node, height);
    } else if (isCollection(node)) {
      open.add(node);
      todo.push({ leave: node });
      for (let i = node.items.length - 1; i >= 0; i--) todo.push({ node: node.items[i] });
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

/**
 * Whether the API server would refuse the document as "excessive aliasing": go-yaml's count of
 * decoded nodes, in its order (keys before values), stopping as soon as the limit is crossed,
 * so a billion laughs costs a few thousand steps.
 */
export function excessiveAliasing(document: Document): boolean {
  const { aliasDecodes: minAliased, decodes: minDecodes } = YAML_ALIAS_LIMITS;
  let decodes = 1; // the document node
  let aliased = 0;
  const stack: { node: unknown; viaAlias: boolean }[] = [{ node: document.contents, viaAlias: false }];
  while (stack.length > 0) {
    const { node, viaAlias } = stack.pop()!;
    decodes++;
    if (viaAlias) aliased++;
    if (aliased > minAliased && decodes > minDecodes && aliased / decodes > allowedAliasRatio(decodes)) return true;
    if (isAlias(node)) {
      const target = aliasTarget(document, node);
      if (target) stack.push({ node: target, viaAlias: true });
    } else if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!;
        stack.push({ node: pair.value as Node | null, viaAlias }, { node: pair.key as Node | null, viaAlias });
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i] as Node | null, viaAlias });
    }
  }
  return false;
}

function allowedAliasRatio(decodes: number): number {
  const { ratioRange, ratios } = YAML_ALIAS_LIMITS;
  if (decodes <= ratioRange.from) return ratios.from;
  if (decodes >= ratioRange.to) return ratios.to;
  return ratios.from - (ratios.from - ratios.to) * ((decodes - ratioRange.from) / (ratioRange.to - ratioRange.from));
}
