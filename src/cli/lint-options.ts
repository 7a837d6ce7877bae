import { relative, resolve } from 'node:path';
import { rules as builtinRules } from '../../rules/index.js';
import type { Config } from '../config/load.js';
import type { LintInput, LintOptions } from '../engine/lint.js';
import type { FileRead } from '../engine/read-file.js';
import { parserFor } from '../languages/typescript/read.js';
import { policyRules, type PolicyRules } from '../policy/rule.js';
import { admissionCheckFor } from './admission.js';

export interface LintOptionsSettings {
  /** The directory the run's paths (and the config's) are relative to. */
  cwd: string;
  /** False with `--no-inline-config`. */
  inlineConfig: boolean;
  /** The config's policies as rules; made here when not given (their problems are collected per run, so a run needs its own). */
  policies?: PolicyRules;
  /** Reads the inputs ahead of the run (in worker threads), after the TypeScript parser is loaded. */
  readAhead?: (inputs: readonly LintInput[]) => Promise<ReadonlyMap<Uint8Array, FileRead> | undefined>;
}

/**
 * The engine's options for a run on `inputs` under `config`: the built-in rules, the config's
 * policies, the admission-policy check when an input names a ValidatingAdmissionPolicy, and the
 * TypeScript parser when an input needs it. The CLI and the language server run alike through it.
 */
export async function lintOptionsFor(config: Config, inputs: readonly LintInput[], settings: LintOptionsSettings): Promise<LintOptions> {
  const { cwd } = settings;
  const policies = settings.policies ?? policyRules(config.policies);
  const parseTypeScript = await parserFor(inputs, cwd);
  const preread = await settings.readAhead?.(inputs);
  // The admission-policy diagnostic runs like a rule, after the catalogue's.
  const admissionCheck = await admissionCheckFor(inputs);
  return {
    rules: [...builtinRules, ...policies.run, ...(admissionCheck ? [admissionCheck] : [])],
    settings: config.settings,
    profiles: config.profiles,
    workloadKinds: config.catalogue,
    ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
    defaultNamespace: config.defaultNamespace,
    kserveDefaultDeploymentMode: config.kserveDefaultDeploymentMode,
    ignores: config.ignores,
    ...(config.path ? { configPath: relative(cwd, resolve(cwd, config.path)) || config.path } : {}),
    inlineConfig: settings.inlineConfig,
    ...(parseTypeScript ? { parseTypeScript } : {}),
    ...(preread ? { preread } : {}),
  };
}
