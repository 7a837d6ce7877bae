import type { SourceFile } from '../core/source.js';
import type { MapView } from './node.js';
import type { Json } from './yaml/render.js';
import type { Change } from './yaml/editor.js';
import type { Unfixable } from '../core/fix.js';

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
}
