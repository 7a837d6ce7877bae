import { YAML_SYNTAX } from '../../core/diagnostics.js';
import { visit } from 'yaml';
import type { Language, ReadProblem } from '../shared/language.js';
import { refusingEditor } from '../shared/editor.js';
import { YamlEditor } from './editor.js';
import type { ParsedDocument } from '../shared/document.js';
import { parseYaml } from './parse.js';
import { verifyYaml } from './verify.js';
import { excessiveAliasing } from './aliasing.js';
import { aliasTarget } from '../shared/aliases.js';

export const yamlLanguage: Language = {
  id: 'yaml',
  syntaxDiagnostic: YAML_SYNTAX,
  lineComment: '#',
  read(source) {
    const parsed = parseYaml(source);
    if (parsed.templateAt !== undefined) {
      const { line, column } = source.position(parsed.templateAt);
      const name = source.path === '<stdin>' ? 'rendered.yaml' : source.path;
      return {
        documents: [],
        problems: [
          {
            at: parsed.templateAt,
            message: `this is a Helm template, not a manifest ("{{" at ${line}:${column}); render it first: helm template <release> <chart> | gpu-drain-lint - --stdin-filename ${name}`,
          },
        ],
      };
    }
    const documents: ParsedDocument[] = [];
    const problems: ReadProblem[] = [];
    const mayAlias = source.text.includes('*');
    for (const document of parsed.documents) {
      const error = document.errors[0];
      if (error) {
        // Only the first error of a document: the rest usually cascade from it.
        problems.push({ span: error.span, message: error.message });
        continue;
      }
      const brokenAlias = mayAlias ? unresolvableAlias(document) : undefined;
      if (brokenAlias) {
        problems.push(brokenAlias);
        continue;
      }
      // kubectl refuses documents whose aliases expand too far ("excessive aliasing"); so do we.
      if (mayAlias && excessiveAliasing(document.document)) {
        problems.push({ span: document.span, message: 'excessive aliasing: the aliases of this document expand too far (a "billion laughs"); the API server would reject it' });
        continue;
      }
      documents.push(document);
    }
    return { documents, problems };
  },
  // kubectl reads a file that starts with `{` as JSON: block-style YAML edits would break it.
  editor: (source, document) => (isJson(source.text) ? refusingEditor(source, JSON_NOT_FIXED) : new YamlEditor(source, document.index)),
  verify: (original, fixed, fixes) => verifyYaml(original, fixed, fixes),
};

const JSON_NOT_FIXED = { unfixable: 'not fixed: this is a JSON manifest, and fixes are written as YAML' };

/** A JSON manifest (a YAML reader accepts it, but kubectl reads it as JSON, strictly). */
function isJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/**
 * An alias with no anchor before it (`*nope`), or one inside the very node its anchor names
 * (`&x [*x]`): the API server's YAML reader refuses both, so the document is a syntax error.
 */
function unresolvableAlias(document: ParsedDocument): ReadProblem | undefined {
  let problem: ReadProblem | undefined;
  visit(document.document, {
    Alias(_key, alias, path) {
      const target = aliasTarget(document.document, alias);
      const span = { start: alias.range?.[0] ?? document.span.start, end: alias.range?.[1] ?? document.span.start };
      if (!target) problem = { span, message: `the alias *${alias.source} has no anchor &${alias.source} before it` };
      else if (path.includes(target)) problem = { span, message: `the alias *${alias.source} is inside the value its anchor &${alias.source} names, so that value would contain itself` };
      return problem ? visit.BREAK : undefined;
    },
  });
  return problem;
}
