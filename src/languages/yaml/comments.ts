import { Lexer } from 'yaml';

/** Lexer control characters stand for structure, not source text. */
const CONTROL_TOKEN = /^[\u0002\u0018\u001f]$/;

const cache = new Map<string, number[]>();

/**
 * Offsets of the YAML comments in `text`, as the YAML lexer sees them: a `#` inside a quoted or
 * block scalar (a shell comment in a `|` script) is text, not a comment.
 */
export function commentOffsets(text: string): number[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const offsets: number[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKEN.test(token)) continue;
    if (token.startsWith('#')) offsets.push(offset);
    offset += token.length;
  }
  if (cache.size > 64) cache.clear();
  cache.set(text, offsets);
  return offsets;
}
