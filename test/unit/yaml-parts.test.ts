import { describe, expect, it } from 'vitest';
import type { Fix, TextEdit } from '../../src/core/fix.js';
import { SourceFile } from '../../src/core/source.js';
import { parseYaml } from '../../src/languages/yaml/parse.js';
import { YamlParts } from '../../src/languages/yaml/parts.js';

const partsOf = (text: string) => new YamlParts(text, parseYaml(new SourceFile('m.yaml', text, false)).documents);
const textsOf = (text: string) => partsOf(text).parts.map((p) => text.slice(p.start, p.end));
const documentsOf = (text: string) => partsOf(text).parts.map((p) => [p.first, p.last]);

describe('YamlParts: where a YAML file divides into parts that parse alone', () => {
  it('at each `---` that starts a line; the first part from the start of the file, comments with their document', () => {
    const text = '# head\na: 1\n# tail\n---\n# c\nb: 2\n--- c\n';
    expect(textsOf(text)).toEqual(['# head\na: 1\n# tail\n', '---\n# c\nb: 2\n', '--- c\n']);
    expect(documentsOf(text)).toEqual([[0, 0], [1, 1], [2, 2]]);
  });

  it('a document after `...` without `---` stays with the one before it', () => {
    const text = 'a: 1\n...\nb: 2\n---\nc: 3\n';
    expect(textsOf(text)).toEqual(['a: 1\n...\nb: 2\n', '---\nc: 3\n']);
    expect(documentsOf(text)).toEqual([[0, 1], [2, 2]]);
  });

  it('a file with a directive is one part (a directive may reach past its document)', () => {
    const text = '%YAML 1.1\n---\na: 1\n---\nb: 2\n';
    expect(textsOf(text)).toEqual([text]);
    expect(documentsOf(text)).toEqual([[0, 1]]);
  });

  it('a file without documents is one part without documents', () => {
    expect(documentsOf('# nothing here\n')).toEqual([[0, -1]]);
  });

  it('each part parses alone into its own documents, with the values they have in the file', () => {
    const text = 'a: &x 1\nb: *x\n---\nc: |\n  text\n\n---\n- [1, 2]\n...\n{d: 4}\n';
    const whole = parseYaml(new SourceFile('m.yaml', text, false)).documents.map((d) => d.document.toJS());
    const apart = textsOf(text).flatMap((t) => parseYaml(new SourceFile('m.yaml', t, false)).documents.map((d) => d.document.toJS()));
    expect(textsOf(text)).toHaveLength(3);
    expect(apart).toEqual(whole);
  });
});

describe('YamlParts: fixes grouped by the parts they reach', () => {
  // Documents: a [0, 5), b [5, 14), c [14, 23), d [23, 32).
  const text = 'a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n';
  const parts = partsOf(text);
  const fix = (description: string, edits: [number, number][], more: Partial<Fix> = {}): Fix => ({
    safety: 'safe',
    description,
    edits: edits.map(([start, end]): TextEdit => ({ start, end, text: 'x' })),
    expect: [],
    ...more,
  });
  const grouped = (fixes: Fix[]) => parts.groups(fixes).map((group) => group.map((f) => f.description));

  it('fixes in different documents are apart; a fix in two documents joins them', () => {
    expect(grouped([fix('a', [[3, 4]]), fix('b', [[12, 13]]), fix('c', [[21, 22]])])).toEqual([['a'], ['b'], ['c']]);
    expect(grouped([fix('a', [[3, 4]]), fix('b+c', [[12, 13], [21, 22]]), fix('c', [[20, 21]]), fix('d', [[30, 31]])])).toEqual([['a'], ['b+c', 'c'], ['d']]);
  });

  it('an insertion where a document ends belongs to it; a replacement of the next `---` reaches both', () => {
    expect(grouped([fix('end of b', [[14, 14]]), fix('c', [[21, 22]])])).toEqual([['end of b'], ['c']]);
    expect(grouped([fix('the --- of c', [[14, 17]]), fix('c', [[21, 22]])])).toEqual([['the --- of c', 'c']]);
  });

  it('a document a fix expects a value in is reached; appending reaches the last', () => {
    const expectsC = fix('a, expects c', [[3, 4]], { expect: [{ document: 2, path: ['c'], value: 3 }] });
    expect(grouped([expectsC, fix('b', [[12, 13]]), fix('d', [[30, 31]])])).toEqual([['a, expects c', 'b'], ['d']]);
    const appends = fix('append to b', [[12, 13]], { addsDocuments: 1 });
    expect(grouped([fix('a', [[3, 4]]), appends, fix('c', [[21, 22]])])).toEqual([['a'], ['append to b', 'c']]);
  });

  it('each group keeps the order the fixes came in', () => {
    expect(grouped([fix('d', [[30, 31]]), fix('b2', [[12, 13]]), fix('a', [[3, 4]]), fix('b1', [[10, 11]])])).toEqual([['a'], ['b2', 'b1'], ['d']]);
  });

  it('the part covering fixes runs from the first part they reach to the last', () => {
    expect(parts.covering([fix('b', [[12, 13]]), fix('c', [[21, 22]])])).toEqual({ first: 1, last: 2, start: 5, end: 23 });
    expect(parts.covering([fix('at the end', [[32, 32]])])).toEqual({ first: 3, last: 3, start: 23, end: 32 });
  });
});
