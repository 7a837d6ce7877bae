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
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
