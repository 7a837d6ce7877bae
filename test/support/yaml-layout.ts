/**
 * Writes JSON-like values as YAML in a layout drawn from a stream of numbers (fast-check's), so
 * that a property can vary how a manifest is written while its values stay the same: block
 * scalars with every chomping indicator, folded and multi-line plain scalars, flow maps and
 * sequences (on one line or several), anchors and aliases for repeated values, comments on their
 * own lines and after values, blank lines, 2 or 4 spaces, indented and non-indented sequences,
 * moved keys, document markers, CRLF and a byte-order mark.
 *
 * The writer only uses a layout where the value it reads back is the value given; the property
 * checks that it does (a writer bug is reported as such, not as a fix bug).
 */

import { isDeepStrictEqual } from 'node:util';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
type Scalar = null | boolean | number | string;
type Mapping = { [key: string]: Value };

export interface LayoutOptions {
  /** Spaces per level. */
  indent: 2 | 4;
  /** `key:\n  - a` (true) or `key:\n- a` (false), where the choices keep the usual layout. */
  indentSequences: boolean;
  crlf: boolean;
  bom: boolean;
}

/**
 * Layout decisions, drawn from numbers. Past the end of the numbers every decision is 0, the
 * plainest layout, so that shrinking the numbers shrinks the layout towards plain block YAML.
 */
export class Choices {
  private next = 0;

  constructor(private readonly values: readonly number[]) {}

  /** An index into `weights`, drawn with those weights; the first possible one once the numbers are used up. */
  pick(weights: readonly number[]): number {
    const value = this.values[this.next++];
    if (value === undefined) return weights.findIndex((w) => w > 0);
    let rest = value % weights.reduce((sum, w) => sum + w, 0);
    for (const [i, weight] of weights.entries()) {
      if (rest < weight) return i;
      rest -= weight;
    }
    return 0;
  }

  chance(percent: number): boolean {
    return this.pick([100 - percent, percent]) === 1;
  }

  /** One of `items`, the first by default. */
  oneOf<T>(items: readonly T[]): T {
    return items[this.pick(items.map(() => 1))]!;
  }
}

interface Line {
  indent: number;
  text: string;
  /** Inside a scalar that spans lines (block scalar content, plain continuation): nothing may go before it. */
  within?: boolean;
  /** A comment may follow on this line. */
  commentable?: boolean;
  /** The last line of a keep-chomped (`+`) block scalar: a blank line after it would join its value. */
  keeps?: boolean;
}

const COMMENTS = ['note', 'a: b', '- not an item', 'key: |+', '"quoted" and \'single\'', '&anchor *alias', '---', '', 'café ☕ 🚀', 'TODO: tune for H100s', '#'];

/** The whole file: the documents in the order given, decorated with comments and blank lines. */
export function layoutYaml(documents: readonly Value[], options: LayoutOptions, choices: Choices): string {
  const writer = new Writer(options, choices);
  const lines: Line[] = [];
  documents.forEach((document, i) => {
    if (i > 0 || choices.chance(30)) lines.push({ indent: 0, text: '---', commentable: true });
    lines.push(...writer.document(document));
  });
  const decorated = decorate(lines, choices);
  const last = lines[lines.length - 1];
  // A block scalar's last line break is part of its value.
  const finalBreak = last?.within === true || !choices.chance(20);
  const eol = options.crlf ? '\r\n' : '\n';
  const text = decorated.map((l) => (l.text === '' ? ' '.repeat(l.indent) : `${' '.repeat(l.indent)}${l.text}`)).join(eol);
  return `${options.bom ? '\uFEFF' : ''}${text}${finalBreak ? eol : ''}`;
}

/** Comment lines and blank lines between lines, comments and spaces after them. */
function decorate(lines: readonly Line[], choices: Choices): Line[] {
  const out: Line[] = [];
  for (let j = 0; j <= lines.length; j++) {
    const next = lines[j];
    if (!next?.within) out.push(...gap(lines[j - 1], next?.indent ?? 0, choices));
    if (!next) break;
    let text = next.text;
    if (next.commentable && choices.chance(12)) text += `${choices.oneOf([' ', '   '])}#${choices.oneOf(['', ' '])}${choices.oneOf(COMMENTS)}`;
    else if (!next.within && choices.chance(3)) text += choices.oneOf([' ', '  ']);
    out.push({ ...next, text });
  }
  return out;
}

/**
 * What goes between two lines: nothing, comment lines, blank lines. Indented no deeper than the
 * next line, so that none is read as the content of a block scalar that ends above; no blank
 * line straight after a keep-chomped scalar (it would be kept in its value).
 */
function gap(previous: Line | undefined, nextIndent: number, choices: Choices): Line[] {
  const kind = choices.pick([80, 9, 8, 3]);
  if (kind === 0) return [];
  const comment = (): Line => ({ indent: choices.oneOf([nextIndent, 0, Math.floor(nextIndent / 2)]), text: `#${choices.oneOf(['', ' '])}${choices.oneOf(COMMENTS)}` });
  const blank = (): Line => ({ indent: choices.oneOf([0, nextIndent]), text: '' });
  const lines = kind === 1 ? [comment()] : kind === 2 ? [blank()] : [comment(), blank(), comment()];
  if (previous?.keeps) while (lines[0]?.text === '') lines.shift();
  return lines;
}

/** Writes one document at a time; anchors are per document. */
class Writer {
  private anchors = new Map<string, string>();
  /** Anchored mappings, written in full: candidates to merge into later ones. */
  private anchoredMaps: { name: string; value: Mapping }[] = [];
  private repeated = new Set<string>();
  private anchorCount = 0;

  constructor(
    private readonly options: LayoutOptions,
    private readonly choices: Choices,
  ) {}

  document(value: Value): Line[] {
    this.anchors.clear();
    this.anchoredMaps = [];
    this.repeated = repeatedValues(value);
    if (isMapping(value) && Object.keys(value).length > 0) return this.blockMap(value, 0);
    return [{ indent: 0, text: this.flow(value), commentable: true }];
  }

  private get step(): number {
    return this.options.indent;
  }

  private blockMap(map: Mapping, column: number): Line[] {
    const base = this.mergeBase(map);
    const own = Object.keys(map).filter((key) => !base || !isDeepStrictEqual(base.value[key], map[key]) || this.choices.chance(10));
    const lines = this.keyOrder(own).flatMap((key) => this.entry(`${this.key(key, false)}:`, map[key]!, column, 'map'));
    if (!base) return lines;
    // `<<: *base` first or last: the mapping's own keys win either way.
    const merge: Line = { indent: column, text: `<<:${this.space()}*${base.name}`, commentable: true };
    return this.choices.chance(20) && lines.length > 0 ? [...lines, merge] : [merge, ...lines];
  }

  /**
   * An anchored mapping written before whose keys this one has too, sharing a value: this one
   * may merge it in with `<<` and write only the keys that differ.
   */
  private mergeBase(map: Mapping): { name: string; value: Mapping } | undefined {
    const candidate = this.anchoredMaps.find(
      ({ value }) => Object.keys(value).every((key) => key in map) && Object.keys(value).some((key) => isDeepStrictEqual(value[key], map[key])),
    );
    return candidate && this.choices.chance(60) ? candidate : undefined;
  }

  private blockSeq(items: readonly Value[], column: number): Line[] {
    return items.flatMap((item) => this.entry('-', item, column, 'seq'));
  }

  /** Keys in their order, one moved to the end, or reversed. */
  private keyOrder(keys: string[]): string[] {
    const how = this.choices.pick([85, 10, 5]);
    if (how === 1 && keys.length > 1) {
      const moved = keys.splice(this.choices.pick(keys.map(() => 1)), 1);
      return [...keys, ...moved];
    }
    return how === 2 ? keys.reverse() : keys;
  }

  /** The space after `key:` or `-`: usually one, sometimes aligned further. */
  private space(): string {
    return this.choices.pick([94, 6]) === 0 ? ' ' : '    ';
  }

  /** How much deeper a nested block goes: the file's step, sometimes another. */
  private stepFor(): number {
    return [this.step, 3, this.step === 2 ? 4 : 2][this.choices.pick([90, 5, 5])]!;
  }

  /**
   * `key: value` of a block map at `column`, or `- value` of a block sequence whose dashes are
   * at `column`: the first line starts with `prefix`, the value's own lines follow.
   */
  private entry(prefix: string, value: Value, column: number, parent: 'map' | 'seq'): Line[] {
    const alias = this.alias(value);
    if (alias) return [{ indent: column, text: `${prefix}${this.space()}${alias}`, commentable: true }];
    const anchor = this.anchor(value);
    const lines = this.entryValue(prefix, value, column, parent, anchor ? `&${anchor}` : '');
    if (anchor) this.remember(anchor, value);
    return lines;
  }

  private entryValue(prefix: string, value: Value, column: number, parent: 'map' | 'seq', anchor: string): Line[] {
    const head = `${prefix}${this.space()}${anchor ? `${anchor} ` : ''}`;
    const inner = column + this.stepFor();
    if (!isCollection(value)) {
      if (value === null && !anchor && parent === 'map' && this.choices.chance(20)) return [{ indent: column, text: prefix, commentable: true }];
      const lines = typeof value === 'string' ? this.multiLineString(head, value, column, inner) : undefined;
      return lines ?? [{ indent: column, text: `${head}${this.scalar(value, false)}`, commentable: true }];
    }
    const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
    const style = empty ? 1 : this.choices.pick([82, 12, 6]);
    if (style === 1) return [{ indent: column, text: `${head}${this.flowText(value)}`, commentable: true }];
    if (style === 2) return this.multiLineFlow(head, value, column, inner);
    const first: Line = { indent: column, text: anchor ? `${prefix} ${anchor}` : prefix, commentable: true };
    if (Array.isArray(value)) {
      if (parent === 'map') {
        const indented = this.choices.pick([90, 10]) === 0 ? this.options.indentSequences : !this.options.indentSequences;
        return [first, ...this.blockSeq(value, indented ? inner : column)];
      }
      // An item that is a list: `- - a` on one line, or `-` and the list below.
      if (!anchor && this.choices.pick([70, 30]) === 0) return compact(prefix, column, 1, this.blockSeq(value, column + prefix.length + 1));
      return [first, ...this.blockSeq(value, inner)];
    }
    if (parent === 'map') return [first, ...this.blockMap(value, inner)];
    // An item that is a map: `- key: value` (one or three spaces after the dash), or `-` and the map below.
    const layout = anchor ? 2 : this.choices.pick([80, 10, 10]);
    if (layout === 2) return [first, ...this.blockMap(value, inner)];
    const gapWidth = layout === 0 ? 1 : 3;
    return compact(prefix, column, gapWidth, this.blockMap(value, column + prefix.length + gapWidth));
  }

  /**
   * A string over several lines, or undefined for one line: a literal or folded block scalar
   * (content at `inner`), or a plain or double-quoted scalar continued on lines at `inner`.
   */
  private multiLineString(head: string, value: string, column: number, inner: number): Line[] | undefined {
    // Text of several lines is mostly written as a block scalar; any string may be.
    const how = this.choices.pick(value.includes('\n') ? [25, 40, 25, 0, 10] : [66, 12, 8, 6, 8]);
    if (how === 1 || how === 2) {
      const block = blockScalar(value, how === 2, this.choices);
      if (!block) return undefined;
      const indicator = this.choices.chance(15) ? String(inner - column) : '';
      return [
        { indent: column, text: `${head}${block.style}${indicator}${block.chomp}`, commentable: true },
        ...block.lines.map((text, i): Line => ({ indent: text === '' ? 0 : inner, text, within: true, ...(i === block.lines.length - 1 && block.chomp === '+' ? { keeps: true } : {}) })),
      ];
    }
    const pieces = how === 3 ? plainPieces(value, this.choices) : how === 4 ? quotedPieces(value, this.choices) : undefined;
    return pieces?.map((piece, i): Line =>
      i === 0 ? { indent: column, text: `${head}${piece}` } : { indent: inner, text: piece, within: true, commentable: i === pieces.length - 1 },
    );
  }

  /** `key: [` then one item a line, the last closing it; comments may follow each line. */
  private multiLineFlow(head: string, value: Value[] | Mapping, column: number, inner: number): Line[] {
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    const items = Array.isArray(value) ? value.map((v) => this.flow(v)) : Object.entries(value).map(([k, v]) => `${this.key(k, true)}: ${this.flow(v)}`);
    return [
      { indent: column, text: `${head}${open}`, commentable: true },
      ...items.map((item, i): Line => ({ indent: inner, text: i === items.length - 1 ? `${item}${close}` : `${item},`, commentable: true })),
    ];
  }

  /** A value in flow style, on one line. */
  private flow(value: Value): string {
    const alias = this.alias(value);
    if (alias) return alias;
    const anchor = this.anchor(value);
    const text = this.flowText(value);
    if (!anchor) return text;
    this.remember(anchor, value);
    return `&${anchor} ${text}`;
  }

  private flowText(value: Value): string {
    if (!isCollection(value)) return this.scalar(value, true);
    const padded = this.choices.chance(20);
    const [open, close] = padded ? ['{ ', ' }'] : ['{', '}'];
    if (Array.isArray(value)) {
      const body = value.map((v) => this.flow(v)).join(', ');
      return value.length === 0 ? '[]' : padded ? `[ ${body} ]` : `[${body}]`;
    }
    const keys = this.keyOrder(Object.keys(value));
    if (keys.length === 0) return '{}';
    return `${open}${keys.map((k) => `${this.key(k, true)}: ${this.flow(value[k]!)}`).join(', ')}${close}`;
  }

  private key(key: string, flow: boolean): string {
    return plainSafe(key, flow) && key !== '<<' && !this.choices.chance(5) ? key : JSON.stringify(key);
  }

  private scalar(value: Scalar, flow: boolean): string {
    if (value === null) return this.choices.oneOf(['null', '~', 'Null']);
    if (typeof value === 'boolean') return this.choices.pick([90, 10]) === 0 ? String(value) : value ? 'True' : 'False';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`no layout for the number ${value}`);
      return String(value);
    }
    const style = this.choices.pick([plainSafe(value, flow) ? 70 : 0, 20, singleQuotable(value) ? 10 : 0]);
    return style === 0 ? value : style === 2 ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
  }

  private remember(anchor: string, value: Value): void {
    this.anchors.set(canonical(value), anchor);
    if (isMapping(value)) this.anchoredMaps.push({ name: anchor, value });
  }

  /** `*name` for a value written before under an anchor, sometimes. */
  private alias(value: Value): string | undefined {
    if (!this.repeated.has(canonical(value))) return undefined;
    const name = this.anchors.get(canonical(value));
    return name !== undefined && this.choices.chance(60) ? `*${name}` : undefined;
  }

  /** An anchor name for a value written again later (so an alias may use it), or rarely for any collection. */
  private anchor(value: Value): string | undefined {
    const repeated = this.repeated.has(canonical(value)) && !this.anchors.has(canonical(value));
    if (!(repeated && this.choices.chance(50)) && !(isCollection(value) && this.choices.chance(2))) return undefined;
    return `${this.choices.oneOf(['a', 'labels', 'base', 'x-1', 'gpu_pod'])}${++this.anchorCount}`;
  }
}

/** `- ` (or `-   `) and the first line of `lines`, which start `1 + gap` columns right of the dash. */
function compact(prefix: string, column: number, gapWidth: number, lines: Line[]): Line[] {
  const [first, ...rest] = lines;
  return [{ ...first!, indent: column, text: `${prefix}${' '.repeat(gapWidth)}${first!.text}` }, ...rest];
}

/**
 * A block scalar for `value`, where one writes it exactly: the chomping indicator follows from
 * its final line breaks (`-` none, clip or `+` one, `+` more, kept as blank lines), and folded
 * lines are written with a blank line for each line break and a line break for some spaces.
 */
function blockScalar(value: string, folded: boolean, choices: Choices): { style: '|' | '>'; chomp: '' | '-' | '+'; lines: string[] } | undefined {
  const body = value.replace(/\n+$/, '');
  const breaks = value.length - body.length;
  if (body === '' || /^[ \t\n]/.test(body) || /[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value)) return undefined;
  const rows = body.split('\n');
  if (rows.some((row) => /^[ \t]+$/.test(row))) return undefined;
  const chomp = breaks === 0 ? '-' : breaks === 1 ? (choices.pick([70, 30]) === 0 ? '' : '+') : '+';
  const kept = chomp === '+' ? new Array<string>(breaks - 1).fill('') : [];
  if (!folded) return { style: '|', chomp, lines: [...rows, ...kept] };
  if (rows.some((row) => /^[ \t]|[ \t]$/.test(row))) return undefined;
  const lines: string[] = [];
  for (const [i, row] of rows.entries()) {
    if (i > 0 && row !== '') lines.push(...new Array<string>(countBreaksBefore(rows, i)).fill(''));
    if (row !== '') lines.push(...foldSpaces(row, choices));
  }
  return { style: '>', chomp, lines: [...lines, ...kept] };
}

/** How many line breaks of the value come between row `i` and the previous non-empty row. */
function countBreaksBefore(rows: readonly string[], i: number): number {
  let count = 1;
  for (let j = i - 1; j > 0 && rows[j] === ''; j--) count++;
  return count;
}

/** A folded row split at some single spaces between words (a line break there reads as a space). */
function foldSpaces(row: string, choices: Choices): string[] {
  const pieces = [''];
  for (const [i, char] of [...row].entries()) {
    const splittable = char === ' ' && /\S/.test(row[i - 1] ?? '') && /\S/.test(row[i + 1] ?? '') && row[i + 1] !== '#';
    if (splittable && choices.chance(25)) pieces.push('');
    else pieces[pieces.length - 1] += char;
  }
  return pieces;
}

/** A plain scalar over several lines, split at single spaces (each reads as a space), or undefined. */
function plainPieces(value: string, choices: Choices): string[] | undefined {
  if (!plainSafe(value, false)) return undefined;
  const words = value.split(' ');
  if (words.length < 2 || words.some((w) => w === '' || /^[-?:,[\]{}#&*!|>'"%@`]/.test(w))) return undefined;
  const pieces = [words[0]!];
  for (const word of words.slice(1)) {
    if (choices.chance(50)) pieces.push(word);
    else pieces[pieces.length - 1] += ` ${word}`;
  }
  return pieces.length > 1 ? pieces : [words.slice(0, -1).join(' '), words[words.length - 1]!];
}

/** A double-quoted scalar over several lines, split at single spaces between words (each reads as a space). */
function quotedPieces(value: string, choices: Choices): string[] | undefined {
  const quoted = JSON.stringify(value);
  const pieces = [''];
  for (const [i, char] of [...quoted].entries()) {
    const splittable = char === ' ' && /\S/.test(quoted[i - 1] ?? '') && /\S/.test(quoted[i + 1] ?? '');
    if (splittable && choices.chance(40)) pieces.push('');
    else pieces[pieces.length - 1] += char;
  }
  return pieces.length > 1 ? pieces : undefined;
}

/** Reads back as the same string when written plain (YAML 1.1; conservative). */
function plainSafe(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value)) return false;
  if (/^(?:y|n|yes|no|on|off|true|false|null|~|=|<<)$/i.test(value)) return false;
  if (/^[-+]?[0-9.]/.test(value) || /^[?:,[\]{}#&*!|>'"%@`]/.test(value) || /^-(\s|$)/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  return !flow || !/[,[\]{}:]/.test(value);
}

function singleQuotable(value: string): boolean {
  return !/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value) && value === value.trim();
}

function isCollection(value: Value): value is Value[] | Mapping {
  return value !== null && typeof value === 'object';
}

function isMapping(value: Value): value is Mapping {
  return isCollection(value) && !Array.isArray(value);
}

/** A value's identity for aliases: JSON with sorted keys, tagged by type. */
function canonical(value: Value): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Collections and longer strings that occur more than once in a document: candidates for an alias. */
function repeatedValues(document: Value): Set<string> {
  const counts = new Map<string, number>();
  const visit = (value: Value) => {
    if (isCollection(value) ? Object.keys(value).length > 0 : typeof value === 'string' && value.length >= 3) {
      const key = canonical(value);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (isCollection(value)) for (const child of Object.values(value)) visit(child);
  };
  visit(document);
  return new Set([...counts].filter(([, n]) => n > 1).map(([key]) => key));
}
