import { describe, expect, it } from 'vitest';
import { parseFieldPath, pointerSegments } from '../../src/policy/field-path.js';
import { linearRegExp } from '../../src/policy/json-schema.js';

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

describe('linearRegExp: JSON Schema patterns on the linear engine', () => {
  const longFailure = `${'a'.repeat(50_000)}!`;

  it.each(['(a+)+$', '^(a|a?)+$', '^(a|aa)+$', '^(\\w*)*x', '^((ab)+)*$'])('matches %s, which backtracks exponentially in JavaScript, in linear time', (pattern) => {
    const { regex } = linearRegExp(pattern);
    expect(regex).toBeDefined();
    expect(regex!.test(longFailure)).toBe(false);
  });

  it.each(['^registry\\.example\\.io/', '^(?:[a-z0-9-]+\\.)*[a-z]+$', '^[0-9]+(m|Gi)?$'])('reads %s as JavaScript does', (pattern) => {
    for (const value of ['registry.example.io/vllm', 'a.b.c', '512Gi', 'x']) expect(linearRegExp(pattern).regex!.test(value)).toBe(new RegExp(pattern).test(value));
  });

  it.each([
    ['(a)\\1', /linear time/],
    ['(?=a+)x', /linear time/],
    ['\\p{L}+', /Unicode escapes/],
    ['(unclosed', /not a regular expression/],
  ])('refuses %s, saying why', (pattern, why) => {
    expect(linearRegExp(pattern).why).toMatch(why);
  });
});
