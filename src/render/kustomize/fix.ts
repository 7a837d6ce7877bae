import { basename } from 'node:path';
import type { Document } from 'yaml';
import type { FileChange, Translation } from '../../core/file-change.js';
import type { Json } from '../../languages/shared/editor.js';
import { PARSE_OPTIONS, parseDocuments } from '../../languages/yaml/parse.js';
import type { FieldPath } from '../../languages/yaml/path-at.js';
import { editFile, placeAt, type FieldEdit, type FilePlace } from './file-edit.js';
import type { FileReader } from './files.js';
import { KUSTOMIZATION_FILE_NAMES } from './kustomization.js';
import { diffObjects, formatPath, labelOf, valueAt, valueOf, type ValueChange } from './object-diff.js';
import type { KustomizeOriginMap, SettingFile } from './origin-map.js';

const NEW_OBJECT = 'a new object in an overlay needs a resource file of its own; add it by hand';
/** Each change parses the file it edits again: more than this many in one fix are not placed (bounded time on a huge overlay). */
const MAX_PLACED_CHANGES = 1000;

/**
 * Turns a fixed overlay rendering (fixed from `original`, the origin map's text) back into edits
 * of the overlay's files. Each object is compared as values, not text: a changed or removed field
 * is edited in the one file that sets it, an added field in the one file that writes its nearest
 * written ancestor, strings appended to a list in the one file that writes the list, each in the
 * file's own style and checked to change nothing else. A field no file or several files write, a
 * kustomization's own entry (an inline patch, an image, a namespace), a JSON 6902 operation's
 * path or a new object cannot be placed, and the reason says so. The caller proves the result by
 * building the overlay again. Never throws.
 */
export function translateKustomizeFix(original: string, fixed: string, map: KustomizeOriginMap, fs: FileReader, edited: ReadonlyMap<string, string> = new Map()): Translation {
  try {
    return translate(original, fixed, map, fs, edited);
  } catch (error) {
    return { ok: false, reason: `the fix could not be placed in the overlay's files (${error instanceof Error ? error.message : String(error)})` };
  }
}

function translate(original: string, fixed: string, map: KustomizeOriginMap, fs: FileReader, edited: ReadonlyMap<string, string>): Translation {
  const before = parseDocuments(original, PARSE_OPTIONS);
  const after = parseDocuments(fixed, PARSE_OPTIONS);
  if (after.some((document) => document.errors.length > 0)) return { ok: false, reason: 'the fixed rendering does not parse' };
  if (before.length !== after.length) return { ok: false, reason: NEW_OBJECT };
  const objects: { rendered: RenderedObject; diff: ValueChange[] }[] = [];
  let count = 0;
  for (const [index, document] of before.entries()) {
    const object = valueOf(document);
    const diff = diffObjects(object, valueOf(after[index]!));
    if ('reason' in diff) return { ok: false, reason: diff.reason };
    if (diff.length === 0) continue;
    if (document.errors.length > 0) return { ok: false, reason: 'the fix changes an object of the rendering that does not parse' };
    count += diff.length;
    if (count > MAX_PLACED_CHANGES) return { ok: false, reason: `the fix changes more than ${MAX_PLACED_CHANGES} fields of the overlay; fix it in smaller steps` };
    objects.push({ rendered: { index, label: labelOf(object), value: object }, diff });
  }
  const files = new EditedFiles(fs, edited);
  for (const { rendered, diff } of objects) {
    for (const change of diff) {
      const problem = place(change, rendered, map, files);
      if (problem) return { ok: false, reason: problem };
    }
  }
  return { ok: true, changes: files.changes() };
}

interface RenderedObject {
  index: number;
  label: string;
  value: unknown;
}

/** Writes one change into the file it belongs in; why not, when it cannot. */
function place(change: ValueChange, object: RenderedObject, map: KustomizeOriginMap, files: EditedFiles): string | undefined {
  const field = `${formatPath(change.path)} of ${object.label}`;
  if (change.kind === 'add') return placeAddition(change.path, change.value, object, map, files);
  const setting = onlyFile(map.filesSetting(object.index, change.path), `${field} is set`);
  if (typeof setting === 'string') return setting;
  const at = files.place(setting, field);
  if (typeof at === 'string') return at;
  const { segments } = at;
  const last = segments[segments.length - 1];
  if (at.operations && (segments[1] !== 'value' || (change.kind === 'remove' && segments.length <= 2))) return byOperation(field, setting);
  if (change.kind === 'append') {
    const items = valueAt(object.value, change.path);
    const lastItem = Array.isArray(items) && items.length > 0 ? onlyFile(map.filesSetting(object.index, [...change.path, items.length - 1]), '') : undefined;
    if (lastItem !== undefined && (typeof lastItem === 'string' || lastItem.path !== setting.path)) {
      return `the last items of ${field} are not written in ${setting.path}, so an item appended there would not come last; add it by hand`;
    }
    if (typeof last !== 'string') return `${field} is an item of a list in ${setting.path}; add to it by hand`;
    for (const item of change.items) {
      const problem = files.edit(setting, at.document, segments.slice(0, -1), { kind: 'appendItem', key: last, value: item });
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof last === 'number') {
    const key = segments[segments.length - 2];
    if (typeof key !== 'string' || change.kind !== 'set' || typeof change.value !== 'string') return `${field} is a list item in ${setting.path} the fix cannot rewrite; change it by hand`;
    return files.edit(setting, at.document, segments.slice(0, -2), { kind: 'replaceItem', key, index: last, value: change.value });
  }
  if (last === undefined) return `${field} is a whole document of ${setting.path}; change it by hand`;
  const edit: FieldEdit = change.kind === 'set' ? { kind: 'set', key: last, value: change.value } : { kind: 'remove', key: last };
  return files.edit(setting, at.document, segments.slice(0, -1), edit);
}

/**
 * A new field goes into the one file that writes its nearest written ancestor (the base resource
 * when no patch writes it), with the keys between them; a list item in between cannot be created.
 */
function placeAddition(path: FieldPath, value: Json, object: RenderedObject, map: KustomizeOriginMap, files: EditedFiles): string | undefined {
  const field = `${formatPath(path)} of ${object.label}`;
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const ancestor = path.slice(0, depth);
    const writers = map.filesSetting(object.index, ancestor);
    if (writers.length === 0) continue;
    const where = `${ancestor.length === 0 ? object.label : `${formatPath(ancestor)} of ${object.label}`} is written`;
    // A field no file sets goes where the object is written, the base resource, when patches write its parent too.
    const bases = writers.filter((writer) => writer.role === 'base');
    const setting = bases.length === 1 && writers.length > 1 ? bases[0]! : onlyFile(writers, where, `, so where to add ${formatPath(path)} is not clear; add it by hand`);
    if (typeof setting === 'string') return setting;
    const rest = path.slice(depth);
    const [key] = rest;
    if (typeof key !== 'string' || rest.some((segment) => typeof segment === 'number')) return `the fix adds a list item to ${field}; add it by hand`;
    const at = files.place(setting, field);
    if (typeof at === 'string') return at;
    if (at.operations && at.segments[1] !== 'value') return byOperation(field, setting);
    const nested = rest.slice(1).reduceRight<Json>((inner, segment) => ({ [segment]: inner }), value);
    return files.edit(setting, at.document, at.segments, { kind: 'set', key, value: nested });
  }
  return `no file of the overlay writes ${field}; add it by hand`;
}

/** The one file of `writers`, or why the fix cannot choose (a message starting with `subject`). */
function onlyFile(writers: readonly SettingFile[], subject: string, tail = '; change it by hand'): SettingFile | string {
  if (writers.length === 1) return writers[0]!;
  const paths = [...new Set(writers.map((writer) => writer.path))];
  if (writers.length === 0) return `${subject} by no file of the overlay${tail}`;
  if (paths.length === 1) return `${subject} twice in ${paths[0]}${tail}`;
  const listed = `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}`;
  return `${subject} in ${paths.length === 2 ? 'both ' : ''}${listed}${tail}`;
}

function byOperation(field: string, setting: SettingFile): string {
  return `${field} is written by a JSON 6902 operation in ${setting.path} that the fix cannot rewrite; change it by hand`;
}

/**
 * The files a fix edits, each read once and edited in turn. A field is found in the file as the
 * build read it (the origin map's positions are of that text), and edited, by its path, in the
 * text an earlier translation of the run left (`edited`, by path), else the file as read: that
 * text is the change's `before`.
 */
class EditedFiles {
  private readonly read = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, Document.Parsed[]>();
  private readonly texts = new Map<string, { path: string; before: string; after: string }>();

  constructor(
    private readonly fs: FileReader,
    private readonly edited: ReadonlyMap<string, string>,
  ) {}

  place(setting: SettingFile, field: string): FilePlace | string {
    if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(setting.absolutePath))) {
      const how = setting.origin.hint ?? (setting.role === 'patch' ? 'an inline patch' : 'its own entry');
      return `${field} is written in ${setting.path} (${how}), which the fix does not edit; change it by hand`;
    }
    const text = this.asRead(setting.absolutePath);
    if (text === undefined) return `${setting.path} cannot be read, so ${field} cannot be changed there`;
    let documents = this.parsed.get(setting.absolutePath);
    if (!documents) this.parsed.set(setting.absolutePath, (documents = parseDocuments(text, PARSE_OPTIONS)));
    const at = placeAt(text, { line: setting.origin.line, column: setting.origin.column }, documents);
    return at ?? `${field} could not be found in ${setting.path}; change it by hand`;
  }

  edit(setting: SettingFile, document: number, segments: FieldPath, edit: FieldEdit): string | undefined {
    const before = this.texts.get(setting.absolutePath)?.before ?? this.edited.get(setting.path) ?? this.asRead(setting.absolutePath);
    if (before === undefined) return `${setting.path} cannot be read`;
    const edited = editFile(setting.path, this.texts.get(setting.absolutePath)?.after ?? before, document, segments, edit);
    if (typeof edited !== 'string') return edited.reason;
    this.texts.set(setting.absolutePath, { path: setting.path, before, after: edited });
    return undefined;
  }

  changes(): FileChange[] {
    return [...this.texts.values()].filter((change) => change.after !== change.before);
  }

  private asRead(absolute: string): string | undefined {
    if (!this.read.has(absolute)) this.read.set(absolute, this.fs.readFile(absolute));
    return this.read.get(absolute);
  }
}
