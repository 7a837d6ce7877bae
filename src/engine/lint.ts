import { decode, SourceFile, type Span } from '../parse/source.js';
import { parseYaml } from '../parse/yaml.js';
import { ObjectIndex, type Model } from '../model/object-index.js';
import { ProblemSink, rootView, type MapView } from '../model/node.js';
import { listItems, readObject, type KubeObject, type LintFile } from '../model/objects.js';
import { readIngress, readService } from '../model/network.js';
import { readHorizontalPodAutoscaler, readPodDisruptionBudget } from '../model/policy.js';
import { longLivedSignals, resolveProfile, type AnnotationProblem, type ProfileConfig, type TrafficFacts } from '../model/profile.js';
import { readWorkload } from '../model/workload.js';
import { compareFindings, INVALID_VALUE, YAML_SYNTAX, type FileResult, type Finding, type ObjectRef } from './findings.js';
import type { Level, Report, Rule, RuleContext, Severity } from './rule.js';
import { drainSubject, type DrainSubject } from './subjects.js';

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
}

interface LoadedFile {
  file: LintFile;
  findings: Finding[];
  objects: { object: KubeObject; sink: ProblemSink }[];
}

export function lint(inputs: readonly LintInput[], options: LintOptions): FileResult[] {
  const loaded = inputs.map(loadFile);
  const model = buildModel(loaded.flatMap((f) => f.objects.map((o) => o.object)));
  const index = new ObjectIndex(model, options.defaultNamespace);
  const annotationProblems = new Map<KubeObject, AnnotationProblem[]>();
  const subjects = drainSubjects(model, index, options.profiles, annotationProblems);

  const byFile = new Map<LintFile, Finding[]>(loaded.map((f) => [f.file, f.findings]));
  const invalid = options.settings.get(INVALID_VALUE)?.level ?? 'error';
  if (invalid !== 'off') {
    for (const { file, objects } of loaded) {
      for (const { object, sink } of objects) {
        const problems = [...sink.problems, ...(annotationProblems.get(object) ?? [])];
        for (const problem of problems) {
          byFile.get(file)!.push(toFinding(file.source, problem.span, INVALID_VALUE, invalid, problem.message, object, false));
        }
      }
    }
  }

  for (const rule of options.rules) {
    const setting = options.settings.get(rule.meta.id);
    const level = setting?.level ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    const context: RuleContext = {
      options: { ...rule.meta.defaultOptions, ...setting?.options },
      index,
      drainSubjects: subjects,
      kubernetesVersion: options.kubernetesVersion,
      report: (report: Report) => {
        const severity = lesser(level, report.severity);
        const finding = toFinding(report.object.file.source, report.span, rule.meta.id, severity, report.message, report.object, false);
        byFile.get(report.object.file)?.push(finding);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      throw new Error(`rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  return loaded
    .filter(({ file }) => file.reportable)
    .map(({ file }) => ({ path: file.source.path, findings: byFile.get(file)!.sort(compareFindings) }));
}

function lesser(level: Severity, reported: Severity | undefined): Severity {
  return level === 'warn' || reported === 'warn' ? 'warn' : 'error';
}

function loadFile(input: LintInput): LoadedFile {
  const fatal = (source: SourceFile, message: string, line = 1, column = 1): LoadedFile => ({
    file: { source, reportable: input.reportable },
    findings: [{ ruleId: YAML_SYNTAX, severity: 'error', message, line, column, endLine: line, endColumn: column, fatal: true, fixable: false }],
    objects: [],
  });
  if (!(input.content instanceof Uint8Array)) return fatal(new SourceFile(input.path, '', false), input.content.readError);
  const decoded = decode(input.content);
  if (!decoded.ok) return fatal(new SourceFile(input.path, '', false), decoded.reason, decoded.position.line, decoded.position.column);

  const source = new SourceFile(input.path, decoded.text, decoded.bom);
  const file: LintFile = { source, reportable: input.reportable };
  const parsed = parseYaml(source);
  if (parsed.templateAt !== undefined) {
    const { line, column } = source.position(parsed.templateAt);
    return fatal(
      source,
      `this is a Helm template, not a manifest ("{{" at ${line}:${column}); render it first: helm template <release> <chart> | gpu-drain-lint - --stdin-filename ${input.path}`,
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
      findings.push({ ...toFinding(source, error.span, YAML_SYNTAX, 'error', error.message, undefined, false), fatal: true });
      continue;
    }
    const documentSink = new ProblemSink();
    const root = rootView(document.document, documentSink);
    if (!root) continue;
    const roots: MapView[] = listItems(root) ?? [root];
    for (const candidate of roots) {
      const sink = new ProblemSink();
      const object = readObject(file, document, candidate.withSink(sink));
      if (object) objects.push({ object, sink });
    }
  }
  return { file, findings, objects };
}

function buildModel(objects: KubeObject[]): Model {
  const model: Model = { objects, workloads: [], pdbs: [], hpas: [], services: [], ingresses: [] };
  for (const object of objects) {
    const workload = readWorkload(object);
    if (workload) {
      model.workloads.push(workload);
      continue;
    }
    const pdb = readPodDisruptionBudget(object);
    if (pdb) model.pdbs.push(pdb);
    const hpa = readHorizontalPodAutoscaler(object);
    if (hpa) model.hpas.push(hpa);
    const service = readService(object);
    if (service) model.services.push(service);
    const ingress = readIngress(object);
    if (ingress) model.ingresses.push(ingress);
  }
  return model;
}

function drainSubjects(
  model: Model,
  index: ObjectIndex,
  config: ProfileConfig,
  problems: Map<KubeObject, AnnotationProblem[]>,
): DrainSubject[] {
  const traffic: TrafficFacts = {
    longLived: longLivedSignals(index),
    isSelectedByService: (workload) => index.servicesSelecting(workload).length > 0,
  };
  const subjects: DrainSubject[] = [];
  for (const workload of model.workloads) {
    const workloadProblems: AnnotationProblem[] = [];
    const profile = resolveProfile(workload, config, traffic, workloadProblems, index.defaultNamespace);
    if (workloadProblems.length > 0) problems.set(workload, workloadProblems);
    if (!profile) continue;
    const selected = traffic.isSelectedByService(workload);
    for (const template of workload.templates) subjects.push(drainSubject(workload, template, profile, selected));
  }
  return subjects;
}

function toFinding(
  source: SourceFile,
  span: Span,
  ruleId: string,
  severity: Severity,
  message: string,
  object: KubeObject | undefined,
  fixable: boolean,
): Finding {
  const start = source.position(span.start);
  const end = source.position(Math.max(span.end, span.start));
  return {
    ruleId,
    severity,
    message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(object ? { object: objectRef(object) } : {}),
    fixable,
  };
}

function objectRef(object: KubeObject): ObjectRef {
  return {
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ...(object.name ? { name: object.name } : {}),
  };
}
