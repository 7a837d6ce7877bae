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

const ESTREE = '@typescript-eslint/typescript-estree';
const SUPPORTED = '>=4.8.4 <6.1';

let loading: Promise<TsParse> | undefined;

/**
 * Loads the TypeScript parser once, on first need: a run over YAML alone never pays for it.
 * It is looked up beside gpu-drain-lint, then in the project being linted (the GitHub Action
 * runs from its own bundle, and the project may have TypeScript installed).
 */
export function loadTypeScriptParser(cwd = process.cwd()): Promise<TsParse> {
  return (loading ??= load(cwd).catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

async function load(cwd: string): Promise<TsParse> {
  const estree = await importEstree(cwd);
  return (text, { jsx }) =>
    estree.parse(text, { range: true, loc: true, comment: true, jsx, loggerFn: false, errorOnUnknownASTType: false });
}

type EstreeModule = typeof import('@typescript-eslint/typescript-estree');

async function importEstree(cwd: string): Promise<EstreeModule> {
  const failures: string[] = [];
  let unsupported: string | undefined;
  let peerMissing = false;
  for (const base of [import.meta.url, pathToFileURL(join(cwd, 'package.json')).href]) {
    let estreePath: string;
    try {
      estreePath = createRequire(base).resolve(ESTREE);
    } catch (error) {
      failures.push(reason(error));
      continue;
    }
    let version: string;
    try {
      version = (createRequire(estreePath)('typescript/package.json') as { version: string }).version;
    } catch {
      // Beside gpu-drain-lint without its optional peer: the linted project may have both.
      peerMissing = true;
      continue;
    }
    if (!supported(version)) {
      unsupported ??= version;
      continue;
    }
    const estree = (await import(pathToFileURL(estreePath).href)) as EstreeModule & { default?: EstreeModule };
    return typeof estree.parse === 'function' ? estree : estree.default!;
  }
  if (unsupported) {
    throw new TypeScriptUnavailable(`typescript ${unsupported} is installed, but ${ESTREE} reads TypeScript ${SUPPORTED}: npm install --save-dev typescript@5.9`);
  }
  if (peerMissing) {
    throw new TypeScriptUnavailable(
      `reading TypeScript sources needs the "typescript" package (${SUPPORTED}), an optional peer dependency of gpu-drain-lint that is not installed: npm install --save-dev typescript@5.9`,
    );
  }
  throw new TypeScriptUnavailable(
    `reading TypeScript sources needs ${ESTREE}, which could not be found (${failures[0]}): reinstall gpu-drain-lint, or npm install --save-dev ${ESTREE} typescript@5.9`,
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
