import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { Document, isMap, isSeq, Pair, Scalar, type Node, type YAMLMap } from 'yaml';
import type { SourceFile, Span } from '../../core/source.js';
import { Bindings, walk } from './bindings.js';
import { carryOrigin, propertyKey, staticString, TsValueReader, unwrap } from './values.js';
import { encodeTree } from '../shared/from-yaml.js';
import { nodeOf, type EncodedTree } from '../shared/encoded-tree.js';
import type { TreeMap } from '../shared/tree.js';
import type { ParsedDocument } from '../shared/document.js';
import { isUnknownNode, markOpen, opaqueMapping, unknownNode } from '../shared/unknown.js';

/** A Kubernetes object written in a TypeScript source, found by how it is constructed. */
interface ObjectSource {
  /** The object literal (props or args) the object is read from. */
  body: TSESTree.Node;
  /** For `new KubeDeployment(...)` and `new k8s.apps.v1.Deployment(...)`: what the class says. */
  typed?: { apiVersion: string; kind: string; at: TSESTree.Node; cdk8s: boolean; name?: string };
  /** What may change the object after it is written (a cdk8s JSON patch, a Pulumi transformation). */
  patchedBy?: string;
  /** The whole expression, for the document's span. */
  span: Span;
}

/** Kubernetes groups by cdk8s class or Pulumi namespace, with the version a plain cdk8s class name means. */
const KIND_GROUPS: Record<string, { group: string; version: string }> = {
  Deployment: { group: 'apps', version: 'v1' },
  StatefulSet: { group: 'apps', version: 'v1' },
  DaemonSet: { group: 'apps', version: 'v1' },
  ReplicaSet: { group: 'apps', version: 'v1' },
  Job: { group: 'batch', version: 'v1' },
  CronJob: { group: 'batch', version: 'v1' },
  Pod: { group: '', version: 'v1' },
  Service: { group: '', version: 'v1' },
  Namespace: { group: '', version: 'v1' },
  ConfigMap: { group: '', version: 'v1' },
  PodDisruptionBudget: { group: 'policy', version: 'v1' },
  HorizontalPodAutoscaler: { group: 'autoscaling', version: 'v1' },
  Ingress: { group: 'networking.k8s.io', version: 'v1' },
  IngressClass: { group: 'networking.k8s.io', version: 'v1' },
};

/** Pulumi's namespaces (`k8s.networking.v1`) by the API group they stand for. */
const PULUMI_GROUPS: Record<string, string> = {
  core: '',
  apps: 'apps',
  batch: 'batch',
  policy: 'policy',
  autoscaling: 'autoscaling',
  networking: 'networking.k8s.io',
  scheduling: 'scheduling.k8s.io',
  rbac: 'rbac.authorization.k8s.io',
  storage: 'storage.k8s.io',
};

const PULUMI_MODULE = /^@pulumi\/kubernetes(?:\/([a-z]+)(?:\/(v\d+(?:alpha\d+|beta\d+)?))?)?$/;
const VERSION = /^v\d+(?:alpha\d+|beta\d+)?$/;

/**
 * A quick look before parsing: a file that mentions no Kubernetes object at all is not parsed,
 * so a repository's ordinary TypeScript costs nothing (and needs no TypeScript installed).
 */
export function mayDefineObjects(text: string): boolean {
  return /\bapiVersion\b|\bKube[A-Z]|@pulumi\/kubernetes/.test(text);
}

/** The objects of a parsed TypeScript program, each as a document of the model. */
export function readTsDocuments(source: SourceFile, program: TSESTree.Program): ParsedDocument[] {
  const bindings = new Bindings(program);
  const found: ObjectSource[] = [];
  walk(program, undefined, (node) => {
    if (node.type === 'NewExpression') {
      const object = constructed(node, bindings);
      if (object) {
        const patchedBy = patcher(node, bindings);
        found.push(patchedBy ? { ...object, patchedBy } : object);
        return false;
      }
    } else if (node.type === 'ObjectExpression' && hasLiteralTypeMeta(node)) {
      // A manifest spread into others (`{ ...base, spec: … }`) is their template, not an object.
      if (!bindings.spread.has(declaredName(node, bindings) ?? '')) found.push({ body: node, span: { start: node.range[0], end: node.range[1] } });
      return false;
    }
    return true;
  });
  return found
    .map((object) => toDocument(source, bindings, object))
    .filter((d): d is ParsedDocument => d !== undefined)
    .map((document, index) => ({ ...document, index }));
}

/** The const an expression initializes, through `as const` and the like. */
function declaredName(node: TSESTree.Node, bindings: Bindings): string | undefined {
  let current = node;
  let parent = bindings.parentOf(current);
  while (parent && unwrap(parent) === current && parent !== current) {
    current = parent;
    parent = bindings.parentOf(current);
  }
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

/**
 * `const d = new KubeDeployment(…); d.addJsonPatch(…)` (cdk8s) and Pulumi's `transformations`
 * change the object after it is written: every field it lacks may be set there.
 */
function patcher(node: TSESTree.NewExpression, bindings: Bindings): string | undefined {
  const name = declaredName(node, bindings);
  if (name && bindings.patched.has(name)) return `the JSON patches \`${name}.addJsonPatch(…)\` may set fields`;
  const options = node.arguments[2] && unwrap(node.arguments[2]);
  const transforms = options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'Property' && ['transformations', 'transforms'].includes(propertyKey(p) ?? ''));
  return transforms ? 'the resource transformations may set fields' : undefined;
}

function toDocument(source: SourceFile, bindings: Bindings, object: ObjectSource): Omit<ParsedDocument, 'index'> | undefined {
  const reader = new TsValueReader(source.text, bindings);
  reader.ranges.push(object.span);
  const read = reader.read(object.body);
  // Props that are a parameter or a call: the class still says what the object is (a PDB that
  // may select anything), but every field is unknown.
  const root = isMap(read) ? read : object.typed && isUnknownNode(read) ? opaqueMapping(read) : undefined;
  if (!root) return undefined;
  if (object.typed) {
    const { apiVersion, kind, at } = object.typed;
    root.items.unshift(classPair('apiVersion', apiVersion, at), classPair('kind', kind, at));
  }
  if (object.patchedBy) openEverywhere(root, unknownNode(object.patchedBy, [object.span.start, object.span.end]));
  const document = new Document(null) as unknown as Document.Parsed;
  document.contents = root as YAMLMap.Parsed;
  document.range = [object.span.start, object.span.end, object.span.end];
  const name = object.typed?.name;
  return { tree: encodeWithOrigins(document, source.text), span: object.span, errors: [], typescript: { ranges: reader.ranges, cdk8s: object.typed?.cdk8s === true, ...(name ? { name } : {}) } };
}

/** The document's tree, each of its nodes and pairs knowing the TypeScript it was read from. */
function encodeWithOrigins(document: Document, text: string): EncodedTree {
  const nodes: [object, number][] = [];
  const pairs: [object, number, number][] = [];
  const encoded = encodeTree(document, text, { node: (from, id) => nodes.push([from, id]), pair: (from, map, index) => pairs.push([from, map, index]) });
  for (const [from, id] of nodes) carryOrigin(from, nodeOf(encoded, text, id)!);
  for (const [from, map, index] of pairs) carryOrigin(from, (nodeOf(encoded, text, map) as TreeMap).items[index]!);
  return encoded;
}

/** Marks every mapping of a value as one whose missing keys are unknown. */
function openEverywhere(node: unknown, hidden: ReturnType<typeof unknownNode>): void {
  if (isMap(node)) {
    markOpen(node, hidden);
    for (const pair of node.items) openEverywhere(pair.value, hidden);
  } else if (isSeq(node)) {
    for (const item of node.items) openEverywhere(item, hidden);
  }
}

/** `apiVersion` or `kind` as the class gives them, pointing at the class name. */
function classPair(key: string, value: string, at: TSESTree.Node): Pair<unknown, unknown> {
  const keyNode = new Scalar(key);
  const valueNode = new Scalar(value);
  keyNode.range = valueNode.range = [at.range[0], at.range[1], at.range[1]];
  return new Pair<Node, Node>(keyNode, valueNode) as Pair<unknown, unknown>;
}

/** An object literal with string-literal `apiVersion` and `kind`, and more: a manifest written inline. */
function hasLiteralTypeMeta(node: TSESTree.ObjectExpression): boolean {
  const literal = (name: string) => node.properties.some((p) => p.type === 'Property' && propertyKey(p) === name && staticString(p.value) !== undefined);
  // `{ apiVersion: 'apps/v1', kind: 'Deployment' }` alone is a type (cdk8s's GVK constants), not an object.
  const more = node.properties.some((p) => p.type !== 'Property' || !['apiVersion', 'kind'].includes(propertyKey(p) ?? ''));
  return literal('apiVersion') && literal('kind') && more;
}

/** `new KubeDeployment(scope, id, props)` (cdk8s) or `new k8s.apps.v1.Deployment(name, args)` (Pulumi). */
function constructed(node: TSESTree.NewExpression, bindings: Bindings): ObjectSource | undefined {
  const chain = calleeChain(node.callee);
  if (!chain) return undefined;
  const [head, ...rest] = chain;
  const imported = bindings.importOf(head!.name);
  if (!imported) return undefined;
  const names = [...(imported.imported === '*' || imported.imported === 'default' ? [] : [imported.imported]), ...rest.map((r) => r.name)];
  const at = rest.length > 0 ? rest[rest.length - 1]! : head!;
  const span = { start: node.range[0], end: node.range[1] };

  const pulumi = PULUMI_MODULE.exec(imported.module);
  if (pulumi) {
    const path = [...(pulumi[1] ? [pulumi[1]] : []), ...(pulumi[2] ? [pulumi[2]] : []), ...names];
    if (path.length !== 3) return undefined;
    const [namespace, version, kind] = path as [string, string, string];
    const group = PULUMI_GROUPS[namespace];
    if (group === undefined || !VERSION.test(version) || !/^[A-Z]\w*$/.test(kind) || /(?:Patch|List)$/.test(kind)) return undefined;
    const body = node.arguments[1];
    const name = staticString(node.arguments[0]);
    return body ? { body, typed: { apiVersion: group ? `${group}/${version}` : version, kind, at, cdk8s: false, ...(name ? { name } : {}) }, span } : undefined;
  }

  // cdk8s: the classes `cdk8s import k8s` generates, from whatever file they were generated to.
  const className = names[names.length - 1];
  const match = className && names.length === 1 ? /^Kube([A-Z][A-Za-z]*?)(V\d+(?:Alpha\d+|Beta\d+)?)?$/.exec(className) : null;
  if (!match || imported.module.startsWith('@pulumi/')) return undefined;
  const kind = match[1]!;
  const known = KIND_GROUPS[kind];
  // Kinds whose group is not known here are not read: a wrong apiVersion would misread them.
  if (!known) return undefined;
  const version = match[2]?.toLowerCase() ?? known.version;
  const body = node.arguments[2];
  if (!body) return undefined;
  const apiVersion = known.group ? `${known.group}/${version}` : version;
  const name = staticString(node.arguments[1]);
  return { body, typed: { apiVersion, kind, at, cdk8s: true, ...(name ? { name } : {}) }, span };
}

/** `a.b.c` as identifiers; undefined for anything computed. */
function calleeChain(callee: TSESTree.Node): TSESTree.Identifier[] | undefined {
  if (callee.type === 'Identifier') return [callee];
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const object = calleeChain(callee.object);
    return object ? [...object, callee.property] : undefined;
  }
  return undefined;
}
