import type { Finding, ObjectRef } from '../core/findings.js';
import { sha256Hex } from '../core/sha256.js';
import type { Severity } from '../core/severity.js';
import type { SourceFile, Span } from '../core/source.js';
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

/** A file that could not be read or parsed: one fatal finding at a point, fingerprinted by its file and message. */
export function fatalFinding(path: string, ruleId: string, message: string, line = 1, column = 1): Finding {
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
    fingerprint: hash(`${ruleId}\u0000${fileIdentity(path)}\u0000${message}`),
  };
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

function fingerprintOf(source: SourceFile, span: Span, ruleId: string, object: KubeObject | undefined): string {
  const field = source.text.slice(span.start, Math.min(span.end, span.start + 200)).split('\n', 1)[0]!.trim();
  // A finding about no object (a syntax error, an unused suppression comment) is told apart by its file.
  const identity = object ? `${object.kind}/${object.namespace ?? ''}/${object.name ?? ''}` : fileIdentity(source.path);
  return hash(`${ruleId}\u0000${identity}\u0000${field}`);
}

/** A path as the same file is named on every run and system: `/` separators, no `./` segments. */
function fileIdentity(path: string): string {
  return `file:${path.split(/[\\/]/).filter((segment) => segment !== '.').join('/')}`;
}

function objectRef(object: KubeObject): ObjectRef {
  return {
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ...(object.name ? { name: object.name } : {}),
  };
}
