import { lastAtOrBefore } from '../../core/source.js';
import { isMap, isScalar, parse, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { PARSE_OPTIONS, parseDocuments } from '../../languages/yaml/parse.js';

/** What `buildMetadata: [originAnnotations]` writes on each object (api/resource/origin.go). */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
/** What `buildMetadata: [transformerAnnotations]` writes on each object a transformer ran on. */
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** Where kustomize read an object: a resource file, or the kustomization whose generator made it. Paths relative to the directory built. */
export interface ObjectOrigin {
  /** The resource file (a local one, or a path in `repo`). */
  path?: string;
  /** A remote resource's repository, and its ref. */
  repo?: string;
  ref?: string;
  /** A generated object: the kustomization file that configures its generator, and which generator. */
  configuredIn?: string;
  generator?: string;
}

export interface BuildMetadata {
  origin?: ObjectOrigin;
  /** The kustomization files whose transformers ran on the object, in the order they ran, each once. */
  transformedBy: string[];
}

/** An overlay's rendered stream, parsed once: the text a user would see, and what kustomize annotated. */
export interface AnnotatedStream {
  /** The stream without the two build-metadata annotations (an `annotations:` left empty goes too). */
  text: string;
  /** The documents of the rendered stream as kustomize wrote it (annotations included). */
  documents: Document.Parsed[];
  /** What the annotations of a document say (read when first asked). */
  metadata(index: number): BuildMetadata;
  /** The offset in the rendered stream of an offset in `text`. */
  renderedOffset(offset: number): number;
}

/**
 * Reads the build metadata of a rendered stream and cuts it out of the text. Only block mappings
 * are cut, as kustomize writes them; a document that does not parse keeps its text and gives no
 * metadata.
 */
export function readAnnotatedStream(rendered: string): AnnotatedStream {
  const cuts: [number, number][] = [];
  const raw: { origin?: string; transformations?: string }[] = [];
  const documents = parseDocuments(rendered, PARSE_OPTIONS);
  for (const document of documents) {
    const annotations = annotationsOf(document);
    if (!annotations) {
      raw.push({});
      continue;
    }
    const pairs = annotations.map.items.filter((pair) => isScalar(pair.key) && (pair.key.value === ORIGIN_ANNOTATION || pair.key.value === TRANSFORMATIONS_ANNOTATION));
    if (pairs.length > 0 && !annotations.map.flow) {
      if (pairs.length === annotations.map.items.length) cuts.push(wholeLines(rendered, annotations.pair));
      else for (const pair of pairs) cuts.push(wholeLines(rendered, pair));
    }
    const origin = stringValue(annotations.map, ORIGIN_ANNOTATION);
    const transformations = stringValue(annotations.map, TRANSFORMATIONS_ANNOTATION);
    raw.push({ ...(origin !== undefined ? { origin } : {}), ...(transformations !== undefined ? { transformations } : {}) });
  }
  let text = '';
  let from = 0;
  let removed = 0;
  // Where each cut stands in `text`, and how much was removed up to and including it.
  const cutAt: number[] = [];
  const removedThrough: number[] = [];
  for (const [start, end] of cuts) {
    text += rendered.slice(from, start);
    cutAt.push(start - removed);
    removed += end - start;
    removedThrough.push(removed);
    from = end;
  }
  text += rendered.slice(from);
  const read = new Map<number, BuildMetadata>();
  return {
    text,
    documents,
    metadata(index) {
      let metadata = read.get(index);
      if (!metadata) {
        metadata = readMetadata(raw[index]?.origin, raw[index]?.transformations);
        read.set(index, metadata);
      }
      return metadata;
    },
    renderedOffset(offset) {
      const last = lastAtOrBefore(cutAt, offset);
      return offset + (last === -1 ? 0 : removedThrough[last]!);
    },
  };
}

/** The stream without the two build-metadata annotations, and what they said, by document. */
export function splitBuildMetadata(rendered: string): { text: string; metadata: BuildMetadata[] } {
  const stream = readAnnotatedStream(rendered);
  return { text: stream.text, metadata: stream.documents.map((_, index) => stream.metadata(index)) };
}

function annotationsOf(document: Document.Parsed): { pair: Pair; map: YAMLMap } | undefined {
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  const metadata = document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'metadata')?.value;
  if (!isMap(metadata) || metadata.flow) return undefined;
  const pair = metadata.items.find((item) => isScalar(item.key) && item.key.value === 'annotations');
  return pair && isMap(pair.value) ? { pair, map: pair.value } : undefined;
}

function stringValue(map: YAMLMap, key: string): string | undefined {
  const value = map.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** From the start of the pair's first line to the end of its last. */
function wholeLines(text: string, pair: Pair): [number, number] {
  const keyStart = (pair.key as Node).range![0];
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node).range![1];
  const start = text.lastIndexOf('\n', keyStart - 1) + 1;
  const newline = text.indexOf('\n', Math.max(valueEnd - 1, keyStart));
  return [start, newline === -1 ? text.length : newline + 1];
}

function readMetadata(origin: string | undefined, transformations: string | undefined): BuildMetadata {
  const result: BuildMetadata = { transformedBy: [] };
  const parsedOrigin = safeParse(origin);
  if (parsedOrigin && typeof parsedOrigin === 'object' && !Array.isArray(parsedOrigin)) {
    const fields = parsedOrigin as Record<string, unknown>;
    const read: ObjectOrigin = {};
    for (const key of ['path', 'repo', 'ref', 'configuredIn'] as const) if (typeof fields[key] === 'string') read[key] = fields[key];
    const by = fields['configuredBy'] as Record<string, unknown> | undefined;
    if (typeof by?.['kind'] === 'string') read.generator = by['kind'];
    result.origin = read;
  }
  const parsedTransformations = safeParse(transformations);
  if (Array.isArray(parsedTransformations)) {
    for (const entry of parsedTransformations) {
      const fields = entry as Record<string, unknown> | null;
      const configuredIn = fields?.['configuredIn'];
      // A remote kustomization's path is inside its repository, not beside the wrapper.
      if (typeof configuredIn === 'string' && fields?.['repo'] === undefined && !result.transformedBy.includes(configuredIn)) result.transformedBy.push(configuredIn);
    }
  }
  return result;
}

function safeParse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}
