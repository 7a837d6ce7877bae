import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { SourceFile } from '../parse/source.js';
import type { MapView } from '../model/node.js';
import { renderBlock, renderFlow, renderPair, renderScalar, type Json } from './render.js';
import { detectStyle, type YamlStyle } from './style.js';
import type { Expectation, Fix, FixOutcome, TextEdit, Unfixable } from './types.js';

/** Edits for one intended change, and what the document must hold afterwards. */
export interface Change {
  edits: TextEdit[];
  expect: Expectation[];
}

const styles = new WeakMap<SourceFile, YamlStyle>();

/**
 * Turns "set this key of this mapping" into text edits that leave every other byte alone,
 * written in the file's own style. Refuses values shared through a YAML alias.
 */
export class YamlEditor {
  readonly style: YamlStyle;

  constructor(
    readonly source: SourceFile,
    readonly documentIndex: number,
  ) {
    let style = styles.get(source);
    if (!style) styles.set(source, (style = detectStyle(source.text)));
    this.style = style;
  }

  /** Sets `key` of `view` to `value`: replaces the value in place, or adds the key. */
  set(view: MapView, key: string, value: Json, position: 'first' | 'last' = 'last'): Change | Unfixable {
    const shared = this.sharedReason(view, key);
    if (shared) return shared;
    const expect = [{ document: this.documentIndex, path: view.childSegments(key), value }];
    const pair = view.pair(key);
    if (!pair) return { edits: [this.insert(view, key, value, position)], expect };
    const current = pair.value as Node | null;
    const keyStart = (pair.key as Node).range![0];
    if (!current?.range || (isScalar(current) && current.value === null && current.range[0] === current.range[1])) {
      // `key:` with nothing after it: write the whole pair again.
      const end = current?.range?.[1] ?? (pair.key as Node).range![1];
      return { edits: [{ start: keyStart, end, text: this.pairText(key, value, this.column(keyStart), view.node.flow === true) }], expect };
    }
    const [start, rawEnd] = current.range;
    if (isScalar(current) || (value !== null && typeof value !== 'object')) {
      const text = isScalar(current) && value !== null && typeof value !== 'object' ? this.scalarLike(current, value) : this.valueText(value, start, view);
      return { edits: [{ start, end: isScalar(current) ? rawEnd : this.contentEnd(start, rawEnd), text }], expect };
    }
    return { edits: [{ start, end: this.contentEnd(start, rawEnd), text: this.valueText(value, start, view, current) }], expect };
  }

  /** Replaces the pair `oldKey` with `newKey: value` (e.g. `minAvailable: 70%` → `maxUnavailable: 1`). */
  replacePair(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable {
    const shared = this.sharedReason(view, oldKey);
    if (shared) return shared;
    const pair = view.pair(oldKey)!;
    const start = (pair.key as Node).range![0];
    const valueNode = pair.value as Node | null;
    const end = valueNode?.range ? (isScalar(valueNode) ? valueNode.range[1] : this.contentEnd(valueNode.range[0], valueNode.range[1])) : (pair.key as Node).range![1];
    const expect: Expectation[] = [{ document: this.documentIndex, path: view.childSegments(newKey), value }];
    if (newKey !== oldKey) expect.push({ document: this.documentIndex, path: view.childSegments(oldKey), value: undefined });
    return { edits: [{ start, end, text: this.pairText(newKey, value, this.column(start), view.node.flow === true) }], expect };
  }

  private insert(view: MapView, key: string, value: Json, position: 'first' | 'last'): TextEdit {
    const text = this.source.text;
    const items = view.node.items as Pair<Node, Node | null>[];
    const [mapStart, mapEnd] = view.node.range!;
    if (view.node.flow) {
      const first = items[0]?.key?.range?.[0];
      const pair = `${key}: ${renderFlow(value, this.style)}`;
      if (first === undefined) return { start: mapStart, end: mapEnd, text: `{${pair}}` };
      return { start: first, end: first, text: `${pair}, ` };
    }
    const firstKey = items[0]!.key!.range![0];
    const column = this.column(firstKey);
    const pairText = this.pairText(key, value, column, false);
    if (position === 'first') return { start: firstKey, end: firstKey, text: `${pairText}${this.style.eol}${' '.repeat(column)}` };
    // After the last value's line, before whatever (comments, the next key) follows.
    const end = this.contentEnd(mapStart, mapEnd);
    const lineEnd = text.indexOf('\n', end);
    const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    return { start: at, end: at, text: `${this.style.eol}${' '.repeat(column)}${pairText}` };
  }

  private pairText(key: string, value: Json, column: number, flow: boolean): string {
    return flow ? `${key}: ${renderFlow(value, this.style)}` : renderPair(key, value, column, this.style);
  }

  /** A replacement value for a non-scalar (or a scalar replaced by a structure). */
  private valueText(value: Json, start: number, view: MapView, current?: Node): string {
    if (view.node.flow || (current && isMap(current) && current.flow)) return renderFlow(value, this.style);
    if (value === null || typeof value !== 'object') return renderScalar(value, this.style);
    if (current && !isScalar(current)) return renderBlock(value, this.column(start), this.style);
    // A scalar becomes a block: it starts on the next line, one level in.
    const column = this.leadingSpaces(start) + this.style.indent;
    return `${this.style.eol}${' '.repeat(column)}${renderBlock(value, column, this.style)}`;
  }

  /** A new scalar in the style of the one it replaces (quotes kept for strings). */
  private scalarLike(current: Node, value: Exclude<Json, object | null>): string {
    const source = this.source.text.slice(current.range![0], current.range![1]);
    if (typeof value === 'string' && (source.startsWith('"') || source.startsWith("'"))) {
      return source.startsWith("'") ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
    }
    return renderScalar(value, this.style);
  }

  /** The end of a node's content: before trailing blank lines, comment lines and an inline comment. */
  private contentEnd(start: number, end: number): number {
    const text = this.source.text;
    const lines = text.slice(start, end).split('\n');
    while (lines.length > 1 && /^\s*(#.*)?\r?$/.test(lines[lines.length - 1]!)) lines.pop();
    const last = lines[lines.length - 1]!.replace(/\r$/, '');
    const withoutComment = last.replace(/\s+#[^'"]*$/, '').replace(/\s+$/, '');
    lines[lines.length - 1] = withoutComment;
    return start + lines.join('\n').length;
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
    return undefined;
  }
}

export function isUnfixable(change: Change | Unfixable): change is Unfixable {
  return 'unfixable' in change;
}

/** One coherent fix from several changes; unfixable if any part is. */
export function combine(safety: Fix['safety'], description: string, ...changes: (Change | Unfixable)[]): FixOutcome {
  const refused = changes.find(isUnfixable);
  if (refused) return refused;
  const parts = changes as Change[];
  return { safety, description, edits: mergeInsertions(parts.flatMap((c) => c.edits)), expect: parts.flatMap((c) => c.expect) };
}

/** Insertions at one point (two keys added to one mapping) become one edit, in order. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = edit.start === edit.end && merged.find((m) => m.start === edit.start && m.end === edit.start);
    if (same) same.text += edit.text;
    else merged.push({ ...edit });
  }
  return merged;
}
