import { isAlias, isCollection, isPair, isScalar, type Alias, type Document, type Node } from 'yaml';
import { excessiveAliasing } from './aliasing.js';

/** Why a document's aliases cannot be read, at the alias that shows it. */
export interface AliasProblem {
  message: string;
  range: [number, number];
}

/**
 * An alias with no anchor before it (`*nope`), one inside the very node its anchor names
 * (`&x [*x]`), or aliases that expand past the API server's limit (a "billion laughs", reported
 * at the first alias). The API server's YAML reader refuses all three.
 * Manifests and the config file are both checked here.
 */
export function aliasProblem(document: Document): AliasProblem | undefined {
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  let first: Alias | undefined;
  // Depth first, in document order (a pair's key before its value), as the API server reads it:
  // an alias names the last anchor of its name before it.
  const todo: ({ node: unknown } | { leave: Node })[] = [{ node: document.contents }];
  while (todo.length > 0) {
    const step = todo.pop()!;
    if ('leave' in step) {
      open.delete(step.leave);
      continue;
    }
    const { node } = step;
    if (isPair(node)) {
      todo.push({ node: node.value }, { node: node.key });
    } else if (isAlias(node)) {
      first ??= node;
      const problem = unresolved(node, anchors.get(node.source), open);
      if (problem) return problem;
    } else if (isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      open.add(node);
      todo.push({ leave: node }, ...[...node.items].reverse().map((item) => ({ node: item })));
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

function rangeOf(alias: Alias): [number, number] {
  const [start = 0, end = start] = alias.range ?? [];
  return [start, end];
}
