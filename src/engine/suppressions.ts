import type { Suppression } from '../core/findings.js';
import type { Span } from '../core/source.js';
import type { KubeObject } from '../model/objects.js';
import type { Workload } from '../model/workload.js';


export const IGNORE_ANNOTATION = 'gpu-drain-lint.io/ignore';

/** A config `ignores[]` entry (for third-party manifests whose annotations you cannot change). */
export interface IgnoreEntry {
  rule?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  reason?: string;
  /** Where the entry is in the config file, for reporting it unused. */
  line: number;
  column: number;
}

/** One suppression and the rule ids it silences; `used` collects the ids it did silence. */
interface Silencer {
  ids: string[] | 'all';
  suppression: Suppression;
  used: Set<string>;
}

export interface Directive extends Silencer {
  form: 'disable-next-line' | 'disable-file';
  /** 1-based line of the comment; a next-line directive silences findings on line + 1. */
  line: number;
  column: number;
  endColumn: number;
}

/**
 * `# gpu-drain-lint-disable-next-line pdb-blocks-drain`, after the language's line-comment marker;
 * any other `gpu-drain-lint-…` word there is a misspelt directive.
 */
const directivePattern = (lineComment: string) =>
  new RegExp(`(^|\\s)${lineComment.replace(/[/*]/g, '\\$&')}\\s*gpu-drain-lint-([A-Za-z-]*[A-Za-z])\\b([^\\n]*)$`);

export const DIRECTIVE_FORMS = ['disable-next-line', 'disable-file'] as const;

/** A comment that starts like a directive but names no form of one (`gpu-drain-lint-disable-line`). */
export interface MisspeltDirective {
  written: string;
  line: number;
  column: number;
  endColumn: number;
}

/** The `gpu-drain-lint-disable-…` comments of a file, written after `lineComment` (`#` in YAML, `//` in TypeScript). */
export function parseDirectives(
  text: string,
  lineComment = '#',
  commentAt?: (offset: number) => boolean,
): { directives: Directive[]; misspelt: MisspeltDirective[] } {
  const directives: Directive[] = [];
  const misspelt: MisspeltDirective[] = [];
  const lines = text.split('\n');
  const pattern = directivePattern(lineComment);
  let lineStart = 0;
  lines.forEach((raw, index) => {
    const start = lineStart;
    lineStart += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const match = pattern.exec(line);
    if (!match) return;
    // Text that looks like a directive inside a string or a block scalar is data, not a comment.
    if (commentAt && !commentAt(start + match.index + match[1]!.length)) return;
    const column = match.index + match[1]!.length + 1;
    if (!(DIRECTIVE_FORMS as readonly string[]).includes(match[2]!)) {
      misspelt.push({ written: `gpu-drain-lint-${match[2]}`, line: index + 1, column, endColumn: line.length + 1 });
      return;
    }
    const [rulesPart = '', reason] = match[3]!.split(/\s--\s?/, 2);
    const ids = rulesPart.split(',').map((s) => s.trim()).filter(Boolean);
    directives.push({
      form: match[2] as Directive['form'],
      ids: ids.length > 0 ? ids : 'all',
      suppression: { kind: 'inSource', ...(reason?.trim() ? { justification: reason.trim() } : {}) },
      used: new Set(),
      line: index + 1,
      column,
      endColumn: line.length + 1,
    });
  });
  return { directives, misspelt };
}

/** The `gpu-drain-lint.io/ignore` annotations of an object and its pod templates. */
export function annotationSilencers(object: KubeObject): { span: Span; silencer: Silencer }[] {
  const annotations = [object.annotations.get(IGNORE_ANNOTATION), ...((object as Workload).templates ?? []).map((t) => t.annotations.get(IGNORE_ANNOTATION))];
  return annotations.flatMap((annotation) => {
    if (!annotation) return [];
    const ids = annotation.value.split(',').map((s) => s.trim()).filter(Boolean);
    return [{ span: annotation.span, silencer: { ids: ids.length > 0 ? ids : 'all', suppression: { kind: 'inSource' as const, justification: `annotation ${IGNORE_ANNOTATION}` }, used: new Set<string>() } }];
  });
}

export function silences(silencer: Silencer, ruleId: string): boolean {
  if (silencer.ids !== 'all' && !silencer.ids.includes(ruleId)) return false;
  silencer.used.add(ruleId);
  return true;
}

/** The ids a silencer named but never used (all of them, for an unused catch-all). */
export function unusedIds(silencer: Silencer): string[] {
  if (silencer.ids === 'all') return silencer.used.size === 0 ? ['all rules'] : [];
  return silencer.ids.filter((id) => !silencer.used.has(id));
}

export function ignoreMatches(entry: IgnoreEntry, object: KubeObject | undefined, ruleId: string, defaultNamespace: string): boolean {
  if (entry.rule !== undefined && entry.rule !== ruleId) return false;
  if (entry.kind === undefined && entry.namespace === undefined && entry.name === undefined) return true;
  if (!object) return false;
  if (entry.kind !== undefined && entry.kind !== object.kind) return false;
  if (entry.namespace !== undefined && entry.namespace !== (object.namespace ?? defaultNamespace)) return false;
  return entry.name === undefined || entry.name === object.name;
}
