import type { TSESTree } from '@typescript-eslint/typescript-estree';

/**
 * The TypeScript parser (TypeScript or TSX text to an ESTree program with ranges, locations and
 * comments): an optional peer, loaded only when an input needs it
 * (`languages/typescript/loader.ts`) and passed through the run to the language that reads it.
 */
export type TsParse = (text: string, options: { jsx: boolean }) => TSESTree.Program;
