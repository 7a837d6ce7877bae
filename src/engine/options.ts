import type { ProfileConfig } from '../analysis/profile.js';
import type { WorkloadKindCatalogue } from '../model/kinds/index.js';
import type { TsParse } from '../languages/typescript/loader.js';
import type { FileRead } from './read-file.js';
import type { Level, Rule } from './rule.js';
import type { IgnoreEntry } from './suppressions.js';

export interface RuleSetting {
  level: Level;
  options: Record<string, unknown>;
}

export interface LintOptions {
  rules: readonly Rule[];
  /** Levels and options by rule id (and for the built-in diagnostics: `invalid-value`, `unknown-value`, `unused-suppression`, `unchecked-workload`); one not listed keeps its defaults. */
  settings: ReadonlyMap<string, RuleSetting>;
  profiles: ProfileConfig;
  /** The kinds read as workloads: the shipped ones (the default) and those config `workloadKinds` declares. */
  workloadKinds?: WorkloadKindCatalogue;
  kubernetesVersion?: string;
  defaultNamespace: string;
  /** Config `kserve.defaultDeploymentMode`; KServe's shipped `Knative` when absent. */
  kserveDefaultDeploymentMode?: string;
  /** Config `ignores[]`, and the config file they come from (to report unused ones). */
  ignores?: readonly IgnoreEntry[];
  configPath?: string;
  /** False with `--no-inline-config`: suppression comments are ignored. */
  inlineConfig?: boolean;
  /** The TypeScript parser, loaded by the caller when an input needs it (`parserFor` in src/languages/typescript/read.ts). */
  parseTypeScript?: TsParse;
  /** Files already read (in worker threads, see read-pool.ts), by their bytes: a changed text is read again. */
  preread?: ReadonlyMap<Uint8Array, FileRead>;
}
