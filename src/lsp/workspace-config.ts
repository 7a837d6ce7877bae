import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { rules as builtinRules } from '../../rules/index.js';
import { ConfigError, findConfigFile, loadConfig, type Config } from '../config/load.js';
import { SOURCE } from './diagnostics.js';

/** The workspace's configuration, or why its config file cannot be used. */
export type ConfigState = { config: Config } | { error: ConfigError; path: string };

/** The nearest config file to `root` (in it or above it, as a run from `root` finds it), loaded; defaults when there is none. */
export async function loadWorkspaceConfig(root: string): Promise<ConfigState> {
  const path = findConfigFile(root);
  try {
    return { config: await loadConfig(path, builtinRules, root) };
  } catch (error) {
    if (error instanceof ConfigError) return { error, path: path ?? root };
    throw error;
  }
}

/** A broken config as one diagnostic on its file, at the place the error names (the file's start when it names none). */
export function configDiagnostic(error: ConfigError): Diagnostic {
  const line = Math.max((error.location?.line ?? 1) - 1, 0);
  const character = Math.max((error.location?.column ?? 1) - 1, 0);
  return {
    range: { start: { line, character }, end: { line, character } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: `invalid configuration: ${error.reason}`,
  };
}
