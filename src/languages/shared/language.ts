import type { TYPESCRIPT_SYNTAX, YAML_SYNTAX } from '../../core/diagnostics.js';
import type { Fix } from '../../core/fix.js';
import type { SourceFile, Span } from '../../core/source.js';
import type { ManifestEditor } from './editor.js';
import type { TsParse } from './parsers.js';
import type { ParsedDocument } from './document.js';

/**
 * Why a file, or one document of it, cannot be linted. `at` is a point of the file (an
 * unrendered template, a TypeScript syntax error): the whole file is lost. `span` is one document
 * whose other documents still count.
 */
export type ReadProblem = { message: string; at: number } | { message: string; span: Span };

/** What reading a file gives: plain data, the same whether read in this thread or a worker. */
export interface ReadResult {
  /** The documents that define objects (a YAML document, an object of a TypeScript source). */
  documents: ParsedDocument[];
  problems: ReadProblem[];
  /** Where comments start (their `#` or `//`), when the parser gave them while reading. */
  commentStarts?: number[];
}

/**
 * A source language of manifests. The engine, the fix loop and suppressions go through this
 * interface only, so a new language (a Helm chart, Jsonnet) is one more implementation.
 */
export interface Language {
  readonly id: 'yaml' | 'typescript';
  /** The diagnostic a file this language cannot read is reported as. */
  readonly syntaxDiagnostic: typeof YAML_SYNTAX | typeof TYPESCRIPT_SYNTAX;
  /** What starts a line comment, which may carry `gpu-drain-lint-disable-…` directives. */
  readonly lineComment: '#' | '//';
  /** Reads the documents of a file; the TypeScript parser is passed when an input needed it. */
  read(source: SourceFile, parseTypeScript: TsParse | undefined): ReadResult;
  /**
   * Whether a comment starts at an offset, when the language knows where its comments are:
   * suppression directives are read only there, never inside a string or a block scalar.
   */
  commentAt(text: string, read: ReadResult): ((offset: number) => boolean) | undefined;
  /** Text edits for one document, in the file's own style. */
  editor(source: SourceFile, document: ParsedDocument): ManifestEditor;
  /** Why `fixed` is not a faithful application of `fixes` to `original`, or undefined if it is. */
  verify(original: SourceFile, fixed: string, fixes: readonly Fix[], parseTypeScript: TsParse | undefined): string | undefined;
  /** Checks fixes against `original`, which it reads once however many sets of fixes it checks. */
  verifier(original: SourceFile, parseTypeScript: TsParse | undefined): FixVerifier;
}

/**
 * What the fix loop verifies fixes with. The fixes of different groups cannot change how each
 * other's text reads (a YAML file's documents), so a group verifies on its own, and the groups
 * that do can be applied together without checking them together.
 */
export interface FixVerifier {
  /** The fixes in independent groups, in the order given. */
  groups(fixes: readonly Fix[]): Fix[][];
  /**
   * Why some fixes of one group, applied to the original, are not faithful, or undefined: what
   * {@link Language.verify} says of the file with only these fixes applied.
   */
  check(fixes: readonly Fix[]): string | undefined;
}
