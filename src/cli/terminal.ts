import { WIDTH_WITHOUT_TERMINAL } from '../formatters/text-width.js';
import type { Io } from './io.js';

/** The width text is wrapped to when stdout is not a terminal that says its own. */
export const FALLBACK_COLUMNS = WIDTH_WITHOUT_TERMINAL;

/**
 * Whether what goes to stdout is coloured: `--color` / `--no-color` first, then NO_COLOR, then
 * FORCE_COLOR, then whether stdout is a terminal. A report written to a file never is.
 */
export function useColor(io: Io, choice: { color?: boolean; outputFile?: string } = {}): boolean {
  if (choice.outputFile !== undefined) return false;
  if (choice.color !== undefined) return choice.color;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdoutIsTTY;
}

/** The terminal's width, or {@link FALLBACK_COLUMNS} when stdout is not a terminal. */
export function terminalWidth(io: Io): number {
  return io.columns !== undefined && io.columns > 0 ? io.columns : FALLBACK_COLUMNS;
}
