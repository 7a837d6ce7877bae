import { YAML_SYNTAX } from '../../core/diagnostics.js';
import type { Language, ReadProblem } from '../shared/language.js';
import { refusingEditor } from '../shared/editor.js';
import { YamlEditor } from './editor.js';
import type { ParsedDocument } from '../shared/document.js';
import { parseYaml } from './parse.js';
import { verifyYaml, yamlVerifier } from './verify.js';
import { commentOffsets } from './comments.js';
import { encodeTree } from '../shared/from-yaml.js';

export const yamlLanguage: Language = {
  id: 'yaml',
  syntaxDiagnostic: YAML_SYNTAX,
  lineComment: '#',
  read(source) {
    const parsed = parseYaml(source);
    if (parsed.templateAt !== undefined) {
      const { line, column } = source.position(parsed.templateAt);
      return {
        documents: [],
        problems: [
          {
            at: parsed.templateAt,
            // A template inside a chart the run sees is rendered, never read: this one is outside every such chart.
            message: `this is a Helm template, not a manifest ("{{" at ${line}:${column}), and no Chart.yaml above it is in the run: lint its chart's directory from the repository root (gpu-drain-lint <chart dir>), or pipe helm template <release> <chart> | gpu-drain-lint -`,
          },
        ],
      };
    }
    const documents: ParsedDocument[] = [];
    const problems: ReadProblem[] = [];
    for (const { index, document, span, errors } of parsed.documents) {
      const error = errors[0];
      if (error) {
        // Only the first error of a document: the rest usually cascade from it.
        problems.push({ span: error.span, message: error.message });
        continue;
      }
      documents.push({ index, tree: encodeTree(document, source.text), span, errors });
    }
    return { documents, problems };
  },
  commentAt: (text) => commentStarts(text),
  // kubectl reads a file that starts with `{` as JSON: block-style YAML edits would break it.
  editor: (source, document) => (isJson(source.text) ? refusingEditor(source, JSON_NOT_FIXED) : new YamlEditor(source, document.index)),
  verify: (original, fixed, fixes) => verifyYaml(original, fixed, fixes),
  verifier: (original) => yamlVerifier(original),
};

const JSON_NOT_FIXED = { unfixable: 'not fixed: this is a JSON manifest, and fixes are written as YAML' };

/** Whether a YAML comment starts at an offset; the file is lexed for it only when asked. */
function commentStarts(text: string): (offset: number) => boolean {
  let starts: Set<number> | undefined;
  return (offset) => (starts ??= new Set(commentOffsets(text))).has(offset);
}

/** A JSON manifest (a YAML reader accepts it, but kubectl reads it as JSON, strictly). */
function isJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}
