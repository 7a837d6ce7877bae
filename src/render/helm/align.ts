import { commonLines } from './common-lines.js';
import { analyzeTemplate, type Printed, type TemplateAnalysis, type TemplateLine, type ValuesPath } from './template-lines.js';

/** Which template line (1-based) a rendered line came from, and how. */
export type LineOrigin =
  /** The template line verbatim. */
  | { line: number; how: 'literal' }
  /** A line with actions in it; `column` is where its first `{{` starts; `valueRef` when its value is one plain `.Values` reference. */
  | { line: number; how: 'templated'; column: number; valueRef?: ValuesPath }
  /**
   * Output of an action on a line of its own, or the lines after the first that an `nindent` action
   * ending a text line printed (`resources: {{- toYaml … | nindent 4 }}`); `valuesBlock` when the
   * action is `toYaml` of a values path.
   */
  | { line: number; how: 'generated'; valuesBlock?: ValuesPath };

export interface Alignment {
  origins: (LineOrigin | undefined)[];
  /** The first and last line (1-based) of the part of the template (between `---` lines) the document was aligned with. */
  part: { first: number; last: number };
}

/** Template parts aligned in full per document: the ones sharing most lines with it. */
const PARTS_TRIED = 3;
/** Template lines looked at per unmatched rendered line, and per document (past it, lines stay unmapped), so the fill stays linear. */
const SCAN_LIMIT = 1_000;
const SCAN_BUDGET = 2_000_000;
/** Times verbatim lines are matched again without the blocks found not printed. */
const MATCH_ROUNDS = 3;

/**
 * One entry per line of one rendered document (the lines after its `# Source:` comment): the
 * template line it came from, or undefined when nothing fits.
 */
export function alignTemplate(template: string, rendered: string): (LineOrigin | undefined)[] {
  return alignDocument(analyzeTemplate(template), rendered.split(/\r?\n/)).origins;
}

/**
 * Literal template lines are matched to rendered lines in order (a longest common subsequence),
 * within the template's part (split at literal `---` lines) that shares most lines with the
 * document; the lines left over are then given the templated or generated line that fits between
 * their matched neighbours (`range` bodies may repeat).
 */
export function alignDocument(template: TemplateAnalysis, renderedLines: readonly string[]): Alignment {
  const rendered = renderedLines.map((line) => line.replace(/\r$/, ''));
  const parts = partsOf(template.lines);
  const ids = new Map<string, number>();
  const idOf = (text: string) => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
  // Lines are compared without trailing blanks: `indent N` on text that starts with a newline
  // leaves N spaces at the end of the line before. Blank lines tell nothing and would pull the
  // match off course: each rendered one gets an id of its own, template ones take no part.
  const renderedIds = rendered.map((line, index) => (line.trim() === '' ? -1 - index : idOf(line.trimEnd())));
  const renderedSet = new Set(renderedIds);
  const shared = (part: Part) => part.literal.reduce((count, index) => count + (renderedSet.has(idOf(template.lines[index]!.text.trimEnd())) ? 1 : 0), 0);
  const candidates = parts
    .map((part) => ({ part, shared: shared(part) }))
    .sort((x, y) => y.shared - x.shared)
    .slice(0, PARTS_TRIED);

  let best: { origins: (LineOrigin | undefined)[]; part: Part; score: number } | undefined;
  for (const { part } of candidates) {
    const origins = alignPart(template, part, rendered, renderedIds, idOf);
    // A verbatim or templated line tells more than an action's output, which fits anywhere.
    const score = origins.reduce((sum, origin) => sum + (!origin ? 0 : origin.how === 'generated' ? 1 : 2), 0);
    if (!best || score > best.score) best = { origins, part, score };
  }
  const part = best?.part ?? { first: 0, last: template.lines.length - 1, literal: [] };
  return { origins: best?.origins ?? rendered.map(() => undefined), part: { first: part.first + 1, last: part.last + 1 } };
}

interface Part {
  first: number;
  last: number;
  /** Indexes of its literal lines. */
  literal: number[];
}

function partsOf(lines: readonly TemplateLine[]): Part[] {
  const parts: Part[] = [];
  let current: Part = { first: 0, last: -1, literal: [] };
  lines.forEach((line, index) => {
    if (line.kind === 'literal' && /^---(\s|$)/.test(line.text)) {
      if (current.last >= current.first) parts.push(current);
      current = { first: index + 1, last: index, literal: [] };
      return;
    }
    current.last = index;
    if (line.kind === 'literal' && line.text.trim() !== '') current.literal.push(index);
  });
  if (current.last >= current.first || parts.length === 0) parts.push(current);
  return parts;
}

/** The action printing the rendered lines just before: its template line, and the indentation of its first printed line. */
interface Run {
  line: number;
  printed: Printed;
  indent: number | undefined;
}

function alignPart(template: TemplateAnalysis, part: Part, rendered: readonly string[], renderedIds: readonly number[], idOf: (text: string) => number): (LineOrigin | undefined)[] {
  const lines = template.lines;
  const anchorOf: (number | undefined)[] = rendered.map(() => undefined);
  for (const [index, j] of matchLiterals(template, part.literal, renderedIds, idOf)) anchorOf[j] = index;

  const nextAnchor: number[] = new Array<number>(rendered.length);
  let next = part.last + 1;
  for (let j = rendered.length - 1; j >= 0; j--) {
    nextAnchor[j] = next;
    if (anchorOf[j] !== undefined) next = anchorOf[j]!;
  }

  const origins: (LineOrigin | undefined)[] = [];
  const budget = { steps: SCAN_BUDGET };
  let previous = part.first - 1;
  let run: Run | undefined;
  for (let j = 0; j < rendered.length; j++) {
    const text = rendered[j]!;
    const anchor = anchorOf[j];
    const origin = anchor !== undefined ? ({ line: anchor + 1, how: 'literal' } as const) : fill(template, part, text, previous, nextAnchor[j]!, run, budget);
    origins.push(origin);
    if (!origin) continue;
    previous = origin.line - 1;
    const line = lines[previous]!;
    if (origin.how === 'generated') {
      if (run?.line !== origin.line) run = { line: origin.line, printed: line.kind === 'generated' ? line : line.kind === 'templated' && line.trailing ? line.trailing : { minIndent: 0 }, indent: undefined };
      run.indent ??= indentOf(text);
    } else run = origin.how === 'templated' && line.kind === 'templated' && line.trailing ? { line: origin.line, printed: line.trailing, indent: undefined } : undefined;
  }
  return origins;
}

/**
 * Pairs (template line index, rendered line index) of verbatim lines matched in order. A longest
 * common subsequence alone favours many short common lines (`limits:`, `value: "True"`) of a
 * block that printed nothing over the one action that printed them; so a match counts only when
 * every block around its template line printed most of its own verbatim lines. Lines of blocks
 * that did not are left out and the rest matched again, a few rounds at most.
 */
function matchLiterals(template: TemplateAnalysis, literal: readonly number[], renderedIds: readonly number[], idOf: (text: string) => number): [number, number][] {
  let candidates = literal;
  for (let round = 0; ; round++) {
    const pairs = commonLines(candidates.map((index) => idOf(template.lines[index]!.text.trimEnd())), renderedIds).map(([i, j]): [number, number] => [candidates[i]!, j]);
    const unprinted = unprintedBlocks(template, candidates, pairs);
    if (unprinted.size === 0 || round === MATCH_ROUNDS) return pairs.filter(([index]) => !inside(template, index, unprinted));
    candidates = candidates.filter((index) => !inside(template, index, unprinted));
  }
}

/** The blocks (not the file) holding a matched line, directly or in a block within, that matched fewer than half of their own verbatim lines. */
function unprintedBlocks(template: TemplateAnalysis, literal: readonly number[], pairs: readonly [number, number][]): Set<number> {
  const { blockOf, outerBlock } = template;
  const own = new Map<number, number>();
  for (const index of literal) own.set(blockOf[index]!, (own.get(blockOf[index]!) ?? 0) + 1);
  const matchedLines = new Set(pairs.map(([index]) => index));
  const matched = new Map<number, number>();
  for (const index of matchedLines) matched.set(blockOf[index]!, (matched.get(blockOf[index]!) ?? 0) + 1);
  const unprinted = new Set<number>();
  for (const index of matchedLines) {
    for (let block = blockOf[index]!; block > 0; block = outerBlock[block]!) {
      if (2 * (matched.get(block) ?? 0) < (own.get(block) ?? 0)) unprinted.add(block);
    }
  }
  return unprinted;
}

function inside(template: TemplateAnalysis, index: number, blocks: ReadonlySet<number>): boolean {
  if (blocks.size === 0) return false;
  for (let block = template.blockOf[index]!; block > 0; block = template.outerBlock[block]!) if (blocks.has(block)) return true;
  return false;
}

/**
 * The template line an unmatched rendered line most likely came from: a line that fits between
 * the line before it (`previous`) and the next matched one; else more output of the action that
 * printed the lines before; else, inside a `range`, a repeat of the range's body; else an action.
 */
function fill(template: TemplateAnalysis, part: Part, text: string, previous: number, next: number, run: Run | undefined, budget: { steps: number }): LineOrigin | undefined {
  if (text.trim() === '') return undefined;
  const between: [number, number] = [previous + 1, next - 1];
  const repeats: [number, number][] = [];
  const nextRange = next <= part.last ? template.rangeOf[next] : undefined;
  if (nextRange) repeats.push([previous + 1, Math.min(nextRange.end, part.last)]);
  const previousRange = previous >= part.first ? template.rangeOf[previous] : undefined;
  if (previousRange) repeats.push([Math.max(previousRange.start, part.first), previous]);
  const indent = indentOf(text);
  const fitsText = (line: TemplateLine) => fits(line, text);
  const prints = (line: TemplateLine) => line.kind === 'generated' && indent >= line.minIndent;
  const fitting = (from: number, to: number) => scan(template.lines, from, to, budget, fitsText);

  const found = scanNext(template, ...between, budget, fitsText);
  if (found !== undefined) return originOf(template.lines[found]!, found);
  if (run && indent >= Math.max(run.printed.minIndent, run.indent ?? 0)) return run.printed.valuesBlock ? { line: run.line, how: 'generated', valuesBlock: run.printed.valuesBlock } : { line: run.line, how: 'generated' };
  for (const window of repeats) {
    const repeated = fitting(...window);
    if (repeated !== undefined) return originOf(template.lines[repeated]!, repeated);
  }
  const action = scanNext(template, ...between, budget, prints) ?? repeats.reduce<number | undefined>((hit, window) => hit ?? scan(template.lines, ...window, budget, prints), undefined);
  if (action !== undefined) return originOf(template.lines[action]!, action);
  return undefined;
}

/**
 * The first line from `from` that passes `test` and can be the next line printed: a verbatim line
 * passed over was not printed, so its block was not (an `if` not taken), nor anything inside it.
 */
function scanNext(template: TemplateAnalysis, from: number, to: number, budget: { steps: number }, test: (line: TemplateLine) => boolean): number | undefined {
  const { lines, blockOf, outerBlock } = template;
  const skipped = new Set<number>();
  const reachable = (index: number) => {
    for (let block = blockOf[index]!; block >= 0; block = outerBlock[block]!) if (skipped.has(block)) return false;
    return true;
  };
  const last = Math.min(to, from + SCAN_LIMIT - 1, lines.length - 1);
  for (let index = Math.max(0, from); index <= last && budget.steps > 0; index++, budget.steps--) {
    const line = lines[index]!;
    if (!reachable(index)) continue;
    if (test(line)) return index;
    if (line.kind === 'literal' && line.text.trim() !== '') skipped.add(blockOf[index]!);
  }
  return undefined;
}

function scan(lines: readonly TemplateLine[], from: number, to: number, budget: { steps: number }, test: (line: TemplateLine) => boolean): number | undefined {
  const last = Math.min(to, from + SCAN_LIMIT - 1, lines.length - 1);
  for (let index = Math.max(0, from); index <= last && budget.steps > 0; index++, budget.steps--) if (test(lines[index]!)) return index;
  return undefined;
}

/** Whether a rendered line can be this template line's output (trailing blanks aside: `indent` leaves some). */
function fits(line: TemplateLine, text: string): boolean {
  if (line.kind === 'literal') return line.text.trimEnd() === text.trimEnd();
  if (line.kind !== 'templated') return false;
  const { prefix, suffix } = line;
  if (!text.startsWith(prefix)) return false;
  if (prefix.trim() === '' && indentOf(text) !== prefix.length) return false;
  if (suffix === undefined) return true;
  const body = text.trimEnd();
  const end = suffix.trimEnd();
  return body.length >= prefix.trimEnd().length + end.length && body.endsWith(end);
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function originOf(line: TemplateLine, index: number): LineOrigin | undefined {
  if (line.kind === 'literal') return { line: index + 1, how: 'literal' };
  if (line.kind === 'templated') return line.valueRef ? { line: index + 1, how: 'templated', column: line.column, valueRef: line.valueRef } : { line: index + 1, how: 'templated', column: line.column };
  if (line.kind === 'generated') return line.valuesBlock ? { line: index + 1, how: 'generated', valuesBlock: line.valuesBlock } : { line: index + 1, how: 'generated' };
  return undefined;
}
