import type { FileResult } from '../engine/findings.js';

export interface FormatContext {
  color: boolean;
  version: string;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
