import { defaultSeverityOf, INVALID_VALUE, UNKNOWN_VALUE, UNUSED_SUPPRESSION } from '../core/diagnostics.js';
import type { FileResult, Finding } from '../core/findings.js';
import type { Span } from '../core/source.js';
import { languageOf } from '../languages/index.js';
import type { KubeObject, LintFile } from '../model/objects.js';
import { hash, lineSpan, toFinding } from './findings.js';
import type { LintOptions } from './options.js';
import { annotationSilencers, DIRECTIVE_FORMS, IGNORE_ANNOTATION, ignoreMatches, parseDirectives, silences, unusedIds, type IgnoreEntry } from './suppressions.js';

const directivesByFile = new WeakMap<LintFile, ReturnType<typeof parseDirectives>['directives']>();

function directivesOf(file: LintFile, options: LintOptions) {
  if (options.inlineConfig === false) return [];
  let directives = directivesByFile.get(file);
  if (!directives) directivesByFile.set(file, (directives = parseDirectives(file.source.text, languageOf(file.source.path).lineComment, file.commentAt).directives));
  return directives;
}

/**
 * Whether a finding of `ruleId` on `object` at `line` would be silenced, as applySuppressions
 * decides it: a directive on the line before or for the file, the object's ignore annotation,
 * or a config ignore.
 */
export function wouldBeSilenced(object: KubeObject, ruleId: string, line: number, options: LintOptions): boolean {
  return (
    directivesOf(object.file, options).some((d) => (d.form === 'disable-file' || d.line + 1 === line) && silences(d, ruleId)) ||
    annotationSilencers(object).some((a) => silences(a.silencer, ruleId)) ||
    (options.ignores ?? []).some((entry) => ignoreMatches(entry, object, ruleId, options.defaultNamespace))
  );
}

/** Marks silenced findings, and reports comments and annotations that silenced nothing. */
export function applySuppressions(
  file: LintFile,
  objects: KubeObject[],
  entries: { finding: Finding; object?: KubeObject }[],
  options: LintOptions,
  usedIgnores: Set<IgnoreEntry>,
): Finding[] {
  const { directives, misspelt } =
    options.inlineConfig === false ? { directives: [], misspelt: [] } : parseDirectives(file.source.text, languageOf(file.source.path).lineComment, file.commentAt);
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
  const level = options.settings.get(UNUSED_SUPPRESSION)?.level ?? defaultSeverityOf(UNUSED_SUPPRESSION);
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
  for (const { written, line, column, endColumn } of misspelt) {
    const forms = DIRECTIVE_FORMS.map((form) => `gpu-drain-lint-${form}`).join(' and ');
    const message = `${written} is not a directive, so it silences nothing: the directives are ${forms}`;
    findings.push(toFinding(file.source, lineSpan(file.source, line, column, endColumn), UNUSED_SUPPRESSION, level, message));
  }
  for (const { object, silencers } of annotations.values()) {
    for (const { span, silencer } of silencers) unused(unusedIds(silencer), span, `annotation ${IGNORE_ANNOTATION}`, object);
  }
  return findings;
}

/** Config entries are matched across all files, so they are judged once every file is done. */
export function unusedConfigIgnores(options: LintOptions, usedIgnores: Set<IgnoreEntry>): FileResult | undefined {
  const level = options.settings.get(UNUSED_SUPPRESSION)?.level ?? defaultSeverityOf(UNUSED_SUPPRESSION);
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
      fingerprint: hash(`${UNUSED_SUPPRESSION}\u0000${JSON.stringify([entry.rule, entry.kind, entry.namespace, entry.name])}`),
    }));
  return findings.length > 0 ? { path: options.configPath, findings } : undefined;
}
