import type { Span } from '../core/source.js';
import type { Explanation } from '../core/explanation.js';
import type { FixOutcome } from '../core/fix.js';
import type { FixSafety, Severity } from '../core/severity.js';
import type { ManifestEditor } from '../languages/shared/editor.js';
import type { KubeObject } from '../model/objects.js';
import type { ObjectIndex } from '../analysis/object-index.js';
import type { DrainProfile } from '../analysis/profile.js';
import type { DrainSubject } from '../analysis/subjects.js';

export type { FixSafety, Level, Severity } from '../core/severity.js';

/** A JSON Schema (draft-07) object. */
export type JsonSchema = Record<string, unknown>;

/** One option of a rule: its JSON Schema, its default (stated only here) and what it means. */
export type OptionSpec<T = unknown> = JsonSchema & { default: T; description: string };
export type OptionSpecs = Record<string, OptionSpec>;
/** The options object a rule's `check` reads: every option, at its default unless configured. */
export type OptionsOf<Specs extends OptionSpecs> = { [K in keyof Specs]: Specs[K]['default'] };

/** `{{name}}` placeholders of a message template. */
export type Placeholders<T extends string> = T extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Placeholders<Rest> : never;
export type MessageData = Record<string, string | number>;

export interface RuleMeta {
  /** The public rule id (RULES.md): users write it in configs and suppressions. */
  id: string;
  /** One line, present tense: what the rule finds (the config schema and SARIF show it). */
  description: string;
  defaultSeverity: Severity;
  /** The strongest fix the rule offers (RULES.md "fix" column). */
  fixable: FixSafety;
  /** Where the rule's doc lives (docs/rules/<id>.md). */
  docsUrl: string;
  /**
   * What the README's rule table says; `alsoWarns` when some cases of an error rule are reported
   * as warnings, `alsoErrors` when some cases of a warn rule are reported as errors.
   */
  docs: { finds: string; alsoWarns?: boolean; alsoErrors?: boolean };
  /** Message templates by id; `{{name}}` is filled from a report's `data`. */
  messages: Readonly<Record<string, string>>;
  /** Each option's spec (schema, default, description). */
  optionSpecs: OptionSpecs;
  /** JSON Schema of the rule's options object, derived from `optionSpecs`. */
  optionsSchema?: JsonSchema;
  /** Every option at its default, derived from `optionSpecs`. */
  defaultOptions: Record<string, unknown>;
  /** Markdown help for a rule with no docs/rules page (a config policy): SARIF and `explain` show it. */
  help?: string;
}

/** What a rule reports, by message id: `data` fills the template's placeholders. */
export type MessageReport<Messages extends Record<string, string>> = {
  [Id in keyof Messages & string]: { messageId: Id } & ([Placeholders<Messages[Id]>] extends [never]
    ? { data?: undefined }
    : { data: Record<Placeholders<Messages[Id]>, string | number> });
}[keyof Messages & string];

export interface ReportBase {
  /** The object whose edit fixes the problem: the finding is reported on it. */
  object: KubeObject;
  span: Span;
  /**
   * A case of another severity than the rule's default (a warning in an error rule, an error in a
   * warn rule); a level configured to other than the default applies to every finding instead.
   */
  severity?: Severity;
  /**
   * The drain profile the judgement rests on: the engine appends `[name: reason]` (and `; note`)
   * to the message, so users see why the workload was judged as it was.
   */
  profile?: DrainProfile;
  profileNote?: string;
  /**
   * For a relation (a PDB and the workload it blocks): where to report when `object` lives in a
   * `--context` file that gets no findings.
   */
  related?: { object: KubeObject; span: Span };
  /** The arithmetic behind the finding, for editors' hovers. */
  explain?: Explanation;
  /** The fix, or why this instance cannot be fixed (a value shared through an alias). */
  fix?: FixOutcome;
}

/** A report; the engine's view (messages not known statically) takes any id and data. */
export type Report<Messages extends Record<string, string> = Record<string, string>> = ReportBase &
  (string extends keyof Messages ? { messageId: string; data?: MessageData } : MessageReport<Messages>);

export interface RuleContext<Options = Record<string, unknown>, Messages extends Record<string, string> = Record<string, string>> {
  readonly options: Options;
  readonly index: ObjectIndex;
  /** Every pod template of a profiled workload, with what the timeline rules need. */
  readonly drainSubjects: readonly DrainSubject[];
  readonly kubernetesVersion: string | undefined;
  report(report: Report<Messages>): void;
  /** Builds text edits for `object` in its file's own style. */
  editor(object: KubeObject): ManifestEditor;
  /** Another rule's effective options (its defaults, overridden by the config), for rules that defer to it. */
  optionsOf<Other>(rule: Rule<Other>): Other;
  /**
   * Whether a finding of another rule on `object` at `span` would be shown: the rule is on, and
   * no comment directive, annotation or config ignore silences it there. A rule that defers to
   * another's fix asks first.
   */
  shows(rule: Rule, object: KubeObject, span: Span): boolean;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  /** Method syntax on purpose: the registry holds rules of every options type. */
  check(context: RuleContext<Options>): void;
}

export const DOCS_BASE_URL = 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/rules/';

interface RuleDefinition<Specs extends OptionSpecs, Messages extends Record<string, string>> {
  meta: {
    id: string;
    description: string;
    defaultSeverity: Severity;
    fixable: FixSafety;
    docs: RuleMeta['docs'];
    messages: Messages;
    options?: Specs;
  };
  check(context: RuleContext<OptionsOf<Specs>, Messages>): void;
}

/**
 * Declares a rule: messages by id, options with their defaults stated once. The options' JSON
 * Schema, their defaults and the docs URL are derived here.
 */
export function defineRule<const Messages extends Record<string, string>, Specs extends OptionSpecs = Record<never, OptionSpec>>(
  definition: RuleDefinition<Specs, Messages>,
): Rule<OptionsOf<Specs>> {
  const { options: specs = {} as Specs, ...meta } = definition.meta;
  const entries = Object.entries(specs);
  const defaultOptions = Object.fromEntries(entries.map(([key, spec]) => [key, spec.default]));
  const optionsSchema: JsonSchema | undefined =
    entries.length === 0 ? undefined : { type: 'object', additionalProperties: false, properties: Object.fromEntries(entries) };
  return {
    meta: { ...meta, docsUrl: `${DOCS_BASE_URL}${meta.id}.md`, optionSpecs: specs, ...(optionsSchema ? { optionsSchema } : {}), defaultOptions },
    // The engine's context takes any message id (it checks each against meta.messages as it
    // reports); the rule's own view is narrowed to its messages, so `data` is type-checked.
    check: (context) => definition.check(context as unknown as RuleContext<OptionsOf<Specs>, Messages>),
  };
}

/** Fills a message template's `{{name}}` placeholders; a missing value is a bug in the rule. */
export function formatMessage(template: string, data: MessageData | undefined, ruleId: string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = data?.[name];
    if (value === undefined) throw new Error(`rule ${ruleId}: no value for {{${name}}}`);
    return String(value);
  });
}

/** ` [gpu-inference: container vllm requests nvidia.com/gpu; note]`, appended to profiled findings. */
export function profileSuffix(profile: DrainProfile | undefined, note: string | undefined): string {
  return profile ? ` [${profile.name}: ${profile.reason}${note ? `; ${note}` : ''}]` : '';
}
