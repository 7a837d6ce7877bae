import type { Language } from './shared/language.js';
import { isTypeScriptPath } from './typescript/read.js';
import { typescriptLanguage } from './typescript/language.js';
import { yamlLanguage } from './yaml/language.js';

export type { Language, ReadProblem, ReadResult } from './shared/language.js';

/** The language of a file, by its path: TypeScript sources by extension, everything else is YAML. */
export function languageOf(path: string): Language {
  return isTypeScriptPath(path) ? typescriptLanguage : yamlLanguage;
}
