/**
 * A finding's message in the parts a reader takes in turn: the headline (its first sentence),
 * the detail (the arithmetic and the fix advice that follow), and the context (the trailing
 * bracketed notes: the drain profile and why, the overlays that share the finding, why a fix was
 * not applied). The parts are consecutive slices of the message: joined with spaces they give it
 * back, less only the spaces between them.
 */
export interface MessageParts {
  headline: string;
  detail: string;
  context: string;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(OPENERS));
/** What --fix appends to the message of a finding whose fix it could not apply (src/fix/fixer.ts, withdrawFix). */
const NOT_FIXED = '(not fixed: ';
/** Words whose dot ends no sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx)$/;

export function messageParts(message: string): MessageParts {
  const text = message.trim();
  const contextStart = trailingContextStart(text);
  const main = text.slice(0, contextStart).trimEnd();
  const headlineEnd = firstSentenceEnd(main);
  return {
    headline: main.slice(0, headlineEnd).trimEnd(),
    detail: main.slice(headlineEnd).trim(),
    context: text.slice(contextStart).trim(),
  };
}

export function joinParts({ headline, detail, context }: MessageParts): string {
  return [headline, detail, context].filter((p) => p !== '').join(' ');
}

/**
 * Where the first sentence ends: after a `.`, `!` or `?` outside brackets, followed by a space
 * and a capital letter or a quote (so `v0.11.0`, `e.g. tcpSocket` and `1.30)` end nothing);
 * the whole text when no sentence ends before it.
 */
function firstSentenceEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char in OPENERS) depth++;
    else if (CLOSERS.has(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (char === '.' || char === '!' || char === '?') && /^\s+[\p{Lu}"'`]/u.test(text.slice(i + 1, i + 3))) {
      if (char === '.' && ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i))) continue;
      return i + 1;
    }
  }
  return text.length;
}

/**
 * Where the trailing notes begin: bracketed groups at the very end, each after a space, that
 * follow a finished sentence or another note (a `[…]` or `(…)` that is part of the sentence, as
 * in `templates: [a, b]`, stays in it), and the `(not fixed: …)` that --fix appends to any
 * message. The text's length when there are none.
 */
function trailingContextStart(text: string): number {
  let start = text.length;
  for (;;) {
    const before = text.slice(0, start).trimEnd();
    const open = groupStart(before);
    if (open === undefined || open === 0 || !/\s/.test(before[open - 1]!)) return start;
    const preceding = before.slice(0, open).trimEnd();
    const appended = before.startsWith(NOT_FIXED, open);
    if (preceding === '' || (!appended && !/[.!?)\]}]$/.test(preceding))) return start;
    start = open;
  }
}

/** The index of the bracket that opens the group `text` ends with, if it ends with a closed group. */
function groupStart(text: string): number | undefined {
  const last = text[text.length - 1];
  if (last !== ']' && last !== ')') return undefined;
  const stack: string[] = [];
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text[i]!;
    if (CLOSERS.has(char)) stack.push(char);
    else if (char in OPENERS) {
      if (stack.pop() !== OPENERS[char]) return undefined;
      if (stack.length === 0) return i;
    }
  }
  return undefined;
}
