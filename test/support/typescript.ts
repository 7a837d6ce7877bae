import { loadTypeScriptParser } from '../../src/languages/typescript/loader.js';

/** The TypeScript parser, loaded once for the tests that lint TypeScript sources. */
export const parseTypeScript = await loadTypeScriptParser();
