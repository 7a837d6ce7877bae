/**
 * Just enough of the POSIX shell to read what a preStop hook or a probe runs: the simple
 * commands of a script joined by `&&`, `||`, `;` and newlines, with their redirections.
 * Anything with control flow, substitutions or pipes is reported as opaque, never guessed.
 */
export interface SimpleCommand {
  words: string[];
  /** Files written by `>` / `>>` (file descriptor 1 or none). */
  writes: string[];
  background: boolean;
}

export type Script = { ok: true; commands: SimpleCommand[] } | { ok: false; reason: string };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);
const OPAQUE = /\$\(|`|<<|\|(?!\|)/;
const CONTROL = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', '{', '}', '(', ')', 'function']);

/** The script an exec array runs: `["sh", "-c", "..."]` → the string; else the argv itself. */
export function scriptOf(argv: string[]): Script {
  const [program, ...rest] = argv;
  if (program === undefined) return { ok: false, reason: 'the command is empty' };
  const base = basename(program);
  if (SHELLS.has(base)) {
    const args = base === 'busybox' && rest[0] === 'sh' ? rest.slice(1) : rest;
    const flagIndex = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    const script = flagIndex === -1 ? undefined : args[flagIndex + 1];
    if (script === undefined) return { ok: false, reason: `${base} runs no -c script` };
    return parseScript(script);
  }
  return { ok: true, commands: [{ words: argv.map((w, i) => (i === 0 ? basename(w) : w)), writes: [], background: false }] };
}

export function parseScript(script: string): Script {
  if (OPAQUE.test(stripQuoted(script))) return { ok: false, reason: 'the script uses a pipe, substitution or here-document' };
  const commands: SimpleCommand[] = [];
  for (const part of splitCommands(script)) {
    const words = tokenize(part.text);
    if (words === undefined) return { ok: false, reason: 'the script has unbalanced quotes' };
    if (words.length === 0) continue;
    if (words.some((w) => CONTROL.has(w.raw) && !w.quoted)) return { ok: false, reason: 'the script uses shell control flow' };
    const command: SimpleCommand = { words: [], writes: [], background: part.background };
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const redirect = /^(1)?(>>?)(.*)$/.exec(word.raw);
      if (!word.quoted && redirect) {
        const target = redirect[3] || words[++i]?.value;
        if (target && !target.startsWith('&')) command.writes.push(target);
        continue;
      }
      if (!word.quoted && /^\d*[<>]/.test(word.raw)) {
        if (!/^\d*[<>]&?\d*\S/.test(word.raw)) i++;
        continue;
      }
      command.words.push(word.value);
    }
    while (command.words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[0]!)) command.words.shift();
    if (command.words[0] === 'exec' || command.words[0] === 'command') command.words.shift();
    if (command.words[0] !== undefined) command.words[0] = basename(command.words[0]);
    commands.push(command);
  }
  return { ok: true, commands };
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function splitCommands(script: string): { text: string; background: boolean }[] {
  const parts: { text: string; background: boolean }[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') current += script[i++] ?? '';
      current += c;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === '\\' && script[i + 1] === '\n') {
      i++;
      continue;
    }
    const two = script.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      parts.push({ text: current, background: false });
      current = '';
      i++;
      continue;
    }
    if (c === ';' || c === '\n' || (c === '&' && script[i - 1] !== '>' && script[i + 1] !== '>')) {
      parts.push({ text: current, background: c === '&' });
      current = '';
      continue;
    }
    current += c;
  }
  parts.push({ text: current, background: false });
  return parts.filter((p) => p.text.trim() !== '');
}

interface Word {
  raw: string;
  value: string;
  quoted: boolean;
}

function tokenize(text: string): Word[] | undefined {
  const words: Word[] = [];
  let raw = '';
  let value = '';
  let quoted = false;
  let inWord = false;
  let quote: string | undefined;
  const flush = () => {
    if (inWord) words.push({ raw, value, quoted });
    raw = '';
    value = '';
    quoted = false;
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      raw += c;
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) {
        value += text[++i]!;
        raw += text[i]!;
      } else value += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      quoted = true;
      inWord = true;
      raw += c;
      continue;
    }
    if (/\s/.test(c)) {
      flush();
      continue;
    }
    if (c === '#' && !inWord) break;
    inWord = true;
    raw += c;
    value += c;
  }
  if (quote) return undefined;
  flush();
  return words;
}

function stripQuoted(script: string): string {
  return script.replace(/'[^']*'/g, "''");
}
