import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceFile } from '../../core/source.js';
import { originOf, propertyOf, staticString, unwrap } from './values.js';
import type { ParsedDocument } from '../shared/document.js';
import type { MapView } from '../shared/node.js';
import { isMap, isScalar, isSeq, isUnknown } from '../shared/tree.js';
import { treeView } from '../shared/encoded-tree.js';
import type { Change } from '../shared/editor.js';
import type { ManifestEditor } from '../shared/editor.js';
import type { Json } from '../shared/editor.js';
import { detectTsStyle, renderTs, tsKey, tsString, type TsStyle } from './render.js';
import type { TextEdit, Unfixable } from '../../core/fix.js';
import { expectAt, perSource } from '../shared/edit-support.js';

const styleOf = perSource(detectTsStyle);

/**
 * Text edits to an object written in TypeScript (a cdk8s chart, a Pulumi program): a value is
 * replaced where it is written, a property is inserted in the object literal's own layout.
 * Values shared through a `const` that several places read are refused, as YAML anchors are.
 */
export class TsEditor implements ManifestEditor {
  private readonly style: TsStyle;

  constructor(
    readonly source: SourceFile,
    private readonly document: ParsedDocument,
  ) {
    this.style = styleOf(source);
  }

  set(view: MapView, key: string, value: Json, position: 'first' | 'last' = 'last'): Change | Unfixable {
    const object = this.objectOf(view, key);
    if ('unfixable' in object) return object;
    const expect = [expectAt(this.document.index, view, key, value)];
    const pair = view.pair(key);
    if (!pair) {
      if (view.node.hidden) return { unfixable: `not fixed: a spread in the object may set ${view.childPath(key)}` };
      const edits = this.insert(view, object, key, value, position);
      return 'unfixable' in edits ? edits : { edits, expect };
    }
    const property = propertyOf(pair);
    if (!property) return { unfixable: `not fixed: ${view.childPath(key)} is given by the class, not written in the source` };
    if (isUnknown(pair.value)) return { unfixable: `not fixed: ${view.childPath(key)} is computed, and a fix does not overwrite it` };
    const indent = this.lineIndent(property.range[0]);
    const rendered = this.render(value, indent, key, originOf(pair.value)?.wrapper, this.isInline(object), view);
    if (rendered === undefined) return this.needsIntOrString(view, key);
    // `{ replicas }` becomes `{ replicas: 2 }`: the name stays read nowhere else.
    if (property.shorthand) return { edits: [{ start: property.range[0], end: property.range[1], text: `${tsKey(key, this.style)}: ${rendered}` }], expect };
    return { edits: [{ start: property.value.range[0], end: property.value.range[1], text: rendered }], expect };
  }

  replacePair(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable {
    const object = this.objectOf(view, oldKey);
    if ('unfixable' in object) return object;
    const property = this.propertyFor(view, oldKey);
    if ('unfixable' in property) return property;
    if (isUnknown(view.pair(oldKey)?.value)) return { unfixable: `not fixed: ${view.childPath(oldKey)} is computed, and a fix does not overwrite it` };
    const rendered = this.render(value, this.lineIndent(property.range[0]), newKey, undefined, this.isInline(object), view);
    if (rendered === undefined) return this.needsIntOrString(view, newKey);
    const expect = [expectAt(this.document.index, view, newKey, value)];
    if (newKey !== oldKey) expect.push(expectAt(this.document.index, view, oldKey, undefined));
    return { edits: [{ start: property.range[0], end: property.range[1], text: `${tsKey(newKey, this.style)}: ${rendered}` }], expect };
  }

  renameKey(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable {
    const object = this.objectOf(view, oldKey);
    if ('unfixable' in object) return object;
    const property = this.propertyFor(view, oldKey);
    if ('unfixable' in property) return property;
    if (property.shorthand || property.computed) return { unfixable: `not fixed: ${view.childPath(oldKey)} is not written as a plain key` };
    const written = this.source.text.slice(property.key.range[0], property.key.range[1]);
    const quote = /^["']/.test(written) ? written[0]! : '';
    const text = quote ? `${quote}${JSON.stringify(newKey).slice(1, -1)}${quote}` : tsKey(newKey, this.style);
    return {
      edits: [{ start: property.key.range[0], end: property.key.range[1], text }],
      expect: [
        expectAt(this.document.index, view, newKey, value),
        expectAt(this.document.index, view, oldKey, undefined),
      ],
    };
  }

  replaceInScalar(view: MapView, key: string, index: number, from: string, to: string, expected: Json): Change | Unfixable {
    const item = this.listItem(view, key, index);
    if ('unfixable' in item) return item;
    const written = this.source.text.slice(item.range[0], item.range[1]);
    const at = written.indexOf(from);
    if (at === -1 || written.indexOf(from, at + 1) !== -1) return { unfixable: `not fixed: "${from}" is not written once in the command` };
    const start = item.range[0] + at;
    return {
      edits: [{ start, end: start + from.length, text: to }],
      expect: [expectAt(this.document.index, view, key, expected, index)],
    };
  }

  replaceItem(view: MapView, key: string, current: readonly string[], index: number, value: string): Change | Unfixable {
    const item = this.listItem(view, key, index);
    if ('unfixable' in item) return item;
    const quote = this.source.text[item.range[0]] === '"' ? '"' : "'";
    const values = [...current];
    values[index] = value;
    return {
      edits: [{ start: item.range[0], end: item.range[1], text: tsString(value, { ...this.style, quote }) }],
      expect: [expectAt(this.document.index, view, key, values)],
    };
  }

  appendItem(view: MapView, key: string, current: readonly string[] | undefined, value: string): Change | Unfixable {
    if (!current) return this.set(view, key, [value]);
    const object = this.objectOf(view, key);
    if ('unfixable' in object) return object;
    const list = originOf(view.valueNode(key))?.expression;
    if (list?.type !== 'ArrayExpression') return { unfixable: `not fixed: ${view.childPath(key)} is not written as a list literal` };
    const elements = list.elements as TSESTree.Node[];
    const rendered = tsString(value, this.style);
    const edits = this.insertEntry(list.range, elements, rendered, 'last');
    return { edits, expect: [expectAt(this.document.index, view, key, [...current, value])] };
  }

  appendDocument(): Unfixable {
    return { unfixable: 'not fixed: a new object in a TypeScript source is yours to write (the message shows what it needs)' };
  }

  /**
   * Removes the property `key`: the whole line when it stands alone on it (with its comma), else
   * the property and one comma. A comment after it is never removed with it.
   */
  remove(view: MapView, key: string): Change | Unfixable {
    const object = this.objectOf(view, key);
    if ('unfixable' in object) return object;
    const property = this.propertyFor(view, key);
    if ('unfixable' in property) return property;
    const expect = [expectAt(this.document.index, view, key, undefined)];
    const text = this.source.text;
    const [start, end] = property.range;
    const trailer = trailerOf(text, end);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (trailer.comments) return { unfixable: `not fixed: a comment follows ${view.childPath(key)}, and it would be lost` };
    const atLineEnd = trailer.end === text.length || text[trailer.end] === '\n' || text[trailer.end] === '\r';
    if (text.slice(lineStart, start).trim() === '' && atLineEnd && !this.isInline(object)) {
      const newline = text.indexOf('\n', trailer.end);
      return { edits: [{ start: lineStart, end: newline === -1 ? text.length : newline + 1, text: '' }], expect };
    }
    const after = /^\s*,\s*/.exec(text.slice(end));
    if (after && object.properties[object.properties.length - 1] !== property) return { edits: [{ start, end: end + after[0].length, text: '' }], expect };
    const before = /,\s*$/.exec(text.slice(0, start));
    if (before) return { edits: [{ start: start - before[0].length, end, text: '' }], expect };
    return { edits: [{ start, end, text: '' }], expect };
  }

  /** The object literal `view` was read from, if a fix may edit it. */
  private objectOf(view: MapView, key: string): TSESTree.ObjectExpression | Unfixable {
    const expression = originOf(view.node)?.expression;
    if (expression?.type !== 'ObjectExpression') return { unfixable: `not fixed: ${view.path || 'the object'} is not written as an object literal` };
    const shared = this.sharedConst(view, key);
    if (shared) {
      return { unfixable: `not fixed: ${view.childPath(key)} is in the const ${shared}, which several places read: editing it would change all of them` };
    }
    return expression;
  }

  private propertyFor(view: MapView, key: string): TSESTree.Property | Unfixable {
    const pair = view.pair(key);
    const property = pair && propertyOf(pair);
    return property ?? { unfixable: `not fixed: ${view.childPath(key)} is not written in the source` };
  }

  private listItem(view: MapView, key: string, index: number): TSESTree.Node | Unfixable {
    const object = this.objectOf(view, key);
    if ('unfixable' in object) return object;
    const list = view.valueNode(key);
    const item = isSeq(list) ? list.items[index] : undefined;
    const expression = originOf(item)?.expression;
    const literal = staticString(expression) !== undefined && expression === unwrap(expression!);
    // Only a literal written in the list itself: a const it names may be read elsewhere too.
    const list_ = originOf(list)?.expression;
    const inList = list_?.type === 'ArrayExpression' && list_.elements.includes(expression as TSESTree.Expression);
    if (!expression || !literal || !inList) return { unfixable: `not fixed: ${view.childPath(key)}[${index}] is not a string literal` };
    return expression;
  }

  /** The name of a const shared by several places that holds `view` (or its `key`), if any. */
  private sharedConst(view: MapView, key: string): string | undefined {
    let current: unknown = treeView(this.document.tree, this.source.text).contents;
    for (const segment of [...view.segments, key]) {
      const shared = originOf(current)?.sharedConst;
      if (shared) return shared;
      if (isMap(current)) {
        const pairs = current.items.filter((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        current = pairs[pairs.length - 1]?.value;
      } else if (isSeq(current) && typeof segment === 'number') {
        current = current.items[segment];
      } else {
        return undefined;
      }
    }
    return originOf(current)?.sharedConst;
  }

  private render(value: Json, indent: string, key: string, wrapper: string | undefined, inline: boolean, view: MapView): string | undefined {
    if (wrapper && (typeof value === 'number' || typeof value === 'string')) {
      return `${wrapper}.${typeof value === 'number' ? `fromNumber(${value})` : `fromString(${tsString(value, this.style)})`}`;
    }
    const parentKey = view.segments[view.segments.length - 1];
    return renderTs(value, indent, this.style, {
      key,
      cdk8s: this.document.typescript?.cdk8s === true,
      inline,
      ...(typeof parentKey === 'string' ? { parentKey } : {}),
    });
  }

  /** An object literal written on one line (`{ path: '/health', port: 8000 }`). */
  private isInline(object: TSESTree.ObjectExpression): boolean {
    const first = object.properties[0];
    return first !== undefined && this.line(first.range[0]) === this.line(object.range[0]);
  }

  private needsIntOrString(view: MapView, key: string): Unfixable {
    return { unfixable: `not fixed: ${view.childPath(key)} is an IntOrString in cdk8s, and this file does not use IntOrString` };
  }

  private insert(view: MapView, object: TSESTree.ObjectExpression, key: string, value: Json, position: 'first' | 'last'): TextEdit[] | Unfixable {
    const properties = object.properties as TSESTree.Node[];
    const indent = properties[0] && this.onOwnLine(object, properties[0]) ? this.lineIndent(properties[0].range[0]) : this.lineIndent(object.range[0]) + this.style.indent;
    const rendered = this.render(value, indent, key, undefined, this.isInline(object), view);
    if (rendered === undefined) return this.needsIntOrString(view, key);
    return this.insertEntry(object.range, properties, `${tsKey(key, this.style)}: ${rendered}`, position);
  }

  /**
   * Inserts an entry into an object or array literal, on its own line where the entries are:
   * first right after the opening line (so a comment above the first entry stays with it), last
   * after the last entry and the comments that follow it on its line (so they stay with it).
   */
  private insertEntry(range: readonly [number, number], entries: readonly TSESTree.Node[], entry: string, position: 'first' | 'last'): TextEdit[] {
    const text = this.source.text;
    const [start, end] = range;
    const { eol } = this.style;
    if (entries.length === 0) {
      const open = text[start]!;
      const inner = text.slice(start + 1, end - 1);
      if (inner.trim() !== '') return [{ start: end - 1, end: end - 1, text: entry }];
      return [{ start, end, text: open === '[' ? `[${entry}]` : `{ ${entry} }` }];
    }
    const first = entries[0]!;
    const last = entries[entries.length - 1]!;
    const multiLine = this.line(first.range[0]) !== this.line(start);
    if (position === 'first') {
      if (!multiLine) return [{ start: first.range[0], end: first.range[0], text: `${entry}, ` }];
      const at = this.lineEnd(start);
      return [{ start: at, end: at, text: `${eol}${this.lineIndent(first.range[0])}${entry},` }];
    }
    const trailer = trailerOf(text, last.range[1]);
    // On one line, unless a line comment ends it: after the last entry and its comments.
    if (!multiLine && !trailer.lineComment) return [{ start: trailer.end, end: trailer.end, text: trailer.comma ? ` ${entry},` : `, ${entry}` }];
    const indent = this.lineIndent((multiLine ? first : last).range[0]);
    // One edit, so that several new entries at one place join up (`,\n a,\n b`).
    if (!trailer.comma && !trailer.comments) return [{ start: last.range[1], end: last.range[1], text: `,${eol}${indent}${entry}` }];
    // After the comments, each new entry with its comma; the last entry gets the comma it lacks
    // (once, however many entries one fix inserts: see combine).
    const comma = trailer.comma ? [] : [{ start: last.range[1], end: last.range[1], text: ',' }];
    return [...comma, { start: trailer.end, end: trailer.end, text: `${eol}${indent}${entry},` }];
  }

  private onOwnLine(object: TSESTree.Node, property: TSESTree.Node): boolean {
    return this.line(object.range[0]) !== this.line(property.range[0]);
  }

  private line(offset: number): number {
    return this.source.position(offset).line;
  }

  private lineEnd(offset: number): number {
    const text = this.source.text;
    const newline = text.indexOf('\n', offset);
    if (newline === -1) return text.length;
    return text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** The whitespace that starts the line holding `offset`. */
  private lineIndent(offset: number): string {
    const text = this.source.text;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
  }
}

const COMMA = /\s*,/y;
const BLOCK_COMMENT = /[ \t]*\/\*[\s\S]*?\*\//y;
const LINE_COMMENT = /[ \t]*\/\/[^\r\n]*/y;
const LINE_END = /[ \t]*(?=\r?\n|$)/y;

/**
 * What follows an entry of a literal: its comma, then the comments after it (a block comment may
 * run over lines, a line comment ends the line). `end` is after them, at the line's end when only
 * spaces follow.
 */
function trailerOf(text: string, offset: number): { comma: boolean; comments: boolean; lineComment: boolean; end: number } {
  let end = offset;
  const skip = (pattern: RegExp) => {
    pattern.lastIndex = end;
    if (!pattern.test(text)) return false;
    end = pattern.lastIndex;
    return true;
  };
  const comma = skip(COMMA);
  let comments = false;
  while (skip(BLOCK_COMMENT)) comments = true;
  const lineComment = skip(LINE_COMMENT);
  skip(LINE_END);
  return { comma, comments: comments || lineComment, lineComment, end };
}
