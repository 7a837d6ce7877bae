import { isDeepStrictEqual } from 'node:util';
import type { Fix } from '../../core/fix.js';
import { SourceFile } from '../../core/source.js';
import { commentOffsets } from './comments.js';
import type { ParsedDocument } from '../document.js';
import { parseYaml } from './parse.js';

/**
 * Why `fixed` is not a faithful application of `fixes` to a YAML file, or undefined: it must
 * parse into the same documents (plus those the fixes append), keep every comment, leave the
 * documents no edit touched as they were, and hold each intended value.
 */
export function verifyYaml(original: SourceFile, fixed: string, fixes: readonly Fix[]): string | undefined {
  const before = parseYaml(original).documents;
  const after = parseYaml(new SourceFile(original.path, fixed, original.bom)).documents;
  if (after.some((d) => d.errors.length > 0)) return `the result does not parse (${after.find((d) => d.errors.length > 0)!.errors[0]!.message})`;
  const expected = before.length + fixes.reduce((sum, f) => sum + (f.addsDocuments ?? 0), 0);
  if (after.length !== expected) return `the result has ${after.length} documents instead of ${expected}`;
  if (commentOffsets(fixed).length < commentOffsets(original.text).length) return 'the result would lose a comment';
  const edited = new Set(fixes.flatMap((f) => f.edits.map((e) => documentAt(before, e.start))));
  for (let i = 0; i < before.length; i++) {
    const old = valueOf(before[i]!);
    const now = valueOf(after[i]!);
    if (old.ok && !now.ok) return `document ${i + 1} no longer resolves (${now.error})`;
    if (!edited.has(i) && !isDeepStrictEqual(old, now)) return `document ${i + 1} changed though no edit touched it`;
  }
  for (const { document, path, value } of fixes.flatMap((f) => f.expect)) {
    const node = after[document === -1 ? after.length - 1 : document]?.document.getIn(path, false);
    const actual = node === undefined ? undefined : JSON.parse(JSON.stringify(node));
    if (!isDeepStrictEqual(actual, value)) return `${path.join('.')} would be ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`;
  }
  return undefined;
}

function documentAt(documents: readonly ParsedDocument[], offset: number): number {
  const index = documents.findIndex((d) => offset <= (d.document.range?.[2] ?? d.span.end));
  return index === -1 ? documents.length - 1 : index;
}

function valueOf(document: ParsedDocument): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: document.document.toJS({ maxAliasCount: 1000 }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
