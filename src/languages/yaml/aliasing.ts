import { isAlias, isMap, isSeq, type Document, type Node } from 'yaml';
import { YAML_ALIAS_LIMITS } from '../../domain/kubernetes.js';
import { aliasTarget } from '../shared/aliases.js';

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
