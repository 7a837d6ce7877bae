import type { SourceFile } from '../../core/source.js';
import type { MapView } from './node.js';
import type { Expectation, Fix, FixOutcome, TextEdit, Unfixable } from '../../core/fix.js';

/**
 * What a rule asks of an editor, whatever the source language: each method returns text edits
 * in the file's own style, with what the object must hold afterwards, or why it cannot.
 * {@link YamlEditor} writes YAML; {@link TsEditor} writes TypeScript (cdk8s, Pulumi).
 */
export interface ManifestEditor {
  readonly source: SourceFile;
  /** Sets `key` of `view` to `value`: replaces the value in place, or adds the key. */
  set(view: MapView, key: string, value: Json, position?: 'first' | 'last'): Change | Unfixable;
  /** Replaces the pair `oldKey` with `newKey: value`. */
  replacePair(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable;
  /** Renames `oldKey` to `newKey`, keeping its value as written. */
  renameKey(view: MapView, oldKey: string, newKey: string, value: Json): Change | Unfixable;
  /** Rewrites `from` (written once) to `to` inside item `index` of a string list. */
  replaceInScalar(view: MapView, key: string, index: number, from: string, to: string, expected: Json): Change | Unfixable;
  /** Replaces item `index` of a string list (`current` as read). */
  replaceItem(view: MapView, key: string, current: readonly string[], index: number, value: string): Change | Unfixable;
  /** Appends an item to a string list, or adds the list. */
  appendItem(view: MapView, key: string, current: readonly string[] | undefined, value: string): Change | Unfixable;
  /** Adds a new object to the file (a PodDisruptionBudget). */
  appendDocument(value: Json): Change | Unfixable;
  /** Removes the pair `key` from `view`, with the line it stands on when it has one to itself. */
  remove(view: MapView, key: string): Change | Unfixable;
}

/** An editor that refuses every change with one reason (a source the linter must not rewrite). */
export function refusingEditor(source: SourceFile, reason: Unfixable): ManifestEditor {
  const refuse = () => reason;
  return { source, set: refuse, replacePair: refuse, renameKey: refuse, replaceInScalar: refuse, replaceItem: refuse, appendItem: refuse, appendDocument: refuse, remove: refuse };
}

/** A value as JSON, as the editors write it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Edits for one intended change, and what the document must hold afterwards. */
export interface Change {
  edits: TextEdit[];
  expect: Expectation[];
  addsDocuments?: number;
}

export function isUnfixable(change: Change | Unfixable): change is Unfixable {
  return 'unfixable' in change;
}

/** One coherent fix from several changes; unfixable if any part is. */
export function combine(safety: Fix['safety'], description: string, ...changes: (Change | Unfixable)[]): FixOutcome {
  const refused = changes.find(isUnfixable);
  if (refused) return refused;
  const parts = changes as Change[];
  const addsDocuments = parts.reduce((sum, c) => sum + (c.addsDocuments ?? 0), 0);
  return {
    safety,
    description,
    edits: mergeInsertions(parts.flatMap((c) => c.edits)),
    expect: parts.flatMap((c) => c.expect),
    ...(addsDocuments > 0 ? { addsDocuments } : {}),
  };
}

/**
 * Insertions at one point become one edit. Where a container's last line ends both an inner
 * mapping (a probe) and the container itself, the deeper keys must come first, or they would
 * land under the new outer key; keys at one depth keep their order. The same text asked for
 * twice at one point is inserted once: it is what several changes need there (the comma after
 * an entry that each of them adds an entry after), not two entries.
 */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: (TextEdit & { parts: string[] })[] = [];
  for (const edit of edits) {
    const same = edit.start === edit.end && merged.find((m) => m.start === edit.start && m.end === edit.start);
    if (!same) merged.push({ ...edit, parts: [edit.text] });
    else if (!same.parts.includes(edit.text)) same.parts.push(edit.text);
  }
  return merged.map(({ parts, ...rest }) => {
    const depth = (text: string) => /^(?:\r?\n)?( *)/.exec(text)![1]!.length;
    const ordered = parts.map((text, i) => ({ text, i })).sort((a, b) => depth(b.text) - depth(a.text) || a.i - b.i);
    return { ...rest, text: ordered.map((p) => p.text).join('') };
  });
}
