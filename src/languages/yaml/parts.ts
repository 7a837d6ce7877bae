import type { Fix } from '../../core/fix.js';
import type { YamlDocument } from './parse.js';

/** Documents `first`..`last` of a file (inclusive; none when `last` < `first`), whose text is `[start, end)`. */
export interface Part {
  first: number;
  last: number;
  start: number;
  end: number;
}

/** A `---` marker: at a line start, it ends whatever came before it and starts a document. */
const DOCUMENT_START = /---(?:[ \t\n]|$)/y;

/**
 * A YAML file divided into parts that parse independently: each part after the first begins
 * with a `---` at a line start, and what precedes that line cannot change how the part reads
 * (an unclosed quote or bracket before it is an error of its own part). A file with a directive
 * (`%YAML`, `%TAG`) stays one part, since a directive may reach past its document.
 */
export class YamlParts {
  readonly parts: readonly Part[];
  /** Where each document ends, trailing comments and `...` included. */
  private readonly ends: readonly number[];
  private readonly partOfDocument: readonly number[];

  constructor(text: string, documents: readonly YamlDocument[]) {
    this.ends = documents.map((d) => d.document.range?.[2] ?? d.span.end);
    const parts: Part[] = [{ first: 0, last: documents.length - 1, start: 0, end: text.length }];
    const partOfDocument = documents.length > 0 ? [0] : [];
    const directives = /^%/m.test(text);
    for (let i = 1; i < documents.length; i++) {
      const boundary = this.ends[i - 1]!;
      DOCUMENT_START.lastIndex = boundary;
      const current = parts[parts.length - 1]!;
      if (!directives && text[boundary - 1] === '\n' && DOCUMENT_START.test(text)) {
        current.last = i - 1;
        current.end = boundary;
        parts.push({ first: i, last: documents.length - 1, start: boundary, end: text.length });
      }
      partOfDocument.push(parts.length - 1);
    }
    this.parts = parts;
    this.partOfDocument = partOfDocument;
  }

  /** The document an edit at `offset` belongs to: the first that ends at or after it, else the last. */
  documentAt(offset: number): number {
    let low = 0;
    let high = this.ends.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.ends[mid]! >= offset) high = mid - 1;
      else low = mid + 1;
    }
    return low < this.ends.length ? low : this.ends.length - 1;
  }

  /** The whole file as one part. */
  whole(): Part {
    const last = this.parts[this.parts.length - 1]!;
    return { first: 0, last: last.last, start: 0, end: last.end };
  }

  /** The smallest run of parts that holds every edit of `fixes` and every document they expect a value in. */
  covering(fixes: readonly Fix[]): Part {
    let low = this.parts.length - 1;
    let high = 0;
    for (const fix of fixes) {
      const [first, last] = this.reach(fix);
      low = Math.min(low, first);
      high = Math.max(high, last);
    }
    return { first: this.parts[low]!.first, last: this.parts[high]!.last, start: this.parts[low]!.start, end: this.parts[high]!.end };
  }

  /**
   * The fixes in groups that touch no part in common, in the order of their first part; each
   * group's fixes in the order given.
   */
  groups(fixes: readonly Fix[]): Fix[][] {
    const reaches = fixes.map((fix, index) => ({ fix, index, reach: this.reach(fix) }));
    reaches.sort((a, b) => a.reach[0] - b.reach[0] || a.index - b.index);
    const groups: { last: number; members: typeof reaches }[] = [];
    for (const entry of reaches) {
      const open = groups[groups.length - 1];
      if (open && entry.reach[0] <= open.last) {
        open.last = Math.max(open.last, entry.reach[1]);
        open.members.push(entry);
      } else {
        groups.push({ last: entry.reach[1], members: [entry] });
      }
    }
    return groups.map((group) => group.members.sort((a, b) => a.index - b.index).map((m) => m.fix));
  }

  /** The first and last part a fix reaches: its edits, the documents it expects values in, the end where it appends. */
  private reach(fix: Fix): [number, number] {
    const lastPart = this.parts.length - 1;
    let first = lastPart;
    let last = 0;
    const add = (part: number) => {
      first = Math.min(first, part);
      last = Math.max(last, part);
    };
    for (const edit of fix.edits) {
      add(this.partOf(this.documentAt(edit.start)));
      add(this.partOf(this.documentAt(edit.end)));
    }
    for (const { document } of fix.expect) add(document < 0 || document >= this.ends.length ? lastPart : this.partOf(document));
    if ((fix.addsDocuments ?? 0) > 0) add(lastPart);
    return first <= last ? [first, last] : [0, 0];
  }

  private partOf(document: number): number {
    return document < 0 ? 0 : this.partOfDocument[document]!;
  }
}
