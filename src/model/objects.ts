import type { ParsedDocument } from '../parse/yaml.js';
import type { SourceFile, Span } from '../parse/source.js';
import { isField, type Field, type MapView } from './node.js';

/** One input file of the run. Context files feed the index but get no findings. */
export interface LintFile {
  source: SourceFile;
  reportable: boolean;
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
  };
}

export function namespaceOf(object: KubeObject, defaultNamespace: string): string {
  return object.namespace ?? defaultNamespace;
}

/** `Deployment vllm` or `Deployment ml/vllm`: how messages name an object. */
export function describeObject(object: KubeObject): string {
  const name = object.name ?? '(unnamed)';
  return `${object.kind} ${object.namespace ? `${object.namespace}/${name}` : name}`;
}

/** The objects of a `List` (or `DeploymentList`, …) are linted as if each were a document. */
export function listItems(root: MapView): MapView[] | undefined {
  const kind = root.string('kind');
  if (!isField(kind) || !/List$/.test(kind.value) || !root.has('items')) return undefined;
  return root.maps('items');
}
