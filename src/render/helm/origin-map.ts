import type { Origin, OriginMap } from '../../core/origin.js';
import { lastAtOrBefore, type Position } from '../../core/source.js';
import { valuesFileSetting } from './values-files.js';
import { alignDocument, type Alignment, type LineOrigin } from './align.js';
import { formatValuesPath, pathInBlock } from './block-path.js';
import { templateFileIn, type HelmChart } from './chart-files.js';
import { joinPath, splitHelmStream, subchartsOf, type RenderedTemplate } from './stream.js';
import { analyzeTemplate, type TemplateAnalysis, type ValuesPath } from './template-lines.js';

export type { HelmChart };

/** Lines of a toYaml block walked back to find where it starts; past that, the hint names the block only. */
const BLOCK_WALK = 5_000;

/** One end of a range, moved to a template line. */
interface Point {
  path: string;
  line: number;
  column: number;
  /** The column just after the template line's text. */
  lineEnd: number;
  /** Whether the column is the rendered one (a verbatim line), so an end column can be kept as is. */
  verbatim: boolean;
  hint?: string;
}

interface Template {
  path: string;
  lines: string[];
  analysis: TemplateAnalysis;
}

/** The chart's own values.yaml as `values.yaml`; any other values file by its path. */
function displayName(file: string, chartDir: string): string {
  return file === joinPath(chartDir, 'values.yaml') ? 'values.yaml' : file;
}

/**
 * Moves ranges of a `helm template` stream back to the chart's templates. A line is mapped through
 * its document's alignment with its template (`alignDocument`): a verbatim line keeps its column,
 * a templated one points at its first `{{`, an action's output at the action. A line nothing fits
 * goes to its object's first line in the template; a document whose template is not in the chart
 * directory (a packed `.tgz` dependency) and text outside any document go to `Chart.yaml` line 1.
 */
export function helmOriginMap(stream: string, chart: HelmChart, valuesFiles: readonly string[] = [joinPath(chart.dir, 'values.yaml')]): OriginMap {
  const streamLines = stream.split('\n').map((line) => line.replace(/\r$/, ''));
  const documents = splitHelmStream(stream);
  const firstLines = documents.map((document) => document.firstLine);
  const templates = new Map<string, Template | undefined>();
  const alignments = new Map<RenderedTemplate, Alignment>();
  const readFile = (path: string): string | undefined => {
    try {
      return chart.readFile(path);
    } catch {
      return undefined;
    }
  };
  const chartYaml = joinPath(chart.dir, 'Chart.yaml');
  const chartYamlEnd = (readFile(chartYaml)?.split(/\r?\n/, 1)[0]?.length ?? 0) + 1;
  const fallback: Point = { path: chartYaml, line: 1, column: 1, lineEnd: chartYamlEnd, verbatim: false };

  const templateOf = (source: string): Template | undefined => {
    if (templates.has(source)) return templates.get(source);
    const path = templateFileIn({ dir: chart.dir, readFile }, source);
    const text = path === undefined ? undefined : readFile(path);
    const template = path === undefined || text === undefined ? undefined : { path, lines: text.split(/\r?\n/), analysis: analyzeTemplate(text) };
    templates.set(source, template);
    return template;
  };
  const documentLines = new Map<RenderedTemplate, string[]>();
  const documentLinesOf = (document: RenderedTemplate): string[] => {
    let lines = documentLines.get(document);
    if (!lines) documentLines.set(document, (lines = streamLines.slice(document.firstLine - 1, document.firstLine - 1 + document.lineCount)));
    return lines;
  };
  const alignmentOf = (document: RenderedTemplate, template: Template): Alignment => {
    let alignment = alignments.get(document);
    if (!alignment) alignments.set(document, (alignment = alignDocument(template.analysis, documentLinesOf(document))));
    return alignment;
  };

  // A template of a dependency packed as charts/<name>-<version>.tgz has no file to point at: its
  // entry in Chart.yaml's dependencies does, and the message names the template and where its values go.
  const chartYamlLines = readFile(chartYaml)?.split(/\r?\n/) ?? [];
  const packagedDependency = (source: string): Point | undefined => {
    const [name] = subchartsOf(source);
    if (name === undefined) return undefined;
    const entry = chartYamlLines.findIndex((line) => new RegExp(`^\\s*(?:-\\s+)?(?:name|alias):\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`).test(line));
    if (entry === -1) return undefined;
    const text = chartYamlLines[entry]!;
    const hint = `rendered from ${source.split('/').slice(1).join('/')} of the packaged dependency ${name}: set its values under ${name} in values.yaml`;
    return { path: chartYaml, line: entry + 1, column: text.search(/\S/) + 1, lineEnd: text.length + 1, verbatim: false, hint };
  };

  const locatePoint = (position: Position): Point => {
    const document = documentAt(documents, firstLines, position.line);
    if (!document) return fallback;
    const template = templateOf(document.source);
    if (!template) return packagedDependency(document.source) ?? fallback;
    const whole = (line: number): Point => ({ path: template.path, line, column: 1, lineEnd: lineEndOf(template, line), verbatim: false });
    if (position.line < document.firstLine) return whole(1);
    const alignment = alignmentOf(document, template);
    const index = position.line - document.firstLine;
    const origin = alignment.origins[index];
    if (!origin) {
      const first = objectFirstLine(template, alignment.part);
      return first === undefined ? fallback : whole(first);
    }
    const lineEnd = lineEndOf(template, origin.line);
    const point: Point = { path: template.path, line: origin.line, column: 1, lineEnd, verbatim: false };
    if (origin.how === 'literal') return { ...point, column: Math.max(1, Math.min(position.column, lineEnd)), verbatim: true };
    // A subchart's values are set under its name in the parent's values.yaml; its globals at global.
    const keyOf = (path: ValuesPath) => (path[0] === 'global' ? [...path] : [...subchartsOf(document.source), ...path]);
    // The file a user edits: the last values file of the release that sets the key, else the chart's values.yaml.
    const fileSetting = (key: ValuesPath) => displayName(valuesFileSetting(chart, valuesFiles, key) ?? valuesFiles[0] ?? 'values.yaml', chart.dir);
    if (origin.how === 'templated') {
      const hint = origin.valueRef && `.Values.${formatValuesPath(origin.valueRef)}: set ${formatValuesPath(keyOf(origin.valueRef))} in ${fileSetting(keyOf(origin.valueRef))}`;
      return { ...point, column: origin.column, ...(hint && { hint }) };
    }
    const column = (template.lines[origin.line - 1] ?? '').search(/\S/) + 1 || 1;
    if (!origin.valuesBlock) return { ...point, column };
    let first = index;
    while (first > 0 && index - first < BLOCK_WALK && sameOrigin(alignment.origins[first - 1], origin)) first--;
    const foundStart = first === 0 || !sameOrigin(alignment.origins[first - 1], origin);
    const inBlock = foundStart ? pathInBlock(documentLinesOf(document), first, index) : [];
    const hint = `.Values.${formatValuesPath(origin.valuesBlock)}: set ${formatValuesPath([...keyOf(origin.valuesBlock), ...inBlock])} in ${fileSetting(keyOf(origin.valuesBlock))}`;
    return { ...point, column, hint };
  };

  return {
    locate(start: Position, end: Position): Origin {
      const from = locatePoint(start);
      // An end at the start of a later line closes the line before it.
      const endAt = end.column === 1 && end.line > start.line ? { line: end.line - 1, column: (streamLines[end.line - 2]?.length ?? 0) + 1 } : end;
      const to = locatePoint(endAt);
      const origin: Origin = { path: from.path, line: from.line, column: from.column, endLine: from.line, endColumn: from.lineEnd };
      if (from.hint) origin.hint = from.hint;
      if (to.path !== from.path || to.line < from.line) return origin;
      if (to.line === from.line) {
        if (from.verbatim && to.verbatim) origin.endColumn = Math.max(from.column, Math.min(endAt.column, from.lineEnd));
        return origin;
      }
      origin.endLine = to.line;
      origin.endColumn = to.verbatim ? Math.min(endAt.column, to.lineEnd) : to.lineEnd;
      return origin;
    },
  };
}

/** The document whose body, or else whose header (`---`, `# Source:`), holds a stream line. */
function documentAt(documents: readonly RenderedTemplate[], firstLines: readonly number[], line: number): RenderedTemplate | undefined {
  const high = lastAtOrBefore(firstLines, line);
  const found = documents[high];
  if (found && line < found.firstLine + found.lineCount) return found;
  const next = documents[high + 1];
  return next && line >= next.firstLine - 2 ? next : undefined;
}

function sameOrigin(a: LineOrigin | undefined, b: LineOrigin): boolean {
  return a?.how === b.how && a.line === b.line;
}

/** The first line of the aligned part that is not blank, a YAML comment or a line that prints nothing. */
function objectFirstLine(template: Template, part: Alignment['part']): number | undefined {
  for (let line = part.first; line <= part.last; line++) {
    const kind = template.analysis.lines[line - 1];
    if (!kind || kind.kind === 'silent') continue;
    const text = kind.text.trim();
    if (text === '' || text.startsWith('#')) continue;
    return line;
  }
  return undefined;
}

function lineEndOf(template: Template, line: number): number {
  return (template.lines[line - 1]?.length ?? 0) + 1;
}
