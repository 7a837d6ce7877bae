import type { FieldPath } from '../../languages/yaml/path-at.js';
import type { Writer, Written } from './writers.js';

export interface Traced {
  writer: Writer;
  written: Written;
}

/**
 * Which file wrote a rendered field: the one that writes the deepest part of its path (the field
 * itself, else its nearest written ancestor), the last one kustomize applied when several do.
 * Undefined when no writer writes any of it.
 */
export function writerOf(writers: readonly Writer[], path: FieldPath): Traced | undefined {
  let best: Traced | undefined;
  for (const writer of writers) {
    const written = writer.written(path);
    if (written && (!best || written.depth >= best.written.depth)) best = { writer, written };
  }
  return best;
}

/** Every writer that writes the field itself, in kustomize's order (the last one's value is rendered). */
export function writersOfExactly(writers: readonly Writer[], path: FieldPath): Traced[] {
  return writers.flatMap((writer) => {
    const written = writer.written(path);
    return written && written.depth === path.length ? [{ writer, written }] : [];
  });
}
