import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, isUnknown } from '../shared/tree.js';
import { treeView } from '../shared/encoded-tree.js';
import { SourceFile, type Span } from '../../core/source.js';
import type { TsParse } from './loader.js';
import { readTsDocuments } from './objects.js';
import type { ParsedDocument } from '../shared/document.js';
import type { FixVerifier } from '../shared/language.js';
import { differenceOutside } from '../shared/compare.js';
import { applyEdits, expectationsOf, type Fix } from '../../core/fix.js';
import { plural } from '../../core/plural.js';

/**
 * Why `fixed` is not a faithful application of `fixes` to a TypeScript source, or undefined:
 * it must parse, define the same objects, keep every comment, leave objects no edit touched
 * as they were, and hold each intended value.
 */
export function verifyTypeScript(original: SourceFile, fixed: string, fixes: readonly Fix[], parse: TsParse): string | undefined {
  const jsx = isTsx(original);
  const { comments, documents: before } = originalOf(original, parse);
  let afterProgram;
  try {
    afterProgram = parse(fixed, { jsx });
  } catch (error) {
    return `the result does not parse (${(error instanceof Error ? error.message : String(error)).split('\n', 1)[0]})`;
  }
  if ((afterProgram.comments?.length ?? 0) < comments) return 'the result would lose a comment';
  const after = readTsDocuments(new SourceFile(original.path, fixed, original.bom), afterProgram);
  if (after.length !== before.length) return `the result defines ${plural(after.length, 'object')} instead of ${before.length}`;
  const edits = fixes.flatMap((f) => f.edits);
  const expectations = expectationsOf(fixes, before.length);
  for (let i = 0; i < before.length; i++) {
    const touched = edits.some((edit) => (before[i]!.typescript?.ranges ?? [before[i]!.span]).some((range) => overlaps(range, edit)));
    if (!touched) {
      if (!isDeepStrictEqual(plain(before[i]!, original.text), plain(after[i]!, fixed))) return `object ${i + 1} changed though no edit touched it`;
      continue;
    }
    // An edited object may change only where a fix meant it to: every other value stays as it was.
    const intended = expectations.filter((e) => e.document === i).map((e) => e.path);
    const changed = differenceOutside(plain(before[i]!, original.text), plain(after[i]!, fixed), intended);
    if (changed) return `${changed.join('.') || 'the object'} in object ${i + 1} would change, though no fix meant to change it`;
  }
  for (const { document, path, value } of expectations) {
    const actual = valueAt(after[document], fixed, path);
    if (!isDeepStrictEqual(actual, value)) return `${path.join('.')} would be ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`;
  }
  return undefined;
}

/**
 * One group: a TypeScript source's objects share its bindings (a `const` two objects spread),
 * so no object's fixes verify apart from the others'. The original is parsed once for all checks.
 */
export function typescriptVerifier(original: SourceFile, parse: TsParse): FixVerifier {
  return {
    groups: (fixes) => (fixes.length > 0 ? [[...fixes]] : []),
    check: (fixes) => verifyTypeScript(original, applyEdits(original.text, fixes.flatMap((f) => f.edits)), fixes, parse),
  };
}

/** What every check reads of the original: its comment count and objects, read once per source. */
const originals = new WeakMap<SourceFile, { comments: number; documents: ParsedDocument[] }>();
function originalOf(original: SourceFile, parse: TsParse): { comments: number; documents: ParsedDocument[] } {
  let read = originals.get(original);
  if (!read) {
    const program = parse(original.text, { jsx: isTsx(original) });
    read = { comments: program.comments?.length ?? 0, documents: readTsDocuments(original, program) };
    originals.set(original, read);
  }
  return read;
}

function isTsx(source: SourceFile): boolean {
  return /\.tsx$/i.test(source.path);
}

function overlaps(range: Span, edit: Span): boolean {
  return edit.start <= range.end && range.start <= edit.end;
}

function plain(document: ParsedDocument, text: string): unknown {
  return toPlain(treeView(document.tree, text).contents);
}

/** A node's value, last key winning as in JavaScript; an unknown stays visible as its reason. */
function toPlain(node: unknown): unknown {
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    for (const pair of node.items) result[String(isScalar(pair.key) ? pair.key.value : pair.key)] = toPlain(pair.value);
    return result;
  }
  if (isSeq(node)) return node.items.map(toPlain);
  if (isUnknown(node)) return { unknown: node.reason };
  if (isScalar(node)) return node.value;
  return node ?? null;
}

function valueAt(document: ParsedDocument | undefined, text: string, path: readonly (string | number)[]): unknown {
  let current: unknown = document ? plain(document, text) : undefined;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === null ? undefined : current;
}
