/**
 * Just enough of the POSIX shell to read what a preStop hook or a probe runs: the simple
 * commands of a script joined by `&&`, `||`, `;`, `&` and newlines, with their redirections.
 * Pipes, substitutions, here-documents and control flow are reported as opaque, never guessed.
 * `$(NAME)` is a word: the kubelet replaces it with an environment variable before any shell runs.
 */
import { VARIABLE_REFERENCE } from '../domain/kubernetes.js';

export interface SimpleCommand {
  words: string[];
  /** Files written through standard output: `> F`, `>> F`, `1> F`, `&> F`. */
  writes: string[];
  background: boolean;
  /** Runs only when the command before it failed (`a || b`): it may never run. */
  afterOr?: true;
  /** In a script: where each word is written (its quotes included), for editing one word in place. */
  spans?: WordRange[];
}

export interface WordRange {
  start: number;
  end: number;
}

/** A script that cannot be read as simple commands; `loop` when it runs a `while` or `until` loop (which has no bound a reader can know). */
export type Script =
  | { ok: true; commands: SimpleCommand[] }
  | { ok: false; reason: string; loop?: LoopKeyword; counted?: CountedLoop };

/**
 * A script whose only control flow is one loop that counts a variable to a number:
 * `i=0; while [ $i -lt 10 ]; do sleep 1; i=$((i+1)); done` runs its body 10 times.
 */
export interface CountedLoop {
  iterations: number;
  /** The body's commands, the counter's increment left out. */
  body: SimpleCommand[];
  /** The commands before and after the loop. */
  outside: SimpleCommand[];
}

export type LoopKeyword = 'while' | 'until';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Reserved words that start a compound command (only where a command starts). */
const CONTROL = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', '{', '}', '!', 'function', 'select']);

/** Whether a program (a path or a name) is a POSIX-style shell that runs `-c` scripts. */
export function isShell(program: string): boolean {
  return SHELLS.has(basename(program));
}

/**
 * Where the script of a shell's argv is: the word after its first `-c` option (`-c`, `-ec`, `-lc`),
 * or undefined when the program is no shell or runs no `-c` script.
 */
export function shellScriptIndex(argv: readonly string[]): number | undefined {
  const [program] = argv;
  if (program === undefined || !isShell(program)) return undefined;
  const flag = argv.findIndex((word, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word));
  return flag === -1 || flag + 1 >= argv.length ? undefined : flag + 1;
}

/** The script an exec array runs: `["sh", "-c", "..."]` → the string; else the argv itself. */
export function scriptOf(argv: string[]): Script {
  const [program, ...rest] = argv;
  if (program === undefined) return { ok: false, reason: 'the command is empty' };
  const base = basename(program);
  if (base === 'busybox' || base === 'env') return rest.length > 0 ? scriptOf(rest) : { ok: false, reason: `${base} runs nothing` };
  if (SHELLS.has(base)) {
    const index = shellScriptIndex(argv);
    if (index === undefined) return { ok: false, reason: `${base} runs no -c script` };
    return parseScript(argv[index]!);
  }
  return { ok: true, commands: [{ words: [base, ...rest], writes: [], background: false }] };
}

export type Operator = '&&' | '||' | ';' | '&' | '\n' | '|' | '(' | ')';

/** A lexical token of a script, with its offsets (comments and blanks are not tokens). */
export type ShellToken =
  | { type: 'word'; value: string; quoted: boolean; substitution: boolean; start: number; end: number }
  | { type: 'operator'; op: Operator; start: number; end: number }
  | { type: 'redirect'; fd: string; op: string; text: string; start: number; end: number }
  | { type: 'heredoc'; start: number; end: number };

export type Tokens = { ok: true; tokens: ShellToken[] } | { ok: false; reason: string };

export function parseScript(script: string): Script {
  const lexed = tokenize(script);
  if (!lexed.ok) return lexed;
  const parsed = simpleCommands(lexed.tokens);
  if (parsed.ok) return parsed;
  const loop = readLoosely(lexed.tokens).loops[0];
  if (!loop) return parsed;
  const counted = countedLoop(lexed.tokens);
  return counted ? { ...parsed, loop, counted } : { ...parsed, loop };
}

const LOOP_TESTS: Readonly<Record<LoopKeyword, Readonly<Record<string, (from: number, to: number) => number | undefined>>>> = {
  while: { '-lt': (k, n) => Math.max(0, n - k), '-le': (k, n) => Math.max(0, n - k + 1), '-ne': (k, n) => (n >= k ? n - k : undefined) },
  until: { '-ge': (k, n) => Math.max(0, n - k), '-gt': (k, n) => Math.max(0, n - k + 1), '-eq': (k, n) => (n >= k ? n - k : undefined) },
};

/**
 * Recognises the one simple counted loop (RULES.md, "Reading preStop"): `v=K` before it, a
 * condition `[ $v -lt N ]` (`-le`, `-ne`; for `until`: `-ge`, `-gt`, `-eq`) or `test …`, and a body
 * of simple commands with one increment `v=$((v+1))` or `: $((v+=1))`. Anything else: undefined.
 */
function countedLoop(tokens: readonly ShellToken[]): CountedLoop | undefined {
  const separator = (t: ShellToken | undefined) => t?.type === 'operator' && (t.op === ';' || t.op === '\n');
  const isWord = (t: ShellToken | undefined, value: string) => t?.type === 'word' && !t.quoted && t.value === value;
  const start = tokens.findIndex((t, i) => (isWord(t, 'while') || isWord(t, 'until')) && (i === 0 || separator(tokens[i - 1])));
  if (start === -1) return undefined;
  const keyword = (tokens[start] as { value: LoopKeyword }).value;
  const conditionEnd = tokens.findIndex((t, i) => i > start && t.type === 'operator');
  if (conditionEnd === -1 || !separator(tokens[conditionEnd]) || !isWord(tokens[conditionEnd + 1], 'do')) return undefined;
  const condition = tokens.slice(start + 1, conditionEnd).map((t) => (t.type === 'word' && !t.substitution ? t.value : undefined));
  const [open, variable, test, bound, close] = condition[0] === 'test' ? [...condition, ']'] : condition;
  const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(variable ?? '')?.[1];
  const count = test === undefined ? undefined : LOOP_TESTS[keyword][test];
  if ((open !== '[' && open !== 'test') || close !== ']' || condition.length !== (open === 'test' ? 4 : 5) || !name || !count || !/^\d+$/.test(bound ?? '')) {
    return undefined;
  }
  const end = tokens.findIndex((t, i) => i > conditionEnd && isWord(t, 'done'));
  if (end === -1 || !(end + 1 === tokens.length || separator(tokens[end + 1]))) return undefined;
  const increments = new RegExp(`^(${name}=\\$\\(\\(\\s*\\$?${name}\\s*\\+\\s*1\\s*\\)\\)|\\$\\(\\(\\s*${name}\\s*(\\+=\\s*1|\\+\\+)\\s*\\)\\))$`);
  let incremented = 0;
  const bodyTokens = tokens.slice(conditionEnd + 2, end).filter((t, i, all) => {
    const increment = t.type === 'word' && increments.test(t.value) && (i === 0 || all[i - 1]!.type === 'operator' || isWord(all[i - 1], ':'));
    if (increment) incremented++;
    return !increment;
  });
  const before = tokens.slice(0, start);
  const initial = before.flatMap((t, i) => {
    const match = t.type === 'word' && (i === 0 || separator(before[i - 1])) ? new RegExp(`^${name}=(\\d+)$`).exec(t.value) : null;
    return match ? [Number(match[1])] : [];
  }).at(-1);
  const iterations = initial === undefined ? undefined : count(initial, Number(bound));
  const body = simpleCommands(bodyTokens);
  const outside = simpleCommands([...before, ...tokens.slice(end + 1)]);
  if (incremented !== 1 || iterations === undefined || !body.ok || !outside.ok) return undefined;
  return { iterations, body: body.commands.filter((c) => !(c.words.length === 1 && c.words[0] === ':')), outside: outside.commands };
}

function simpleCommands(tokens: readonly ShellToken[]): Script {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { words: [], writes: [], background: false, spans: [] };
  let pendingRedirect: { fd: string; op: string } | undefined;
  const finish = (background: boolean) => {
    if (current.words.length > 0 || current.writes.length > 0) commands.push({ ...current, background });
    current = { words: [], writes: [], background: false, spans: [] };
  };
  for (const token of tokens) {
    const opaque = opaqueReason(token);
    if (opaque) return { ok: false, reason: opaque };
    if (pendingRedirect) {
      if (token.type !== 'word') return { ok: false, reason: 'a redirection has no target' };
      const { fd, op } = pendingRedirect;
      pendingRedirect = undefined;
      const writesStdout = (op === '>' || op === '>>' || op === '>|') && (fd === '' || fd === '1' || fd === '&');
      if (writesStdout && !token.value.startsWith('&')) current.writes.push(token.value);
      continue;
    }
    if (token.type === 'redirect') {
      if (token.op.endsWith('&')) continue; // `2>&1`, `>&2`: a descriptor, written as one token
      pendingRedirect = token;
      continue;
    }
    if (token.type === 'operator') {
      finish(token.op === '&');
      if (token.op === '||') current.afterOr = true;
      continue;
    }
    if (token.type !== 'word') continue;
    if (current.words.length === 0 && !token.quoted && CONTROL.has(token.value)) {
      return { ok: false, reason: 'the script uses shell control flow' };
    }
    if (current.words.length === 0 && !token.quoted && ASSIGNMENT.test(token.value)) continue;
    if (current.words.length === 0 && (token.value === 'exec' || token.value === 'command') && !token.quoted) continue;
    current.words.push(current.words.length === 0 ? basename(token.value) : token.value);
    current.spans!.push({ start: token.start, end: token.end });
  }
  if (pendingRedirect) return { ok: false, reason: 'a redirection has no target' };
  finish(false);
  return { ok: true, commands };
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The words of every command a script runs, read loosely: control flow (`while …; do …; done`),
 * pipes and subshells are looked through instead of refused, so only for finding what runs, never
 * for timing it. Undefined when the script does not lex (an unclosed quote).
 */
export function commandsIn(script: string): string[][] | undefined {
  const lexed = tokenize(script);
  return lexed.ok ? readLoosely(lexed.tokens).commands : undefined;
}

function readLoosely(tokens: readonly ShellToken[]): { commands: string[][]; loops: LoopKeyword[] } {
  const commands: string[][] = [];
  const loops: LoopKeyword[] = [];
  let words: string[] = [];
  let redirectTarget = false;
  const finish = () => {
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (const token of tokens) {
    if (token.type === 'operator' || token.type === 'heredoc') {
      finish();
    } else if (token.type === 'redirect') {
      redirectTarget = !token.op.endsWith('&');
    } else if (redirectTarget) {
      redirectTarget = false;
    } else if (words.length === 0 && !token.quoted && (CONTROL.has(token.value) || ASSIGNMENT.test(token.value) || token.value === 'exec' || token.value === 'command')) {
      if (token.value === 'while' || token.value === 'until') loops.push(token.value);
    } else {
      words.push(words.length === 0 ? basename(token.value) : token.value);
    }
  }
  finish();
  return { commands, loops };
}

function opaqueReason(token: ShellToken): string | undefined {
  if (token.type === 'heredoc') return 'the script uses a here-document';
  if (token.type === 'word' && token.substitution) return 'the script uses command substitution';
  if (token.type === 'operator' && token.op === '|') return 'the script uses a pipe';
  if (token.type === 'operator' && (token.op === '(' || token.op === ')')) return 'the script uses a subshell';
  return undefined;
}

/**
 * Why a script would not parse as POSIX shell, or undefined when it does, as far as its tokens
 * tell: quotes and substitutions closed, subshell parentheses balanced, and every `&&`, `||`,
 * `|`, `;` and `&` between commands. A here-document cannot be checked and is reported.
 */
export function shellSyntaxError(script: string): string | undefined {
  const lexed = tokenize(script);
  if (!lexed.ok) return lexed.reason;
  const groups: boolean[] = []; // for each open `(`: whether a command ran inside it yet
  let hasCommand = false; // a command since the last separator
  let pending: Operator | undefined; // an operator that needs a command after it
  for (const token of lexed.tokens) {
    if (token.type === 'heredoc') return 'a here-document cannot be checked';
    if (token.type !== 'operator') {
      hasCommand = true;
      pending = undefined;
      if (groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    const { op } = token;
    if (op === '\n') {
      if (!pending) hasCommand = false;
    } else if (op === '(') {
      groups.push(false);
      hasCommand = false;
      pending = '(';
    } else if (op === ')') {
      if (groups.length === 0) return 'a ")" closes nothing';
      if (pending || !groups.pop()) return 'nothing runs before ")"';
      hasCommand = true;
    } else {
      if (!hasCommand || pending) return `"${op}" follows no command`;
      hasCommand = false;
      if (op === '&&' || op === '||' || op === '|') pending = op;
    }
  }
  if (groups.length > 0) return 'a "(" is never closed';
  if (pending) return `the script ends with "${pending}"`;
  return undefined;
}

/**
 * Whether `text` lexes into exactly the tokens of `parts` lexed one by one: joining the parts
 * merged, split or swallowed no word or operator (a `#` comment taking a closing parenthesis).
 */
export function joinsIntact(text: string, parts: readonly string[]): boolean {
  const whole = tokenize(text);
  const pieces = parts.map(tokenize);
  if (!whole.ok || pieces.some((p) => !p.ok)) return false;
  const expected = pieces.flatMap((p) => (p.ok ? p.tokens : []));
  return whole.tokens.length === expected.length && whole.tokens.every((token, i) => tokenKey(token) === tokenKey(expected[i]!));
}

function tokenKey(token: ShellToken): string {
  switch (token.type) {
    case 'word':
      return `w${token.quoted ? 'q' : ''}:${token.value}`;
    case 'operator':
      return `o:${token.op}`;
    case 'redirect':
      return `r:${token.fd}${token.text}`;
    case 'heredoc':
      return 'h';
  }
}

/** The tokens of a script, comments and blanks left out; an unclosed quote or substitution is an error. */
export function tokenize(script: string): Tokens {
  const tokens: ShellToken[] = [];
  let word: { value: string; quoted: boolean; substitution: boolean; start: number } | undefined;
  let i = 0;
  const flush = () => {
    if (word) tokens.push({ type: 'word', ...word, end: Math.min(i, script.length) });
    word = undefined;
  };
  const append = (text: string, quoted = false, substitution = false) => {
    word ??= { value: '', quoted: false, substitution: false, start: i };
    word.value += text;
    word.quoted ||= quoted;
    word.substitution ||= substitution;
  };
  while (i < script.length) {
    const c = script[i]!;
    const rest = script.slice(i, i + 4);
    const reference = variableReference(script, i);
    const redirect = /[\d&<>]/.test(c) ? REDIRECT.exec(script.slice(i, i + 12))?.[0] : undefined;
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close === -1) return { ok: false, reason: 'the script has an unclosed quote' };
      append(script.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      const quoted = doubleQuoted(script, i);
      if (!quoted) return { ok: false, reason: 'the script has an unclosed quote' };
      append(quoted.text, true, quoted.substitution);
      i = quoted.end;
    } else if (c === '\\') {
      if (script[i + 1] !== '\n') append(script[i + 1] ?? '', true);
      i += 2;
    } else if (c === '#' && !word) {
      const newline = script.indexOf('\n', i);
      i = newline === -1 ? script.length : newline;
    } else if (reference) {
      append(reference);
      i += reference.length;
    } else if (c === '`' || rest.startsWith('$(')) {
      const end = c === '`' ? backquoteEnd(script, i) : substitutionEnd(script, i + 2);
      if (end === -1) return { ok: false, reason: 'the script has an unclosed command substitution' };
      append(script.slice(i, end), false, true);
      i = end;
    } else if (rest.startsWith('<<')) {
      flush();
      tokens.push({ type: 'heredoc', start: i, end: i + 2 });
      i += 2;
    } else if (rest.startsWith('&&') || rest.startsWith('||')) {
      flush();
      tokens.push({ type: 'operator', op: rest.slice(0, 2) as Operator, start: i, end: i + 2 });
      i += 2;
    } else if (redirect) {
      const op = redirect;
      const start = i;
      // A number right before the operator is its descriptor only when glued to it: `2>`, not `echo 2 >`.
      const fdGlued = /^\d/.test(op) || (word !== undefined && /^\d+$/.test(word.value) && !word.quoted && script[i - 1] !== ' ');
      let fd = op.startsWith('&') ? '&' : (/^\d+/.exec(op)?.[0] ?? '');
      if (!fdGlued || op.startsWith('&')) flush();
      else if (word && /^\d+$/.test(word.value)) {
        fd = word.value;
        word = undefined;
      }
      const operator = op.replace(/^\d+/, '').replace(/^&/, '');
      i += op.length;
      if (operator === '>&' || operator === '<&') {
        // `2>&1`: the descriptor that follows is part of the redirection.
        i += /^[0-9-]+/.exec(script.slice(i))?.[0].length ?? 0;
      }
      tokens.push({ type: 'redirect', fd, op: operator, text: script.slice(start, i), start, end: i });
    } else if (c === ';' || c === '\n' || c === '&' || c === '|' || c === '(' || c === ')') {
      flush();
      tokens.push({ type: 'operator', op: c as Operator, start: i, end: i + 1 });
      i += 1;
    } else if (/\s/.test(c)) {
      flush();
      i += 1;
    } else {
      append(c);
      i += 1;
    }
  }
  flush();
  return { ok: true, tokens };
}

/**
 * The kubelet's `$(NAME)` at `at`, read as such only for an upper-case name (`$(LWS_GROUP_SIZE)`):
 * the kubelet leaves a reference to an undefined variable as written, and then the shell runs it
 * as a command, as it would `$(date)` or `$(hostname)`.
 */
function variableReference(script: string, at: number): string | undefined {
  if (!script.startsWith('$(', at)) return undefined;
  const reference = VARIABLE_REFERENCE.exec(script.slice(at, at + 256))?.[0];
  return reference !== undefined && reference === reference.toUpperCase() ? reference : undefined;
}

/** A redirection operator, with the descriptor glued before it: `>`, `>>`, `2>`, `&>`, `>&`, `<`. */
const REDIRECT = /^(&>>?|\d*(>>|>\||>&|<&|>|<))/;

/** A double-quoted string starting at `open`: its text, where it ends, and whether it substitutes. */
function doubleQuoted(script: string, open: number): { text: string; end: number; substitution: boolean } | undefined {
  let text = '';
  let substitution = false;
  for (let j = open + 1; j < script.length; j++) {
    const c = script[j]!;
    if (c === '"') return { text, end: j + 1, substitution };
    if (c === '\\' && j + 1 < script.length && '"\\$`\n'.includes(script[j + 1]!)) {
      if (script[j + 1] !== '\n') text += script[j + 1]!;
      j++;
    } else if (c === '$' && variableReference(script, j)) {
      const reference = variableReference(script, j)!;
      text += reference;
      j += reference.length - 1;
    } else if (c === '`' || script.startsWith('$(', j)) {
      const end = c === '`' ? backquoteEnd(script, j) : substitutionEnd(script, j + 2);
      if (end === -1) return undefined;
      text += script.slice(j, end);
      substitution = true;
      j = end - 1;
    } else text += c;
  }
  return undefined;
}

/** The offset after the `)` that closes a `$(` whose body starts at `from`, or -1. */
function substitutionEnd(script: string, from: number): number {
  let depth = 1;
  for (let j = from; j < script.length; j++) {
    const c = script[j]!;
    if (c === '\\') j++;
    else if (c === "'") {
      j = script.indexOf("'", j + 1);
      if (j === -1) return -1;
    } else if (c === '"') {
      const quoted = doubleQuoted(script, j);
      if (!quoted) return -1;
      j = quoted.end - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

/** The offset after the backquote that closes the one at `open`, or -1. */
function backquoteEnd(script: string, open: number): number {
  for (let j = open + 1; j < script.length; j++) {
    if (script[j] === '\\') j++;
    else if (script[j] === '`') return j + 1;
  }
  return -1;
}

/** A path's last segment: `/usr/bin/python3` → `python3`. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
