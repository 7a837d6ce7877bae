import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DisruptionsExplanation, Explanation, GraceBudgetExplanation, ReadinessFlipExplanation } from '../core/explanation.js';
import type { Finding } from '../core/findings.js';
import type { Rule } from '../engine/rule.js';
import { rangeOf } from './diagnostics.js';
import type { DocumentLint } from './document-lint.js';

/** The last lint of a document, as the server keeps it. */
export interface LastLint {
  version: number;
  run: DocumentLint;
}

/**
 * The hover on a finding's range: for each finding there, its rule's description and
 * documentation and, where the rule computed one, the arithmetic behind it (grace budget,
 * readiness flip time, disruptions allowed). Null elsewhere, for findings of no rule (a syntax
 * error), and while the document has changed since its last lint (the ranges may have moved).
 */
export function hoverAt(last: LastLint | undefined, document: TextDocument | undefined, position: Position): Hover | null {
  if (!last || !document || last.version !== document.version) return null;
  const rules = new Map(last.run.options.rules.map((rule) => [rule.meta.id, rule]));
  const here = last.run.findings.flatMap((finding) => {
    const rule = rules.get(finding.ruleId);
    return rule && contains(finding, position) ? [{ finding, rule }] : [];
  });
  const [first] = here;
  if (!first) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: here.map(({ finding, rule }) => sectionOf(finding, rule)).join('\n\n---\n\n') },
    range: rangeOf(first.finding),
  };
}

function contains(finding: Finding, { line, character }: Position): boolean {
  const { start, end } = rangeOf(finding);
  const afterStart = line > start.line || (line === start.line && character >= start.character);
  const beforeEnd = line < end.line || (line === end.line && (character < end.character || (start.line === end.line && start.character === end.character)));
  return afterStart && beforeEnd;
}

function sectionOf(finding: Finding, rule: Rule): string {
  const lines = [`**${rule.meta.id}** (${finding.severity}): ${rule.meta.description}`];
  if (finding.explain) lines.push('', ...arithmeticOf(finding.explain));
  lines.push('', `[Documentation of ${rule.meta.id}](${rule.meta.docsUrl})`);
  return lines.join('\n');
}

function arithmeticOf(explain: Explanation): string[] {
  switch (explain.kind) {
    case 'grace-budget':
      return graceBudget(explain);
    case 'readiness-flip':
      return readinessFlip(explain);
    case 'disruptions':
      return disruptions(explain);
  }
}

function graceBudget(budget: GraceBudgetExplanation): string[] {
  const from =
    budget.graceFrom.source === 'written'
      ? 'as written'
      : budget.graceFrom.source === 'default'
        ? "Kubernetes' default, not written"
        : `set by ${budget.graceFrom.operator}`;
  return [
    '**Grace budget**',
    '',
    '| | seconds |',
    '|---|---:|',
    `| preStop | ${budget.preStop} |`,
    `| + longest request | ${budget.longestRequest} |`,
    `| + margin | ${budget.margin} |`,
    `| **= budget** | **${budget.total}** |`,
    `| terminationGracePeriodSeconds (${from}) | ${budget.grace} |`,
    '',
    `The grace period is ${budget.total - budget.grace} s short of the budget: set terminationGracePeriodSeconds to ${budget.total}.`,
    ...(budget.preStopNote ? ['', `_${budget.preStopNote}._`] : []),
  ];
}

function readinessFlip(flip: ReadinessFlipExplanation): string[] {
  return [
    '**Readiness flip time**',
    '',
    `periodSeconds ${flip.periodSeconds} × failureThreshold ${flip.failureThreshold} + timeoutSeconds ${flip.timeoutSeconds} = **${flip.flip} s**`,
    '',
    `longer than the ${flip.preStop} s preStop sleep by ${flip.flip - flip.preStop} s.`,
  ];
}

function disruptions(pdb: DisruptionsExplanation): string[] {
  const written = `${pdb.field}: ${pdb.value}`;
  return [
    '**Disruptions allowed**',
    '',
    `- pods counted: ${pdb.pods ?? 'unknown'}`,
    `- ${written}${pdb.rounding === written ? '' : ` (${pdb.rounding})`}`,
    `- disruptions allowed: **${pdb.allowed}**${pdb.limit === undefined ? '' : ` (the drain profile allows ${pdb.limit} at once)`}`,
  ];
}
