import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { cycles, importGraph } from '../../scripts/import-graph.mjs';

/**
 * The layers of docs/architecture.md, lowest first: a folder may import only folders listed
 * before it (rules only through the rule kit).
 */
const LAYERS: Record<string, readonly string[]> = {
  'src/core': [],
  'src/domain': [],
  'src/languages': ['src/core', 'src/domain'],
  'src/model': ['src/core', 'src/domain', 'src/languages'],
  'src/analysis': ['src/core', 'src/domain', 'src/languages', 'src/model'],
  'src/engine': ['src/core', 'src/domain', 'src/languages', 'src/model', 'src/analysis'],
  'src/rule-kit': ['src/core', 'src/domain', 'src/languages', 'src/model', 'src/analysis', 'src/engine'],
  rules: ['src/rule-kit'],
  'src/policy': ['src/core', 'src/domain', 'src/languages', 'src/model', 'src/analysis', 'src/engine'],
  'src/config': ['src/core', 'src/domain', 'src/languages', 'src/model', 'src/analysis', 'src/engine', 'src/policy'],
  'src/fix': ['src/core', 'src/languages', 'src/engine'],
  'src/formatters': ['src/core', 'src/engine'],
  'src/render': ['src/core', 'src/languages', 'src/engine', 'src/fix'],
  'src/lsp': ['src/core', 'src/languages', 'src/engine', 'rules', 'src/policy', 'src/config', 'src/fix', 'src/formatters', 'src/render'],
  'src/cli': ['src/core', 'src/languages', 'src/engine', 'rules', 'src/policy', 'src/config', 'src/fix', 'src/formatters', 'src/render', 'src/lsp'],
  'src/action': ['src/cli'],
};

describe('layers', () => {
  const { fileEdges, folderEdges, directoryEdges } = importGraph() as Record<'fileEdges' | 'folderEdges' | 'directoryEdges', Map<string, Set<string>>>;

  it('every folder of src/ is a known layer', () => {
    expect([...folderEdges.keys()].filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it('each folder imports only the layers below it', () => {
    const upward = [...folderEdges].flatMap(([from, to]) => [...to].filter((target) => !LAYERS[from]?.includes(target)).map((target) => `${from} -> ${target}`));
    expect(upward).toEqual([]);
  });

  it('no import cycle between folders (nested ones too) or between files', () => {
    expect(cycles(folderEdges)).toEqual([]);
    expect(cycles(directoryEdges)).toEqual([]);
    expect(cycles(fileEdges)).toEqual([]);
  });

  it('a rule imports the rule kit and nothing else (another rule only to read its options)', () => {
    const dir = new URL('../../rules/', import.meta.url).pathname;
    const stray = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .flatMap((file) =>
        [...readFileSync(`${dir}${file}`, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm)]
          .map((m) => m[1]!)
          .filter((specifier) => specifier !== '../src/rule-kit/index.js' && !/^\.\/[a-z-]+\.js$/.test(specifier))
          .map((specifier) => `${file}: ${specifier}`),
      );
    expect(stray).toEqual([]);
  });

  it('the checker sees a cycle when there is one (so the checks above can fail)', () => {
    const edges = new Map([['a', new Set(['b'])], ['b', new Set(['a'])], ['c', new Set(['a'])]]);
    expect(cycles(edges)).toEqual([['a', 'b']]);
  });
});
