import { isFix } from '../core/fix.js';
import type { Severity } from '../core/severity.js';
import type { ObjectIndex } from '../analysis/object-index.js';
import type { DrainSubject } from '../analysis/subjects.js';
import type { ManifestEditor } from '../languages/shared/editor.js';
import type { KubeObject } from '../model/objects.js';
import { wouldBeSilenced } from './apply-suppressions.js';
import { regionOf, relatedLocation, toFinding, type Collected } from './findings.js';
import type { LintOptions } from './options.js';
import { formatMessage, profileSuffix, type Report, type Rule, type RuleContext } from './rule.js';

/** What every rule of a run shares: the index, the drain subjects, one editor per object. */
export interface RunContext {
  options: LintOptions;
  index: ObjectIndex;
  subjects: readonly DrainSubject[];
  collected: Collected;
  editorFor(object: KubeObject): ManifestEditor;
}

/** Runs one rule at its configured level, turning its reports into findings. */
export function runRule(rule: Rule, run: RunContext): void {
  const { options } = run;
  const setting = options.settings.get(rule.meta.id);
  const level = setting?.level ?? rule.meta.defaultSeverity;
  if (level === 'off') return;
  const context: RuleContext = {
    options: { ...rule.meta.defaultOptions, ...setting?.options },
    index: run.index,
    drainSubjects: run.subjects,
    kubernetesVersion: options.kubernetesVersion,
    report: (report: Report) => {
      const retargeted = !report.object.file.reportable && report.related !== undefined;
      const target = retargeted ? report.related! : report;
      const finding = toFinding(target.object.file.source, target.span, rule.meta.id, severityOf(level, setting?.level !== undefined, rule.meta.defaultSeverity, report.severity), messageOf(rule, report), target.object);
      finding.messageId = report.messageId;
      if (report.data) finding.data = report.data;
      if (report.explain) finding.explain = report.explain;
      // The relation's other side: the related object, or the reported one when the finding moved off a context file.
      const other = retargeted ? report : report.related;
      if (other && other.object !== target.object) finding.related = relatedLocation(other.object, other.span);
      // A fix edits the reported object's file; a context file is never written.
      if (isFix(report.fix) && !retargeted) {
        const source = target.object.file.source;
        finding.fix = { ...report.fix, edits: report.fix.edits.map((e) => ({ ...e, region: regionOf(source, e.start, e.end) })) };
        finding.fixable = true;
      }
      run.collected.get(target.object.file)?.push({ finding, object: target.object });
    },
    editor: (object) => run.editorFor(object),
    optionsOf: <Other>(other: Rule<Other>) => ({ ...other.meta.defaultOptions, ...options.settings.get(other.meta.id)?.options }) as Other,
    shows: (other, object, span) =>
      (options.settings.get(other.meta.id)?.level ?? other.meta.defaultSeverity) !== 'off' &&
      !wouldBeSilenced(object, other.meta.id, object.file.source.position(span.start).line, options),
  };
  try {
    rule.check(context);
  } catch (error) {
    throw new Error(`rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The message template filled in, the profile note, and why the fix was withheld. */
function messageOf(rule: Rule, report: Report): string {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message "${report.messageId}"`);
  const unfixable = report.fix && !isFix(report.fix) ? ` (${report.fix.unfixable})` : '';
  return formatMessage(template, report.data, rule.meta.id) + profileSuffix(report.profile, report.profileNote) + unfixable;
}

/**
 * A finding's severity. Unconfigured, each case keeps its own (a lesser or a greater case of the
 * rule). A user's `warn` makes every case a warning, so nothing of the rule fails the run; a
 * user's `error` on a rule that defaults to error keeps the lesser cases (the level is often
 * written only to pass options); any other level applies to every finding.
 */
function severityOf(level: Severity, configured: boolean, defaultSeverity: Severity, reported: Severity | undefined): Severity {
  if (!configured) return reported ?? level;
  if (level === 'warn') return level;
  return level === defaultSeverity ? (reported ?? level) : level;
}
