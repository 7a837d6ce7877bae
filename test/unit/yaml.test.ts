import { describe, expect, it } from 'vitest';
import { treeOf } from '../../src/languages/shared/from-yaml.js';
import { isScalar } from '../../src/languages/shared/tree.js';
import { ProblemSink, rootView } from '../../src/languages/shared/node.js';
import { SourceFile } from '../../src/core/source.js';
import { nodeSpan, parseYaml } from '../../src/languages/yaml/parse.js';

const parse = (text: string) => {
  const source = new SourceFile('t.yaml', text, false);
  return { source, parsed: parseYaml(source) };
};
const valuesOf = (text: string) => parse(text).parsed.documents.map((d) => d.document.toJS());

describe('parseYaml: values as Kubernetes reads them (YAML 1.1)', () => {
  it('reads yes/no/on/off/y/n as booleans', () => {
    expect(valuesOf('a: yes\nb: no\nc: on\nd: off\ne: Yes\nf: TRUE\ng: y\nh: n\n')).toEqual([
      { a: true, b: false, c: true, d: false, e: true, f: true, g: true, h: false },
    ]);
  });

  it('reads a leading-zero integer as octal, and keeps quoted values strings', () => {
    expect(valuesOf('mode: 0644\nplain: 644\nquoted: "0644"\nyes: "yes"\n')).toEqual([{ mode: 420, plain: 644, quoted: '0644', true: 'yes' }]);
  });

  it('reads hex, underscores and floats as numbers', () => {
    expect(valuesOf('a: 0x1F\nb: 1_000\nc: 1.5\nd: .5\n')).toEqual([{ a: 31, b: 1000, c: 1.5, d: 0.5 }]);
  });

  it('reads null forms as null', () => {
    expect(valuesOf('a: ~\nb: null\nc:\n')).toEqual([{ a: null, b: null, c: null }]);
  });

  // sigs.k8s.io/yaml runs go-yaml v2, which has no base-60 numbers: `1:30` is the string "1:30".
  it('keeps `1:30` a string, as go-yaml v2 does (no YAML 1.1 sexagesimal)', () => {
    expect(valuesOf('time: 12:30\n')).toEqual([{ time: '12:30' }]);
  });

  // go-yaml v2 decodes an unquoted timestamp into interface{} as the original string, "for
  // backward compatibility"; so an annotation `deployed: 2024-01-01` is the string "2024-01-01".
  it('keeps an unquoted date a string, as go-yaml v2 does', () => {
    const { parsed, source } = parse('deployed: 2024-01-01\n');
    const pair = rootView(treeOf(parsed.documents[0]!.document, source.text), new ProblemSink())!.pair('deployed')!;
    expect(isScalar(pair.value) && pair.value.value).toBe('2024-01-01');
  });

  it('does not reject a repeated key; the last value wins', () => {
    const { parsed, source } = parse('a: 1\nb: 2\na: 3\n');
    expect(parsed.documents[0]!.errors).toEqual([]);
    const root = rootView(treeOf(parsed.documents[0]!.document, source.text), new ProblemSink())!;
    const a = root.int('a');
    expect(typeof a === 'object' && a.value).toBe(3);
    expect(root.keys()).toEqual(['a', 'b']);
  });
});

describe('parseYaml: streams', () => {
  it('numbers the documents of a stream and gives each its span', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const { parsed, source } = parse(text);
    expect(parsed.documents.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(parsed.documents.map((d) => d.document.toJS())).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(parsed.documents.every((d) => d.errors.length === 0)).toBe(true);
    const [first, second, third] = parsed.documents.map((d) => text.slice(d.span.start, d.span.end));
    expect(first).toBe('a: 1\n');
    expect(second).toContain('b: 2');
    expect(third).toContain('c: 3');
    expect(second).not.toContain('a: 1');
    expect(second).not.toContain('c: 3');
  });

  it('gives no document for an empty or comment-only file', () => {
    expect(parse('').parsed.documents).toEqual([]);
    expect(parse('# nothing here\n').parsed.documents).toEqual([]);
  });

  it('keeps syntax errors in the document they belong to, with offsets into the file', () => {
    const text = 'a: 1\n---\nb:\n  x: 1\n y: 2\n---\nc: 3\n';
    const { source, parsed } = parse(text);
    expect(parsed.documents).toHaveLength(3);
    expect(parsed.documents[0]!.errors).toEqual([]);
    expect(parsed.documents[2]!.errors).toEqual([]);
    expect(parsed.documents[2]!.document.toJS()).toEqual({ c: 3 });
    const [error] = parsed.documents[1]!.errors;
    expect(error!.message).toBe('`y` (column 2) does not line up with the other keys of its mapping: all keys of a mapping must start at the same column');
    expect(source.position(error!.span.start)).toMatchObject({ line: 5, column: 2 });
    expect(error!.span.end).toBeGreaterThanOrEqual(error!.span.start);
    const doc = parsed.documents[1]!.span;
    expect(error!.span.start).toBeGreaterThanOrEqual(doc.start);
    expect(error!.span.start).toBeLessThanOrEqual(doc.end);
  });

  it('keeps only the first line of a message, without the parser’s "at line L, column C"', () => {
    const { parsed, source } = parse('a: "unterminated\n');
    const [error] = parsed.documents[0]!.errors;
    expect(error!.message).toBe('Missing closing "quote');
    expect(error!.span).toEqual({ start: 17, end: 18 });
  });

  // Issue 15, item 17: a misindented key is reported on its own line, not at the value above it.
  describe('a key indented deeper than a key that has its value on its line', () => {
    const first = (text: string) => {
      const { source, parsed } = parse(text);
      const error = parsed.documents.flatMap((d) => d.errors)[0]!;
      return { ...source.position(error.span.start), key: text.slice(error.span.start, error.span.end), message: error.message };
    };

    it('is reported at the key, naming the key above and its column', () => {
      expect(first('apiVersion: apps/v1\n kind: Deployment\nmetadata:\n  name: x\n')).toEqual({
        line: 2,
        column: 2,
        key: 'kind',
        message: '`kind` (column 2) is indented more than `apiVersion` on line 1, which already has a value: YAML reads `kind` as a continuation of that value and cannot nest a key there. Align it with `apiVersion` (column 1) if they are siblings',
      });
    });

    it('deeper in the file, in a list item, after a blank line, after an anchor, and in a CRLF file', () => {
      const containers = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: b\n           ports: []\n';
      expect(first(containers)).toMatchObject({ line: 9, column: 12, key: 'ports', message: expect.stringContaining('than `image` on line 8') });
      expect(first('a:\n  - x: 1\n     y: 2\n')).toMatchObject({ line: 3, column: 6, key: 'y', message: expect.stringContaining('Align it with `x` (column 5)') });
      expect(first('a:\n  b: x\n\n    c: 2\n')).toMatchObject({ line: 4, column: 5, key: 'c', message: expect.stringContaining('than `b` on line 2') });
      expect(first('a: &x 1\n  b: 2\n')).toMatchObject({ line: 2, column: 3, key: 'b', message: expect.stringContaining('than `a` on line 1') });
      expect(first('"a: b": 1\n  c: 2\n')).toMatchObject({ line: 2, column: 3, key: 'c', message: expect.stringContaining('than `"a: b"` on line 1') });
      expect(first('apiVersion: apps/v1\r\n kind: Deployment\r\n')).toMatchObject({ line: 2, column: 2, key: 'kind' });
    });

    it('in a later document of the stream, at its own line', () => {
      expect(first('apiVersion: v1\nkind: Pod\n---\napiVersion: apps/v1\n kind: Deployment\n')).toMatchObject({ line: 5, column: 2, key: 'kind', message: expect.stringContaining('on line 4') });
    });

    it('a list item with no key, then a key under it, is ambiguous (a missing key, or a misindented one): the parser’s error stays', () => {
      expect(first('- foo\n  bar: 1\n')).toMatchObject({ line: 1, column: 3, message: 'Implicit keys need to be on a single line' });
    });

    it('a key less indented than its siblings (after a quoted value, a block scalar): at the key, not its indentation', () => {
      expect(first('a: "x"\n  b: 2\n')).toMatchObject({ line: 2, column: 3, key: 'b' });
      expect(first('a: |\n  x\n b: 2\n')).toMatchObject({ line: 3, column: 2, key: 'b' });
      expect(first('a:\n  b:\n    c: 1\n   d: 2\n')).toMatchObject({ line: 4, column: 4, key: 'd', message: expect.stringContaining('does not line up') });
    });

    it('a key between a list item’s dash and its keys: at the key, naming the item’s line and key column', () => {
      const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n   command: [a]\n';
      expect(first(pod)).toEqual({
        line: 7,
        column: 4,
        key: 'command',
        message: '`command` (column 4) is indented between the `-` (column 3) and the keys (column 5) of the list item on line 5: indent it to column 5 if it belongs to that item',
      });
      expect(first('a:\n  - x: 1\n\n    # note\n   y: 2\n')).toMatchObject({ line: 5, column: 4, key: 'y', message: expect.stringContaining('list item on line 2') });
    });

    it('a line without a dash under a list, not between a dash and its keys, keeps the parser’s words', () => {
      expect(first('a:\n  - [1]\n   b: 2\n')).toMatchObject({ line: 3, column: 1, message: 'Sequence item without - indicator' });
      expect(first('a:\n- x: 1\n b: 2\n')).toMatchObject({ line: 3, column: 2, key: 'b', message: expect.stringContaining('the `-` (column 1) and the keys (column 3)') });
    });

    it('other errors keep the parser’s position and message', () => {
      expect(first('metadata:\n  name: a: b\n')).toMatchObject({ line: 2, column: 9, message: 'Nested mappings are not allowed in compact mappings' });
      expect(first('a: 1\n\tb: 2\n')).toMatchObject({ line: 2, column: 1, message: 'Tabs are not allowed as indentation' });
    });
  });

  it('nodeSpan gives a node its range', () => {
    const text = 'key: value\n';
    const { parsed, source } = parse(text);
    const pair = rootView(treeOf(parsed.documents[0]!.document, source.text), new ProblemSink())!.pair('key')!;
    const span = nodeSpan(pair.value as never)!;
    expect(text.slice(span.start, span.end)).toBe('value');
    expect(nodeSpan(null)).toBeUndefined();
  });
});

describe('parseYaml: Helm templates', () => {
  it('detects an unquoted `{{ .Values.x }}` that happens to parse as a flow map', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicas }}\n';
    const { parsed, source } = parse(text);
    expect(parsed.documents[0]!.errors).toEqual([]);
    expect(parsed.templateAt).toBe(text.indexOf('{{'));
    expect(source.position(parsed.templateAt!)).toEqual({ line: 4, column: 13 });
  });

  it('detects `{{` inside a flow sequence and in a later document', () => {
    expect(parse('a: [{{ .Values.x }}]\n').parsed.templateAt).toBe(4);
    const text = 'a: 1\n---\nb: {{ .Values.x }}\n';
    expect(parse(text).parsed.templateAt).toBe(text.indexOf('{{'));
  });

  it('detects a template that does not parse at all', () => {
    const text = '{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n';
    expect(parse(text).parsed.templateAt).toBe(0);
  });

  it('does not take `{{ … }}` in quoted, block or mid-line plain scalars for a template (Prometheus rules)', () => {
    const text = `groups:
  - name: node
    rules:
      - alert: InstanceDown
        expr: up == 0
        annotations:
          summary: "{{ $labels.instance }} is down"
          single: '{{ $labels.job }}'
          description: |
            {{ $labels.instance }} of job {{ $labels.job }} has been down for 5 minutes.
          plain: Instance {{ $labels.instance }} down
`;
    const { parsed, source } = parse(text);
    expect(parsed.documents[0]!.errors).toEqual([]);
    expect(parsed.templateAt).toBeUndefined();
  });

  it('does not take Argo-style `{{inputs.parameters.x}}` in a quoted string, or a comment, for a template', () => {
    expect(parse('args: ["{{inputs.parameters.x}}"]\n').parsed.templateAt).toBeUndefined();
    expect(parse('# render with {{ .Values.x }}\na: 1\n').parsed.templateAt).toBeUndefined();
  });

  it('does not call a file a template because of a quoted `{{` when the real problem is a syntax error elsewhere', () => {
    // With any syntax error in the file, the first `{{` anywhere (even inside quotes) is taken as
    // the template marker, so a Prometheus rule file with a typo is reported as a Helm chart and
    // its real syntax error is never shown.
    const text = 'annotations:\n  summary: "{{ $labels.instance }} down"\n---\nb: [\n';
    const { parsed, source } = parse(text);
    expect(parsed.documents[1]!.errors.length).toBeGreaterThan(0);
    expect(parsed.templateAt).toBeUndefined();
  });
});
