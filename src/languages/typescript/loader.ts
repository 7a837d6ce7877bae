import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TsParse } from '../shared/parsers.js';

export type { TsParse } from '../shared/parsers.js';

/** A syntax error, with the offset the parser gave. */
export interface TsSyntaxError {
  message: string;
  offset: number;
}

/** Why TypeScript inputs cannot be read here, said so that the user can fix it. */
export class TypeScriptUnavailable extends Error {}

const SUPPORTED = '>=4.8.4 <6.1';
const INSTALL = 'npm i -D typescript';

let loading: Promise<TsParse> | undefined;

/**
 * Loads the TypeScript parser once, on first need: a run over YAML alone never pays for it.
 * gpu-drain-lint bundles the parser (typescript-estree) but not TypeScript, which it takes from
 * the project being linted (resolved from `cwd`), else from beside gpu-drain-lint (a pre-commit
 * hook's `additional_dependencies`, a global install's neighbours).
 */
export function loadTypeScriptParser(cwd = process.cwd()): Promise<TsParse> {
  return (loading ??= load(cwd).catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

async function load(cwd: string): Promise<TsParse> {
  const typescript = resolveTypeScript(cwd);
  // Both are chunks of their own in the bundle, which a YAML run never loads; the parser's
  // modules require `typescript` as they are evaluated, so it is provided first.
  const { provideTypeScript } = await import('./provided-typescript.js');
  provideTypeScript(typescript);
  const { parse } = await import('./estree.js');
  return (text, { jsx }) => parse(text, { range: true, loc: true, comment: true, jsx, loggerFn: false, errorOnUnknownASTType: false });
}

function resolveTypeScript(cwd: string): unknown {
  let unsupported: string | undefined;
  for (const base of [pathToFileURL(join(cwd, 'package.json')).href, import.meta.url]) {
    const require = createRequire(base);
    let path: string;
    try {
      path = require.resolve('typescript');
    } catch {
      continue;
    }
    const typescript = require(path) as { version?: unknown };
    const version = String(typescript.version);
    if (supported(version)) return typescript;
    unsupported ??= version;
  }
  if (unsupported) {
    throw new TypeScriptUnavailable(`typescript ${unsupported} is installed, but gpu-drain-lint reads TypeScript ${SUPPORTED}: ${INSTALL}@6.0`);
  }
  throw new TypeScriptUnavailable(
    `reading TypeScript sources needs the "typescript" package (${SUPPORTED}) in the project being linted, and none was found from ${cwd}: ${INSTALL}`,
  );
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
}

/** A parser error as an offset: typescript-estree throws with `index`. */
export function syntaxErrorOf(error: unknown): TsSyntaxError | undefined {
  if (typeof error !== 'object' || error === null || typeof (error as { index?: unknown }).index !== 'number') return undefined;
  return { message: reason(error), offset: (error as { index: number }).index };
}

/** typescript-estree reads TypeScript 4.8.4 up to (not including) 6.1; another would misparse. */
function supported(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map(Number);
  const at = major * 1e6 + minor * 1e3 + patch;
  return at >= 4_008_004 && at < 6_001_000;
}
