import type { Position } from './source.js';

/** A range of a file a user edits: 1-based lines and columns, as findings carry them. */
export interface SourceLocation {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a range of a rendered text was written, and what to change there when it is not a literal. */
export interface Origin extends SourceLocation {
  /** Where the value comes from, for the message: `.Values.server.grace: set server.grace in values.yaml`. */
  hint?: string;
}

/**
 * How a rendered text (a chart's `helm template` output, an overlay's `kustomize build`) maps back
 * to the files it was made from. Findings are made on the rendered text, then moved through it.
 */
export interface OriginMap {
  locate(start: Position, end: Position): Origin;
}
