import { createHash } from 'node:crypto';
import { decode, SourceFile, type Span } from '../core/source.js';
import { parseYaml, type ParsedDocument } from '../languages/yaml/parse.js';
import { isTypeScriptPath, readTypeScript } from '../languages/typescript/read.js';
import type { TsParse } from '../languages/typescript/loader.js';
import { buildModel, readObjects, type Model, type ReadObject } from '../model/build.js';
import { ObjectIndex } from '../analysis/object-index.js';
import { describeObject, type KubeObject, type LintFile } from '../model/objects.js';
import { longLivedSignals, resolveProfile, type AnnotationProblem, type ProfileConfig, type TrafficFacts } from '../analysis/profile.js';
import { compareFindings, INVALID_VALUE, TYPESCRIPT_SYNTAX, UNKNOWN_VALUE, YAML_SYNTAX, type FileResult, type Finding, type ObjectRef } from '../core/findings.js';
import { formatMessage, profileSuffix, type Level, type Report, type Rule, type RuleContext, type Severity } from './rule.js';
import { drainSubject, type DrainSubject } from '../analysis/subjects.js';
import { YamlEditor } from '../languages/yaml/editor.js';
import type { ManifestEditor } from '../languages/editor.js';
import { TsEditor } from '../languages/typescript/editor.js';
import { isFix } from '../core/fix.js';
import {
  annotationSilencers,
  ignoreMatches,
  parseDirectives,
  silences,
  UNUSED_SUPPRESSION,
  unusedIds,
  type IgnoreEntry,
} from './suppressions.js';

/** One input: its bytes, or why it could not be read. */
export interface LintInput {
  path: string;
  content: Uint8Array | { readError: string };
  /** False for `--context` files: they feed the index but are not reported on. */
  reportable: boolean;
}

export interface RuleSetting {
  level: Level;
  options: Record<string, unknown>;
}

export interface LintOptions {
  rules: readonly Rule[];
  /** Levels and options by rule id (and for `invalid-value`); a rule not listed uses its defaults. */
  settings: ReadonlyMap<string, RuleSetting>;
  profiles: ProfileConfig;
  kubernetesVersion?: string;
  defaultNamespace: string;
  /** Config `ignores[]`, and the config file they come from (to report unused ones). */
  ignores?: readonly IgnoreEntry[];
  configPath?: string;
  /** False with `--no-inline-config`: suppression comments are ignored. */
  inlineConfig?: boolean;
  /** The TypeScript parser, loaded by the caller when an input needs it (`parserFor` in src/parse/typescript.ts). */
  parseTypeScript?: TsParse;
}

interface LoadedFile {
  file: LintFile;
  findings: Finding[];
  objects: ReadObject[];
}

/** Findings with the object each is about, until suppressions have been applied. */
type Collected = Map<LintFile, { finding: Finding; object?: KubeObject }[]>;

export function lint(inputs: readonly LintInput[], options: LintOptions): FileResult[] {
  const loaded = inputs.map((input) => loadFile(input, options.parseTypeScript));
  const model = buildModel(loaded.flatMap((f) => f.objects.map((o) => o.object)));
  const index = new ObjectIndex(model, options.defaultNamespace);
  const annotationProblems = new Map<unknown, AnnotationProblem[]>();
  const subjects = drainSubjects(model, index, options.profiles, annotationProblems);

  const collected: Collected = new Map(loaded.map((f) => [f.file, f.findings.map((finding) => ({ finding }))]));
  collectInvalidValues(loaded, annotationProblems, options, collected);
  const editors = new Map<unknown, ManifestEditor>();
  const editorFor = (object: KubeObject) => {
    let editor = editors.get(object.root.node);
    if (!editor) {
      const { source } = object.file;
      editor = object.document.typescript ? new TsEditor(source, object.document) : new YamlEditor(source, object.document.index);
      editors.set(object.root.node, editor);
    }
    return editor;
  };
  for (const rule of options.rules) runRule(rule, options, index, subjects, collected, editorFor);
  // After the rules: they too read values (lazily), and each unknown one they met is reported.
  collectUnknownValues(loaded, model, options, collected);

  // A workload view carries its templates' annotations; key every view by its YAML node.
  const richest = new Map<unknown, KubeObject>(model.objects.map((o) => [o.root.node, o]));
  for (const workload of model.workloads) richest.set(workload.root.node, workload);
  const usedIgnores = new Set<IgnoreEntry>();
  const results: FileResult[] = loaded
    .filter(({ file }) => file.reportable)
    .map(({ file, objects }) => ({
      path: file.source.path,
      findings: applySuppressions(file, objects.map((o) => richest.get(o.object.root.node)!), collected.get(file)!, options, usedIgnores),
    }));
  // --fix never writes a file with a syntax error, so none of its findings is fixable.
  for (const result of results) {
    if (!result.findings.some((f) => f.fatal)) continue;
    for (const finding of result.findings) {
      delete finding.fix;
      finding.fixable = false;
    }
  }
  const unusedIgnores = unusedConfigIgnores(options, usedIgnores);
  if (unusedIgnores) results.push(unusedIgnores);
  for (const result of results) result.findings.sort(compareFindings);
  return results;
}

function collectInvalidValues(
  loaded: LoadedFile[],
  annotationProblems: Map<unknown, AnnotationProblem[]>,
  options: LintOptions,
  collected: Collected,
): void {
  const level = options.settings.get(INVALID_VALUE)?.level ?? 'error';
  if (level === 'off') return;
  for (const { file, objects } of loaded) {
    for (const { object, sink } of objects) {
      for (const problem of [...sink.problems, ...(annotationProblems.get(object.root.node) ?? [])]) {
        collected.get(file)!.push({ finding: toFinding(file.source, problem.span, INVALID_VALUE, level, problem.message, object), object });
      }
    }
  }
}

/** Kinds the rules read besides workloads: an unknown value elsewhere skips no check. */
const JUDGED_KINDS = new Set(['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Service', 'Ingress', 'NodePool', 'BackendConfig', 'HTTPRoute', 'IngressClass', 'InferencePool']);

/**
 * One `unknown-value` per value the checks needed but a TypeScript source computes; the same
 * expression repeated across a file's objects (`ns.metadata.name`) is reported once.
 */
function collectUnknownValues(loaded: LoadedFile[], model: Model, options: LintOptions, collected: Collected): void {
  const level = options.settings.get(UNKNOWN_VALUE)?.level ?? 'warn';
  if (level === 'off') return;
  const workloads = new Set(model.workloads.map((w) => w.root.node));
  for (const { file, objects } of loaded) {
    const byReason = new Map<string, { object: KubeObject; span: Span; path: string; count: number }>();
    for (const { object, sink } of objects) {
      if (!workloads.has(object.root.node) && !JUDGED_KINDS.has(object.kind)) continue;
      for (const { span, path, reason } of sink.unknowns) {
        const first = byReason.get(reason);
        if (first) first.count++;
        else byReason.set(reason, { object, span, path, count: 1 });
      }
    }
    for (const [reason, { object, span, path, count }] of byReason) {
      const more = count > 1 ? ` (so are ${count - 1} more values written the same way in this file)` : '';
      const message = `${path ? `${path} of ` : ''}${describeObject(object)} cannot be read statically (${reason}): the checks that need it skipped it${more}`;
      collected.get(file)!.push({ finding: toFinding(file.source, span, UNKNOWN_VALUE, level, message, object), object });
    }
  }
}

function runRule(
  rule: Rule,
  options: LintOptions,
  index: ObjectIndex,
  subjects: DrainSubject[],
  collected: Collected,
  editorFor: (object: KubeObject) => ManifestEditor,
): void {
  const setting = options.settings.get(rule.meta.id);
  const level = setting?.level ?? rule.meta.defaultSeverity;
  if (level === 'off') return;
  const context: RuleContext = {
    options: { ...rule.meta.defaultOptions, ...setting?.options },
    index,
    drainSubjects: subjects,
    kubernetesVersion: options.kubernetesVersion,
    report: (report: Report) => {
      const retargeted = !report.object.file.reportable && report.related !== undefined;
      const target = retargeted ? report.related! : report;
      const severity = lesser(level, report.severity);
      // LEGACY (issue-13 transition): a prose message.
      const legacyMessage = (report as unknown as { message?: string }).message;
      const template = legacyMessage ?? rule.meta.messages[report.messageId];
      if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message "${report.messageId}"`);
      const unfixable = report.fix && !isFix(report.fix) ? ` (${report.fix.unfixable})` : '';
      const message = (legacyMessage ?? formatMessage(template, report.data, rule.meta.id)) + profileSuffix(report.profile, report.profileNote) + unfixable;
      const finding = toFinding(target.object.file.source, target.span, rule.meta.id, severity, message, target.object);
      finding.messageId = report.messageId;
      if (report.data) finding.data = report.data;
      // A fix edits the reported object's file; a context file is never written.
      if (isFix(report.fix) && !retargeted) {
        const source = target.object.file.source;
        finding.fix = { ...report.fix, edits: report.fix.edits.map((e) => ({ ...e, region: regionOf(source, e.start, e.end) })) };
        finding.fixable = true;
      }
      collected.get(target.object.file)?.push({ finding, object: target.object });
    },
    optionsOf: <Other>(other: Rule<Other>) => ({ ...other.meta.defaultOptions, ...options.settings.get(other.meta.id)?.options }) as Other,
    editor: (object) => editorFor(object),
  };
  try {
    rule.check(context);
  } catch (error) {
    throw new Error(`rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function lesser(level: Severity, reported: Severity | undefined): Severity {
  return level === 'warn' || reported === 'warn' ? 'warn' : 'error';
}

/** Marks silenced findings, and reports comments and annotations that silenced nothing. */
function applySuppressions(
  file: LintFile,
  objects: KubeObject[],
  entries: { finding: Finding; object?: KubeObject }[],
  options: LintOptions,
  usedIgnores: Set<IgnoreEntry>,
): Finding[] {
  const directives = options.inlineConfig === false ? [] : parseDirectives(file.source.text, isTypeScriptPath(file.source.path) ? 'typescript' : 'yaml');
  const annotations = new Map(objects.map((o) => [o.root.node, { object: o, silencers: annotationSilencers(o) }]));
  for (const { finding, object } of entries) {
    if (finding.fatal) continue;
    const suppressions = [
      ...directives.filter((d) => (d.form === 'disable-file' || d.line + 1 === finding.line) && silences(d, finding.ruleId)).map((d) => d.suppression),
      ...((object ? annotations.get(object.root.node)?.silencers : undefined) ?? []).filter((a) => silences(a.silencer, finding.ruleId)).map((a) => a.silencer.suppression),
      ...(options.ignores ?? [])
        .filter((entry) => ignoreMatches(entry, object, finding.ruleId, options.defaultNamespace))
        .map((entry) => {
          usedIgnores.add(entry);
          return { kind: 'external' as const, ...(entry.reason ? { justification: entry.reason } : {}) };
        }),
    ];
    if (suppressions.length > 0) finding.suppressions = suppressions;
  }

  const findings = entries.map((e) => e.finding);
  const level = options.settings.get(UNUSED_SUPPRESSION)?.level ?? 'warn';
  if (level === 'off') return findings;
  const known = new Set([...options.rules.map((r) => r.meta.id), INVALID_VALUE, UNKNOWN_VALUE]);
  const enabled = (id: string) => (options.settings.get(id)?.level ?? 'on') !== 'off';
  const unused = (ids: string[], span: Span, what: string, object?: KubeObject) => {
    for (const id of ids) {
      if (known.has(id) && !enabled(id)) continue;
      const message = known.has(id) || id === 'all rules'
        ? `${what} silences ${id}, but nothing here reports it: remove it`
        : `${what} names "${id}", which is not a rule of gpu-drain-lint`;
      findings.push(toFinding(file.source, span, UNUSED_SUPPRESSION, level, message, object));
    }
  };
  for (const directive of directives) {
    const span = lineSpan(file.source, directive.line, directive.column, directive.endColumn);
    unused(unusedIds(directive), span, `gpu-drain-lint-${directive.form}`);
  }
  for (const { object, silencers } of annotations.values()) {
    for (const { span, silencer } of silencers) unused(unusedIds(silencer), span, `annotation gpu-drain-lint.io/ignore`, object);
  }
  return findings;
}

/** Config entries are matched across all files, so they are judged once every file is done. */
function unusedConfigIgnores(options: LintOptions, usedIgnores: Set<IgnoreEntry>): FileResult | undefined {
  const level = options.settings.get(UNUSED_SUPPRESSION)?.level ?? 'warn';
  if (level === 'off' || !options.configPath) return undefined;
  const findings: Finding[] = (options.ignores ?? [])
    .filter((entry) => !usedIgnores.has(entry))
    .map((entry) => ({
      ruleId: UNUSED_SUPPRESSION,
      severity: level,
      message: `config ignores entry${entry.rule ? ` for ${entry.rule}` : ''} matched no finding: remove it`,
      line: entry.line,
      column: entry.column,
      endLine: entry.line,
      endColumn: entry.column,
      fixable: false,
      fingerprint: createHash('sha256').update(`${UNUSED_SUPPRESSION}\u0000${JSON.stringify([entry.rule, entry.kind, entry.namespace, entry.name])}`).digest('hex').slice(0, 32),
    }));
  return findings.length > 0 ? { path: options.configPath, findings } : undefined;
}

function lineSpan(source: SourceFile, line: number, column: number, endColumn: number): Span {
  const start = source.offsetOf(line, column);
  return { start, end: start + (endColumn - column) };
}

function loadFile(input: LintInput, parseTypeScript: TsParse | undefined): LoadedFile {
  if (!(input.content instanceof Uint8Array)) return fatal(input, new SourceFile(input.path, '', false), YAML_SYNTAX, input.content.readError);
  const decoded = decode(input.content);
  const syntaxId = isTypeScriptPath(input.path) ? TYPESCRIPT_SYNTAX : YAML_SYNTAX;
  if (!decoded.ok) return fatal(input, new SourceFile(input.path, '', false), syntaxId, decoded.reason, decoded.position.line, decoded.position.column);

  const source = new SourceFile(input.path, decoded.text, decoded.bom);
  const file: LintFile = { source, reportable: input.reportable };
  if (syntaxId === TYPESCRIPT_SYNTAX) {
    const parsed = readTypeScript(source, parseTypeScript);
    if ('error' in parsed) {
      const { line, column } = source.position(parsed.error.offset);
      return fatal(input, source, TYPESCRIPT_SYNTAX, parsed.error.message, line, column);
    }
    return { file, findings: [], objects: parsed.documents.flatMap((document) => readObjects(file, document)) };
  }
  const parsed = parseYaml(source);
  if (parsed.templateAt !== undefined) {
    const { line, column } = source.position(parsed.templateAt);
    return fatal(
      input,
      source,
      YAML_SYNTAX,
      `this is a Helm template, not a manifest ("{{" at ${line}:${column}); render it first: helm template <release> <chart> | gpu-drain-lint - --stdin-filename ${input.path === '<stdin>' ? 'rendered.yaml' : input.path}`,
      line,
      column,
    );
  }

  const findings: Finding[] = [];
  const objects: LoadedFile['objects'] = [];
  for (const document of parsed.documents) {
    const error = document.errors[0];
    if (error) {
      // Only the first error of a document: the rest usually cascade from it.
      findings.push({ ...toFinding(source, error.span, YAML_SYNTAX, 'error', error.message), fatal: true });
      continue;
    }
    // kubectl refuses documents whose aliases expand too far ("excessive aliasing"); so do we.
    if (source.text.includes('*') && expandsTooFar(document)) {
      findings.push({ ...toFinding(source, document.span, YAML_SYNTAX, 'error', 'excessive aliasing: the aliases of this document expand too far (a "billion laughs"); the API server would reject it'), fatal: true });
      continue;
    }
    objects.push(...readObjects(file, document));
  }
  return { file, findings, objects };
}

/** A file that could not be read or parsed: one fatal finding, and nothing for the rules. */
function fatal(input: LintInput, source: SourceFile, ruleId: string, message: string, line = 1, column = 1): LoadedFile {
  return {
    file: { source, reportable: input.reportable },
    findings: [
      {
        ruleId,
        severity: 'error',
        message,
        line,
        column,
        endLine: line,
        endColumn: column,
        fatal: true,
        fixable: false,
        fingerprint: createHash('sha256').update(`${ruleId}\u0000${message}`).digest('hex').slice(0, 32),
      },
    ],
    objects: [],
  };
}

function drainSubjects(
  model: Model,
  index: ObjectIndex,
  config: ProfileConfig,
  problems: Map<unknown, AnnotationProblem[]>,
): DrainSubject[] {
  const traffic: TrafficFacts = {
    longLived: longLivedSignals(index),
    isSelectedByService: (workload) => index.servicesSelecting(workload).length > 0,
  };
  const subjects: DrainSubject[] = [];
  for (const workload of model.workloads) {
    const workloadProblems: AnnotationProblem[] = [];
    const selected = traffic.isSelectedByService(workload);
    for (const template of workload.templates) {
      const profile = resolveProfile(workload, template, config, traffic, workloadProblems, index.defaultNamespace);
      if (profile) subjects.push(drainSubject(workload, template, profile, selected));
    }
    const unique = [...new Map(workloadProblems.map((p) => [`${p.span.start}:${p.message}`, p])).values()];
    if (unique.length > 0) problems.set(workload.root.node, unique);
  }
  return subjects;
}

function regionOf(source: SourceFile, start: number, end: number) {
  const from = source.position(start);
  const to = source.position(end);
  return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
}

function fingerprintOf(source: SourceFile, span: Span, ruleId: string, object: KubeObject | undefined): string {
  const field = source.text.slice(span.start, Math.min(span.end, span.start + 200)).split('\n', 1)[0]!.trim();
  const identity = object ? `${object.kind}/${object.namespace ?? ''}/${object.name ?? ''}` : '';
  return createHash('sha256').update(`${ruleId}\u0000${identity}\u0000${field}`).digest('hex').slice(0, 32);
}

function toFinding(source: SourceFile, span: Span, ruleId: string, severity: Severity, message: string, object?: KubeObject): Finding {
  const last = source.text.length;
  const start = source.position(Math.min(span.start, last));
  const end = source.position(Math.min(Math.max(span.end, span.start), last));
  return {
    fingerprint: fingerprintOf(source, span, ruleId, object),
    ruleId,
    severity,
    message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(object ? { object: objectRef(object) } : {}),
    fixable: false,
  };
}

function objectRef(object: KubeObject): ObjectRef {
  return {
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ...(object.name ? { name: object.name } : {}),
  };
}

/** Whether expanding the document's aliases exceeds the yaml package's resource-exhaustion guard. */
function expandsTooFar(document: ParsedDocument): boolean {
  try {
    document.document.toJS({ maxAliasCount: 100 });
    return false;
  } catch (error) {
    // Only the yaml package's resource-exhaustion guard; other alias errors are not about size.
    return error instanceof Error && /Excessive alias count/i.test(error.message);
  }
}
