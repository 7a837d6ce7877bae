import type { Span } from '../core/source.js';
import type { DrainSubject } from '../analysis/subjects.js';
import type { KubeObject } from '../model/objects.js';
import type { BorrowedField, Container } from '../model/pod.js';

/** Where a finding about a container field goes: the object that writes it, and the workload to fall back on. */
export interface FieldHolder {
  object: KubeObject;
  /** The workload, where the holder is another object: a finding on a context file (never reported) lands here instead, with no fix. */
  related?: { object: KubeObject; span: Span };
}

/**
 * The object whose edit changes `field` of the container: the ServingRuntime it was merged from
 * when the field is the runtime's (an InferenceService's `kserve-container` takes its probes from
 * there unless it writes its own), else the workload. `'container'` asks about the container
 * itself (a missing field is added to it): the runtime's only where the workload writes none.
 * Spread into a report, and edit with `context.editor(holder.object)`.
 */
export function heldBy(subject: DrainSubject, container: Container, field: BorrowedField | 'container'): FieldHolder {
  const merged = container.merged;
  const fromBase = merged && (field === 'container' ? merged.whole : merged.borrowed.has(field));
  if (!merged || !fromBase) return { object: subject.workload };
  return { object: merged.from, related: { object: subject.workload, span: merged.whole ? subject.template.anchor : container.anchor } };
}
