/**
 * What each line of a Helm template can put into the rendered text, read from the template's Go
 * template actions (text/template syntax: `{{ … }}`, `{{- … -}}` trimming, `{{/* … *\/}}`
 * comments, quoted and raw strings inside actions).
 */

import { SourceFile } from '../../core/source.js';

/** A values path: `.Values.server.grace` is ['server', 'grace']. */
export type ValuesPath = readonly string[];

/** In a values path, any item of the list a `range` walks (which one, the template does not say). */
export const EACH_ITEM = '[]';

export type TemplateLine =
  /** Plain text: renders as itself (possibly repeated by a `range`, or dropped by an `if`). */
  | { kind: 'literal'; text: string }
  /**
   * Text around actions: renders as `prefix` + values + `suffix` (suffix unknown when trimmed).
   * `trailing` when the line ends with an indenting action (`resources: {{- include … | nindent 4 }}`),
   * whose output goes on over the next lines.
   */
  | { kind: 'templated'; text: string; prefix: string; suffix: string | undefined; column: number; valueRef?: ValuesPath; trailing?: Printed }
  /** Only actions, at least one printing something (`include … | nindent 4`, `toYaml …`). */
  | ({ kind: 'generated'; text: string; column: number } & Printed)
  /** Prints nothing itself: directives, comments, assignments, `define` bodies, an action's inner lines. */
  | { kind: 'silent'; text: string };

/** What an action prints over several lines: at least `minIndent` deep, and the values block when it is `toYaml` of one. */
export interface Printed {
  minIndent: number;
  valuesBlock?: ValuesPath;
}

export interface TemplateAnalysis {
  lines: TemplateLine[];
  /** For each line (0-based), the first and last line of the outermost `range` around it, if any. */
  rangeOf: ({ start: number; end: number } | undefined)[];
  /**
   * The blocks lines print in: for each line, the innermost `if` / `else` / `with` / `range` branch
   * it starts in (0: the file itself), and for each block, the one around it (-1 for the file).
   */
  blockOf: number[];
  outerBlock: number[];
}

interface Action {
  start: number;
  end: number;
  body: string;
  comment: boolean;
  trimLeft: boolean;
  trimRight: boolean;
}

/** What `.` is at some point: the root context, a known values path (inside `with .Values.x`), or unknown. */
type Dot = { root: true } | { root: false; path: ValuesPath | undefined };

const OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);
const SILENT_KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'break', 'continue']);
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const VALUES_FIELD = new RegExp(`^(\\$?)\\.Values((?:\\.${IDENT})+)$`);
const DOT_FIELD = new RegExp(`^\\.((?:${IDENT})(?:\\.${IDENT})*)?$`);

/** Reads a template once: each line's kind, the `range` bodies, the branches lines print in. Never throws: an unclosed action runs to the end. */
export function analyzeTemplate(template: string): TemplateAnalysis {
  const text = template.replace(/\r\n?/g, '\n');
  const rawLines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of rawLines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const positions = new SourceFile('template', text, false);
  const lineOf = (at: number) => positions.position(at).line - 1;
  const actions = lexActions(text);

  // Per line: the actions that start on it, whether an action that started earlier covers it, whether it is in a define.
  const startsOn: Action[][] = rawLines.map(() => []);
  const coveredFrom: boolean[] = rawLines.map(() => false);
  const insideDefine: boolean[] = rawLines.map(() => false);
  const dotAt = new Map<Action, Dot>();
  // Variables bound to a values path (`$spec := .Values.x`, `range $i, $spec := .Values.list`), as each action sees them.
  const varsAt = new Map<Action, Variables>();
  const rangeOf: ({ start: number; end: number } | undefined)[] = rawLines.map(() => undefined);

  const stack: { keyword: string; dot: Dot; vars: Variables; line: number; outer: number }[] = [];
  let vars: Variables = new Map();
  const blockOf: number[] = rawLines.map(() => 0);
  const outerBlock: number[] = [-1];
  let block = 0;
  let blockCursor = 0;
  const openBlock = (outer: number) => {
    outerBlock.push(outer);
    block = outerBlock.length - 1;
  };
  let dot: Dot = { root: true };
  let defineDepth = 0;
  let cursorLine = 0;
  const markDefine = (uptoLine: number) => {
    for (; cursorLine < uptoLine; cursorLine++) insideDefine[cursorLine] = defineDepth > 0;
  };
  for (const action of actions) {
    const first = lineOf(action.start);
    const last = lineOf(Math.max(action.start, action.end - 1));
    markDefine(first);
    for (; blockCursor <= first; blockCursor++) blockOf[blockCursor] = block;
    startsOn[first]!.push(action);
    for (let line = first + 1; line <= last; line++) coveredFrom[line] = true;
    dotAt.set(action, dot);
    varsAt.set(action, vars);
    if (action.comment) continue;
    const keyword = firstWord(action.body);
    const assigned = /^(\$[A-Za-z_][A-Za-z0-9_]*)\s*:?=\s*(.+)$/.exec(action.body);
    if (assigned) {
      const path = resolveValues(assigned[2]!.trim(), dot, vars);
      const next = new Map(vars);
      if (path) next.set(assigned[1]!, path);
      else next.delete(assigned[1]!);
      vars = next;
    }
    if (keyword === 'end') {
      const opened = stack.pop();
      if (opened) {
        block = opened.outer;
        if (opened.keyword === 'define') defineDepth--;
        if (opened.keyword === 'range' && !stack.some((entry) => entry.keyword === 'range')) {
          for (let line = opened.line; line <= first; line++) rangeOf[line] = { start: opened.line, end: first };
        }
        dot = opened.dot;
        vars = opened.vars;
      }
    } else if (OPENERS.has(keyword)) {
      stack.push({ keyword, dot, vars, line: first, outer: block });
      openBlock(block);
      if (keyword === 'define') defineDepth++;
      if (keyword === 'range') ({ dot, vars } = rangeScope(action.body.slice(5).trim(), dot, vars));
      else dot = keyword === 'if' ? dot : keyword === 'with' ? { root: false, path: resolveValues(action.body.slice(4).trim(), dot, vars) } : { root: false, path: undefined };
    } else if (keyword === 'else') {
      const opened = stack[stack.length - 1];
      if (opened) {
        openBlock(opened.outer);
        dot = opened.dot;
      }
      const rest = action.body.slice(4).trim();
      if (opened?.keyword === 'with' && rest.startsWith('with ')) dot = { root: false, path: resolveValues(rest.slice(5).trim(), opened.dot, opened.vars) };
    }
  }
  markDefine(rawLines.length);
  for (; blockCursor < rawLines.length; blockCursor++) blockOf[blockCursor] = block;

  const lines = rawLines.map((line, index): TemplateLine => {
    if (insideDefine[index]) return { kind: 'silent', text: line };
    const own = startsOn[index]!;
    if (coveredFrom[index]) return { kind: 'silent', text: line };
    if (own.length === 0) return { kind: 'literal', text: line };
    return classify(line, lineStarts[index]!, own, (action) => ({ dot: dotAt.get(action)!, vars: varsAt.get(action)! }));
  });
  return { lines, rangeOf, blockOf, outerBlock };
}

/** What `.` and the variables are where an action stands. */
type ScopeOf = (action: Action) => { dot: Dot; vars: Variables };

function classify(line: string, lineStart: number, own: Action[], scopeOf: ScopeOf): TemplateLine {
  const lineEnd = lineStart + line.length;
  const first = own[0]!;
  const lastAction = own[own.length - 1]!;
  let literal = line.slice(0, first.start - lineStart);
  for (let i = 1; i < own.length; i++) literal += line.slice(own[i - 1]!.end - lineStart, own[i]!.start - lineStart);
  const after = lastAction.end <= lineEnd ? line.slice(lastAction.end - lineStart) : '';
  literal += after;
  const printing = own.filter((action) => !action.comment && !SILENT_KEYWORDS.has(firstWord(action.body)) && !isAssignment(action.body));
  const column = first.start - lineStart + 1;
  if (literal.trim() !== '') {
    const prefix = line.slice(0, first.start - lineStart);
    const suffix = lastAction.end <= lineEnd && !lastAction.trimRight ? after : undefined;
    const templated: TemplateLine = { kind: 'templated', text: line, prefix: first.trimLeft ? prefix.trimEnd() : prefix, suffix, column };
    if (own.length === 1 && printing.length === 1 && suffix !== undefined && suffix.trim() === '' && /(?::|^\s*(?:-\s+)*-)\s+$/.test(prefix)) {
      const { dot, vars } = scopeOf(first);
      const valueRef = resolveValues(first.body, dot, vars);
      if (valueRef) templated.valueRef = valueRef;
    }
    if (printing.includes(lastAction) && lastAction.end <= lineEnd && after.trim() === '' && /\|\s*n?indent\s+\d+\s*$/.test(lastAction.body)) templated.trailing = printed([lastAction], scopeOf);
    return templated;
  }
  if (printing.length === 0) return { kind: 'silent', text: line };
  return { kind: 'generated', text: line, column: line.search(/\S/) + 1, ...printed(printing, scopeOf) };
}

function printed(actions: Action[], scopeOf: ScopeOf): Printed {
  const result: Printed = { minIndent: Math.min(...actions.map((action) => indentOf(action.body))) };
  const valuesBlock = actions.length === 1 ? toYamlOfValues(actions[0]!.body, scopeOf(actions[0]!)) : undefined;
  if (valuesBlock) result.valuesBlock = valuesBlock;
  return result;
}

/** Variables bound to values paths. */
type Variables = ReadonlyMap<string, ValuesPath>;

const VARIABLE_FIELD = new RegExp(`^(\\$${IDENT})((?:\\.${IDENT})*)$`);

/** `range [$i, ]$item := X` / `range X`: inside, `.` and `$item` are any item of the list X names. */
function rangeScope(clause: string, dot: Dot, vars: Variables): { dot: Dot; vars: Variables } {
  const binding = /^(?:\$[A-Za-z_][A-Za-z0-9_]*\s*,\s*)?(\$[A-Za-z_][A-Za-z0-9_]*)\s*:=\s*(.+)$/.exec(clause);
  const list = resolveValues((binding ? binding[2]! : clause).trim(), dot, vars);
  const item = list ? [...list, EACH_ITEM] : undefined;
  const inner = new Map(vars);
  if (binding) {
    if (item) inner.set(binding[1]!, item);
    else inner.delete(binding[1]!);
  }
  return { dot: { root: false, path: item }, vars: inner };
}

/** The values path a plain field reference names (`.Values.a.b`, `$.Values.a`, `.b` inside `with .Values.a`, `$item.b` for a bound variable). */
function resolveValues(expression: string, dot: Dot, vars: Variables = new Map()): ValuesPath | undefined {
  const variable = VARIABLE_FIELD.exec(expression);
  if (variable && variable[1] !== '$' && vars.has(variable[1]!)) return [...vars.get(variable[1]!)!, ...(variable[2] ? variable[2].slice(1).split('.') : [])];
  const values = VALUES_FIELD.exec(expression);
  if (values) {
    if (!values[1] && !dot.root) return undefined;
    return values[2]!.slice(1).split('.');
  }
  const field = DOT_FIELD.exec(expression);
  if (field && !dot.root && dot.path) return [...dot.path, ...(field[1] ? field[1].split('.') : [])];
  return undefined;
}

/** `toYaml X`, `X | toYaml`, with `nindent N` / `indent N` / `trim` after: the values path X names. */
function toYamlOfValues(body: string, { dot, vars }: { dot: Dot; vars: Variables }): ValuesPath | undefined {
  if (/["'`()]/.test(body)) return undefined;
  const commands = body.split('|').map((command) => command.trim().split(/\s+/));
  const rest = (from: number) => commands.slice(from).every((words) => (words.length === 2 && /^n?indent$/.test(words[0]!) && /^\d+$/.test(words[1]!)) || (words.length === 1 && words[0] === 'trim'));
  const [head, second] = commands;
  if (head?.length === 2 && head[0] === 'toYaml' && rest(1)) return resolveValues(head[1]!, dot, vars);
  if (head?.length === 1 && second?.length === 1 && second[0] === 'toYaml' && rest(2)) return resolveValues(head[0]!, dot, vars);
  return undefined;
}

/** The least indentation an action's output has on its lines: `nindent N` / `indent N`, else 0. */
function indentOf(body: string): number {
  const match = /\|\s*n?indent\s+(\d+)\s*$/.exec(body);
  return match ? Number(match[1]) : 0;
}

function firstWord(body: string): string {
  return /^[A-Za-z]+/.exec(body)?.[0] ?? '';
}

function isAssignment(body: string): boolean {
  return /^\$[A-Za-z0-9_]*\s*:?=/.test(body);
}

/** The actions of a template, in order; an unterminated one runs to the end of the text. */
function lexActions(text: string): Action[] {
  const actions: Action[] = [];
  let at = text.indexOf('{{');
  while (at !== -1) {
    const trimLeft = /^\{\{-[ \t\r\n]/.test(text.slice(at, at + 4));
    const inner = at + (trimLeft ? 4 : 2);
    const commentStart = /^[ \t\r\n]*\/\*/.exec(text.slice(inner, inner + 64));
    let end: number;
    let closeAt: number;
    if (commentStart && (trimLeft || commentStart[0].length === 2)) {
      const stop = text.indexOf('*/', inner + commentStart[0].length);
      const close = stop === -1 ? -1 : text.indexOf('}}', stop + 2);
      closeAt = close === -1 ? text.length : close;
      end = close === -1 ? text.length : close + 2;
      actions.push({ start: at, end, body: '', comment: true, trimLeft, trimRight: /[ \t\r\n]-$/.test(text.slice(at, closeAt)) });
    } else {
      closeAt = findClose(text, inner);
      end = closeAt === text.length ? text.length : closeAt + 2;
      const raw = text.slice(inner, closeAt);
      const trimRight = /[ \t\r\n]-$/.test(raw);
      actions.push({ start: at, end, body: (trimRight ? raw.slice(0, -1) : raw).trim(), comment: false, trimLeft, trimRight });
    }
    at = text.indexOf('{{', end);
  }
  return actions;
}

/** The offset of the `}}` that closes an action, skipping quoted, raw and character strings. */
function findClose(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '}' && text[i + 1] === '}') return i;
    if (char === '"' || char === "'") {
      for (i++; i < text.length && text[i] !== char && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (char === '`') {
      const close = text.indexOf('`', i + 1);
      if (close === -1) return text.length;
      i = close;
    }
  }
  return text.length;
}
