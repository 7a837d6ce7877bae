import { compareFindings, type FileResult, type Finding } from '../core/findings.js';
import type { OriginMap } from '../core/origin.js';
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
  /**
   * Turns the fixed rendered text into changes of the files it came from, proven by a second
   * render. `edited` holds the files earlier translations of the run changed (by path, as they
   * left them): a change of one of them starts from that text, so that overlays sharing a base
   * each add their edits to it.
   */
  translate?: (original: string, fixed: string, edited: ReadonlyMap<string, string>) => Translation;
  /** Why a fixed rendered text cannot be turned into changes of its files (no second render), or undefined. */
  untranslatable?: (original: string, fixed: string) => string | undefined;
}

/** For the fix loop: a fix of a rendered text is applied only when its files can take it. */
export function translationChecks(inputs: readonly { path: string; content: Uint8Array | { readError: string } }[], sources: readonly RenderedSource[]): Map<string, (fixed: string) => string | undefined> {
  const checks = new Map<string, (fixed: string) => string | undefined>();
  for (const source of sources) {
    const input = inputs.find((i) => i.path === source.path);
    if (!input || !(input.content instanceof Uint8Array)) continue;
    const original = Buffer.from(input.content).toString('utf8');
    checks.set(source.path, (fixed) => (source.untranslatable ?? (() => 'a rendered stream read from stdin cannot be written back'))(original, fixed));
  }
  return checks;
}

/**
 * The fixed rendered texts, each turned into changes of the files it came from (or why not), in
 * order: a file two of them change is changed by the second from where the first left it.
 */
export function translateRenderedFixes(fixed: ReadonlyMap<string, { original: string; output: string }>, sources: readonly RenderedSource[]): Map<string, Translation> {
  const translations = new Map<string, Translation>();
  const edited = new Map<string, string>();
  for (const source of sources) {
    const file = fixed.get(source.path);
    if (!file) continue;
    const translation = source.translate ? source.translate(file.original, file.output, edited) : { ok: false as const, reason: 'a rendered stream read from stdin cannot be written back' };
    translations.set(source.path, translation);
    if (translation.ok) for (const change of translation.changes) edited.set(change.path, change.after);
  }
  return translations;
}

/**
 * Moves the findings of rendered inputs to the files a user edits, merging them with the
 * findings of plain files, one result per file, each sorted. A finding whose value comes from a
 * chart's values says where to set it. Its fix edits the rendered text, so it is not carried.
 */
export function mapRenderedResults(results: readonly FileResult[], sources: readonly RenderedSource[]): FileResult[] {
  const byPath = new Map(sources.map((s) => [s.path, s]));
  const merged = new Map<string, FileResult>();
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
      const moved = moveFinding(finding, source.origin);
      if (source.reportOnly && !source.reportOnly.has(moved.path)) continue;
      const target = resultFor(moved.path);
      if (!target.findings.some((f) => sameFinding(f, moved.finding))) target.findings.push(moved.finding);
    }
  }
  for (const result of merged.values()) result.findings.sort(compareFindings);
  return [...merged.values()];
}

function moveFinding(finding: Finding, origin: OriginMap): { path: string; finding: Finding } {
  const written = origin.locate({ line: finding.line, column: finding.column }, { line: finding.endLine, column: finding.endColumn });
  const { fix: _fix, ...rest } = finding;
  return {
    path: written.path,
    finding: {
      ...rest,
      message: written.hint ? `${finding.message} (${written.hint})` : finding.message,
      line: written.line,
      column: written.column,
      endLine: written.endLine,
      endColumn: written.endColumn,
      fixable: false,
    },
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
