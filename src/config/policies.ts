import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isScalar, LineCounter, type Document, type Node } from 'yaml';
import { BUILTIN_DIAGNOSTICS } from '../core/diagnostics.js';
import type { Rule } from '../engine/rule.js';
import { parseOneDocument } from '../languages/yaml/parse.js';
import { compilePolicy, PolicyCompileError, type CompiledPolicy } from '../policy/compile.js';
import { POLICY_SCHEMA } from '../policy/schema.js';
import type { PolicySpec } from '../policy/spec.js';
import { didYouMean } from './closest.js';
import { ConfigError, type ConfigLocation } from './error.js';
import { compileGlob, InvalidGlob } from './glob.js';
import { readTextFile } from './read-text.js';

/** A YAML document the policies were read from, and how to say where in it something is. */
export interface PolicySource {
  file: string;
  document: Document;
  lineCounter: LineCounter;
  /** The text the document was parsed from (to place a compiler's offset inside a string). */
  text: string;
}

/** A policy file holds a list of policies, or a mapping with `policies:` (the config's own shape). */
const POLICY_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  anyOf: [
    { type: 'array', items: POLICY_SCHEMA },
    { type: 'object', additionalProperties: false, required: ['policies'], properties: { policies: { type: 'array', items: POLICY_SCHEMA } } },
  ],
};

/** Directories a policyFiles glob walks at most, so a glob over a huge tree fails clearly rather than hangs. */
const MAX_WALKED_ENTRIES = 10_000;

/**
 * The config's policies, inline (`policies`) and from the files `policyFiles` globs name (relative
 * to the config file), each compiled once: a policy that cannot run is a ConfigError at its place.
 */
export async function loadPolicies(
  raw: { policies?: PolicySpec[]; policyFiles?: string[]; rules?: Record<string, unknown> },
  config: PolicySource,
  base: string,
  cwd: string,
  rules: readonly Rule[],
): Promise<CompiledPolicy[]> {
  const found: { spec: PolicySpec; source: PolicySource; at: (string | number)[] }[] = (raw.policies ?? []).map((spec, i) => ({ spec, source: config, at: ['policies', i] }));
  for (const [i, pattern] of (raw.policyFiles ?? []).entries()) {
    const files = policyFilesOf(pattern, base, locate(config, ['policyFiles', i]));
    if (files.length === 0) throw new ConfigError(`policyFiles entry "${pattern}" matches no file`, locate(config, ['policyFiles', i]));
    for (const file of files) found.push(...(await readPolicyFile(relative(cwd, file).split('\\').join('/') || file, file, rules)));
  }
  const reserved = new Set([...rules.map((r) => r.meta.id), ...BUILTIN_DIAGNOSTICS.map((d) => d.id)]);
  const seen = new Map<string, string>();
  const policies: CompiledPolicy[] = [];
  for (const { spec, source, at } of found) {
    const where = locate(source, [...at, 'id']);
    if (reserved.has(spec.id)) throw new ConfigError(`policy id "${spec.id}" is a built-in rule's`, where);
    const first = seen.get(spec.id);
    if (first !== undefined) throw new ConfigError(`policy id "${spec.id}" is used twice (first at ${first})`, where);
    seen.set(spec.id, `${where.file}:${where.line}:${where.column}`);
    try {
      policies.push(await compilePolicy(spec));
    } catch (error) {
      if (!(error instanceof PolicyCompileError)) throw error;
      throw new ConfigError(`policy ${spec.id}: ${error.message}`, locate(source, [...at, ...error.at], error.offset));
    }
  }
  for (const id of Object.keys(raw.rules ?? {})) {
    if (id.includes('/') && !seen.has(id)) throw new ConfigError(`unknown policy "${id}"${didYouMean(id, [...seen.keys()])}`, locateKey(config, ['rules'], id));
  }
  return policies;
}

/** The files a policyFiles glob names: the path itself when it has no wildcard, else every file under its fixed prefix that matches. */
function policyFilesOf(pattern: string, base: string, at: ConfigLocation): string[] {
  let glob;
  try {
    glob = compileGlob(pattern);
  } catch (error) {
    if (error instanceof InvalidGlob) throw new ConfigError(`policyFiles entry "${pattern}": ${error.message}`, at);
    throw error;
  }
  const clean = pattern.trim().replace(/^\.\//, '');
  if (!/[*?[{]/.test(clean)) return isFile(resolve(base, clean)) ? [resolve(base, clean)] : [];
  const fixed = clean.split('/').filter((_, i, all) => !/[*?[{]/.test(all.slice(0, i + 1).join('/')));
  const root = resolve(base, fixed.join('/'));
  const files: string[] = [];
  let walked = 0;
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (++walked > MAX_WALKED_ENTRIES) throw new ConfigError(`policyFiles entry "${pattern}" walks more than ${MAX_WALKED_ENTRIES} entries; name the files more precisely`, at);
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && glob.test(relative(base, path).split('\\').join('/'))) files.push(path);
    }
  };
  walk(root);
  return files;
}

async function readPolicyFile(shown: string, absolute: string, rules: readonly Rule[]): Promise<{ spec: PolicySpec; source: PolicySource; at: (string | number)[] }[]> {
  const text = readTextFile(shown, absolute, 'policy file');
  const lineCounter = new LineCounter();
  const unmarked = text.replace(/^\uFEFF/, '');
  const { document, second } = parseOneDocument(unmarked, { prettyErrors: false, uniqueKeys: true }, lineCounter);
  const source: PolicySource = { file: shown, document, lineCounter, text: unmarked };
  const at = (offset: number): ConfigLocation => ({ file: shown, line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col });
  const syntax = document.errors[0];
  if (syntax) throw new ConfigError(syntax.message.split('\n')[0]!, at(syntax.pos[0]));
  if (second) throw new ConfigError('a second YAML document; a policy file holds one', at(second.range[0]));
  const raw = document.toJS() as unknown;
  if (!Array.isArray(raw) && (typeof raw !== 'object' || raw === null)) {
    throw new ConfigError('a policy file holds a list of policies, or a mapping with `policies:`', at(0));
  }
  await (await import('./validate.js')).validateAgainst(POLICY_FILE_SCHEMA, raw, document, rules, at);
  const list = Array.isArray(raw) ? (raw as PolicySpec[]) : (raw as { policies: PolicySpec[] }).policies;
  const prefix = Array.isArray(raw) ? [] : ['policies'];
  return list.map((spec, i) => ({ spec, source, at: [...prefix, i] }));
}

/** Where a node of a policy source is, or a character of a one-line string in it. */
function locate(source: PolicySource, segments: readonly (string | number)[], offset?: number): ConfigLocation {
  let node = source.document.getIn(segments, true) as Node | undefined;
  while (!node?.range && segments.length > 0) {
    segments = segments.slice(0, -1);
    node = source.document.getIn(segments, true) as Node | undefined;
  }
  let position = node?.range?.[0] ?? 0;
  if (offset !== undefined && isScalar(node) && node.range && typeof node.value === 'string') {
    const written = source.text.slice(node.range[0], node.range[1]);
    if (written === node.value) position += offset;
    else if (written.slice(1, -1) === node.value) position += offset + 1;
  }
  const { line, col } = source.lineCounter.linePos(position);
  return { file: source.file, line, column: col };
}

/** The key of `key` in the mapping at `segments`. */
function locateKey(source: PolicySource, segments: readonly (string | number)[], key: string): ConfigLocation {
  const map = source.document.getIn(segments, true) as { items?: { key: Node }[] } | undefined;
  const pair = map?.items?.find((p) => isScalar(p.key) && p.key.value === key);
  const { line, col } = source.lineCounter.linePos(pair?.key.range?.[0] ?? 0);
  return { file: source.file, line, column: col };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
