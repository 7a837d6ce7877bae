import { isMap, isSeq, type Document, type Node } from 'yaml';
import { treeView } from '../../languages/shared/encoded-tree.js';
import { isMap as isTreeMap, isSeq as isTreeSeq, type TreeDocument } from '../../languages/shared/tree.js';
import type { Fix } from '../../core/fix.js';
import { SourceFile, type Position } from '../../core/source.js';
import { applyEdits, verify } from '../../fix/apply.js';
import { isUnfixable, type Change, type Json } from '../../languages/shared/editor.js';
import { MapView, ProblemSink, rootView, spanOf } from '../../languages/shared/node.js';
import { yamlLanguage } from '../../languages/yaml/language.js';
import { PARSE_OPTIONS, parseDocuments } from '../../languages/yaml/parse.js';
import { keyName, type FieldPath } from '../../languages/yaml/path-at.js';

/** A node of a written file: its document there, and its path in that document (the file's own keys and indexes). */
export interface FilePlace {
  document: number;
  segments: FieldPath;
  /** The document is a list of JSON 6902 operations, not an object. */
  operations: boolean;
}

/** What to do at a mapping of a file. */
export type FieldEdit =
  | { kind: 'set'; key: string; value: Json }
  | { kind: 'remove'; key: string }
  | { kind: 'replaceItem'; key: string; index: number; value: string }
  | { kind: 'appendItem'; key: string; value: string };

/**
 * The node of a file that starts at `position` (where the origin map says a field is written):
 * the outermost one, so a mapping rather than its first key. Undefined when no node starts there.
 * `documents` are the text's, when already parsed.
 */
export function placeAt(text: string, position: Position, documents: readonly Document.Parsed[] = parseDocuments(text, PARSE_OPTIONS)): FilePlace | undefined {
  const source = new SourceFile('written', text, false);
  const offset = source.offsetOf(position.line, position.column);
  const index = documents.findIndex((document) => document.errors.length === 0 && document.range[0] <= offset && offset <= document.range[2]);
  if (index === -1) return undefined;
  const document = documents[index]!;
  const segments: FieldPath = [];
  let node = document.contents as Node | null;
  while (node?.range && node.range[0] !== offset) {
    const step = childHolding(node, offset);
    if (!step) return undefined;
    segments.push(step.segment);
    node = step.node;
  }
  return node?.range ? { document: index, segments, operations: isSeq(document.contents) } : undefined;
}

function childHolding(node: Node, offset: number): { segment: string | number; node: Node } | undefined {
  const holds = (child: Node | null | undefined) => {
    const range = child?.range;
    return range ? range[0] <= offset && (offset < range[1] || offset === range[0]) : false;
  };
  if (isMap(node)) {
    const pair = node.items.find((item) => holds(item.value as Node | null));
    return pair ? { segment: keyName(pair.key), node: pair.value as Node } : undefined;
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => holds(item as Node | null));
    return index === -1 ? undefined : { segment: index, node: node.items[index] as Node };
  }
  return undefined;
}

/**
 * `edit` made at the mapping `segments` of document `document` of a file, in the file's own
 * style through the YAML editor, and checked: the result must parse, keep its comments and
 * change no other value. The new text, or why not.
 */
export function editFile(path: string, text: string, document: number, segments: FieldPath, edit: FieldEdit): string | { reason: string } {
  const source = new SourceFile(path, text, false);
  const parsed = yamlLanguage.read(source, undefined).documents.find((candidate) => candidate.index === document);
  const view = parsed ? mapViewAt(treeView(parsed.tree, text), segments) : undefined;
  if (!parsed || !view) return { reason: `${path} no longer has the mapping the fix edits` };
  const editor = yamlLanguage.editor(source, parsed);
  let change: Change | { unfixable: string };
  if (edit.kind === 'set') change = editor.set(view, edit.key, edit.value);
  else if (edit.kind === 'remove') change = editor.remove(view, edit.key);
  else {
    const current = view.strings(edit.key);
    if (typeof current !== 'object') return { reason: `${path}: ${view.childPath(edit.key)} is not a list of strings` };
    change = edit.kind === 'replaceItem' ? editor.replaceItem(view, edit.key, current.value, edit.index, edit.value) : editor.appendItem(view, edit.key, current.value, edit.value);
  }
  if (isUnfixable(change)) return { reason: `${path}: ${change.unfixable.replace(/^not fixed: /, '')}` };
  const fix: Fix = { safety: 'safe', description: `${edit.kind} ${view.childPath(edit.key)}`, edits: change.edits, expect: change.expect };
  const after = applyEdits(text, change.edits);
  const problem = verify(source, after, [fix]);
  return problem ? { reason: `${path}: ${problem}` } : after;
}

/** The mapping at a path of a document, through views (so that one reached through an alias is known as shared). */
function mapViewAt(document: TreeDocument, segments: FieldPath): MapView | undefined {
  const sink = new ProblemSink();
  let view: MapView | undefined;
  let i = 0;
  const contents = document.contents;
  if (isTreeMap(contents)) view = rootView(document, sink);
  else if (isTreeSeq(contents) && typeof segments[0] === 'number') {
    // A JSON 6902 patch: the operation is the mapping to start from.
    const operation = contents.items[segments[0]];
    if (!isTreeMap(operation)) return undefined;
    view = new MapView({ document, sink, rootDepth: 0, merged: new WeakMap() }, operation, spanOf(operation)!, [segments[0]]);
    i = 1;
  }
  while (view && i < segments.length) {
    const key = segments[i];
    const next = segments[i + 1];
    if (typeof key !== 'string') return undefined;
    if (typeof next === 'number') {
      view = view.maps(key).find((item) => item.segments[item.segments.length - 1] === next);
      i += 2;
    } else {
      view = view.map(key);
      i += 1;
    }
  }
  return view;
}
