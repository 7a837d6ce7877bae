import { readFileSync } from 'node:fs';
import type { Finding } from '../../src/core/findings.js';
import { lint, type LintInput, type LintOptions, type RuleSetting } from '../../src/engine/lint.js';
import { fixAll } from '../../src/fix/fixer.js';
import type { Rule } from '../../src/engine/rule.js';
import { DEFAULT_PROFILES, type ProfileConfig } from '../../src/analysis/profile.js';
import type { TsParse } from '../../src/languages/typescript/loader.js';

export interface LintTextOptions {
  rules: readonly Rule[];
  path?: string;
  settings?: Record<string, RuleSetting>;
  profiles?: Partial<ProfileConfig>;
  kubernetesVersion?: string;
  /** More files in the same run (e.g. a PDB in another file). */
  others?: { path: string; text: string; reportable?: boolean }[];
  /** For TypeScript inputs (see test/support/typescript.ts). */
  parseTypeScript?: TsParse;
  /** Config `kserve.defaultDeploymentMode`. */
  kserveDefaultDeploymentMode?: string;
}

/** Lints YAML text in-process and returns the findings of the first file. */
export function lintText(text: string, options: LintTextOptions): Finding[] {
  const results = lint(inputsFor(text, options), lintOptionsFor(options));
  return results[0]?.findings ?? [];
}

/**
 * Applies the fixes of the given rules (safe and unsafe) as `--fix --unsafe-fixes` would, and
 * returns the fixed text of the first file, or null when nothing changed.
 */
export function fixText(text: string, options: LintTextOptions, mode = { unsafe: true }): string | null {
  const run = fixAll(inputsFor(text, options), lintOptionsFor(options), mode);
  return run.fixed.get(options.path ?? 'test.yaml')?.output ?? null;
}

function inputsFor(text: string, options: LintTextOptions): LintInput[] {
  const encoder = new TextEncoder();
  return [
    { path: options.path ?? 'test.yaml', content: encoder.encode(text), reportable: true },
    ...(options.others ?? []).map((o) => ({ path: o.path, content: encoder.encode(o.text), reportable: o.reportable ?? true })),
  ];
}

export function lintOptionsFor(options: LintTextOptions): LintOptions {
  return {
    rules: options.rules,
    settings: new Map(Object.entries(options.settings ?? {})),
    profiles: { profiles: DEFAULT_PROFILES, workloads: [], ...options.profiles },
    ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
    defaultNamespace: 'default',
    ...(options.kserveDefaultDeploymentMode ? { kserveDefaultDeploymentMode: options.kserveDefaultDeploymentMode } : {}),
    ...(options.parseTypeScript ? { parseTypeScript: options.parseTypeScript } : {}),
  };
}

export function lintFile(path: string, options: LintTextOptions): Finding[] {
  return lintText(readFileSync(path, 'utf8'), { ...options, path });
}
