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
  for (const _token of lexNotingComments(text, offsets));
  if (cache.size > 64) cache.clear();
  cache.set(text, offsets);
  return offsets;
}

/** The YAML lexer's tokens of `text`; as they pass, the offset of each comment is added to `comments`. */
export function* lexNotingComments(text: string, comments: number[]): Generator<string> {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (!CONTROL_TOKEN.test(token)) {
      if (token.startsWith('#')) comments.push(offset);
      offset += token.length;
    }
    yield token;
  }
}
