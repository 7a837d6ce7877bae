/**
 * The YAML editor and fix verification on layouts the layout property (test/fix/layout.property.test.ts)
 * found them wrong on, each reduced to the smallest text that showed it.
 */
import { treeOf } from '../../src/languages/shared/from-yaml.js';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/core/fix.js';
import { SourceFile } from '../../src/core/source.js';
import { applyEdits } from '../../src/fix/apply.js';
import { isUnfixable, type Change } from '../../src/languages/shared/editor.js';
import { ProblemSink, rootView, type MapView } from '../../src/languages/shared/node.js';
import { YamlEditor } from '../../src/languages/yaml/editor.js';
import { parseYaml } from '../../src/languages/yaml/parse.js';
import { verifyYaml } from '../../src/languages/yaml/verify.js';

const source = (text: string) => new SourceFile('t.yaml', text, false);

/** The editor and the root view of the first document of `text`. */
function edit(text: string): { editor: YamlEditor; root: MapView } {
  const file = source(text);
  return { editor: new YamlEditor(file, 0), root: rootView(treeOf(parseYaml(file).documents[0]!.document, file.text), new ProblemSink())! };
}

/** The text after `change`, which must verify. */
function applied(text: string, change: Change | { unfixable: string }): string {
  if (isUnfixable(change)) throw new Error(change.unfixable);
  const output = applyEdits(text, change.edits);
  expect(verifyYaml(source(text), output, [{ safety: 'unsafe', description: 'test', ...change }])).toBeUndefined();
  return output;
}

/** A fix that inserts `text` at `at` and expects `value` at `path` of the first document. */
const insertion = (at: number, text: string, path: string[], value: unknown): Fix => ({
  safety: 'unsafe',
  description: 'test insertion',
  edits: [{ start: at, end: at, text }],
  expect: [{ document: 0, path, value }],
});

describe('verifyYaml', () => {
  it('reads an alias in the expected value as the value it stands for', () => {
    const text = 'port: &port "8000"\nargs: [--port, *port]\n';
    const at = text.indexOf(']');
    const fix = insertion(at, ', --shutdown-timeout=100', ['args'], ['--port', '8000', '--shutdown-timeout=100']);
    expect(verifyYaml(source(text), `${text.slice(0, at)}, --shutdown-timeout=100${text.slice(at)}`, [fix])).toBeUndefined();
  });

  it('still refuses a result whose value is not the expected one', () => {
    const text = 'port: &port "8000"\nargs: [--port, *port]\n';
    const at = text.indexOf(']');
    const fix = insertion(at, ', --shutdown-timeout=99', ['args'], ['--port', '8000', '--shutdown-timeout=100']);
    expect(verifyYaml(source(text), `${text.slice(0, at)}, --shutdown-timeout=99${text.slice(at)}`, [fix])).toBe(
      'args would be ["--port","8000","--shutdown-timeout=99"], not ["--port","8000","--shutdown-timeout=100"]',
    );
  });
});

describe('YamlEditor: list items', () => {
  const COMMAND = 'command:\n  - tritonserver\n  # models are synced by the init container\n  - --model-repository=/models\n';

  it('appends an item to a list with a comment between its items', () => {
    const { editor, root } = edit(COMMAND);
    const change = editor.appendItem(root, 'command', ['tritonserver', '--model-repository=/models'], '--exit-timeout-secs=150');
    expect(applied(COMMAND, change)).toBe(`${COMMAND}  - --exit-timeout-secs=150\n`);
  });

  it('rewrites an item of a list with a comment between its items', () => {
    const text = COMMAND.replace('/models', '/models\n  - --exit-timeout-secs=30');
    const { editor, root } = edit(text);
    const change = editor.replaceItem(root, 'command', ['tritonserver', '--model-repository=/models', '--exit-timeout-secs=30'], 2, '--exit-timeout-secs=150');
    expect(applied(text, change)).toBe(text.replace('=30', '=150'));
  });

  it('appends to a list one of whose items is an anchor that an alias reuses', () => {
    const text = 'command: [tritonserver, &repo --model-repository=/models]\nargs: [*repo]\n';
    const { editor, root } = edit(text);
    const change = editor.appendItem(root, 'command', ['tritonserver', '--model-repository=/models'], '--exit-timeout-secs=150');
    expect(applied(text, change)).toBe(text.replace('/models]', '/models, --exit-timeout-secs=150]'));
  });

  it('still refuses to rewrite an item that is an anchor an alias reuses, or a list an alias reuses', () => {
    const item = 'command: [tritonserver, &flag --exit-timeout-secs=30]\nargs: [*flag]\n';
    const { editor, root } = edit(item);
    expect(editor.replaceItem(root, 'command', ['tritonserver', '--exit-timeout-secs=30'], 1, '--exit-timeout-secs=150')).toEqual({
      unfixable: 'not fixed: the value defines the anchor &flag, which aliases use',
    });
    const list = 'command: &cmd [tritonserver]\nargs: *cmd\n';
    const shared = edit(list);
    expect(shared.editor.appendItem(shared.root, 'command', ['tritonserver'], '--exit-timeout-secs=150')).toMatchObject({ unfixable: expect.stringMatching(/anchor &cmd/) });
  });
});

describe('YamlEditor: after a keep-chomped block scalar (`|+`)', () => {
  const BANNER = 'env:\r\n  banner: |+\r\n    echo hi\r\n\r\n\r\nnext: 1\r\n';

  it('adds a key after its blank lines, which stay its value (CRLF)', () => {
    const { editor, root } = edit(BANNER);
    const env = root.map('env')!;
    expect(applied(BANNER, editor.set(env, 'mode', 'on'))).toBe(BANNER.replace('\r\n\r\nnext', '\r\n\r\n  mode: "on"\r\nnext'));
  });

  it('replaces it with its blank lines', () => {
    const { editor, root } = edit(BANNER);
    expect(applied(BANNER, editor.set(root.map('env')!, 'banner', 'echo bye'))).toBe('env:\r\n  banner: echo bye\r\nnext: 1\r\n');
  });
});
