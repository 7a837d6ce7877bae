/** A CEL string literal: single-quoted, with backslashes and quotes escaped. */
export function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A CEL list literal of strings. */
export function celStrings(texts: readonly string[]): string {
  return `[${texts.map(celString).join(', ')}]`;
}

/** A regular expression source (RE2 syntax) that matches one of these strings exactly. */
export function literalAlternatives(texts: readonly string[]): string {
  return texts.map(escapeRegex).join('|');
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `a || b || c`, each part parenthesised; `false` for none. */
export function anyOf(parts: readonly string[]): string {
  return parts.length === 0 ? 'false' : parts.map((part) => `(${part})`).join(' || ');
}

/** `a && b && c`, each part parenthesised; `true` for none. */
export function allOf(parts: readonly string[]): string {
  return parts.length === 0 ? 'true' : parts.map((part) => `(${part})`).join(' && ');
}
