import { isDeepStrictEqual } from 'node:util';
import { isNode } from 'yaml';
import { applyEdits, expectationsOf, type Fix } from '../../core/fix.js';
import { lastAtOrBefore, SourceFile } from '../../core/source.js';
import type { FixVerifier } from '../shared/language.js';
import { parseYaml, type YamlDocument } from './parse.js';
import { differenceOutside } from '../shared/compare.js';
import { excessiveAliasing } from './aliases.js';
import { YamlParts, type Part } from './parts.js';
import { plural } from '../../core/plural.js';

/**
 * Why `fixed` is not a faithful application of `fixes` to a YAML file, or undefined: it must
 * parse into the same documents (plus those the fixes append), keep every comment, leave the
 * documents no edit touched as they were, and hold each intended value.
 */
export function verifyYaml(original: SourceFile, fixed: string, fixes: readonly Fix[]): string | undefined {
  const read = originalOf(original);
  return verifyPart(read, read.parts.whole(), fixed, fixes).reason;
}

/**
 * Checks fixes part by part (see {@link YamlParts}): a check parses only the text of the parts
 * the fixes reach, so checking every group of a file once parses its fixed text once, and
 * isolating a failing fix re-parses only its own part.
 */
export function yamlVerifier(original: SourceFile): FixVerifier {
  const read = originalOf(original);
  return { groups: (fixes) => read.parts.groups(fixes), check: (fixes) => checkFixes(read, fixes) };
}

function checkFixes(read: OriginalYaml, fixes: readonly Fix[]): string | undefined {
  const text = read.source.text;
  const edits = fixes.flatMap((f) => f.edits);
  const part = read.parts.covering(fixes);
  if (part.start === 0 && part.end === text.length) return verifyPart(read, part, applyEdits(text, edits), fixes).reason;
  const inPart = edits.map((e) => ({ ...e, start: e.start - part.start, end: e.end - part.start }));
  const verdict = verifyPart(read, part, applyEdits(text.slice(part.start, part.end), inPart), fixes);
  if (!verdict.structural || fixes.length > 1) return verdict.reason;
  // A part that no longer reads as its own documents fails. The reason is the whole file's, with
  // the document count and lines a fix's reason has always given; the part's verdict decides
  // (it is what lets parts checked apart be applied together).
  return verifyPart(read, read.parts.whole(), applyEdits(text, edits), fixes).reason ?? verdict.reason;
}

/** Why the fixed text of `part` is not faithful; `structural` when it does not read as the part's documents at all. */
interface Verdict {
  reason?: string;
  structural?: boolean;
}

function verifyPart(read: OriginalYaml, part: Part, fixed: string, fixes: readonly Fix[]): Verdict {
  const { source, documents, parts } = read;
  const count = documents.length;
  // The next part's `---` must stay at a line start.
  if (part.end < source.text.length && !fixed.endsWith('\n')) return { reason: 'the result runs into the next document', structural: true };
  const { documents: after, comments = [] } = parseYaml(new SourceFile(source.path, fixed, source.bom), { comments: true });
  const broken = after.find((d) => d.errors.length > 0);
  if (broken) return { reason: `the result does not parse (${broken.errors[0]!.message})`, structural: true };
  const inPart = part.last - part.first + 1;
  const appended = fixes.reduce((sum, f) => sum + (f.addsDocuments ?? 0), 0);
  if (after.length !== inPart + appended) return { reason: `the result has ${plural(count - inPart + after.length, 'document')} instead of ${count + appended}`, structural: true };
  if (comments.length < read.commentsIn(part)) return { reason: 'the result would lose a comment' };
  const mayAlias = fixed.includes('*');
  const edited = new Set(fixes.flatMap((f) => f.edits.map((e) => parts.documentAt(e.start))));
  const expectations = expectationsOf(fixes, count);
  for (let i = part.first; i <= part.last; i++) {
    const old = read.value(i);
    const now = valueOf(after[i - part.first]!, mayAlias);
    if (old.ok && !now.ok) return { reason: `document ${i + 1} no longer resolves (${now.error})` };
    if (!edited.has(i)) {
      if (!isDeepStrictEqual(old, now)) return { reason: `document ${i + 1} changed though no edit touched it` };
      continue;
    }
    if (!old.ok || !now.ok) continue;
    // An edited document may change only where a fix meant it to: every other value stays as it was.
    const intended = expectations.filter((e) => e.document === i).map((e) => e.path);
    const changed = differenceOutside(old.value, now.value, intended);
    if (changed) return { reason: `${changed.join('.') || 'the document'} in document ${i + 1} would change, though no fix meant to change it` };
  }
  for (const { document, path, value } of expectations) {
    const actual = valueAt(after[document - part.first], path);
    if (!isDeepStrictEqual(actual, value)) return { reason: `${path.join('.')} would be ${JSON.stringify(actual)}, not ${JSON.stringify(value)}` };
  }
  return {};
}

type DocumentValue = ReturnType<typeof valueOf>;

/** The original as every check against it reads it: parsed once, a document's value read when first needed. */
class OriginalYaml {
  readonly documents: readonly YamlDocument[];
  readonly parts: YamlParts;
  private readonly comments: readonly number[];
  private readonly values: DocumentValue[] = [];
  private readonly mayAlias: boolean;

  constructor(readonly source: SourceFile) {
    const { documents, comments = [] } = parseYaml(source, { comments: true });
    this.documents = documents;
    this.comments = comments;
    this.parts = new YamlParts(source.text, documents);
    this.mayAlias = source.text.includes('*');
  }

  /** How many comments start in the text of `part`. */
  commentsIn(part: Part): number {
    return lastAtOrBefore(this.comments, part.end - 1) - lastAtOrBefore(this.comments, part.start - 1);
  }

  value(index: number): DocumentValue {
    return (this.values[index] ??= valueOf(this.documents[index]!, this.mayAlias));
  }
}

const originals = new WeakMap<SourceFile, OriginalYaml>();
function originalOf(source: SourceFile): OriginalYaml {
  let read = originals.get(source);
  if (!read) {
    read = new OriginalYaml(source);
    originals.set(source, read);
  }
  return read;
}

/** The value at `path` as the API server reads it (aliases inside it resolved), or undefined. */
function valueAt(document: YamlDocument | undefined, path: readonly (string | number)[]): unknown {
  const node = document?.document.getIn(path, true);
  return isNode(node) ? node.toJS(document!.document, { maxAliasCount: -1 }) : node;
}

/** A document's value; `mayAlias` is false when its text has no `*`, so no alias can expand. */
function valueOf(document: YamlDocument, mayAlias: boolean): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    // Bounded by the API server's own aliasing limit, not the yaml package's stricter one.
    if (mayAlias && excessiveAliasing(document.document)) return { ok: false, error: 'excessive aliasing' };
    return { ok: true, value: document.document.toJS({ maxAliasCount: -1 }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
