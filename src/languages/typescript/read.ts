import type { SourceFile } from '../../core/source.js';
import { loadTypeScriptParser, syntaxErrorOf, type TsParse, type TsSyntaxError } from './loader.js';
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
export function readTypeScript(source: SourceFile, parse: TsParse | undefined): { documents: ParsedDocument[] } | { error: TsSyntaxError } {
  if (!mayDefineObjects(source.text)) return { documents: [] };
  if (!parse) throw new Error(`${source.path} needs the TypeScript parser, which was not loaded`);
  let program;
  try {
    program = parse(source.text, { jsx: /\.tsx$/i.test(source.path) });
  } catch (error) {
    const syntax = syntaxErrorOf(error) ?? tooDeep(error);
    if (!syntax) throw error;
    return { error: syntax };
  }
  try {
    return { documents: readTsDocuments(source, program) };
  } catch (error) {
    const deep = tooDeep(error);
    if (!deep) throw error;
    return { error: deep };
  }
}

/** The parser and the reader recurse: a source nested thousands deep exhausts the stack. */
function tooDeep(error: unknown): TsSyntaxError | undefined {
  return error instanceof RangeError && /call stack/i.test(error.message)
    ? { message: 'the source nests expressions too deeply to be read (thousands of levels)', offset: 0 }
    : undefined;
}
