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

/**
 * The stream without the two build-metadata annotations, which no user wrote (an `annotations:`
 * left empty goes too), and what they said, by document. Only block mappings are edited, as
 * kustomize writes them; a document that does not parse keeps its text and gives no metadata.
 */
export function splitBuildMetadata(rendered: string): { text: string; metadata: BuildMetadata[] } {
  const cuts: [number, number][] = [];
  const metadata = parseDocuments(rendered, PARSE_OPTIONS).map((document) => {
    const annotations = annotationsOf(document);
    if (!annotations) return { transformedBy: [] };
    const pairs = annotations.map.items.filter((pair) => isScalar(pair.key) && (pair.key.value === ORIGIN_ANNOTATION || pair.key.value === TRANSFORMATIONS_ANNOTATION));
    if (pairs.length > 0 && !annotations.map.flow) {
      if (pairs.length === annotations.map.items.length) cuts.push(wholeLines(rendered, annotations.pair));
      else for (const pair of pairs) cuts.push(wholeLines(rendered, pair));
    }
    return readMetadata(stringValue(annotations.map, ORIGIN_ANNOTATION), stringValue(annotations.map, TRANSFORMATIONS_ANNOTATION));
  });
  let text = '';
  let from = 0;
  for (const [start, end] of cuts) {
    text += rendered.slice(from, start);
    from = end;
  }
  return { text: text + rendered.slice(from), metadata };
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
      const configuredIn = (entry as Record<string, unknown> | null)?.['configuredIn'];
      if (typeof configuredIn === 'string' && !result.transformedBy.includes(configuredIn)) result.transformedBy.push(configuredIn);
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
