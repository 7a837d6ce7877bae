import { ADMISSION_EXEMPT_KINDS, CLUSTER_SCOPED_BUILTIN_KINDS, CLUSTER_SCOPED_CUSTOM_KINDS, resourceOfKind } from '../../domain/index.js';
import { isMap, isSeq, isUnknown, type TreeNode } from '../../languages/shared/tree.js';
import { apiGroup } from '../../model/kinds/index.js';
import { namespaceOf, type KubeObject } from '../../model/objects.js';
import { NAMESPACE_NAME_LABEL, type AdmissionTarget } from './match.js';
import { plainOf, record, type Plain } from './plain.js';

export interface Target {
  /** Tells objects apart (two copies of one, from two overlays, are two objects). */
  key: number;
  target: AdmissionTarget;
  inputs: Record<string, unknown>;
}

/** Each object of the run as an admission request: what matching reads, and the CEL variables. */
export class Targets {
  private readonly namespaces = new Map<string, { labels: Map<string, string>; data: Plain }>();
  private readonly cache = new Map<KubeObject, Target | undefined>();

  constructor(
    objects: readonly KubeObject[],
    private readonly defaultNamespace: string,
  ) {
    for (const object of objects) {
      if (object.kind !== 'Namespace' || object.apiVersion !== 'v1' || object.name === undefined) continue;
      if (!this.namespaces.has(object.name)) this.namespaces.set(object.name, { labels: labelsOf(object), data: plainOf(object) });
    }
  }

  /**
   * The object as a request, or undefined when it is not judged: it is in a `--context` file, no
   * policy applies to its kind, or a value a TypeScript source computes could make any expression
   * pass or fail.
   */
  of(object: KubeObject): Target | undefined {
    if (this.cache.has(object)) return this.cache.get(object);
    const judged = object.file.reportable && !ADMISSION_EXEMPT_KINDS.has(`${apiGroup(object.apiVersion)}/${object.kind}`) && !holdsComputedValue(object.root.node);
    const target = judged ? this.build(object) : undefined;
    this.cache.set(object, target);
    return target;
  }

  private build(object: KubeObject): Target {
    const group = apiGroup(object.apiVersion);
    const version = object.apiVersion.slice(object.apiVersion.indexOf('/') + 1);
    const clusterScoped = CLUSTER_SCOPED_BUILTIN_KINDS.has(`${group}/${object.kind}`) || CLUSTER_SCOPED_CUSTOM_KINDS.has(`${group}/${object.kind}`);
    const namespace = clusterScoped ? '' : namespaceOf(object, this.defaultNamespace);
    const namespaceEntry = object.kind === 'Namespace' && group === '' ? { labels: labelsOf(object), data: plainOf(object) } : this.namespaces.get(namespace);
    const resource = resourceOfKind(object.kind);
    const data = plainOf(object);
    // The API server admits a namespaced object with the request's namespace in its metadata.
    if (!clusterScoped) data.metadata = { ...record(data.metadata), namespace };
    const target: AdmissionTarget = {
      group,
      version,
      kind: object.kind,
      resource,
      name: object.name ?? '',
      namespace,
      clusterScoped,
      labels: new Map([...object.labels].map(([key, field]) => [key, field.value])),
      namespaceLabels: namespaceEntry?.labels,
    };
    const kind = { group, version, kind: object.kind };
    const resourceRef = { group, version, resource };
    const request = {
      uid: '',
      kind,
      resource: resourceRef,
      subResource: '',
      requestKind: kind,
      requestResource: resourceRef,
      requestSubResource: '',
      name: object.name ?? '',
      namespace,
      operation: 'CREATE',
      userInfo: { username: '', groups: [] },
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    };
    const namespaceObject = clusterScoped ? null : (this.namespaces.get(namespace)?.data ?? null);
    return { key: this.cache.size, target, inputs: { object: data, oldObject: null, request, params: null, namespaceObject } };
  }
}

/** A Namespace's labels, with the name label the API server sets on every Namespace. */
function labelsOf(namespace: KubeObject): Map<string, string> {
  const labels = new Map([...namespace.labels].map(([key, field]) => [key, field.value]));
  if (namespace.name !== undefined) labels.set(NAMESPACE_NAME_LABEL, namespace.name);
  return labels;
}

function holdsComputedValue(node: TreeNode | null | undefined): boolean {
  if (isUnknown(node)) return true;
  if (isMap(node)) return node.hidden !== undefined || node.items.some((pair) => holdsComputedValue(pair.key) || holdsComputedValue(pair.value));
  if (isSeq(node)) return node.items.some(holdsComputedValue);
  return false;
}
