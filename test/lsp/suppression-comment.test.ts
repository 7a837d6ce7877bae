import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDirectives } from '../../src/engine/suppressions.js';
import { commentPlaces, disableForLineEdit } from '../../src/lsp/suppression-comment.js';

function disabled(text: string, line: number, ruleId: string, lineComment: '#' | '//' = '#'): string {
  const document = TextDocument.create('file:///x', 'yaml', 1, text);
  return TextDocument.applyEdits(document, [disableForLineEdit(document, line, ruleId, lineComment)]);
}

describe('"disable <rule> for this line"', () => {
  it('writes a directive above the line, indented like it, that the linter reads as silencing the rule on that line', () => {
    const text = disabled('spec:\n  template:\n    spec: {}\n', 2, 'grace-period-default');
    expect(text).toBe('spec:\n  template:\n    # gpu-drain-lint-disable-next-line grace-period-default\n    spec: {}\n');
    const { directives } = parseDirectives(text);
    expect(directives.map((d) => ({ form: d.form, ids: d.ids, line: d.line }))).toEqual([{ form: 'disable-next-line', ids: ['grace-period-default'], line: 3 }]);
  });

  it('adds the rule to a directive already above the line', () => {
    const text = disabled('a:\n  # gpu-drain-lint-disable-next-line pdb-missing\n  b: 1\n', 2, 'single-replica');
    expect(text).toBe('a:\n  # gpu-drain-lint-disable-next-line pdb-missing, single-replica\n  b: 1\n');
    expect(parseDirectives(text).directives[0]!.ids).toEqual(['pdb-missing', 'single-replica']);
  });

  it('leaves a directive with a reason as it is and writes another', () => {
    expect(disabled('# gpu-drain-lint-disable-next-line pdb-missing -- vendored\nb: 1\n', 1, 'single-replica')).toBe(
      '# gpu-drain-lint-disable-next-line pdb-missing -- vendored\n# gpu-drain-lint-disable-next-line single-replica\nb: 1\n',
    );
  });

  it("keeps the file's line ends, and writes TypeScript's comment in TypeScript", () => {
    expect(disabled('a: 1\r\nb: 2\r\n', 1, 'x')).toBe('a: 1\r\n# gpu-drain-lint-disable-next-line x\r\nb: 2\r\n');
    expect(disabled('const d = {\n  spec: {},\n};\n', 1, 'x', '//')).toBe('const d = {\n  // gpu-drain-lint-disable-next-line x\n  spec: {},\n};\n');
  });
});

describe('where a directive can go', () => {
  const RAY = ['kind: RayService', 'spec:', '  serveConfigV2: |', '    applications:', '      - name: llm', '        args: {a: 1}', '  rayClusterConfig: {}', ''].join('\n');

  it('not inside a block scalar, where it would become part of the string (0-based lines 3 to 5 of serveConfigV2)', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(commentPlaces(RAY))).toEqual([true, true, true, false, false, false, true]);
  });

  it('not inside a quoted string over several lines; anywhere in plain mappings and lists', () => {
    expect(commentPlaces('a: "one\n  two"\nb: 1\n')(1)).toBe(false);
    expect(commentPlaces('a: "one\n  two"\nb: 1\n')(2)).toBe(true);
    expect(commentPlaces('- a: 1\n  b: 2\n')(1)).toBe(true);
  });
});
