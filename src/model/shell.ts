/**
 * Just enough of the POSIX shell to read what a preStop hook or a probe runs: the simple
 * commands of a script joined by `&&`, `||`, `;`, `&` and newlines, with their redirections.
 * Pipes, substitutions, here-documents and control flow are reported as opaque, never guessed.
 */
export interface SimpleCommand {
  words: string[];
  /** Files written through standard output: `> F`, `>> F`, `1> F`, `&> F`. */
  writes: string[];
  background: boolean;
}

export type Script = { ok: true; commands: SimpleCommand[] } | { ok: false; reason: string };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Reserved words that start a compound command (only where a command starts). */
const CONTROL = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', '{', '}', '!', 'function', 'select']);

/** Whether a program (a path or a name) is a POSIX-style shell that runs `-c` scripts. */
export function isShell(program: string): boolean {
  return SHELLS.has(basename(program));
}

/** The script an exec array runs: `["sh", "-c", "..."]` → the string; else the argv itself. */
export function scriptOf(argv: string[]): Script {
  const [program, ...rest] = argv;
  if (program === undefined) return { ok: false, reason: 'the command is empty' };
  const base = basename(program);
  if (base === 'busybox' || base === 'env') return rest.length > 0 ? scriptOf(rest) : { ok: false, reason: `${base} runs nothing` };
  if (SHELLS.has(base)) {
    const flagIndex = rest.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    const script = flagIndex === -1 ? undefined : rest[flagIndex + 1];
    if (script === undefined) return { ok: false, reason: `${base} runs no -c script` };
    return parseScript(script);
  }
  return { ok: true, commands: [{ words: [base, ...rest], writes: [], background: false }] };
}

type Token =
  | { type: 'word'; value: string; quoted: boolean }
  | { type: 'separator'; background: boolean }
  | { type: 'redirect'; fd: string; op: string }
  | { type: 'opaque'; reason: string };

export function parseScript(script: string): Script {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { words: [], writes: [], background: false };
  let pendingRedirect: { fd: string; op: string } | undefined;
  const finish = (background: boolean) => {
    if (current.words.length > 0 || current.writes.length > 0) commands.push({ ...current, background });
    current = { words: [], writes: [], background: false };
  };
  for (const token of lex(script)) {
    if (token.type === 'opaque') return { ok: false, reason: token.reason };
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
    if (token.type === 'separator') {
      finish(token.background);
      continue;
    }
    if (current.words.length === 0 && !token.quoted && CONTROL.has(token.value)) {
      return { ok: false, reason: 'the script uses shell control flow' };
    }
    if (current.words.length === 0 && !token.quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(token.value)) continue;
    if (current.words.length === 0 && (token.value === 'exec' || token.value === 'command') && !token.quoted) continue;
    current.words.push(current.words.length === 0 ? basename(token.value) : token.value);
  }
  if (pendingRedirect) return { ok: false, reason: 'a redirection has no target' };
  finish(false);
  return { ok: true, commands };
}

function* lex(script: string): Generator<Token> {
  let i = 0;
  let word: { value: string; quoted: boolean } | undefined;
  const flush = function* (): Generator<Token> {
    if (word) yield { type: 'word', ...word };
    word = undefined;
  };
  const append = (text: string, quoted = false) => {
    word ??= { value: '', quoted: false };
    word.value += text;
    word.quoted ||= quoted;
  };
  while (i < script.length) {
    const c = script[i]!;
    const rest = script.slice(i);
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close === -1) return yield { type: 'opaque', reason: 'the script has an unclosed quote' };
      append(script.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`\n'.includes(script[j + 1]!)) text += script[++j]!;
        else if (script[j] === '`' || script.startsWith('$(', j)) return yield { type: 'opaque', reason: 'the script uses command substitution' };
        else text += script[j]!;
      }
      if (j >= script.length) return yield { type: 'opaque', reason: 'the script has an unclosed quote' };
      append(text, true);
      i = j + 1;
    } else if (c === '\\') {
      if (script[i + 1] !== '\n') append(script[i + 1] ?? '', true);
      i += 2;
    } else if (c === '#' && !word) {
      const newline = script.indexOf('\n', i);
      i = newline === -1 ? script.length : newline;
    } else if (c === '`' || rest.startsWith('$(')) {
      return yield { type: 'opaque', reason: 'the script uses command substitution' };
    } else if (rest.startsWith('<<')) {
      return yield { type: 'opaque', reason: 'the script uses a here-document' };
    } else if (rest.startsWith('&&') || rest.startsWith('||')) {
      yield* flush();
      yield { type: 'separator', background: false };
      i += 2;
    } else if (c === '|' || c === '(' || c === ')') {
      return yield { type: 'opaque', reason: c === '|' ? 'the script uses a pipe' : 'the script uses a subshell' };
    } else if (/^(&>>?|\d*(>>|>\||>&|<&|>|<))/.test(rest)) {
      const [op] = /^(&>>?|\d*(>>|>\||>&|<&|>|<))/.exec(rest)!;
      // A number right before the operator is its descriptor only when glued to it: `2>`, not `echo 2 >`.
      const fdGlued = /^\d/.test(op) || (word !== undefined && /^\d+$/.test(word.value) && !word.quoted && script[i - 1] !== ' ');
      let fd = op.startsWith('&') ? '&' : (/^\d+/.exec(op)?.[0] ?? '');
      if (!fdGlued || op.startsWith('&')) yield* flush();
      else if (word && /^\d+$/.test(word.value)) {
        fd = word.value;
        word = undefined;
      }
      const operator = op.replace(/^\d+/, '').replace(/^&/, '');
      if (operator === '>&' || operator === '<&') {
        // `2>&1`: the descriptor that follows is part of the redirection.
        const target = /^[0-9-]+/.exec(script.slice(i + op.length))?.[0] ?? '';
        yield { type: 'redirect', fd, op: `${operator}` };
        i += op.length + target.length;
        continue;
      }
      yield { type: 'redirect', fd, op: operator };
      i += op.length;
    } else if (c === ';' || c === '\n' || c === '&') {
      yield* flush();
      yield { type: 'separator', background: c === '&' };
      i += 1;
    } else if (/\s/.test(c)) {
      yield* flush();
      i += 1;
    } else {
      append(c);
      i += 1;
    }
  }
  yield* flush();
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
