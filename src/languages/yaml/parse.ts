import { Composer, CST, Lexer, Parser, visit, isCollection, YAMLParseError, type Document, type DocumentOptions, type LineCounter, type Node, type ParseOptions, type SchemaOptions, type Tags } from 'yaml';
import type { SourceFile, Span } from '../../core/source.js';
import type { SyntaxProblem } from '../shared/document.js';
import { aliasProblem } from './aliases.js';
import { withinNesting } from './nesting.js';
import { syntaxProblems } from './syntax-errors.js';
import { lexNotingComments } from './comments.js';


/** A document as the `yaml` package composed it (the fix verification reads these; the model reads trees). */
export interface YamlDocument {
  index: number;
  document: Document.Parsed;
  span: Span;
  errors: SyntaxProblem[];
}

export interface ParsedYaml {
  documents: YamlDocument[];
  /** Offset of the first `{{` when the file is an unrendered Helm (Go) template. */
  templateAt?: number;
  /** Where each comment starts, when asked for: what the parser's own lexer saw, as `commentOffsets` gives it. */
  comments?: number[];
}

/**
 * Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml on go-yaml v2): `yes`/`on` are
 * booleans, `0644` is octal, and a repeated key silently takes the last value.
 */
/**
 * The YAML 1.1 tags as go-yaml v2 resolves plain scalars: timestamps (`2024-01-01`) and base-60
 * numbers (`12:30`) stay strings, and an exponent needs a mantissa (`1e3` is a number, `e2` a
 * name).
 */
function goYamlV2Tags(tags: Tags): Tags {
  return tags
    .filter((tag) => typeof tag === 'string' || (tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME'))
    .map((tag) =>
      typeof tag !== 'string' && tag.format === 'EXP'
        ? { ...tag, test: /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$/ }
        : tag,
    ) as Tags;
}

/** How Kubernetes reads YAML (exported for the benchmark's parse floor). */
export const PARSE_OPTIONS = {
  version: '1.1',
  uniqueKeys: false,
  prettyErrors: false,
  strict: false,
  customTags: goYamlV2Tags,
} as const;

type YamlOptions = DocumentOptions & ParseOptions & SchemaOptions;

/**
 * The documents of a YAML stream as the API server reads them. They are composed as
 * `parseAllDocuments` composes them, except that a document nested too deeply is not composed
 * (see nesting.ts), and what is wrong with a document's aliases is an error of the document, as
 * a syntax error is.
 */
export function parseDocuments(text: string, options: YamlOptions): Document.Parsed[] {
  return compose(text, options, undefined, false);
}

/** The document of a text that should hold one (a config file), read as {@link parseDocuments} reads them, and a second if there is one. */
export function parseOneDocument(text: string, options: YamlOptions, lineCounter?: LineCounter): { document: Document.Parsed; second?: Document.Parsed } {
  // Forced, the composer gives a document for an empty text too.
  const [document, second] = compose(text, options, lineCounter, true);
  return second ? { document: document!, second } : { document: document! };
}

function compose(text: string, options: YamlOptions, lineCounter: LineCounter | undefined, forceDocument: boolean, comments?: number[]): Document.Parsed[] {
  const parser = new Parser(lineCounter?.addNewLine);
  const tokens = withinNesting(comments ? parseNotingComments(parser, text, comments) : parser.parse(text), text);
  const documents = Array.from(new Composer(options).compose(tokens, forceDocument, forceDocument ? text.length : -1));
  if (!text.includes('*')) return documents;
  for (const document of documents) {
    const problem = document.errors.length === 0 ? aliasProblem(document) : undefined;
    if (problem) document.errors.push(new YAMLParseError(problem.range, 'BAD_ALIAS', problem.message));
  }
  return documents;
}

/** `Parser.parse`, lexing once for both the parser and the comments. */
function* parseNotingComments(parser: Parser, text: string, comments: number[]): Generator<CST.Token> {
  for (const token of lexNotingComments(text, comments)) yield* parser.next(token);
  yield* parser.end();
}

/** The documents of a file; with `comments`, also where its comments are, for the lexing the parse does anyway. */
export function parseYaml(source: SourceFile, { comments = false } = {}): ParsedYaml {
  const parsed: YamlDocument[] = [];
  const offsets: number[] | undefined = comments ? [] : undefined;
  compose(source.text, PARSE_OPTIONS, undefined, false, offsets).forEach((document, index) => {
    const [start = 0, valueEnd = start] = document.range ?? [];
    parsed.push({
      index,
      document,
      span: { start, end: valueEnd },
      errors: syntaxProblems(document.errors, source.text),
    });
  });
  const templateAt = findTemplateMarker(source.text, parsed);
  return { documents: parsed, ...(templateAt === undefined ? {} : { templateAt }), ...(offsets ? { comments: offsets } : {}) };
}

/**
 * A Helm template either fails to parse, or parses into nonsense: `replicas: {{ .Values.n }}`
 * is valid YAML (a flow map inside a flow map). A `{{` inside a quoted or block scalar (an
 * alert description, an Argo parameter) is ordinary text and does not count.
 */
function findTemplateMarker(text: string, documents: YamlDocument[]): number | undefined {
  if (!text.includes('{{')) return undefined;
  if (documents.some((d) => d.errors.length > 0)) return templateActionOutsideScalars(text);
  let found: number | undefined;
  for (const { document } of documents) {
    visit(document, (_key, node) => {
      if (isCollection(node) && node.flow && node.range && text.startsWith('{{', node.range[0])) {
        found = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Lexer control characters stand for structure, not source text. */
const CONTROL_TOKEN = /^[\u0002\u0018\u001f]$/;

/**
 * The offset of the first `{{` the YAML lexer sees as two flow-map openers: outside quoted and
 * block scalars and comments. Works on text that does not parse.
 */
function templateActionOutsideScalars(text: string): number | undefined {
  let offset = 0;
  let previousOpen = -2;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKEN.test(token)) continue;
    if (token === '{') {
      if (previousOpen === offset - 1) return previousOpen;
      previousOpen = offset;
    } else if (token.startsWith('{{')) {
      return offset;
    }
    offset += token.length;
  }
  return undefined;
}

export function nodeSpan(node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}
