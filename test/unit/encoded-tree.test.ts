/**
 * The compact model (src/languages/shared/encoded-tree.ts) holds exactly what the `yaml`
 * package composed: every node's kind, range, value, style, source text, anchor and layout, and
 * `toJS` gives the API server's reading. Checked node by node over crafted edge cases, every
 * fixture, and the shared corpus when it is present.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { encodeTree, treeOf } from '../../src/languages/shared/from-yaml.js';
import { toJS, type TreeNode } from '../../src/languages/shared/tree.js';
import { parseYaml } from '../../src/languages/yaml/parse.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');

/** Where the tree differs from the `yaml` node it was built from, or undefined. */
function difference(node: Node | null | undefined, tree: TreeNode | null, path: string): string | undefined {
  if (node === null || node === undefined) return tree === null ? undefined : `${path}: a node where yaml has none`;
  if (!tree) return `${path}: no node`;
  const range = node.range ? [...node.range] : undefined;
  if (!isDeepStrictEqual(tree.range, range)) return `${path}: range ${JSON.stringify(tree.range)} ≠ ${JSON.stringify(range)}`;
  const anchor = (node as { anchor?: string }).anchor;
  if (isScalar(node)) {
    if (tree.kind !== 'scalar') return `${path}: ${tree.kind} for a scalar`;
    const value = typeof node.value === 'symbol' ? node.value.description : node.value;
    if (!Object.is(tree.value, value) && !isDeepStrictEqual(tree.value, value)) return `${path}: value ${String(tree.value)} ≠ ${String(value)}`;
    if (tree.type !== node.type) return `${path}: type ${tree.type} ≠ ${node.type}`;
    const source = typeof value === 'string' ? undefined : node.source;
    if (tree.source !== source) return `${path}: source ${tree.source} ≠ ${source}`;
    return tree.anchor === anchor ? undefined : `${path}: anchor ${tree.anchor} ≠ ${anchor}`;
  }
  if (isAlias(node)) return tree.kind === 'alias' && tree.source === node.source ? undefined : `${path}: not the alias *${node.source}`;
  if (isMap(node)) {
    if (tree.kind !== 'map' || tree.items.length !== node.items.length) return `${path}: not a mapping of ${node.items.length} pairs`;
    if ((tree.flow ?? false) !== (node.flow ?? false) || tree.anchor !== anchor) return `${path}: flow or anchor differs`;
    for (let i = 0; i < node.items.length; i++) {
      const pair = node.items[i]!;
      const found = difference(pair.key as Node, tree.items[i]!.key, `${path}.key${i}`) ?? difference(pair.value as Node, tree.items[i]!.value, `${path}.value${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (isSeq(node)) {
    if (tree.kind !== 'seq' || tree.items.length !== node.items.length) return `${path}: not a list of ${node.items.length} items`;
    if ((tree.flow ?? false) !== (node.flow ?? false) || tree.anchor !== anchor) return `${path}: flow or anchor differs`;
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (isPair(item)) continue;
      const found = difference(item as Node, tree.items[i]!, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  return `${path}: an unexpected node`;
}

/** Every document of `text`, compared; the reasons it differs. */
function differences(path: string, text: string): string[] {
  const found: string[] = [];
  const source = new SourceFile(path, text, false);
  for (const { document, errors } of parseYaml(source).documents) {
    if (errors.length > 0) continue;
    const tree = treeOf(document, text);
    const reason = difference(document.contents as Node, tree.contents, `${path}#${document.range?.[0]}`);
    if (reason) found.push(reason);
    let expected: unknown;
    try {
      expected = document.toJS({ maxAliasCount: -1 });
    } catch {
      continue;
    }
    if (!isDeepStrictEqual(toJS(tree.contents, tree), expected)) found.push(`${path}: toJS differs`);
  }
  return found;
}

function yamlFilesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('the encoded tree', () => {
  const cases: Record<string, string> = {
    'plain, quoted, escaped and block strings': `a: plain words\nb: "double \\"quoted\\" \\u00e9"\nc: 'single ''quoted'''\nd: |\n  literal\n  lines\ne: >-\n  folded\n  lines\nf: "two\n  lines"\ng: plain\n  continued\n`,
    'YAML 1.1 values': 'a: yes\nb: Off\nc: 0644\nd: 0x1F\ne: 1_000\nf: .inf\ng: -.Inf\nh: .nan\ni: ~\nj:\nk: 1e3\nl: 12:30\nm: 2024-01-01\nn: -0\no: "3"\np: !!str 3\nq: !!int "7"\nr: 1.5\n',
    'anchors, aliases and merge keys': 'base: &b {x: 1, y: 2}\nlist: &l [1, 2]\none: *b\nmerged:\n  <<: [*b, {z: 3}]\n  x: 9\n"<<": quoted\nitem: &s scalar\nagain: *s\n',
    binary: 'bin: !!binary aGVsbG8=\n',
    'flow collections and empty values': 'a: {}\nb: []\nc: {d: [1, {e: f}], g: }\nh: [ , ]\n? complex\n: key\n',
    'CRLF and several documents': 'a: 1\r\nb: two\r\n---\r\n- x\r\n- y: z\r\n...\r\n---\r\nscalar document\r\n',
    'non-ASCII text': 'name: café 😀\nnote: "ünïcödé"\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`holds what yaml composed: ${name}`, () => {
      expect(differences(name, text)).toEqual([]);
    });
  }

  // yaml's own toJS makes a JavaScript Set and Map of these; the tree keeps them as a mapping and a list of one-key mappings.
  it('holds the nodes of !!set and !!omap', () => {
    const text = 'set: !!set {a, b}\nomap: !!omap [a: 1, b: 2]\n';
    const { documents } = parseYaml(new SourceFile('t.yaml', text, false));
    const tree = treeOf(documents[0]!.document, text);
    expect(difference(documents[0]!.document.contents as Node, tree.contents, 'set')).toBeUndefined();
    expect(toJS(tree.contents, tree)).toEqual({ set: { a: null, b: null }, omap: [{ a: 1 }, { b: 2 }] });
  });

  it('holds what yaml composed, for every fixture', () => {
    const files = yamlFilesBelow(join(ROOT, 'fixtures'));
    expect(files.length).toBeGreaterThan(200);
    expect(files.flatMap((file) => differences(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it.skipIf(!existsSync(CORPUS))('holds what yaml composed, for every corpus manifest', () => {
    const files = yamlFilesBelow(CORPUS);
    expect(files.flatMap((file) => differences(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('stores only the strings a scalar does not span as written', () => {
    const text = 'a: plain\nb: "quoted"\nc: "esc\\taped"\nd: |\n  block\n';
    const { documents } = parseYaml(new SourceFile('t.yaml', text, false));
    expect(encodeTree(documents[0]!.document, text).strings).toEqual(['esc\taped', 'block\n']);
    const tree = treeOf(documents[0]!.document, text);
    expect(toJS(tree.contents, tree)).toEqual({ a: 'plain', b: 'quoted', c: 'esc\taped', d: 'block\n' });
  });
});
