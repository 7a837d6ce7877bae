/**
 * A count with its noun, in the plural unless the count is one: `1 warning`, `0 warnings`,
 * `2 objects of unknown kinds` (pass the plural when it is not the noun plus `s`).
 */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
