import { isDeepStrictEqual } from 'node:util';
import { isNode } from 'yaml';
import { expectationsOf, type Fix } from '../../core/fix.js';
import { SourceFile } from '../../core/source.js';
import { commentOffsets } from './comments.js';
import { parseYaml, type YamlDocument } from './parse.js';
import { differenceOutside } from '../shared/compare.js';
import { excessiveAliasing } from './aliases.js';

/**
 * Why `fixed` is not a faithful application of `fixes` to a YAML file, or undefined: it must
 * parse into the same documents (plus those the fixes append), keep every comment, leave the
 * documents no edit touched as they were, and hold each intended value.
 */
export function verifyYaml(original: SourceFile, fixed: string, fixes: readonly Fix[]): string | undefined {
  const { documents: before, values: beforeValues } = originalDocuments(original);
  const after = parseYaml(new SourceFile(original.path, fixed, original.bom)).documents;
  const mayAlias = fixed.includes('*');
  if (after.some((d) => d.errors.length > 0)) return `the result does not parse (${after.find((d) => d.errors.length > 0)!.errors[0]!.message})`;
  const expected = before.length + fixes.reduce((sum, f) => sum + (f.addsDocuments ?? 0), 0);
  if (after.length !== expected) return `the result has ${after.length} documents instead of ${expected}`;
  if (commentOffsets(fixed).length < commentOffsets(original.text).length) return 'the result would lose a comment';
  const edited = new Set(fixes.flatMap((f) => f.edits.map((e) => documentAt(before, e.start))));
  const expectations = expectationsOf(fixes, before.length);
  for (let i = 0; i < before.length; i++) {
    const old = beforeValues[i]!;
    const now = valueOf(after[i]!, mayAlias);
    if (old.ok && !now.ok) return `document ${i + 1} no longer resolves (${now.error})`;
    if (!edited.has(i)) {
      if (!isDeepStrictEqual(old, now)) return `document ${i + 1} changed though no edit touched it`;
      continue;
    }
    if (!old.ok || !now.ok) continue;
    // An edited document may change only where a fix meant it to: every other value stays as it was.
    const intended = expectations.filter((e) => e.document === i).map((e) => e.path);
    const changed = differenceOutside(old.value, now.value, intended);
    if (changed) return `${changed.join('.') || 'the document'} in document ${i + 1} would change, though no fix meant to change it`;
  }
  for (const { document, path, value } of expectations) {
    const actual = valueAt(after[document], path);
    if (!isDeepStrictEqual(actual, value)) return `${path.join('.')} would be ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`;
  }
  return undefined;
}

type DocumentValue = ReturnType<typeof valueOf>;

/** The original's documents and values, read once however many candidate results are checked against it. */
const originals = new WeakMap<SourceFile, { documents: readonly YamlDocument[]; values: readonly DocumentValue[] }>();
function originalDocuments(original: SourceFile): { documents: readonly YamlDocument[]; values: readonly DocumentValue[] } {
  let parsed = originals.get(original);
  if (!parsed) {
    const documents = parseYaml(original).documents;
    const mayAlias = original.text.includes('*');
    parsed = { documents, values: documents.map((document) => valueOf(document, mayAlias)) };
    originals.set(original, parsed);
  }
  return parsed;
}

function documentAt(documents: readonly YamlDocument[], offset: number): number {
  const index = documents.findIndex((d) => offset <= (d.document.range?.[2] ?? d.span.end));
  return index === -1 ? documents.length - 1 : index;
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
