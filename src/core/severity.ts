/** How loud a finding is. */
export type Severity = 'error' | 'warn';
/** A rule's configured level: a severity, or off. */
export type Level = Severity | 'off';
/** The strongest fix a rule offers (RULES.md "fix" column). */
export type FixSafety = 'safe' | 'unsafe' | 'none';

/**
 * Every word a user may write for a level (config `rules`, the Action's `fail-level`, `--rule`),
 * and the level it means: ESLint's `warn` and the `warning` GitHub and SARIF say are one level.
 */
export const LEVEL_WORDS: Readonly<Record<string, Level>> = { off: 'off', warn: 'warn', warning: 'warn', error: 'error' };

/** The level a word names, or undefined for a word that names none. */
export function levelOf(word: string): Level | undefined {
  return Object.hasOwn(LEVEL_WORDS, word) ? LEVEL_WORDS[word] : undefined;
}

/** The words that name a severity (every level word but those for off). */
export const SEVERITY_WORDS: readonly string[] = Object.keys(LEVEL_WORDS).filter((word) => LEVEL_WORDS[word] !== 'off');
