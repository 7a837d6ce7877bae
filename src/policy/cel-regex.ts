import { setFlagsFromString } from 'node:v8';

/**
 * Regular expressions as Kubernetes' CEL runs them: RE2 syntax, matched in linear time. JavaScript
 * regexes backtrack (`(a+)+$` on a long string never finishes), so patterns run on V8's
 * non-backtracking engine (the `l` flag, enabled here with `--enable-experimental-regexp-engine`):
 * what it cannot run in linear time (backreferences, lookaround, huge counted repetitions) RE2
 * rejects too, and is refused with a message. RE2's leading `(?i)`, `(?s)`, `(?m)` flags, `(?P<name>`
 * groups and `\A` / `\z` are translated.
 */

let linearEngine: boolean | undefined;

/** Whether this Node.js runs the `l` flag; without it, patterns still get RE2's syntax checks. */
export function hasLinearEngine(): boolean {
  if (linearEngine === undefined) {
    try {
      setFlagsFromString('--enable-experimental-regexp-engine');
      new RegExp('a', 'l');
      linearEngine = true;
    } catch {
      linearEngine = false;
    }
  }
  return linearEngine;
}

const cache = new Map<string, RegExp | string>();

/** A pattern compiled for linear-time matching, or why it cannot be. */
export function compileRe2(pattern: string): { ok: true; regex: RegExp } | { ok: false; message: string } {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = translate(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, compiled);
  }
  return typeof compiled === 'string' ? { ok: false, message: compiled } : { ok: true, regex: compiled };
}

/** The regex for a pattern, or an Error to throw from a CEL function. */
export function re2(pattern: string): RegExp {
  const compiled = compileRe2(pattern);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.regex;
}

export function re2Matches(text: string, pattern: string): boolean {
  const regex = re2(pattern);
  regex.lastIndex = 0;
  return regex.test(text);
}

/** The first match, or '' (Kubernetes' `find`). */
export function re2Find(text: string, pattern: string): string {
  return re2FindAll(text, pattern, 1n)[0] ?? '';
}

/** Up to `limit` (all when negative) non-overlapping matches, as Go's `FindAllString` gives them. */
export function re2FindAll(text: string, pattern: string, limit = -1n): string[] {
  if (limit === 0n) return [];
  const regex = re2(pattern);
  const found: string[] = [];
  let previousEnd = -1;
  for (let from = 0; from <= text.length; ) {
    regex.lastIndex = from;
    const match = regex.exec(text);
    if (!match) break;
    const end = match.index + match[0].length;
    // Go ignores an empty match that abuts the previous match.
    if (!(match[0] === '' && match.index === previousEnd)) found.push(match[0]);
    if (limit > 0n && BigInt(found.length) >= limit) break;
    previousEnd = end;
    from = match[0] === '' ? end + 1 : end;
  }
  return found;
}

function translate(pattern: string): RegExp | string {
  const invalid = (reason: string): string => `invalid regular expression ${JSON.stringify(pattern)}: ${reason}`;
  let flags = 'g';
  let caseInsensitive = false;
  let body = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (leading) {
    for (const flag of leading[1]!) {
      if (flag === 'i') caseInsensitive = true; // the linear engine has no i flag: letters are folded below
      else if (flag === 's' || flag === 'm') flags += flag;
      else return invalid(`flag ${flag} is not supported`);
    }
    body = body.slice(leading[0].length);
  }
  let translated = '';
  let inClass = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char === '\\') {
      const next = body[index + 1] ?? '';
      index++;
      if (/[1-9]/.test(next) || next === 'k') return invalid('RE2 has no backreferences');
      if (next === 'A' && !inClass) {
        if (flags.includes('m')) return invalid('\\A with the m flag is not supported');
        translated += '^';
      } else if (next === 'z' && !inClass) {
        if (flags.includes('m')) return invalid('\\z with the m flag is not supported');
        translated += '$';
      } else translated += `\\${next}`;
      continue;
    }
    if (inClass) {
      const range = /^([a-zA-Z])-([a-zA-Z])/.exec(body.slice(index));
      if (caseInsensitive && range) {
        translated += range[0] + otherCase(range[1]!) + '-' + otherCase(range[2]!);
        index += 2;
      } else if (caseInsensitive && /[a-zA-Z]/.test(char)) translated += char + otherCase(char);
      else translated += char;
      if (char === ']') inClass = false;
      continue;
    }
    if (['(?=', '(?!', '(?<=', '(?<!'].some((lookaround) => body.startsWith(lookaround, index))) return invalid('RE2 has no lookahead or lookbehind');
    if (body.startsWith('(?P<', index)) {
      translated += '(?<';
      index += 3;
      continue;
    }
    if (char === '[') {
      inClass = true;
      translated += char;
      if (body[index + 1] === '^') translated += body[++index];
      if (body[index + 1] === ']') translated += body[++index];
      continue;
    }
    translated += caseInsensitive && /[a-zA-Z]/.test(char) && !/\(\?<[^>]*$/.test(translated) ? `[${char}${otherCase(char)}]` : char;
  }
  try {
    return new RegExp(translated, hasLinearEngine() ? `${flags}l` : flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/linear time/.test(reason)) return invalid('it cannot be matched in linear time (as RE2 requires)');
    return invalid(reason.replace(/^Invalid regular expression: /, ''));
  }
}

function otherCase(letter: string): string {
  return letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase();
}
