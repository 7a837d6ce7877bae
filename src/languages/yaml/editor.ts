import { isAlias, isCollection, isMap, isScalar, isSeq, usedAnchors, type TreeDocument, type TreeNode } from '../shared/tree.js';
import type { SourceFile } from '../../core/source.js';
import type { MapView } from '../shared/node.js';
import { blockScalar, readBlockHeader } from './block-scalar.js';
import { commentOffsets } from './comments.js';
import { renderBlock, renderFlow, renderKey, renderPair, renderScalar } from './render.js';
import { detectStyle, type YamlStyle } from './style.js';
import type { Expectation, TextEdit, Unfixable } from '../../core/fix.js';
import { isUnfixable, type Change, type Json, type ManifestEditor } from '../shared/editor.js';
import { expectAt, perSource } from '../shared/edit-support.js';


const styleOf = perSource(detectStyle);

/**
 * Turns "set this key of this mapping" into text edits that leave every other byte alone,
 * written in the file's own style. Refuses values shared through a YAML alias.
 */
export class YamlEditor implements ManifestEditor {
  readonly style: YamlStyle;

  constructor(
    readonly source: SourceFile,
    readonly documentIndex: number,
  ) {
    this.style = styleOf(source);
  }

  /** Sets `key` of `view` to `value`: replaces the value in place, or adds the key. */
  set(view: MapView, key: string, value: Json, position: 'first' | 'last' = 'last'): Change | Unfixable {
    const shared = this.sharedReason(view, key);
    if (shared) return shared;
    const expect = [expectAt(this.documentIndex, view, key, value)];
    const pair = view.pair(key);
    if (!pair) return { edits: [this.insert(view, key, value, position)], expect };
    const current = pair.value;
    const keyStart = pair.key!.range![0];
    if (!current?.range || (isScalar(current) && current.value === null && current.range[0] === current.range[1])) {
      // `key:` with nothing after it: write the whole pair again.
      const end = current?.range?.[1] ?? pair.key!.range![1];
      return { edits: [{ start: keyStart, end, text: this.pairText(key, value, this.column(keyStart), view.node.flow === true) }], expect };
    }
    const start = current.range[0];
    const end = contentEnd(current, this.source.text);
    const replaced = this.refuseReplacing(view, start, end);
    if (replaced) return replaced;
    if (isScalar(current) || (value !== null && typeof value !== 'object')) {
      const text = isScalar(current) && value !== null && typeof value !== 'object' ? this.scalarLike(current, value) : this.valueText(value, start, view);
      return { edits: [{ start, end, text }], expect };
    }
    return { edits: [{ start, end, text: this.valueText(value, start, view, current) }], expect };
  }

  /**
   * Rewrites part of one scalar in place (`sleep 3` → `sleep 15` inside a command item), keeping
   * its quoting and block style: `from` must occur in the scalar's source exactly once.
   */
  replaceInScalar(view: MapView, key: string, index: number, from: string, to: string, expected: Json): Change | Unfixable {
    const shared = this.sharedReason(view, key);
    if (shared) return shared;
    const list = view.valueNode(key);
    const item = isSeq(list) ? list.items[index] : undefined;
    if (!item || !isScalar(item) || !item.range) return { unfixable: 'not fixed: the list item is not a plain value' };
    const source = this.source.text.slice(item.range[0], item.range[1]);
    const at = source.indexOf(from);
    if (at === -1 || source.indexOf(from, at + 1) !== -1) return { unfixable: `not fixed: "${from}" is not written once in the command` };
    const start = item.range[0] + at;
    return {
      edits: [{ start, end: start + from.length, text: to }],
      expect: [expectAt(this.documentIndex, view, key, expected, index)],
    };
  }

  /**
   * Rewrites item `index` of a string list (`command`, `args`) in the quoting it had. Only the
   * item's bytes change: comments between the other items stay where they are.
   */
  replaceItem(view: MapView, key: string, current: readonly string[], index: number, value: string): Change | Unfixable {
    const shared = this.sharedReason(view, key);
    if (shared) return shared;
    const list = view.valueNode(key);
    const item = isSeq(list) ? list.items[index] : undefined;
    if (!isScalar(item) || !item.range) return { unfixable: `not fixed: ${view.childPath(key)}[${index}] is not a plain value` };
    // The item's range starts after its anchor: the new text would take the anchor's name.
    if (item.anchor && usedAnchors(view.document).has(item.anchor)) return { unfixable: `not fixed: the value defines the anchor &${item.anchor}, which aliases use` };
    const values = [...current];
    values[index] = value;
    const source = this.source.text.slice(item.range[0], item.range[1]);
    if (item.type === 'BLOCK_LITERAL' || item.type === 'BLOCK_FOLDED') {
      const text = this.blockLike(source, value, item.type === 'BLOCK_FOLDED', String(item.value));
      if (typeof text !== 'string') return { unfixable: `not fixed: ${view.childPath(key)}[${index}] ${text.unfixable}` };
      return { edits: [{ start: item.range[0], end: contentEnd(item, this.source.text), text }], expect: [expectAt(this.documentIndex, view, key, values)] };
    }
    const text =
      source.startsWith('"') ? JSON.stringify(value)
      : source.startsWith("'") ? `'${value.replace(/'/g, "''")}'`
      : renderScalar(value, this.style);
    return { edits: [{ start: item.range[0], end: item.range[1], text }], expect: [expectAt(this.documentIndex, view, key, values)] };
  }

  /**
   * Appends an item to a string list (or adds the list), in the list's own layout. The other
   * items keep their bytes, comments between them included.
   */
  appendItem(view: MapView, key: string, current: readonly string[] | undefined, value: string): Change | Unfixable {
    const list = view.valueNode(key);
    const last = isSeq(list) ? list.items[list.items.length - 1] : undefined;
    if (!current || !isSeq(list) || !last?.range) return this.set(view, key, [...(current ?? []), value]);
    const shared = this.sharedReason(view, key);
    if (shared) return shared;
    const expect = [expectAt(this.documentIndex, view, key, [...current, value])];
    const text = this.source.text;
    if (list.flow) {
      const quoted = /^["']/.test(text.slice(last.range[0], last.range[1]));
      return { edits: [{ start: last.range[1], end: last.range[1], text: `, ${quoted ? JSON.stringify(value) : this.plainFlag(value)}` }], expect };
    }
    const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const prefix = text.slice(lineStart, last.range[0]);
    if (!/^ *- +$/.test(prefix)) return { unfixable: `not fixed: ${view.childPath(key)} is laid out in a way the fix does not extend` };
    // After the last item's line, so that a comment at its end stays where it is.
    const lineEnd = text.indexOf('\n', contentEnd(last, text));
    const end = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const quoted = /^["']/.test(text.slice(last.range[0], last.range[1]));
    const rendered = quoted && text[last.range[0]] === '"' ? JSON.stringify(value) : quoted ? `'${value.replace(/'/g, "''")}'` : this.plainFlag(value);
    return { edits: [{ start: end, end, text: `${this.style.eol}${prefix}${rendered}` }], expect };
  }

  /**
   * A new value for a block scalar (`|`, `|-`, `>`), written in its style at its column. A
   * literal that cannot hold the value exactly becomes a double-quoted string (its header's
   * comment kept); a folded one is refused, its lines being the reader's layout.
   */
  private blockLike(source: string, value: string, folded: boolean, previous: string): string | Unfixable {
    const header = readBlockHeader(source);
    const block = header && blockScalar(value, header, this.style.eol, { value: previous, source });
    if (block) return block;
    if (folded) return { unfixable: 'is a folded block scalar (>), and the new value cannot be written in it exactly' };
    if (!header && /^[^\r\n]*#/.test(source)) return { unfixable: 'is a block scalar whose header holds a comment, which a quoted value would lose' };
    return `${JSON.stringify(value)}${header?.rest.trimEnd() ?? ''}`;
  }

  /** `--flag=150` needs no quotes among plain items (it does not start with "- "). */
  private plainFlag(value: string): string {
    return /^--[A-Za-z0-9][A-Za-z0-9_.-]*=[A-Za-z0-9_./-]+$/.test(value) ? value : renderScalar(value, this.style);
  }

  /**
   * Renames `oldKey` to `newKey`, keeping the value's exact bytes; the pair replacement is asked
   * first for its checks (keys shared through an anchor).
   */
  renameKey(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable {
    const change = this.replacePair(view, oldKey, newKey, value);
    if (isUnfixable(change)) return change;
    const key = view.pair(oldKey)!.key!.range!;
    const written = this.source.text.slice(key[0], key[1]);
    const quote = written.startsWith('"') ? '"' : written.startsWith("'") ? "'" : '';
    return { ...change, edits: [{ start: key[0], end: key[1], text: `${quote}${newKey}${quote}` }] };
  }

  /** Appends `value` as a new document at the end of the file. */
  appendDocument(value: Json): Change {
    const text = this.source.text;
    const { eol } = this.style;
    const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return {
      edits: [{ start: text.length, end: text.length, text: `${lead}---${eol}${renderBlock(value, 0, this.style)}${eol}` }],
      expect: [{ document: -1, path: [], value }],
      addsDocuments: 1,
    };
  }

  /**
   * Removes the pair `key`: in a block mapping its lines (refused when a comment follows it on
   * its line: the comment would be lost), in a flow mapping the pair and one comma. The only key of a block mapping is kept:
   * removing it would leave the parent key null.
   */
  remove(view: MapView, key: string): Change | Unfixable {
    const shared = this.sharedReason(view, key);
    if (shared) return shared;
    const pair = view.pair(key);
    const expect = [expectAt(this.documentIndex, view, key, undefined)];
    if (!pair) return { edits: [], expect };
    const text = this.source.text;
    const start = pair.key!.range![0];
    const valueNode = pair.value;
    const end = valueNode?.range ? contentEnd(valueNode, text) : pair.key!.range![1];
    const replaced = this.refuseReplacing(view, start, end);
    if (replaced) return replaced;
    const items = view.node.items;
    const position = items.indexOf(pair);
    if (view.node.flow) {
      const after = /^\s*,\s*/.exec(text.slice(end));
      if (after && position < items.length - 1) return { edits: [{ start, end: end + after[0].length, text: '' }], expect };
      const before = /,\s*$/.exec(text.slice(0, start));
      if (before) return { edits: [{ start: start - before[0].length, end, text: '' }], expect };
      return { edits: [{ start, end, text: '' }], expect };
    }
    if (items.length === 1) return { unfixable: `not fixed: ${view.childPath(key)} is the only key of ${view.path || 'the object'}, and removing it would leave that empty` };
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (text.slice(lineStart, start).trim() !== '') {
      return { unfixable: `not fixed: ${view.childPath(key)} shares its line with other YAML, which the fix does not rewrite` };
    }
    const newline = text.indexOf('\n', end);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (text.slice(end, lineEnd).trim() !== '') return { unfixable: `not fixed: a comment follows ${view.childPath(key)} on its line, and it would be lost` };
    return { edits: [{ start: lineStart, end: lineEnd, text: '' }], expect };
  }

  /** Replaces the pair `oldKey` with `newKey: value` (e.g. `minAvailable: 70%` → `maxUnavailable: 1`). */
  replacePair(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable {
    const shared = this.sharedReason(view, oldKey);
    if (shared) return shared;
    const pair = view.pair(oldKey)!;
    const start = pair.key!.range![0];
    const valueNode = pair.value;
    const end = valueNode?.range ? contentEnd(valueNode, this.source.text) : pair.key!.range![1];
    const replaced = this.refuseReplacing(view, start, end);
    if (replaced) return replaced;
    const expect: Expectation[] = [expectAt(this.documentIndex, view, newKey, value)];
    if (newKey !== oldKey) expect.push(expectAt(this.documentIndex, view, oldKey, undefined));
    return { edits: [{ start, end, text: this.pairText(newKey, value, this.column(start), view.node.flow === true) }], expect };
  }

  private insert(view: MapView, key: string, value: Json, position: 'first' | 'last'): TextEdit {
    const text = this.source.text;
    const items = view.node.items;
    const [mapStart, mapEnd] = view.node.range!;
    void mapEnd;
    if (view.node.flow) {
      const pair = `${renderKey(key, this.style)}: ${renderFlow(value, this.style)}`;
      if (items.length === 0) return { start: mapStart, end: mapEnd, text: `{${pair}}` };
      if (position === 'first') {
        const first = items[0]!.key!.range![0];
        return { start: first, end: first, text: `${pair}, ` };
      }
      const last = items[items.length - 1]!;
      const end = last.value?.range ? contentEnd(last.value, text) : last.key!.range![1];
      return { start: end, end, text: `, ${pair}` };
    }
    const firstKey = items[0]!.key!.range![0];
    const column = this.column(firstKey);
    const pairText = this.pairText(key, value, column, false);
    if (position === 'first') return { start: firstKey, end: firstKey, text: `${pairText}${this.style.eol}${' '.repeat(column)}` };
    // After the last value's line, before whatever (comments, the next key) follows.
    const end = contentEnd(view.node, text);
    const lineEnd = text.indexOf('\n', end);
    const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    return { start: at, end: at, text: `${this.style.eol}${' '.repeat(column)}${pairText}` };
  }

  private pairText(key: string, value: Json, column: number, flow: boolean): string {
    return flow ? `${key}: ${renderFlow(value, this.style)}` : renderPair(key, value, column, this.style);
  }

  /** A replacement value for a non-scalar (or a scalar replaced by a structure). */
  private valueText(value: Json, start: number, view: MapView, current?: TreeNode): string {
    if (view.node.flow || (current && isCollection(current) && current.flow)) return renderFlow(value, this.style);
    if (value === null || typeof value !== 'object') return renderScalar(value, this.style);
    if (current && !isScalar(current)) return renderBlock(value, this.column(start), this.style);
    // A scalar becomes a block: it starts on the next line, one level in.
    const column = this.leadingSpaces(start) + this.style.indent;
    return `${this.style.eol}${' '.repeat(column)}${renderBlock(value, column, this.style)}`;
  }

  /** A new scalar in the style of the one it replaces (quotes kept for strings). */
  private scalarLike(current: TreeNode, value: Exclude<Json, object | null>): string {
    const source = this.source.text.slice(current.range![0], current.range![1]);
    if (typeof value === 'string' && (source.startsWith('"') || source.startsWith("'"))) {
      return source.startsWith("'") ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
    }
    return renderScalar(value, this.style);
  }

  private column(offset: number): number {
    return this.source.position(offset).column - 1;
  }

  /** The column of the key on `offset`'s line (after a `- ` list marker). */
  private leadingSpaces(offset: number): number {
    const lineStart = this.source.text.lastIndexOf('\n', offset - 1) + 1;
    const line = this.source.text.slice(lineStart, offset);
    return line.length - line.trimStart().replace(/^- +/, '').length;
  }

  private sharedReason(view: MapView, key: string): Unfixable | undefined {
    if (view.viaAlias || (view.pair(key) && view.isAliased(key))) {
      return { unfixable: `not fixed: ${view.childPath(key)} comes through a YAML alias, and editing the anchor would change every place that uses it` };
    }
    // The mapping (or one around it, or the value) is an anchor that aliases elsewhere reuse.
    const used = usedAnchors(view.document);
    if (used.size === 0) return undefined;
    const shared = [...nodesAlong(view.document, view.segments), view.pair(key)?.value].find(
      (node) => node && isAnchored(node) && used.has(anchorOf(node)!),
    );
    return shared
      ? { unfixable: `not fixed: ${view.childPath(key)} is inside the anchor &${anchorOf(shared)}, which aliases reuse: editing it would change every place that uses it` }
      : undefined;
  }

  /** A replacement must not drop comments or an anchor that aliases still use. */
  private refuseReplacing(view: MapView, start: number, end: number): Unfixable | undefined {
    const replaced = this.source.text.slice(start, end);
    for (const anchor of usedAnchors(view.document)) {
      if (new RegExp(`&${anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(replaced)) {
        return { unfixable: `not fixed: the value defines the anchor &${anchor}, which aliases use` };
      }
    }
    if (commentOffsets(this.source.text).some((offset) => offset >= start && offset < end)) {
      return { unfixable: `not fixed: the value it would replace holds comments, which would be lost` };
    }
    return undefined;
  }
}


/**
 * Where a node's content ends: after its last scalar or flow collection, never after the
 * comments and blank lines YAML attaches to the end of a block collection.
 */
export function contentEnd(node: TreeNode, text: string): number {
  if (isMap(node) && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (last) return last.value?.range ? contentEnd(last.value, text) : last.key!.range![1];
  } else if (isSeq(node) && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (last?.range) return contentEnd(last, text);
  }
  let end = node.range![1];
  // A keep-chomped block scalar (`|+`) holds the blank lines after it: they are its value, and
  // text inserted before them would take them. Only its final line break is left out.
  if (keepsTrailingLines(node, text)) return withoutLineBreak(end, text);
  // Any other block scalar's range runs through its final line break; the content stops before it.
  while (end > node.range![0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

function keepsTrailingLines(node: TreeNode, text: string): boolean {
  if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED')) return false;
  return /^[|>](?:[1-9]?\+|\+[1-9]?)/.test(text.slice(node.range![0], node.range![0] + 3));
}

function withoutLineBreak(end: number, text: string): number {
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return end;
}

function anchorOf(node: TreeNode): string | undefined {
  return isCollection(node) || isScalar(node) ? node.anchor : undefined;
}

function isAnchored(node: TreeNode): boolean {
  return typeof anchorOf(node) === 'string';
}

/** The collections from the document root down to `segments`, aliases not followed. */
function nodesAlong(document: TreeDocument, segments: readonly (string | number)[]): TreeNode[] {
  const nodes: TreeNode[] = [];
  let current: TreeNode | null | undefined = document.contents;
  for (const segment of [...segments, undefined]) {
    if (!current || isAlias(current)) break;
    nodes.push(current);
    if (segment === undefined) break;
    if (isMap(current)) current = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))?.value;
    else if (isSeq(current)) current = current.items[segment as number];
    else break;
  }
  return nodes;
}
