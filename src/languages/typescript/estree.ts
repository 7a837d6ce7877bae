/**
 * The TypeScript parser, imported by the loader for TypeScript inputs only, once it has left the
 * linted project's `typescript` in provided-typescript.ts: in the bundle this is a chunk of its
 * own whose `require('typescript')` reads it from there.
 */
export { parse } from '@typescript-eslint/typescript-estree';
