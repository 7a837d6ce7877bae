import type { SourceFile } from '../../core/source.js';
import { loadTypeScriptParser, syntaxErrorOf, type TsParse, type TsSyntaxError } from './loader.js';
import { deepestBracket } from './nesting.js';
import { mayDefineObjects, readTsDocuments } from './objects.js';
import type { ParsedDocument } from '../shared/document.js';

/** `.ts`, `.mts`, `.cts` and `.tsx` sources; declaration files define no objects. */
export function isTypeScriptPath(path: string): boolean {
  return /\.(?:[cm]?ts|tsx)$/i.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

/** The parser, if any of the inputs needs it; YAML-only runs never load it. */
export async function parserFor(inputs: readonly { path: string; content: Uint8Array | object }[], cwd?: string): Promise<TsParse | undefined> {
  const decoder = new TextDecoder();
  const needed = inputs.some((i) => i.content instanceof Uint8Array && isTypeScriptPath(i.path) && mayDefineObjects(decoder.decode(i.content)));
  return needed ? loadTypeScriptParser(cwd) : undefined;
}

/** The Kubernetes objects a TypeScript source defines, one document each, or its syntax error. */
export function readTypeScript(source: SourceFile, parse: TsParse | undefined): { documents: ParsedDocument[]; commentStarts?: number[] } | { error: TsSyntaxError } {
  if (!mayDefineObjects(source.text)) return { documents: [] };
  if (!parse) throw new Error(`${source.path} needs the TypeScript parser, which was not loaded`);
  let program;
  try {
    program = parse(source.text, { jsx: /\.tsx$/i.test(source.path) });
  } catch (error) {
    const syntax = syntaxErrorOf(error) ?? tooDeep(error, source.text);
    if (!syntax) throw error;
    return { error: syntax };
  }
  try {
    return { documents: readTsDocuments(source, program), commentStarts: (program.comments ?? []).map((comment) => comment.range[0]) };
  } catch (error) {
    const deep = tooDeep(error, source.text);
    if (!deep) throw error;
    return { error: deep };
  }
}

/**
 * The parser and the reader recurse: a source nested some hundreds of levels deep exhausts the
 * stack (TypeScript's parser, about 370 levels of object literals). It is reported where its
 * brackets nest deepest.
 */
function tooDeep(error: unknown, text: string): TsSyntaxError | undefined {
  if (!(error instanceof RangeError && /call stack/i.test(error.message))) return undefined;
  const { depth, offset } = deepestBracket(text);
  return { message: `the source nests brackets ${depth} levels deep here, too deep to be read`, offset };
}
