import { describe, expect, it } from 'vitest';
import { isScalar, type Node, type Scalar } from 'yaml';
import { SourceFile } from '../../../src/core/source.js';
import { PARSE_OPTIONS, parseDocuments } from '../../../src/languages/yaml/parse.js';
import { reach } from '../../../src/render/kustomize/walk.js';
import { inlineYaml } from '../../../src/render/kustomize/written-yaml.js';

const contents = (text: string) => parseDocuments(text, PARSE_OPTIONS)[0]!.contents as Node;
const RENDERED = contents(`containers:
- name: proxy
  ports: [{containerPort: 9000}]
- name: server
  args: [a, b, c]
  ports:
  - containerPort: 8000
  - containerPort: 8001
`);
const textAt = (text: string, node: Node | undefined) => (node?.range ? text.slice(node.range[0], node.range[1]).trim() : undefined);

describe('reach', () => {
  const written = `containers:
- name: server
  args: [x, y]
  ports:
  - containerPort: 8001
    name: metrics
`;
  const go = (path: (string | number)[]) => {
    const reached = reach(contents(written), path, RENDERED);
    return [reached.depth, textAt(written, reached.value)];
  };

  it('matches a list item by its merge key, not by its index', () => {
    expect(go(['containers', 1, 'name'])).toEqual([3, 'server']);
    expect(go(['containers', 0, 'name'])).toEqual([1, expect.stringContaining('- name: server')]);
    expect(go(['containers', 1, 'ports', 1, 'name'])).toEqual([5, 'metrics']);
    expect(go(['containers', 1, 'ports', 0])).toEqual([3, expect.stringContaining('containerPort: 8001')]);
    // A named rendered port still finds the written one by its containerPort.
    const named = contents('containers:\n- name: server\n  ports:\n  - {name: http, containerPort: 8001}\n');
    expect(reach(contents(written), ['containers', 0, 'ports', 0, 'name'], named).depth).toBe(5);
  });

  it('matches items without a merge key by index, and stops where the written tree ends', () => {
    expect(go(['containers', 1, 'args', 1])).toEqual([4, 'y']);
    expect(go(['containers', 1, 'args', 2])).toEqual([3, '[x, y]']);
    expect(go(['spec'])).toEqual([0, expect.stringContaining('containers:')]);
    expect(reach(undefined, ['a'], RENDERED)).toEqual({ depth: 0 });
  });
});

describe('inlineYaml', () => {
  const kustomization = `patches:
- target: {kind: Deployment}
  patch: |-

    - op: add
      path: /spec/x
      value:   7
- target: {kind: Deployment}
  patch: >-
    [{"op": "add", "path": "/spec/y", "value": 1}]
`;
  const source = new SourceFile('/k/kustomization.yaml', kustomization, false);
  const document = parseDocuments(kustomization, PARSE_OPTIONS)[0]!;
  const patch = (index: number) => document.getIn(['patches', index, 'patch'], true) as Scalar;

  it('places a literal block\'s nodes on their own lines, shifted by its indentation (a leading blank line kept)', () => {
    const yaml = inlineYaml('/k/kustomization.yaml', source, patch(0));
    const value = yaml.documents[0]!.getIn([0, 'value'], true) as Scalar;
    expect(isScalar(value)).toBe(true);
    expect(yaml.place(value.range![0], value.range![1])).toEqual({ start: { line: 7, column: 16 }, end: { line: 7, column: 17 } });
  });

  it('places anything of a folded scalar at the scalar', () => {
    const yaml = inlineYaml('/k/kustomization.yaml', source, patch(1));
    expect(yaml.documents).toHaveLength(1);
    expect(yaml.place(5, 9)).toEqual({ start: { line: 9, column: 10 }, end: { line: 10, column: 51 } });
  });
});
