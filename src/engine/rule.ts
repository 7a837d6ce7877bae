import type { Span } from '../core/source.js';
import type { ObjectIndex } from '../analysis/object-index.js';
import type { KubeObject } from '../model/objects.js';
import type { ManifestEditor } from '../languages/editor.js';
import type { FixOutcome } from '../core/fix.js';
import type { DrainSubject } from '../analysis/subjects.js';

import type { FixSafety, Severity } from '../core/severity.js';

export type { FixSafety, Level, Severity } from '../core/severity.js';

/** A JSON Schema (draft-07) object, as written in a rule's `meta.options`. */
export type JsonSchema = Record<string, unknown>;

export interface RuleMeta {
  /** The public rule id (RULES.md): users write it in configs and suppressions. */
  id: string;
  /** One line, present tense: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  /** The strongest fix the rule offers (RULES.md "fix" column). */
  fixable: FixSafety;
  /** Where the rule's doc lives (docs/rules/<id>.md). */
  docsUrl: string;
  /** JSON Schema of the rule's options object. */
  options?: JsonSchema;
  defaultOptions?: Record<string, unknown>;
}

export interface Report {
  /** The object whose edit fixes the problem: the finding is reported on it. */
  object: KubeObject;
  span: Span;
  message: string;
  /** A finding of a lesser case (e.g. warn) in a rule whose default is error. */
  severity?: Severity;
  /**
   * For a relation (a PDB and the workload it blocks): where to report when `object` lives in a
   * `--context` file that gets no findings.
   */
  related?: { object: KubeObject; span: Span };
  /** The fix, or why this instance cannot be fixed (a value shared through an alias). */
  fix?: FixOutcome;
}

export interface RuleContext<Options = Record<string, unknown>> {
  readonly options: Options;
  readonly index: ObjectIndex;
  /** Every pod template of a profiled workload, with what the timeline rules need. */
  readonly drainSubjects: readonly DrainSubject[];
  readonly kubernetesVersion: string | undefined;
  report(report: Report): void;
  /** Builds text edits for `object` in its file's own style. */
  editor(object: KubeObject): ManifestEditor;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

export const DOCS_BASE_URL = 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/rules/';

/** Completes a rule's meta (its docs URL) and keeps the registry a plain array of rules. */
export function defineRule<Options = Record<string, unknown>>(rule: {
  meta: Omit<RuleMeta, 'docsUrl'>;
  check(context: RuleContext<Options>): void;
}): Rule {
  return { ...rule, meta: { ...rule.meta, docsUrl: `${DOCS_BASE_URL}${rule.meta.id}.md` } } as unknown as Rule;
}
