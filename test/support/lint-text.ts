import { readFileSync } from 'node:fs';
import type { Finding } from '../../src/engine/findings.js';
import { lint, type RuleSetting } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule.js';
import { DEFAULT_PROFILES, type ProfileConfig } from '../../src/model/profile.js';

export interface LintTextOptions {
  rules: readonly Rule[];
  path?: string;
  settings?: Record<string, RuleSetting>;
  profiles?: Partial<ProfileConfig>;
  kubernetesVersion?: string;
  /** More files in the same run (e.g. a PDB in another file). */
  others?: { path: string; text: string; reportable?: boolean }[];
}

/** Lints YAML text in-process and returns the findings of the first file. */
export function lintText(text: string, options: LintTextOptions): Finding[] {
  const encoder = new TextEncoder();
  const inputs = [
    { path: options.path ?? 'test.yaml', content: encoder.encode(text), reportable: true },
    ...(options.others ?? []).map((o) => ({ path: o.path, content: encoder.encode(o.text), reportable: o.reportable ?? true })),
  ];
  const results = lint(inputs, {
    rules: options.rules,
    settings: new Map(Object.entries(options.settings ?? {})),
    profiles: { profiles: DEFAULT_PROFILES, workloads: [], ...options.profiles },
    ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
    defaultNamespace: 'default',
  });
  return results[0]?.findings ?? [];
}

export function lintFile(path: string, options: LintTextOptions): Finding[] {
  return lintText(readFileSync(path, 'utf8'), { ...options, path });
}
