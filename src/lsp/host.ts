import type { Config } from '../config/load.js';
import type { LintInput, LintOptions } from '../engine/lint.js';

/**
 * What the server takes from the CLI, so that an editor's findings are a CLI run's: the
 * workspace's files found as `gpu-drain-lint .` finds them (config ignorePatterns, .gitignore),
 * and the engine's options built as a run builds them (rules, policies, admission check, parser).
 */
export interface LintHost {
  /** The manifests below `root`, relative to it. */
  discover(root: string, config: Config): Promise<string[]>;
  /** Whether a file of this name is a manifest a walk would read. */
  isManifestName(name: string): boolean;
  lintOptions(config: Config, inputs: readonly LintInput[], root: string): Promise<LintOptions>;
}
