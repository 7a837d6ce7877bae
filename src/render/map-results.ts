import { compareFindings, type FileResult, type Finding } from '../core/findings.js';
import type { TextEdit } from '../core/fix.js';
import type { OriginMap } from '../core/origin.js';
import { SourceFile } from '../core/source.js';
import { applyEdits } from '../fix/apply.js';
import type { Translation } from '../core/file-change.js';

/** A rendered input of the run: the files its findings are moved to, and which of them are reported. */
export interface RenderedSource {
  /** The rendered input's path in the run (not a file on disk). */
  path: string;
  origin: OriginMap;
  /** The file that stands for the chart or overlay (its Chart.yaml, its kustomization): where its coverage is counted. */
  home: string;
  /** Only findings in these files are reported (a pre-commit run on staged files); absent: all. */
  reportOnly?: ReadonlySet<string>;
  /** How a message names it when a file several of them render gets findings from more than one: `overlay deploy/overlays/aws`. */
  label?: string;
  /**
   * Turns the fixed rendered text into changes of the files it came from, proven by a second
   * render. `edited` holds the files earlier translations of the run changed (by path, as they
   * left them): a change of one of them starts from that text, so that overlays sharing a base
   * each add their edits to it.
   */
  translate?: (original: string, fixed: string, edited: ReadonlyMap<string, string>) => Translation;
  /** The fixed rendered text as changes of the files it came from, unproven (no second render): what a finding offers, and what the fix loop may apply. */
  preview?: (original: string, fixed: string) => Translation;
}

const STDIN_UNWRITABLE = 'a rendered stream read from stdin cannot be written back';

/** For the fix loop: a fix of a rendered text (`texts`: each rendered input's text) is applied only when its files can take it. */
export function translationChecks(texts: ReadonlyMap<string, string>, sources: readonly RenderedSource[]): Map<string, (fixed: string) => string | undefined> {
  const checks = new Map<string, (fixed: string) => string | undefined>();
  for (const source of sources) {
    const original = texts.get(source.path);
    if (original === undefined) continue;
    checks.set(source.path, (fixed) => {
      const translation = source.preview?.(original, fixed) ?? { ok: false, reason: STDIN_UNWRITABLE };
      return translation.ok ? undefined : translation.reason;
    });
  }
  return checks;
}

/** Fixes a rendered text again, applying only fixes whose result `check` accepts (the fix loop, on one input). */
export type Refix = (path: string, check: (fixed: string) => string | undefined) => { original: string; output: string } | undefined;

/**
 * The fixed rendered texts, each turned into changes of the files it came from (or why not), in
 * order: a file two of them change is changed by the second from where the first left it. When a
 * rendered text's fixes together fail their second render, `refix` fixes it again with the second
 * render checking each set of fixes, so that those that pass are still written.
 */
export function translateRenderedFixes(fixed: ReadonlyMap<string, { original: string; output: string }>, sources: readonly RenderedSource[], refix?: Refix): Map<string, Translation> {
  const translations = new Map<string, Translation>();
  const edited = new Map<string, string>();
  for (const source of sources) {
    const file = fixed.get(source.path);
    if (!file) continue;
    let translation: Translation = source.translate ? source.translate(file.original, file.output, edited) : { ok: false, reason: STDIN_UNWRITABLE };
    if (!translation.ok && source.translate && refix) {
      const translate = source.translate;
      const again = refix(source.path, (text) => {
        const attempt = translate(file.original, text, edited);
        return attempt.ok ? undefined : attempt.reason;
      });
      const retried = again && again.output !== file.original ? translate(file.original, again.output, edited) : undefined;
      if (retried?.ok) translation = retried;
    }
    translations.set(source.path, translation);
    if (translation.ok) for (const change of translation.changes) edited.set(change.path, change.after);
  }
  return translations;
}

/**
 * Moves the findings of rendered inputs to the files a user edits, merging them with the
 * findings of plain files, one result per file, each sorted. A finding whose value comes from a
 * chart's values says where to set it; its fix is offered as edits of the template, values file or
 * patch that can take it (`texts`: each rendered input's text), else not at all.
 */
export function mapRenderedResults(results: readonly FileResult[], sources: readonly RenderedSource[], texts: ReadonlyMap<string, string> = new Map()): FileResult[] {
  const byPath = new Map(sources.map((s) => [s.path, s]));
  const merged = new Map<string, FileResult>();
  const moved: { path: string; finding: Finding; source: RenderedSource }[] = [];
  const resultFor = (path: string) => {
    let result = merged.get(path);
    if (!result) merged.set(path, (result = { path, findings: [] }));
    return result;
  };
  for (const result of results) {
    const source = byPath.get(result.path);
    if (!source) {
      const existing = merged.get(result.path);
      if (existing) existing.findings.push(...result.findings);
      else merged.set(result.path, { ...result, findings: [...result.findings] });
      continue;
    }
    const home = resultFor(source.home);
    if (result.coverage) home.coverage = addCoverage(home.coverage, result.coverage);
    for (const finding of result.findings) {
      const { path, finding: at } = moveFinding(finding, source, texts.get(source.path));
      if (!source.reportOnly || source.reportOnly.has(path)) moved.push({ path, finding: at, source });
    }
  }
  // A base two overlays build (a template two releases render) gets findings from each: each says
  // whose; the same finding from several is reported once, naming them all.
  const sourcesOf = new Map<string, Set<RenderedSource>>();
  for (const { path, source } of moved) sourcesOf.set(path, (sourcesOf.get(path) ?? new Set()).add(source));
  const labels = new Map<Finding, string[]>();
  for (const { path, finding, source } of moved) {
    const target = resultFor(path);
    const same = target.findings.find((f) => sameFinding(f, finding));
    if (!same) target.findings.push(finding);
    const shared = sourcesOf.get(path)!.size > 1 && source.label !== undefined;
    if (shared) labels.set(same ?? finding, [...(labels.get(same ?? finding) ?? []), source.label!]);
  }
  for (const [finding, names] of labels) finding.message += ` [${[...new Set(names)].join(', ')}]`;
  for (const result of merged.values()) result.findings.sort(compareFindings);
  return [...merged.values()];
}

function moveFinding(finding: Finding, source: RenderedSource, rendered: string | undefined): { path: string; finding: Finding } {
  const written = source.origin.locate({ line: finding.line, column: finding.column }, { line: finding.endLine, column: finding.endColumn });
  const { fix, ...rest } = finding;
  const edits = fix && rendered !== undefined ? editsInSources(source, rendered, fix.edits, written.path) : undefined;
  return {
    path: written.path,
    finding: {
      ...rest,
      message: written.hint ? `${finding.message} (${written.hint})` : finding.message,
      line: written.line,
      column: written.column,
      endLine: written.endLine,
      endColumn: written.endColumn,
      ...(fix && edits ? { fix: { ...fix, edits } } : {}),
      fixable: edits !== undefined,
    },
  };
}

/**
 * A rendered text's fix as edits of the files it came from (one per file, the changed lines),
 * those outside the finding's own file naming theirs; undefined when the files cannot take it.
 */
function editsInSources(source: RenderedSource, rendered: string, edits: readonly TextEdit[], own: string): TextEdit[] | undefined {
  const translation = source.preview?.(rendered, applyEdits(rendered, edits));
  if (!translation?.ok || translation.changes.length === 0) return undefined;
  return translation.changes.map(({ path, before, after }) => ({ ...changedLines(path, before, after), ...(path === own ? {} : { path }) }));
}

/** One edit that replaces the lines that differ between two texts (whole lines read better than a digit swapped in one). */
function changedLines(path: string, before: string, after: string): TextEdit {
  const [a, b] = [before.split('\n'), after.split('\n')];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const offsetOf = (lines: readonly string[], count: number) => lines.slice(0, count).reduce((sum, line) => sum + line.length + 1, 0);
  const start = offsetOf(a, head);
  const end = offsetOf(a, a.length - tail);
  const file = new SourceFile(path, before, false);
  const [from, to] = [file.position(start), file.position(Math.min(end, before.length))];
  return {
    start,
    end: Math.min(end, before.length),
    text: after.slice(offsetOf(b, head), Math.min(offsetOf(b, b.length - tail), after.length)),
    region: { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column },
  };
}

/** Two releases or overlays of one file can give the same finding at the same place: it is reported once. */
function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.line === b.line && a.column === b.column && a.message === b.message;
}

function addCoverage(into: FileResult['coverage'], more: NonNullable<FileResult['coverage']>): NonNullable<FileResult['coverage']> {
  if (!into) return { workloads: more.workloads, uncheckedKinds: more.uncheckedKinds.map((u) => ({ ...u })) };
  into.workloads += more.workloads;
  for (const unchecked of more.uncheckedKinds) {
    const same = into.uncheckedKinds.find((u) => u.apiVersion === unchecked.apiVersion && u.kind === unchecked.kind);
    if (same) same.count += unchecked.count;
    else into.uncheckedKinds.push({ ...unchecked });
  }
  return into;
}
