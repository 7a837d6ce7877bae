import { describe, expect, it } from 'vitest';
import { PARSE_OPTIONS, parseDocuments } from '../../src/languages/yaml/parse.js';
import { pathAt } from '../../src/languages/yaml/path-at.js';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm   # the server
spec:
  template:
    spec:
      containers:
      - name: server
        args: ["--model", m]
        resources: {limits: {nvidia.com/gpu: 1}}
      - name: proxy
      terminationGracePeriodSeconds:
`;

/** The path at the first occurrence of `needle` (plus `shift` characters) in TEXT. */
function at(needle: string, shift = 0, text = TEXT) {
  const [document] = parseDocuments(text, PARSE_OPTIONS);
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  return pathAt(document!, offset + shift);
}

describe('pathAt', () => {
  it('gives the path of a scalar value, and of its key (a key counts as its pair)', () => {
    expect(at('vllm')).toEqual(['metadata', 'name']);
    expect(at('name: vllm')).toEqual(['metadata', 'name']);
    expect(at('name: vllm', 4)).toEqual(['metadata', 'name']);
  });

  it('counts sequence indexes, block and flow', () => {
    expect(at(': server', 2)).toEqual(['spec', 'template', 'spec', 'containers', 0, 'name']);
    expect(at('proxy')).toEqual(['spec', 'template', 'spec', 'containers', 1, 'name']);
    expect(at('m]')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'args', 1]);
    expect(at('"--model"')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'args', 0]);
  });

  it('walks into flow mappings, keys with dots kept whole', () => {
    expect(at('nvidia.com/gpu')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'nvidia.com/gpu']);
    expect(at('1}}')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'nvidia.com/gpu']);
  });

  it('gives the key of a pair with no value', () => {
    expect(at('terminationGracePeriodSeconds')).toEqual(['spec', 'template', 'spec', 'terminationGracePeriodSeconds']);
  });

  it('stops at the collection when the offset is on no child: a sequence indicator, a comment', () => {
    expect(at('- name: server')).toEqual(['spec', 'template', 'spec', 'containers']);
    expect(at('# the server')).toEqual(['metadata']);
  });

  it('gives the empty path outside the contents', () => {
    const text = '# head\nkind: Pod\n';
    expect(at('# head', 0, text)).toEqual([]);
  });

  it('reads a non-string key as text', () => {
    expect(at('x', 0, 'data:\n  1: x\n')).toEqual(['data', '1']);
  });
});
