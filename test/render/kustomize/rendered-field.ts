import { isMap, isScalar, parseAllDocuments, type Node } from 'yaml';
import type { Position } from '../../../src/core/source.js';
import { SourceFile } from '../../../src/core/source.js';

/**
 * The range of a field in a rendered stream, found with the yaml package alone: the document of
 * that kind (the `nth` one), the node at `path`; `part` picks its key, its value, or both.
 */
export function renderedField(text: string, kind: string, path: (string | number)[], part: 'key' | 'value' | 'pair' = 'pair', nth = 0): { start: Position; end: Position } {
  const source = new SourceFile('rendered', text, false);
  const documents = parseAllDocuments(text).filter((document) => document.get('kind') === kind);
  const document = documents[nth];
  if (!document) throw new Error(`no ${kind} #${nth}`);
  const parent = path.length > 1 ? (document.getIn(path.slice(0, -1), true) as Node) : document.contents;
  const last = path[path.length - 1]!;
  const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last)) : undefined;
  const value = document.getIn(path, true) as Node | undefined;
  if (!value?.range) throw new Error(`no ${path.join('.')} in ${kind}`);
  const key = pair?.key as Node | undefined;
  const [start, end] = part === 'key' && key ? key.range! : part === 'pair' && key ? [key.range![0], value.range[1]] : value.range;
  return { start: source.position(start), end: source.position(end) };
}
