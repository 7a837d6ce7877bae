/**
 * Shared checks for the integration tests: the official SARIF 2.1.0 schema (draft-04, from
 * `../shared/schemas`, next to the project), GitHub code scanning's own requirements, GitHub's
 * workflow-command syntax, and line/column arithmetic done independently of the code under test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { expect } from 'vitest';
import { EXAMPLES, ROOT, tempDir } from '../cli/run.js';

// Both are CommonJS: under NodeNext their default import is `module.exports`, whose `.default` is the export.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** `../shared` from the project root (the corpus and the official SARIF schema). */
export const SHARED = resolve(ROOT, '../shared');
export const SARIF_SCHEMA = resolve(SHARED, 'schemas/sarif-schema-2.1.0.json');
export const schemaPresent = existsSync(SARIF_SCHEMA);

let validator: ((data: unknown) => boolean) & { errors?: unknown[] | null } | undefined;

/** Validates against the official SARIF 2.1.0 schema; fails with Ajv's first errors. */
export function expectValidSarif(log: unknown, label = 'SARIF log'): void {
  if (!schemaPresent) throw new Error(`${SARIF_SCHEMA} is absent`);
  if (!validator) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object;
    const ajv = new Ajv04({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  const valid = validator(log);
  expect(valid, `${label} is not valid SARIF 2.1.0:\n${JSON.stringify(validator.errors?.slice(0, 10), null, 2)}`).toBe(true);
}

/** Parses stdout as exactly one SARIF log. */
export function parseSarif(text: string, label = 'stdout'): Sarif.Log {
  try {
    return JSON.parse(text) as Sarif.Log;
  } catch (error) {
    throw new Error(`${label} is not JSON (${(error as Error).message}):\n${text.slice(0, 2000)}`);
  }
}

export const DESCRIPTION_LIMIT = 1024;

/**
 * GitHub code scanning's requirements beyond the schema
 * (docs.github.com: "SARIF support for code scanning"): one run per tool and category; rules with
 * id, short and full description (≤ 1024 characters) and help; results whose ruleIndex points at
 * their rule, with one location relative to a uriBaseId and a complete region.
 */
export function expectGithubRequirements(log: Sarif.Log): void {
  expect(log.version).toBe('2.1.0');
  expect(log.runs, 'code scanning rejects several runs of one tool and category').toHaveLength(1);
  const run = log.runs[0]!;
  const driver = run.tool.driver;
  expect(driver.name).toBe('gpu-drain-lint');
  expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
  expect(driver.informationUri).toMatch(/^https:\/\//);
  const rules = driver.rules ?? [];
  expect(rules.length).toBeGreaterThan(0);
  const ids = rules.map((r) => r.id);
  expect(new Set(ids).size, `duplicate rule ids: ${ids.join(', ')}`).toBe(ids.length);
  for (const rule of rules) {
    const where = `rule ${rule.id}`;
    expect(rule.id, where).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(rule.name, where).toBeTypeOf('string');
    for (const key of ['shortDescription', 'fullDescription'] as const) {
      const text = rule[key]?.text;
      expect(text, `${where}: ${key}.text`).toBeTypeOf('string');
      expect(text!.trim().length, `${where}: ${key}.text is empty`).toBeGreaterThan(0);
      expect(text!.length, `${where}: ${key}.text is longer than GitHub's ${DESCRIPTION_LIMIT} characters`).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    }
    expect(rule.help?.text, `${where}: help.text`).toBeTypeOf('string');
    expect(rule.help!.text.trim().length, `${where}: help.text is empty`).toBeGreaterThan(0);
    expect(rule.help?.markdown, `${where}: help.markdown`).toBeTypeOf('string');
    expect(rule.help!.markdown!.trim().length, `${where}: help.markdown is empty`).toBeGreaterThan(0);
    expect(['error', 'warning', 'note', 'none'], where).toContain(rule.defaultConfiguration?.level);
    const properties = rule.properties as { tags?: unknown; precision?: unknown } | undefined;
    expect(Array.isArray(properties?.tags), `${where}: properties.tags`).toBe(true);
    expect(['very-high', 'high', 'medium', 'low'], `${where}: properties.precision`).toContain(properties?.precision);
  }
  expect(run.columnKind).toBe('utf16CodeUnits');
  const bases = run.originalUriBaseIds ?? {};
  for (const [name, base] of Object.entries(bases)) {
    expect(base.uri, `originalUriBaseIds.${name}`).toMatch(/^file:\/\/.*\/$/);
  }
  const fingerprints = new Set<string>();
  for (const result of run.results ?? []) {
    const where = `${result.ruleId} at ${JSON.stringify(result.locations?.[0]?.physicalLocation?.region)}`;
    expect(result.ruleId, where).toBeTypeOf('string');
    expect(Number.isInteger(result.ruleIndex), `${where}: ruleIndex`).toBe(true);
    expect(rules[result.ruleIndex!]?.id, `${where}: ruleIndex ${result.ruleIndex} points at another rule`).toBe(result.ruleId);
    expect(['error', 'warning', 'note'], where).toContain(result.level);
    expect(result.message.text?.trim().length, `${where}: message.text`).toBeGreaterThan(0);
    expect(result.locations, `${where}: one location`).toHaveLength(1);
    const physical = result.locations![0]!.physicalLocation!;
    const uri = physical.artifactLocation!.uri!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
      // A file outside the root: an absolute file:// URI, which takes no base.
      expect(uri, `${where}: an absolute artifactLocation.uri is a file:// URI`).toMatch(/^file:\/\/\//);
      expect(physical.artifactLocation!.uriBaseId, `${where}: an absolute URI takes no uriBaseId`).toBeUndefined();
    } else {
      expect(uri.startsWith('/'), `${where}: artifactLocation.uri ${uri} is absolute`).toBe(false);
      expect(uri.startsWith('../'), `${where}: artifactLocation.uri ${uri} leaves its base`).toBe(false);
      expect(physical.artifactLocation!.uriBaseId, `${where}: uriBaseId`).toBeTypeOf('string');
      expect(bases[physical.artifactLocation!.uriBaseId!], `${where}: uriBaseId ${physical.artifactLocation!.uriBaseId} is not in originalUriBaseIds`).toBeDefined();
    }
    const region = physical.region!;
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
      expect(Number.isInteger(region[key]) && region[key]! >= 1, `${where}: region.${key}`).toBe(true);
    }
    const ordered = region.endLine! > region.startLine! || (region.endLine === region.startLine && region.endColumn! > region.startColumn!);
    expect(ordered, `${where}: the region is empty or ends before it starts`).toBe(true);
    const partial = result.partialFingerprints ?? {};
    expect(Object.keys(partial).length, `${where}: partialFingerprints`).toBeGreaterThan(0);
    const key = `${uri}\u0000${result.ruleId}\u0000${JSON.stringify(partial)}`;
    expect(fingerprints.has(key), `${where}: two results of one rule in one file share partialFingerprints ${JSON.stringify(partial)}`).toBe(false);
    fingerprints.add(key);
  }
}

/** The absolute path a result's artifactLocation names, resolved against its uriBaseId (a file outside the root has none). */
export function resultPath(run: Sarif.Run, location: Sarif.ArtifactLocation): string {
  if (location.uriBaseId === undefined && location.uri?.startsWith('file:')) return fileURLToPath(location.uri);
  const base = run.originalUriBaseIds?.[location.uriBaseId!]?.uri;
  if (!base) throw new Error(`no originalUriBaseIds entry for ${location.uriBaseId}`);
  const path = fileURLToPath(new URL(location.uri!, base));
  if (!isAbsolute(path)) throw new Error(`${location.uri} does not resolve to a file`);
  return path;
}

/** The file's text as the tool counts it: without a byte-order mark. */
export function textOf(path: string): string {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

/** A region's text: 1-based lines and UTF-16 columns, end column exclusive. */
export function regionText(text: string, region: Sarif.Region): string {
  return text.slice(offsetOf(text, region.startLine!, region.startColumn!), offsetOf(text, region.endLine!, region.endColumn!));
}

/** The UTF-16 offset of a 1-based line and column; throws when the position is outside the file. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) throw new Error(`line ${line} is past the end of the file (${l} lines)`);
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineLength = (end === -1 ? text.length : end) - offset;
  if (column - 1 > lineLength) throw new Error(`column ${column} is past the end of line ${line} (${lineLength} characters)`);
  return offset + column - 1;
}

/** 1-based line and column of a UTF-16 offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Applies SARIF replacements (regions of the original text) from the end of the file backwards. */
export function applyReplacements(text: string, replacements: readonly Sarif.Replacement[]): string {
  const edits = replacements
    .map((r) => ({ start: offsetOf(text, r.deletedRegion.startLine!, r.deletedRegion.startColumn!), end: offsetOf(text, r.deletedRegion.endLine!, r.deletedRegion.endColumn!), text: r.insertedContent?.text ?? '' }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands

export interface Annotation {
  level: string;
  /** Properties, unescaped. */
  properties: Record<string, string>;
  /** The message, unescaped. */
  message: string;
  raw: string;
}

/** `::level k=v,k=v::message` lines of stdout, with GitHub's escaping undone. */
export function parseAnnotations(stdout: string): Annotation[] {
  return stdout
    .split('\n')
    // Groups fold the log; they annotate nothing.
    .filter((line) => line.startsWith('::') && !line.startsWith('::group::') && line !== '::endgroup::')
    .map((raw) => {
      const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(raw);
      if (!match) throw new Error(`not a workflow command: ${raw}`);
      const properties: Record<string, string> = {};
      for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq === -1) throw new Error(`property without "=" in ${raw}`);
        properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
      return { level: match[1]!, properties, message: unescapeData(match[3]!), raw };
    });
}

const DECODED: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

/** Undoes `escapeData` (left to right, so `%250A` stays the text `%0A`). */
export function unescapeData(text: string): string {
  return text.replace(/%(?:25|0D|0A)/g, (m) => DECODED[m]!);
}

/** Undoes `escapeProperty`. */
export function unescapeProperty(text: string): string {
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (m) => DECODED[m]!);
}

/** A Deployment of a GPU inference server with none of the drain settings (several findings each). */
export function brokenGpuDeployment(name: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: inference',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: vllm',
    '          image: vllm/vllm-openai:v0.11.0',
    '          ports:',
    '            - containerPort: 8000',
    '          resources:',
    '            limits:',
    '              nvidia.com/gpu: 1',
    '          livenessProbe:',
    '            httpGet:',
    '              path: /health',
    '              port: 8000',
    '',
  ].join('\n');
}

/** A repository for the CI formats: two manifests with findings, a clean one, and a file that does not parse. */
export function ciRepository(): string {
  return tempDir({
    'deploy/vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'),
    'deploy/chat.yaml': readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8'),
    'deploy/good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8'),
    'broken.yaml': 'a: [\n',
  });
}
