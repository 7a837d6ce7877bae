import type { ParsedDocument } from '../languages/shared/document.js';
import type { OriginMap } from '../core/origin.js';
import type { SourceFile, Span } from '../core/source.js';
import { isField, type Field, type MapView, type UnknownRead } from '../languages/shared/node.js';

/** One input file of the run. Context files feed the index but get no findings. */
export interface LintFile {
  source: SourceFile;
  reportable: boolean;
  /** Whether a real comment starts at an offset (see ReadResult.commentAt). */
  commentAt?: (offset: number) => boolean;
  /** For a rendered text: where each range of it was written (messages name that place). */
  origin?: OriginMap;
}

/** Any Kubernetes object (a document with `apiVersion` and `kind`, or a `List` item). */
export interface KubeObject {
  file: LintFile;
  document: ParsedDocument;
  root: MapView;
  apiVersion: string;
  kind: string;
  name?: string;
  /** The namespace as written; see {@link namespaceOf} for the effective one. */
  namespace?: string;
  labels: Map<string, Field<string>>;
  annotations: Map<string, Field<string>>;
  /** Where object-level findings point: `metadata.name`, else `kind`. */
  anchor: Span;
  /** Values read so far that a TypeScript source computes (filled as the model reads them). */
  unknowns: readonly UnknownRead[];
  /** A TypeScript object's resource name or construct id, for messages when it has no `metadata.name`. */
  sourceName?: string;
  /** With neither name: its 0-based position among such objects of its kind in its file (set by {@link numberUnnamedObjects}). */
  unnamedOrdinal?: number;
}

export function readObject(file: LintFile, document: ParsedDocument, root: MapView): KubeObject | undefined {
  const apiVersion = root.string('apiVersion');
  const kind = root.string('kind');
  if (!isField(apiVersion) || !isField(kind)) return undefined;
  const metadata = root.map('metadata');
  const name = metadata?.string('name');
  const namespace = metadata?.string('namespace');
  return {
    file,
    document,
    root,
    apiVersion: apiVersion.value,
    kind: kind.value,
    ...(isField(name) ? { name: name.value } : {}),
    ...(isField(namespace) ? { namespace: namespace.value } : {}),
    labels: metadata?.stringMap('labels') ?? new Map(),
    annotations: metadata?.stringMap('annotations') ?? new Map(),
    anchor: isField(name) ? name.fieldSpan : kind.fieldSpan,
    unknowns: root.sink.unknowns,
    ...(document.typescript?.name ? { sourceName: document.typescript.name } : {}),
  };
}

/** Numbers the objects of one file that have neither a name nor a source name, per kind, in file order. */
export function numberUnnamedObjects(objects: readonly KubeObject[]): void {
  const counts = new Map<string, number>();
  for (const object of objects) {
    if (object.name !== undefined || object.sourceName !== undefined) continue;
    const ordinal = counts.get(object.kind) ?? 0;
    object.unnamedOrdinal = ordinal;
    counts.set(object.kind, ordinal + 1);
  }
}

/**
 * Whether what links this object to others (its names, namespace and labels; a selector, a
 * pod template's labels, an HPA's target) may be other than read: a computed value in a
 * TypeScript source. Rules that conclude from a missing relation (no PDB, no HPA) then stay silent.
 */
export function linksUnknown(object: KubeObject): boolean {
  return object.unknowns.some(({ path }) => RELATION_PATH.test(path));
}

const RELATION_PATH = /^(?:|metadata(?:\..*)?|spec|spec\.(?:selector|scaleTargetRef)(?:\..*)?|(?:.*\.)?template(?:\.metadata(?:\..*)?)?|(?:.*\.)?jobTemplate(?:\.spec)?)$/;

export function namespaceOf(object: KubeObject, defaultNamespace: string): string {
  return object.namespace ?? defaultNamespace;
}

/** `Deployment vllm` or `Deployment ml/vllm`: how messages name an object. */
export function describeObject(object: KubeObject): string {
  const name = object.name ?? (object.sourceName ? `"${object.sourceName}"` : '(unnamed)');
  return `${object.kind} ${object.namespace ? `${object.namespace}/${name}` : name}`;
}

/** The objects of a `List` (or `DeploymentList`, …) are linted as if each were a document. */
export function listItems(root: MapView): MapView[] | undefined {
  const kind = root.string('kind');
  if (!isField(kind) || !/List$/.test(kind.value) || !root.has('items')) return undefined;
  return root.maps('items');
}
