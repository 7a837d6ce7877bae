import { describe, expect, it } from 'vitest';
import { parseFieldPath, pointerSegments } from '../../src/policy/field-path.js';
import { nestsQuantifiers } from '../../src/policy/json-schema.js';

describe('parseFieldPath', () => {
  it.each([
    ['terminationGracePeriodSeconds', ['terminationGracePeriodSeconds']],
    ['spec.containers[0].image', ['spec', 'containers', 0, 'image']],
    ["metadata.labels['team']", ['metadata', 'labels', 'team']],
    ['metadata.annotations["gpu-drain-lint.io/profile"]', ['metadata', 'annotations', 'gpu-drain-lint.io/profile']],
    ['containers[1]', ['containers', 1]],
  ])('%s', (path, segments) => {
    expect(parseFieldPath(path)).toEqual(segments);
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[x]', "a['b]", 'a b', '[0]x'])('refuses %j', (path) => {
    expect(parseFieldPath(path)).toBeUndefined();
  });
});

describe('pointerSegments', () => {
  it('splits a JSON Pointer and unescapes ~1 and ~0', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/metadata/labels/a~1b~0c')).toEqual(['metadata', 'labels', 'a/b~c']);
  });
});

describe('nestsQuantifiers', () => {
  it.each(['(a+)+$', '^(\\w*)*x', '(x{2,})+', '((ab)+)*', '(a+){1,5}', '(b|a+)+', '(?:a*)*', '(?<n>a+)+'])('finds the nested repetition in %s', (pattern) => {
    expect(nestsQuantifiers(pattern)).toBe(true);
  });

  it.each(['^registry\\.example\\.io/', '(ab)+', '(a+)?', '(a+){2}', '[(a+)]+', '\\(a+\\)+', '^(?:[a-z0-9-]+\\.)*[a-z]+$', '((ab)+c)*', 'a{2,}b+', '(?=a+)x', '(?:ab)*'])('accepts %s', (pattern) => {
    expect(nestsQuantifiers(pattern)).toBe(false);
  });
});
