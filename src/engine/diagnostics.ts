import { defaultSeverityOf, INVALID_VALUE, UNKNOWN_VALUE } from '../core/diagnostics.js';
import type { Span } from '../core/source.js';
import type { AnnotationProblem } from '../analysis/profile.js';
import { READ_KINDS, type Model } from '../model/build.js';
import { describeObject, type KubeObject } from '../model/objects.js';
import { toFinding, type Collected } from './findings.js';
import type { LintOptions } from './options.js';
import type { LoadedFile } from './load.js';

/** One `invalid-value` per wrong-typed field the model met while reading, and per invalid profile annotation. */
export function collectInvalidValues(
  loaded: LoadedFile[],
  annotationProblems: Map<unknown, AnnotationProblem[]>,
  options: LintOptions,
  collected: Collected,
): void {
  const level = options.settings.get(INVALID_VALUE)?.level ?? defaultSeverityOf(INVALID_VALUE);
  if (level === 'off') return;
  for (const { file, objects } of loaded) {
    for (const { object, sink } of objects) {
      for (const problem of [...sink.problems, ...(annotationProblems.get(object.root.node) ?? [])]) {
        collected.get(file)!.push({ finding: toFinding(file.source, problem.span, INVALID_VALUE, level, problem.message, object), object });
      }
    }
  }
}

/**
 * One `unknown-value` per value the checks needed but a TypeScript source computes; the same
 * expression repeated across a file's objects (`ns.metadata.name`) is reported once.
 */
export function collectUnknownValues(loaded: LoadedFile[], model: Model, options: LintOptions, collected: Collected): void {
  const level = options.settings.get(UNKNOWN_VALUE)?.level ?? defaultSeverityOf(UNKNOWN_VALUE);
  if (level === 'off') return;
  const workloads = new Set(model.workloads.map((w) => w.root.node));
  for (const { file, objects } of loaded) {
    const byReason = new Map<string, { object: KubeObject; span: Span; path: string; count: number }>();
    for (const { object, sink } of objects) {
      // An unknown value of a kind no rule reads skips no check.
      if (!workloads.has(object.root.node) && !READ_KINDS.has(object.kind)) continue;
      for (const { span, path, reason } of sink.unknowns) {
        const first = byReason.get(reason);
        if (first) first.count++;
        else byReason.set(reason, { object, span, path, count: 1 });
      }
    }
    for (const [reason, { object, span, path, count }] of byReason) {
      const more = count > 1 ? ` (so are ${count - 1} more values written the same way in this file)` : '';
      const message = `${path ? `${path} of ` : ''}${describeObject(object)} cannot be read statically (${reason}): the checks that need it skipped it${more}`;
      collected.get(file)!.push({ finding: toFinding(file.source, span, UNKNOWN_VALUE, level, message, object), object });
    }
  }
}
