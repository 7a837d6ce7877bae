/**
 * The TypeScript parser, imported only by the loader once it has resolved `typescript` from the
 * linted project: the bundle makes it a chunk of its own that a YAML run never loads.
 */
export { parse } from '@typescript-eslint/typescript-estree';
