import { CST } from 'yaml';

/**
 * How deep mappings and sequences may nest in a document, its aliases counted as the values they
 * name. The API server's YAML reader allows 10,000 levels (go-yaml's max_flow_level and
 * max_indents), but the yaml package composes a document recursively and runs out of Node's
 * default stack (984 KB) at about 800 levels, and the walkers that compare documents after a fix
 * recurse too. No manifest comes near either: a CRD's schema, about the deepest there is, nests
 * some tens of levels. 500 leaves room for the frames of whatever calls the linter (a test
 * runner, the GitHub Action).
 */
export const MAX_NESTING = 500;

export const TOO_DEEP = `this document nests mappings and sequences more than ${MAX_NESTING} levels deep, which gpu-drain-lint does not read`;

/**
 * The CST tokens of a stream, each document that nests deeper than {@link MAX_NESTING} replaced by
 * one whose content is an error at its first collection past the limit: the composer reports the
 * error where it stands, and composes nothing of what it replaced.
 */
export function* withinNesting(tokens: Iterable<CST.Token>, text: string): Generator<CST.Token> {
  for (const token of tokens) yield token.type === 'document' ? withinLimit(token, text) : token;
}

/** The document, or, when it nests too deeply, the document with an error token for its content. */
function withinLimit(document: CST.Document, text: string): CST.Document {
  const deep = tooDeep(document);
  if (!deep) return document;
  return { ...document, value: { type: 'error', offset: deep.offset, source: text.slice(deep.offset, deep.offset + 1), message: TOO_DEEP } };
}

/** The first collection of a document, in document order, nested deeper than MAX_NESTING. */
function tooDeep(document: CST.Document): CST.Token | undefined {
  // Without recursion: the depth is what would exhaust the stack.
  const todo: [CST.Token, number][] = document.value ? [[document.value, 1]] : [];
  while (todo.length > 0) {
    const [token, depth] = todo.pop()!;
    if (!CST.isCollection(token)) continue;
    if (depth > MAX_NESTING) return token;
    for (let i = token.items.length - 1; i >= 0; i--) {
      const { key, value } = token.items[i]!;
      if (value) todo.push([value, depth + 1]);
      if (key) todo.push([key, depth + 1]);
    }
  }
  return undefined;
}
