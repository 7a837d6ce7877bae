import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LineCounter, type Node } from 'yaml';
import type { RuleSetting } from '../engine/lint.js';
import type { Rule } from '../engine/rule.js';
import { levelOf } from '../core/severity.js';
import { DEFAULT_PROFILES, type ProfileConfig, type ProfileName, type ProfileSettings, type WorkloadDeclaration } from '../analysis/profile.js';
import { parseDuration } from '../model/units.js';
import { KSERVE_SHIPPED_DEFAULT_MODE } from '../domain/operators.js';
import type { IgnoreEntry } from '../engine/suppressions.js';
import { parseOneDocument } from '../languages/yaml/parse.js';
import { compileGlob, InvalidGlob } from './glob.js';
import { MAX_CONFIG_NUMBER } from './limits.js';
import { ConfigError, type ConfigLocation } from './error.js';
import { isLink, readTextFile } from './read-text.js';
import { loadPolicies } from './policies.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { PolicySpec } from '../policy/spec.js';
import { apiGroup, catalogueWith, type WorkloadKindCatalogue } from '../model/kinds/index.js';
import { declaredKind, type WorkloadKindDeclaration } from '../model/kinds/declared.js';

export const CONFIG_FILE_NAMES = ['.gpu-drain-lint.yaml', '.gpu-drain-lint.yml', '.gpu-drain-lint.json'];

export interface Config {
  /** The file it came from; undefined when none was found. */
  path?: string;
  settings: Map<string, RuleSetting>;
  profiles: ProfileConfig;
  kubernetesVersion?: string;
  defaultNamespace: string;
  /** Config `kserve.defaultDeploymentMode`: the mode of an InferenceService with no deploymentMode annotation. */
  kserveDefaultDeploymentMode: string;
  ignorePatterns: string[];
  /** Context globs, already made relative to the current directory. */
  context: string[];
  ignores: IgnoreEntry[];
  /** Config `workloadKinds`, as written. */
  workloadKinds: WorkloadKindDeclaration[];
  /** The kinds read as workloads: the shipped ones and the declared ones. */
  catalogue: WorkloadKindCatalogue;
  /** Config `helm` and `kustomize`, with paths relative to the current directory. */
  helm: { binary?: string; charts: { chart: string; release?: string; namespace?: string; values: string[] }[] };
  kustomize: { binary?: string };
  /** Config `scopes`, relative to the current directory. */
  scopes: string[];
  /** Config `baseline`: the baseline file, relative to the current directory (written relative to the config file). */
  baseline?: string;
  /** Config `policies` and the policies of `policyFiles`, compiled. */
  policies: CompiledPolicy[];
  /** True when `path` (relative to the current directory) is ignored by `ignorePatterns`. */
  isIgnored(path: string): boolean;
  /** The scope config `scopes` puts a plain file in (relative to the current directory); undefined: the default scope. */
  scopeOf(path: string): string | undefined;
}

export { ConfigError };

/** The nearest config file in `directory` or above it. */
export function findConfigFile(directory: string): string | undefined {
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      // A link to nothing is reported when it is read, not passed over for a config further up.
      if (existsSync(candidate) || isLink(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

interface RawConfig {
  rules?: Record<string, string | [string, Record<string, unknown>?]>;
  profiles?: Partial<Record<ProfileName, Record<string, number | string>>>;
  workloads?: (Record<string, unknown> & { profile?: WorkloadDeclaration['profile']; longestRequest?: number | string })[];
  kubernetesVersion?: string;
  defaultNamespace?: string;
  kserve?: { defaultDeploymentMode?: string };
  ignorePatterns?: string[];
  context?: string[];
  ignores?: Omit<IgnoreEntry, 'line' | 'column'>[];
  workloadKinds?: WorkloadKindDeclaration[];
  helm?: { binary?: string; charts?: { path: string; release?: string; namespace?: string; values?: string[] }[] };
  kustomize?: { binary?: string };
  scopes?: string[];
  baseline?: string;
  policies?: PolicySpec[];
  policyFiles?: string[];
}

/**
 * Reads and validates a config file. `path` is as the user gave it (messages name it so); it and
 * every path the config is later asked about are relative to `cwd`.
 */
export async function loadConfig(path: string | undefined, rules: readonly Rule[], cwd = process.cwd()): Promise<Config> {
  if (!path) return buildConfig({}, undefined, rules, cwd);
  const text = readTextFile(path, resolve(cwd, path), 'config');
  const lineCounter = new LineCounter();
  const { document, second } = parseOneDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false, uniqueKeys: true }, lineCounter);
  const at = (offset: number): ConfigLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col };
  };
  const syntax = document.errors[0];
  if (syntax) throw new ConfigError(syntax.message.split('\n')[0]!, at(syntax.pos[0]));
  if (second) throw new ConfigError('a second YAML document; a config file holds one', at(second.range[0]));
  const unmarked = text.replace(/^\uFEFF/, '');
  const raw = document.toJS() ?? {};
  // Ajv and the schema are loaded only when there is a config file to check.
  await (await import('./validate.js')).validate(raw, document, rules, at);
  const positionOf = (segments: (string | number)[]) => {
    const { line, col } = lineCounter.linePos((document.getIn(segments, true) as Node | undefined)?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const where = (segments: (string | number)[]): ConfigLocation => ({ file: path, ...positionOf(segments) });
  checkDurations(raw as RawConfig, where);
  checkGlobs(raw as RawConfig, where);
  checkWorkloadKinds(raw as RawConfig, where);
  const base = dirname(resolve(cwd, path));
  const policies = await loadPolicies(raw as RawConfig, { file: path, document, lineCounter, text: unmarked }, base, cwd, rules);
  const built = buildConfig(raw as RawConfig, path, rules, cwd, positionOf);
  // A policy written `level: off` is off as if the config's rules said so; `--select` turns it on.
  for (const { spec } of policies) {
    if (spec.level !== undefined && levelOf(spec.level) === 'off' && !built.settings.has(spec.id)) built.settings.set(spec.id, { level: 'off', options: {} });
  }
  return { ...built, policies };
}

/** Durations written as text ("2m") are bounded like numbers, which the schema bounds. */
/** Every ignore and scope pattern compiles; an invalid one is refused at its position. */
function checkGlobs(raw: RawConfig, at: (segments: (string | number)[]) => ConfigLocation): void {
  for (const key of ['ignorePatterns', 'scopes'] as const) {
    (raw[key] ?? []).forEach((pattern, i) => {
      try {
        compileGlob(pattern);
      } catch (error) {
        if (error instanceof InvalidGlob) throw new ConfigError(`${key} entry "${pattern}": ${error.message}`, at([key, i]));
        throw error;
      }
    });
  }
}

/** Each custom resource kind is declared once: two entries for it would leave one silently unused. */
function checkWorkloadKinds(raw: RawConfig, at: (segments: (string | number)[]) => ConfigLocation): void {
  const seen = new Map<string, number>();
  (raw.workloadKinds ?? []).forEach(({ apiVersion, kind }, i) => {
    const key = `${apiGroup(apiVersion)}/${kind}`;
    const first = seen.get(key);
    if (first !== undefined) throw new ConfigError(`workloadKinds[${i}] declares ${kind} of ${apiGroup(apiVersion) || 'the core group'} again (workloadKinds[${first}] already does)`, at(['workloadKinds', i]));
    seen.set(key, i);
  });
}

function checkDurations(raw: RawConfig, at: (segments: (string | number)[]) => ConfigLocation): void {
  const check = (value: number | string | undefined, segments: (string | number)[]) => {
    const parsed = seconds(value);
    if (parsed !== undefined && parsed > MAX_CONFIG_NUMBER) {
      throw new ConfigError(`${segments.join('.')} is ${parsed} s, more than ${MAX_CONFIG_NUMBER} s (a day)`, at(segments));
    }
  };
  for (const [name, given] of Object.entries(raw.profiles ?? {})) {
    for (const key of ['longestRequest', 'preStop', 'margin'] as const) check(given?.[key], ['profiles', name, key]);
  }
  (raw.workloads ?? []).forEach((workload, i) => check(workload.longestRequest, ['workloads', i, 'longestRequest']));
}

function buildConfig(
  raw: RawConfig,
  path: string | undefined,
  rules: readonly Rule[],
  cwd: string,
  positionOf: (segments: (string | number)[]) => { line: number; column: number } = () => ({ line: 1, column: 1 }),
): Config {
  const settings = new Map<string, RuleSetting>();
  for (const [id, entry] of Object.entries(raw.rules ?? {})) {
    const [word, options] = Array.isArray(entry) ? entry : [entry];
    // The schema admitted only level words.
    settings.set(id, { level: levelOf(word)!, options: options ?? {} });
  }
  const profiles = {} as Record<ProfileName, ProfileSettings>;
  for (const name of Object.keys(DEFAULT_PROFILES) as ProfileName[]) {
    const given = raw.profiles?.[name] ?? {};
    const base = DEFAULT_PROFILES[name];
    profiles[name] = {
      longestRequest: seconds(given.longestRequest) ?? base.longestRequest,
      preStop: seconds(given.preStop) ?? base.preStop,
      marginSeconds: seconds(given.margin) ?? base.marginSeconds,
      marginPercent: (given.marginPercent as number | undefined) ?? base.marginPercent,
      maxConcurrentDisruption: (given.maxConcurrentDisruption as number | undefined) ?? base.maxConcurrentDisruption,
    };
  }
  const workloads: WorkloadDeclaration[] = (raw.workloads ?? []).map(({ kind, namespace, name, labels, profile, longestRequest }) => ({
    match: {
      ...(typeof kind === 'string' ? { kind } : {}),
      ...(typeof namespace === 'string' ? { namespace } : {}),
      ...(typeof name === 'string' ? { name } : {}),
      ...(labels ? { labels: labels as Record<string, string> } : {}),
    },
    ...(profile ? { profile } : {}),
    ...(longestRequest !== undefined ? { longestRequest: seconds(longestRequest)! } : {}),
  }));
  const workloadKinds = raw.workloadKinds ?? [];
  // A declared kind's profile is a declaration for its objects, after the workloads entries (which are more specific).
  workloadKinds.forEach(({ apiVersion, kind, profile }, i) => {
    if (profile) workloads.push({ match: { apiGroup: apiGroup(apiVersion), kind }, profile, source: `config workloadKinds[${i}]` });
  });
  const ignorePatterns = raw.ignorePatterns ?? [];
  const matchers = ignorePatterns.map(compileGlob);
  const base = path ? dirname(resolve(cwd, path)) : resolve(cwd);
  const kubernetesVersion = raw.kubernetesVersion?.replace(/^v/, '');
  const fromConfigDir = (pattern: string) => {
    const prefix = relative(resolve(cwd), base).split('\\').join('/');
    return prefix ? `${prefix}/${pattern.replace(/^\.\//, '')}` : pattern;
  };
  // A binary named without a slash is looked up on PATH; a path is the config file's.
  const binary = (given: string | undefined) => (given === undefined ? {} : { binary: given.includes('/') ? resolve(base, given) : given });
  return {
    context: (raw.context ?? []).map(fromConfigDir),
    helm: {
      ...binary(raw.helm?.binary),
      charts: (raw.helm?.charts ?? []).map(({ path: chart, values, ...release }) => ({ ...release, chart: normalDir(fromConfigDir(chart)), values: (values ?? []).map(fromConfigDir) })),
    },
    kustomize: binary(raw.kustomize?.binary),
    scopes: (raw.scopes ?? []).map(fromConfigDir),
    ...(raw.baseline !== undefined ? { baseline: relative(resolve(cwd), resolve(base, raw.baseline)).split('\\').join('/') } : {}),
    ignores: (raw.ignores ?? []).map((entry, i) => ({ ...entry, ...positionOf(['ignores', i]) })),
    workloadKinds,
    catalogue: catalogueWith(workloadKinds.map(declaredKind)),
    ...(path ? { path } : {}),
    policies: [],
    settings,
    profiles: { profiles, workloads },
    ...(kubernetesVersion ? { kubernetesVersion } : {}),
    defaultNamespace: raw.defaultNamespace ?? 'default',
    kserveDefaultDeploymentMode: raw.kserve?.defaultDeploymentMode ?? KSERVE_SHIPPED_DEFAULT_MODE,
    ignorePatterns,
    scopeOf: scopeFinder(raw.scopes ?? [], base, cwd),
    isIgnored: (file) => {
      if (matchers.length === 0) return false;
      const relativePath = relative(base, resolve(cwd, file)).split('\\').join('/');
      return !relativePath.startsWith('../') && matchers.some((m) => m.test(relativePath));
    },
  };
}

/**
 * Each directory a `scopes` glob matches is a scope (the shortest one above the file), and the
 * files a glob matches itself form one scope together; the first glob that matches decides.
 */
function scopeFinder(patterns: readonly string[], base: string, cwd: string): (file: string) => string | undefined {
  const globs = patterns.map(compileGlob);
  return (file) => {
    if (globs.length === 0) return undefined;
    const relativePath = relative(base, resolve(cwd, file)).split('\\').join('/');
    if (relativePath.startsWith('../')) return undefined;
    const segments = relativePath.split('/');
    for (const [i, glob] of globs.entries()) {
      for (let depth = 1; depth <= segments.length; depth++) {
        const prefix = segments.slice(0, depth).join('/');
        if (glob.test(prefix)) return depth === segments.length ? `scopes[${i}]` : `scopes[${i}]: ${prefix}`;
      }
    }
    return undefined;
  };
}

/** `charts/vllm/`, `./charts/vllm` and `charts/vllm` are one chart directory. */
function normalDir(path: string): string {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.').join('/') || '.';
}

function seconds(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : parseDuration(value);
}
