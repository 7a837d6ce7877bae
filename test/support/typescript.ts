import { loadTypeScriptParser } from '../../src/parse/ts-loader.js';

/** The TypeScript parser, loaded once for the tests that lint TypeScript sources. */
export const parseTypeScript = await loadTypeScriptParser();
