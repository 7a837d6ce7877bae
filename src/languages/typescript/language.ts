import { TYPESCRIPT_SYNTAX } from '../../core/diagnostics.js';
import type { Language } from '../shared/language.js';
import { TsEditor } from './editor.js';
import { readTypeScript } from './read.js';
import { typescriptVerifier, verifyTypeScript } from './verify.js';

export const typescriptLanguage: Language = {
  id: 'typescript',
  syntaxDiagnostic: TYPESCRIPT_SYNTAX,
  lineComment: '//',
  read(source, parseTypeScript) {
    const parsed = readTypeScript(source, parseTypeScript);
    if ('error' in parsed) return { documents: [], problems: [{ at: parsed.error.offset, message: parsed.error.message }] };
    return { documents: parsed.documents, problems: [], ...(parsed.commentStarts ? { commentStarts: parsed.commentStarts } : {}) };
  },
  commentAt(_text, read) {
    const starts = read.commentStarts && new Set(read.commentStarts);
    return starts && ((offset: number) => starts.has(offset));
  },
  editor: (source, document) => new TsEditor(source, document),
  verify: (original, fixed, fixes, parseTypeScript) =>
    parseTypeScript ? verifyTypeScript(original, fixed, fixes, parseTypeScript) : NOT_LOADED,
  verifier: (original, parseTypeScript) =>
    parseTypeScript ? typescriptVerifier(original, parseTypeScript) : { groups: (fixes) => (fixes.length > 0 ? [[...fixes]] : []), check: () => NOT_LOADED },
};

const NOT_LOADED = 'the TypeScript parser is not loaded';
