/**
 * The `typescript` module of the project being linted, once the loader has resolved it. The
 * bundled TypeScript parser requires `typescript` through this module (the build maps it here:
 * scripts/esbuild-shared.mjs), so gpu-drain-lint ships no TypeScript of its own.
 */
let provided: unknown;

export function provideTypeScript(typescript: unknown): void {
  provided = typescript;
}

export function providedTypeScript(): unknown {
  if (provided === undefined) throw new Error('the TypeScript parser was loaded before the loader resolved typescript');
  return provided;
}
