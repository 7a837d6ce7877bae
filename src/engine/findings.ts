import type { Finding, ObjectRef, RelatedLocation } from '../core/findings.js';
import { sha256Hex } from '../core/sha256.js';
import type { Severity } from '../core/severity.js';
import type { SourceFile, Span } from '../core/source.js';
import { keyPathAt } from '../languages/shared/key-path.js';
import { apiGroup } from '../model/kinds/index.js';
import type { KubeObject, LintFile } from '../model/objects.js';

/** Findings with the object each is about, by file, until suppressions have been applied. */
export type Collected = Map<LintFile, { finding: Finding; object?: KubeObject }[]>;

/** A finding at a span of a file, about an object (if any), with a fingerprint that survives edits elsewhere. */
export function toFinding(source: SourceFile, span: Span, ruleId: string, severity: Severity, message: string, object?: KubeObject): Finding {
  const last = source.text.length;
  const start = source.position(Math.min(span.start, last));
  const end = source.position(Math.min(Math.max(span.end, span.start), last));
  return {
    fingerprint: fingerprintOf(source, span, ruleId, object),
    ruleId,
    severity,
    message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(object ? { object: objectRef(object) } : {}),
    fixable: false,
  };
}

/** A file that could not be read or parsed: one fatal finding at a point, fingerprinted by its rule and message. */
export function fatalFinding(ruleId: string, message: string, line = 1, column = 1): Finding {
  return {
    ruleId,
    severity: 'error',
    message,
    line,
    column,
    endLine: line,
    endColumn: column,
    fatal: true,
    fixable: false,
    fingerprint: hash(`${ruleId}\u0000${message}`),
  };
}

/** Where the other object of a relation is. */
export function relatedLocation(object: KubeObject, span: Span): RelatedLocation {
  const { source } = object.file;
  const last = source.text.length;
  const start = source.position(Math.min(span.start, last));
  const end = source.position(Math.min(Math.max(span.end, span.start), last));
  return { path: source.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, object: objectRef(object) };
}

export function regionOf(source: SourceFile, start: number, end: number) {
  const from = source.position(start);
  const to = source.position(end);
  return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
}

/** The span of columns `[column, endColumn)` of a line. */
export function lineSpan(source: SourceFile, line: number, column: number, endColumn: number): Span {
  const start = source.offsetOf(line, column);
  return { start, end: start + (endColumn - column) };
}

export function hash(text: string): string {
  return sha256Hex(text).slice(0, 32);
}

/**
 * What a finding is, not where its line is (docs/baseline.md): the rule, the object (API group,
 * kind, namespace, name) and the key path of the offending field in it. The file's path is not
 * part of it (a baseline pairs it with the path), so it is the same from any working directory.
 */
function fingerprintOf(source: SourceFile, span: Span, ruleId: string, object: KubeObject | undefined): string {
  if (object) return hash(`${ruleId}\u0000${objectIdentity(object)}\u0000${keyPathAt(object.root.node, span.start)}`);
  // A finding about no object (a syntax error, an unused suppression comment) is told apart by the text it points at.
  const field = source.text.slice(span.start, Math.min(span.end, span.start + 200)).split('\n', 1)[0]!.trim();
  return hash(`${ruleId}\u0000${field}`);
}

/** `apps/Deployment/ml/vllm`; an object with no name is named by its source name or its place among the file's unnamed objects of its kind. */
function objectIdentity(object: KubeObject): string {
  const name = object.name ?? (object.sourceName !== undefined ? `source:${object.sourceName}` : `#${object.unnamedOrdinal ?? 0}`);
  return `${apiGroup(object.apiVersion)}/${object.kind}/${object.namespace ?? ''}/${name}`;
}

function objectRef(object: KubeObject): ObjectRef {
  return {
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ...(object.name ? { name: object.name } : {}),
  };
}
