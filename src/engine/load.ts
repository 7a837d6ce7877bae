import { YAML_SYNTAX, type Finding } from '../core/findings.js';
import type { OriginMap } from '../core/origin.js';
import { SourceFile } from '../core/source.js';
import { languageOf } from '../languages/index.js';
import type { TsParse } from '../languages/typescript/loader.js';
import { readObjects, type ReadObject } from '../model/build.js';
import { numberUnnamedObjects, type LintFile } from '../model/objects.js';
import { fatalFinding, toFinding } from './findings.js';
import { readFile, type FileRead } from './read-file.js';

export type { FileRead } from './read-file.js';

/** One input: its bytes, or why it could not be read. */
export interface LintInput {
  path: string;
  content: Uint8Array | { readError: string };
  /** False for `--context` files: they feed the index but are not reported on. */
  reportable: boolean;
  /** Objects relate (PDBs, Services, scalers, NodePools) only to objects of the same scope; absent: the default scope. */
  scope?: string;
  /** For a rendered text (a chart, an overlay): where each range of it was written. */
  origin?: OriginMap;
}

/** A file as read: its objects, and the findings reading it gave (syntax errors). */
export interface LoadedFile {
  file: LintFile;
  findings: Finding[];
  objects: ReadObject[];
}

/**
 * An input with its objects: read here, unless `preread` holds what a worker read from the same
 * bytes. The syntax problems reading found become fatal findings.
 */
export function loadFile(input: LintInput, parseTypeScript: TsParse | undefined, preread?: ReadonlyMap<Uint8Array, FileRead>): LoadedFile {
  const language = languageOf(input.path);
  if (!(input.content instanceof Uint8Array)) return unreadable(input, new SourceFile(input.path, '', false), fatalFinding(YAML_SYNTAX, input.content.readError));
  const fileRead = preread?.get(input.content) ?? readFile(input.path, input.content, parseTypeScript);
  if ('undecodable' in fileRead) {
    const { reason, line, column } = fileRead.undecodable;
    return unreadable(input, new SourceFile(input.path, '', false), fatalFinding(language.syntaxDiagnostic, reason, line, column));
  }
  const source = new SourceFile(input.path, fileRead.text, fileRead.bom);
  const { documents, problems } = fileRead.read;
  const commentAt = language.commentAt(source.text, fileRead.read);
  const file: LintFile = { source, reportable: input.reportable, ...(commentAt ? { commentAt } : {}), ...(input.origin ? { origin: input.origin } : {}) };
  const findings: Finding[] = [];
  for (const problem of problems) {
    if ('at' in problem) {
      const { line, column } = source.position(problem.at);
      return unreadable(input, source, fatalFinding(language.syntaxDiagnostic, problem.message, line, column));
    }
    findings.push({ ...toFinding(source, problem.span, language.syntaxDiagnostic, 'error', problem.message), fatal: true });
  }
  const objects = documents.flatMap((document) => readObjects(file, document));
  numberUnnamedObjects(objects.map((o) => o.object));
  return { file, findings, objects };
}

/** A file that could not be read or parsed: one fatal finding, and nothing for the rules. */
function unreadable(input: LintInput, source: SourceFile, finding: Finding): LoadedFile {
  return { file: { source, reportable: input.reportable }, findings: [finding], objects: [] };
}
