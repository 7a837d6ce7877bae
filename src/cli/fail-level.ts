import { didYouMean } from '../config/closest.js';
import { levelOf, SEVERITY_WORDS, type Severity } from '../core/severity.js';

/** The least severe finding that fails a run (the Action's `fail-level`); `none`: findings never do. */
export type FailLevel = Severity | 'none';

export const FAIL_LEVEL_WORDS: readonly string[] = [...SEVERITY_WORDS, 'none'];

/** The fail level a word names, or why it names none (with a did-you-mean). */
export function parseFailLevel(word: string): { level: FailLevel } | { error: string } {
  const level = word === 'none' ? 'none' : levelOf(word);
  if (level !== undefined && level !== 'off') return { level };
  const words = FAIL_LEVEL_WORDS.map((w) => `"${w}"`);
  return { error: `fail-level must be ${words.slice(0, -1).join(', ')} or ${words.at(-1)}, got "${word}"${didYouMean(word, FAIL_LEVEL_WORDS)}` };
}
