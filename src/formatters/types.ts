import type { FileResult } from '../engine/findings.js';

export interface FormatContext {
  color: boolean;
  version: string;
  /** `--quiet`: show error-level findings only (counts still include warnings). */
  quiet: boolean;
  /** The run applied (or dry-ran) fixes: remaining findings are what fixing left. */
  fixing?: boolean;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
