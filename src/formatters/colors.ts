import { createColors } from 'picocolors';
import type { Severity } from '../core/severity.js';

export type Colors = ReturnType<typeof createColors>;

/** Styles that do nothing when `enabled` is false (NO_COLOR, --no-color, a report written to a file). */
export function colors(enabled: boolean): Colors {
  return createColors(enabled);
}

/** Errors red, warnings yellow: the severity's own colour, for its word and its caret. */
export function severityStyle(c: Colors, severity: Severity): (text: string) => string {
  return severity === 'error' ? c.red : c.yellow;
}
