import { isAlias, visit, type Alias, type Document, type Node } from 'yaml';

const targetsByDocument = new WeakMap<Document, Map<Alias, Node | undefined>>();

/**
 * The node an alias names: the last node before it (in document order) that carries its
 * anchor, as `Alias.resolve` finds it. Resolved for the whole document in one walk, since
 * `Alias.resolve` walks the document again for each alias (ten thousand aliases: minutes).
 */
export function aliasTarget(document: Document, alias: Alias): Node | undefined {
  let targets = targetsByDocument.get(document);
  if (!targets) {
    targets = resolveAll(document);
    targetsByDocument.set(document, targets);
  }
  return targets.has(alias) ? targets.get(alias) : alias.resolve(document);
}

function resolveAll(document: Document): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}
