import type { FileResult } from '../core/findings.js';
import type { RuleMeta } from '../engine/rule.js';

/** A problem with the run itself (config, internal), for SARIF's toolExecutionNotifications. */
export interface RunNotification {
  level: 'error' | 'warning' | 'note';
  message: string;
  /** The run still produced its results. */
  recoverable?: boolean;
}

export interface FormatContext {
  color: boolean;
  version: string;
  /** `--quiet`: show error-level findings only (counts still include warnings). */
  quiet: boolean;
  /** The run applied (or dry-ran) fixes: remaining findings are what fixing left. */
  fixing?: boolean;
  /** The rules that ran (SARIF lists them). */
  rules: readonly RuleMeta[];
  /** The directory reported paths are relative to (SARIF's %SRCROOT%). */
  root: string;
  notifications?: RunNotification[];
  /** Columns stylish wraps text to: the terminal's width (80 when stdout is not a terminal). */
  width?: number;
  /** `--show-source`: a code frame under each finding (stylish). */
  showSource?: boolean;
  /** The text a reported path was linted as, for code frames; undefined where it is not at hand. */
  sourceText?: (path: string) => string | undefined;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
