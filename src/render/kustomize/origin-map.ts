import { dirname, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { Origin, OriginMap } from '../../core/origin.js';
import { lastAtOrBefore, SourceFile, type Position } from '../../core/source.js';
import { keyName, pathAt, type FieldPath } from '../../languages/yaml/path-at.js';
import { ORIGIN_ANNOTATION, readAnnotatedStream, TRANSFORMATIONS_ANNOTATION, type BuildMetadata } from './build-metadata.js';
import { cachedReader, type FileReader } from './files.js';
import { kustomizationFileOf, readKustomization, type Kustomization, type PatchEntry } from './kustomization.js';
import type { ObjectIdentity } from './target.js';
import { writerOf, writersOfExactly, type Traced } from './trace.js';
import { childOf, nodeAt } from './walk.js';
import { baseDocument, baseWriter, generatorWriter, kustomizationWriters, type RenderedObject, type Writer } from './writers.js';
import { fileYaml, inlineYaml, type Place, type WrittenYaml } from './written-yaml.js';

export interface KustomizeContext {
  /** The directory `kubectl kustomize` built (absolute): origin annotations are relative to it. */
  wrapperDir: string;
  /** Origins' paths are relative to it. */
  cwd: string;
  fs: FileReader;
  /** The overlay rendered (absolute): what a range no annotation explains maps to. Default: the wrapper's first local resource. */
  root?: string;
}

/** A file that writes a rendered field, for fixes: a fix edits a file only when it is the only one. */
export interface SettingFile {
  /** Relative to the context's cwd, with `/`. */
  path: string;
  absolutePath: string;
  role: Writer['role'];
  /** Where the field is written there. */
  origin: Origin;
}

export interface KustomizeOriginMap extends OriginMap {
  /** The rendered stream as a user would see it (the build-metadata annotations removed): `locate` takes positions in this text, and it is what is linted. */
  readonly text: string;
  /** The document (its index in `text`) and field path at a position of `text`; undefined outside every document. */
  fieldAt(position: Position): { document: number; path: FieldPath } | undefined;
  /** The files that write exactly this field of a rendered document, in the order kustomize applies them (the last one's value is rendered). */
  filesSetting(document: number, path: FieldPath): SettingFile[];
}

/** More patch operations or documents than this in one object's chain are not traced (a pathological overlay). */
const MAX_WRITERS = 2000;

/**
 * How each range of an overlay's rendered stream maps back to the file that wrote it, read from
 * the build-metadata annotations kustomize adds (`buildMetadata: [originAnnotations,
 * transformerAnnotations]` on a wrapper kustomization whose one resource is the overlay):
 * the last patch of the object's kustomizations that writes the field (or its nearest written
 * ancestor), else the resource file's document, else (a generated object) its generator's entry.
 * Files are read lazily, once. Never throws: what cannot be traced maps to the overlay's
 * kustomization file, line 1.
 */
export function kustomizeOriginMap(rendered: string, context: KustomizeContext): KustomizeOriginMap {
  const stream = readAnnotatedStream(rendered);
  const { text, documents } = stream;
  const source = new SourceFile('rendered', text, false);
  // Positions are in `text`; the documents are the rendered stream's: offsets go through renderedOffset.
  const offsetOf = (position: Position) => stream.renderedOffset(source.offsetOf(position.line, position.column));
  const starts = documents.map((document) => document.range[0]);
  const fs = cachedReader(context.fs);
  const files = new Files(fs);
  const writers = new Map<number, Writer[]>();
  const toRelative = (absolute: string) => relative(context.cwd, absolute).split(sep).join('/');
  const fallback = fallbackOrigin(context, fs, toRelative);

  const writersOf = (index: number): Writer[] => {
    let found = writers.get(index);
    if (!found) {
      found = objectWriters(documents[index]!, stream.metadata(index), context.wrapperDir, files).slice(0, MAX_WRITERS);
      writers.set(index, found);
    }
    return found;
  };

  const documentAt = (offset: number): number | undefined => {
    const found = lastAtOrBefore(starts, offset);
    return found !== -1 && offset <= documents[found]!.range[2] ? found : undefined;
  };

  const fieldAt = (position: Position) => {
    const offset = offsetOf(position);
    const index = documentAt(offset);
    return index === undefined ? undefined : { document: index, path: pathAt(documents[index]!, offset) };
  };

  const originOf = (traced: Traced, part: Part, exact: boolean): Origin => {
    const { key, value } = traced.written;
    const place = pick(key, value, exact ? part : 'key');
    if (!place) return fallback;
    return { path: toRelative(traced.writer.file), line: place.start.line, column: place.start.column, endLine: place.end.line, endColumn: place.end.column, ...(traced.writer.hint ? { hint: traced.writer.hint } : {}) };
  };

  return {
    text,
    fieldAt,
    locate(start, end) {
      const field = fieldAt(start);
      if (!field) return fallback;
      const part = partAt(documents[field.document]!, field.path, offsetOf(start), offsetOf(end));
      const traced = writerOf(writersOf(field.document), field.path);
      if (!traced) return { ...fallback, ...remoteHint(stream.metadata(field.document)) };
      return originOf(traced, part, traced.written.depth === field.path.length);
    },
    filesSetting(document, path) {
      if (!documents[document]) return [];
      return writersOfExactly(writersOf(document), path).map((traced) => ({
        path: toRelative(traced.writer.file),
        absolutePath: traced.writer.file,
        role: traced.writer.role,
        origin: originOf(traced, 'value', true),
      }));
    },
  };
}

type Part = 'key' | 'value' | 'pair';

/** Whether a rendered range is on a field's key, its value, or both. */
function partAt(document: Document.Parsed, path: FieldPath, start: number, end: number): Part {
  const last = path[path.length - 1];
  if (last === undefined || typeof last === 'number') return 'value';
  const key = childOf(nodeAt(document.contents, path.slice(0, -1)), last)?.key;
  const range = key?.range;
  if (!range || start < range[0] || start >= range[1]) return 'value';
  return end <= range[1] ? 'key' : 'pair';
}

function pick(key: Place | undefined, value: Place | undefined, part: Part): Place | undefined {
  if (part === 'key') return key ?? value;
  if (part === 'value') return value ?? key;
  if (!key || !value) return key ?? value;
  // A JSON patch operation may write its `value` before its `path`: then the value alone.
  const ordered = key.start.line < value.start.line || (key.start.line === value.start.line && key.start.column <= value.start.column);
  return ordered ? { start: key.start, end: value.end } : value;
}

/** The writers of one rendered object, in the order kustomize applied them: its base, then each kustomization's. */
function objectWriters(document: Document.Parsed, metadata: BuildMetadata, wrapperDir: string, files: Files): Writer[] {
  if (document.errors.length > 0 || !isMap(document.contents)) return [];
  const chain = metadata.transformedBy.flatMap((file) => {
    const kustomization = files.kustomization(dirname(resolve(wrapperDir, file)));
    return kustomization ? [kustomization] : [];
  });
  const object: RenderedObject = { root: document.contents, identity: identityOf(document.contents, chain, metadata) };
  const writers: Writer[] = [];
  const origin = metadata.origin;
  if (origin?.configuredIn !== undefined && origin.repo === undefined) {
    const generating = files.kustomization(dirname(resolve(wrapperDir, origin.configuredIn)));
    if (generating) writers.push(generatorWriter(generating, origin.generator, object.identity));
  } else if (origin?.path !== undefined && origin.repo === undefined) {
    const yaml = files.yaml(resolve(wrapperDir, origin.path));
    if (yaml) writers.push(baseWriter(yaml, baseDocument(yaml, object.identity), object));
  }
  for (const kustomization of chain) writers.push(...kustomizationWriters(kustomization, object, (patch) => files.patch(kustomization, patch)));
  return writers;
}

/** The object as patches select it: its names before each prefix and suffix of its kustomizations (outermost first), and a generated name before its hash. */
function identityOf(root: Node, chain: Kustomization[], metadata: BuildMetadata): ObjectIdentity {
  const text = (path: string[]) => {
    const node = nodeAt(root, path);
    return isScalar(node) && node.value !== null ? String(node.value) : '';
  };
  let name = text(['metadata', 'name']);
  const names = [name];
  if (metadata.origin?.configuredIn !== undefined) {
    name = name.replace(/-[a-z0-9]{10}$/, '');
    names.push(name);
  }
  for (const kustomization of [...chain].reverse()) {
    const prefix = kustomization.namePrefix?.value;
    const suffix = kustomization.nameSuffix?.value;
    if (prefix && name.startsWith(prefix)) name = name.slice(prefix.length);
    if (suffix && name.endsWith(suffix)) name = name.slice(0, name.length - suffix.length);
    if (!names.includes(name)) names.push(name);
  }
  return {
    apiVersion: text(['apiVersion']),
    kind: text(['kind']),
    names,
    namespaces: [text(['metadata', 'namespace'])],
    labels: stringMap(nodeAt(root, ['metadata', 'labels'])),
    annotations: withoutBuildMetadata(stringMap(nodeAt(root, ['metadata', 'annotations']))),
  };
}

function stringMap(node: Node | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (isMap(node)) for (const pair of node.items) if (isScalar(pair.value)) result[keyName(pair.key)] = String(pair.value.value);
  return result;
}

function withoutBuildMetadata(annotations: Record<string, string>): Record<string, string> {
  const { [ORIGIN_ANNOTATION]: _origin, [TRANSFORMATIONS_ANNOTATION]: _transformations, ...user } = annotations;
  return user;
}

function remoteHint(metadata: BuildMetadata | undefined): { hint?: string } {
  if (metadata?.origin?.repo) return { hint: `from the remote resource ${metadata.origin.repo}${metadata.origin.path ? `/${metadata.origin.path}` : ''}` };
  if (!metadata?.origin) return { hint: 'no origin annotation: the overlay was not rendered with buildMetadata [originAnnotations]' };
  return {};
}

/** Line 1 of the overlay's kustomization file: where a range no annotation explains is reported. */
function fallbackOrigin(context: KustomizeContext, fs: FileReader, toRelative: (absolute: string) => string): Origin {
  const root = context.root ?? firstLocalResource(context.wrapperDir, fs) ?? context.wrapperDir;
  const located = kustomizationFileOf(root, fs);
  const file = 'problem' in located ? root : located.file;
  return { path: toRelative(file), line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function firstLocalResource(wrapperDir: string, fs: FileReader): string | undefined {
  const read = readKustomization(wrapperDir, fs);
  return read.ok ? read.kustomization.resources.find((resource) => !resource.remote)?.absolute : undefined;
}

/** Kustomizations, resource files and patches, each read and parsed once. */
class Files {
  private readonly kustomizations = new Map<string, Kustomization | undefined>();
  private readonly yamls = new Map<string, WrittenYaml | undefined>();
  private readonly inline = new Map<unknown, WrittenYaml>();

  constructor(private readonly fs: FileReader) {}

  kustomization(dir: string): Kustomization | undefined {
    if (!this.kustomizations.has(dir)) {
      const read = readKustomization(dir, this.fs);
      this.kustomizations.set(dir, read.ok ? read.kustomization : undefined);
    }
    return this.kustomizations.get(dir);
  }

  yaml(file: string): WrittenYaml | undefined {
    if (!this.yamls.has(file)) this.yamls.set(file, fileYaml(file, this.fs));
    return this.yamls.get(file);
  }

  patch(kustomization: Kustomization, entry: PatchEntry): WrittenYaml | undefined {
    if (entry.file) return entry.file.absolute ? this.yaml(entry.file.absolute) : undefined;
    if (!entry.inline) return undefined;
    let yaml = this.inline.get(entry.inline);
    if (!yaml) {
      yaml = inlineYaml(kustomization.file, kustomization.source, entry.inline);
      this.inline.set(entry.inline, yaml);
    }
    return yaml;
  }
}
