import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, isUnknown } from '../shared/tree.js';
import { treeView } from '../shared/encoded-tree.js';
import { SourceFile, type Span } from '../../core/source.js';
import type { TsParse } from './loader.js';
import { readTsDocuments } from './objects.js';
import type { ParsedDocument } from '../shared/document.js';
import { differenceOutside } from '../shared/compare.js';
import { expectationsOf, type Fix } from '../../core/fix.js';

/**
 * Why `fixed` is not a faithful application of `fixes` to a TypeScript source, or undefined:
 * it must parse, define the same objects, keep every comment, leave objects no edit touched
 * as they were, and hold each intended value.
 */
export function verifyTypeScript(original: SourceFile, fixed: string, fixes: readonly Fix[], parse: TsParse): string | undefined {
  const jsx = /\.tsx$/i.test(original.path);
  const beforeProgram = parse(original.text, { jsx });
  let afterProgram;
  try {
    afterProgram = parse(fixed, { jsx });
  } catch (error) {
    return `the result does not parse (${(error instanceof Error ? error.message : String(error)).split('\n', 1)[0]})`;
  }
  if ((afterProgram.comments?.length ?? 0) < (beforeProgram.comments?.length ?? 0)) return 'the result would lose a comment';
  const before = readTsDocuments(original, beforeProgram);
  const after = readTsDocuments(new SourceFile(original.path, fixed, original.bom), afterProgram);
  if (after.length !== before.length) return `the result defines ${after.length} objects instead of ${before.length}`;
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
