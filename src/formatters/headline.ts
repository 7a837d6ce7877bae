import type { Finding } from '../core/findings.js';

/**
 * A finding's headline: the first sentence of its message (up to a full stop outside parentheses
 * and brackets that a capital letter, a digit or the end follows), without the profile note in
 * brackets that ends a message.
 */
export function headline(f: Pick<Finding, 'message'>): string {
  const message = f.message.replace(/\s*\[[^\]]*\]\s*$/, '');
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i]!;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '.' && depth === 0 && (i + 1 === message.length || /^\s+[A-Z0-9`"']/.test(message.slice(i + 1, i + 3)))) return message.slice(0, i + 1);
  }
  return message;
}
