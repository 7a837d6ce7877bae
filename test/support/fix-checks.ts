/**
 * What the fix property tests share: how they read YAML to compare values, how they count
 * comments, how they hand one file's bytes to `fixAll` in-process, and how they give a text
 * CRLF line endings and a byte-order mark.
 */
import { Lexer } from 'yaml';
import type { LintInput } from '../../src/engine/lint.js';

/** Values as Kubernetes reads them (YAML 1.1, a repeated key is no error). */
export const YAML_OPTIONS = { version: '1.1', uniqueKeys: false, strict: false } as const;

/** The path the fixed file is linted under. */
export const FIX_PATH = 'manifest.yaml';

export const inputOf = (bytes: Uint8Array): LintInput[] => [{ path: FIX_PATH, content: bytes, reportable: true }];

/** Comments as the YAML lexer sees them: a `#` inside a quoted or block scalar is text. */
export function commentCount(text: string): number {
  return comments(text).length;
}

/** The comments of `text` that `after` no longer has, as many times as they went missing. */
export function lostComments(before: string, after: string): string[] {
  const kept = new Map<string, number>();
  for (const comment of comments(after)) kept.set(comment, (kept.get(comment) ?? 0) + 1);
  return comments(before).filter((comment) => {
    const left = kept.get(comment) ?? 0;
    kept.set(comment, left - 1);
    return left <= 0;
  });
}

function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((token) => token.startsWith('#')).map((token) => token.trimEnd());
}

/** `text` with CRLF line endings and a byte-order mark, as asked. */
export function withEnding(text: string, crlf: boolean, bom: boolean): string {
  return `${bom ? '\uFEFF' : ''}${crlf ? text.replace(/\r?\n/g, '\r\n') : text}`;
}
