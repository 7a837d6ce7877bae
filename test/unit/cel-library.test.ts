import { describe, expect, it } from 'vitest';
import { compileCel, type CelOutcome } from '../../src/policy/cel.js';

/** Examples from https://kubernetes.io/docs/reference/using-api/cel/ and the library godoc it links. */
function run(source: string, activation: Record<string, unknown> = {}): CelOutcome {
  const compiled = compileCel(source, [{ name: 'object', type: 'map' }]);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.message}`);
  return compiled.program.evaluate({ object: {}, ...activation });
}

function value(source: string, activation: Record<string, unknown> = {}): unknown {
  const outcome = run(source, activation);
  if (!outcome.ok) throw new Error(`${source}: ${outcome.message}`);
  return outcome.value;
}

describe('Kubernetes list library', () => {
  it.each([
    ['[1, 2, 3].isSorted()', true],
    ["['a', 'b', 'b', 'c'].isSorted()", true],
    ['[2.0, 1.0].isSorted()', false],
    ['[1].isSorted()', true],
    ['[].isSorted()', true],
    ['[1, 3].sum()', 4],
    ['[1.0, 3.0].sum()', 4],
    ['[].sum()', 0],
    ['[1, 3].min()', 1],
    ['[1, 3].max()', 3],
    ['[1].min()', 1],
    ["['b', 'a', 'c'].max()", 'c'],
    ['[1, 2, 3, 2].indexOf(2)', 1],
    ['[1, 2, 3, 2].lastIndexOf(2)', 3],
    ["['a'].indexOf('z')", -1],
    ['[[1], [2]].indexOf([2])', 1],
  ])('%s is %j', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('errors on min or max of an empty list', () => {
    expect(run('[].min()')).toMatchObject({ ok: false, message: expect.stringContaining('empty list') });
    expect(run('[].max()')).toMatchObject({ ok: false, message: expect.stringContaining('empty list') });
  });

  it('runs the documented policy examples over manifest values', () => {
    const object = { names: ['a', 'b'], items: [{ weight: 0.25 }, { weight: 0.75 }], low: [{ priority: 1 }, { priority: 2 }], high: [{ priority: 5 }] };
    expect(value('object.names.isSorted()', { object })).toBe(true);
    expect(value('object.items.map(x, x.weight).sum() == 1.0', { object })).toBe(true);
    expect(value('object.low.map(x, x.priority).max() < object.high.map(x, x.priority).min()', { object })).toBe(true);
    expect(value("object.names.indexOf('b') == 1", { object })).toBe(true);
  });
});

describe('Kubernetes regex library', () => {
  it.each([
    ['"abc 123".find(\'[0-9]+\')', '123'],
    ['"abc".find(\'[0-9]+\')', ''],
    ['"123 abc 456".findAll(\'[0-9]+\')', ['123', '456']],
    ['"123 abc 456".findAll(\'[0-9]+\', 1)', ['123']],
    ['"123 abc 456".findAll(\'[0-9]+\', 0)', []],
    ['"123 abc 456".findAll(\'[0-9]+\', -1)', ['123', '456']],
    ['"1, 2, 3, 4".findAll(\'[0-9]+\').map(x, int(x)).sum() < 100', true],
    ['"baaac".findAll(\'a*\')', ['', 'aaa', '']],
    ["'hello'.matches('^h.*o$')", true],
    ["matches('hello', 'l+')", true],
    ["'HELLO'.matches('(?i)^hello$')", true],
    ["'ABC'.matches('(?i)^[a-c]+$')", true],
    ["'ABD'.matches('(?i)^[a-c]+$')", false],
    ["'HELLO'.matches('^hello$')", false],
    ["'ab'.find('(?P<first>a)b')", 'ab'],
    ["'x\\nab'.matches('\\\\Aab')", false],
  ])('%s is %j', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('refuses a literal pattern RE2 rejects at compile time, at the pattern', () => {
    const source = "object.name.matches('^(a)\\\\1$')";
    const compiled = compileCel(source, [{ name: 'object', type: 'map' }]);
    expect(compiled).toMatchObject({ ok: false, message: expect.stringContaining('backreferences'), offset: source.indexOf("'^") });
    expect(compileCel("'a'.find('a(?=b)')", [])).toMatchObject({ ok: false, message: expect.stringContaining('lookahead') });
    expect(compileCel("'a'.findAll('[')", [])).toMatchObject({ ok: false, message: expect.stringContaining('invalid regular expression') });
  });

  it('fails the evaluation when a pattern from the manifest is not RE2', () => {
    expect(run('object.name.matches(object.pattern)', { object: { name: 'aa', pattern: '(a)\\1' } })).toMatchObject({ ok: false, message: expect.stringContaining('backreferences') });
  });
});

describe('Kubernetes strings extension', () => {
  it.each([
    ["'hello'.charAt(1)", 'e'],
    ["'hello'.charAt(5)", ''],
    ["'hello mellow'.indexOf('')", 0],
    ["'hello mellow'.indexOf('ello')", 1],
    ["'hello mellow'.indexOf('jello')", -1],
    ["'hello mellow'.indexOf('ello', 6)", 7],
    ["'hello mellow'.lastIndexOf('ello')", 7],
    ["'hello mellow'.lastIndexOf('ello', 6)", 1],
    ["'TacoCat'.lowerAscii()", 'tacocat'],
    ["'TacoCÆt Xii'.lowerAscii()", 'tacocÆt xii'],
    ["'TacoCat'.upperAscii()", 'TACOCAT'],
    ["'TacoCÆt Xii'.upperAscii()", 'TACOCÆT XII'],
    ["'hello hello'.replace('he', 'we')", 'wello wello'],
    ["'hello hello'.replace('he', 'we', -1)", 'wello wello'],
    ["'hello hello'.replace('he', 'we', 1)", 'wello hello'],
    ["'hello hello'.replace('he', 'we', 0)", 'hello hello'],
    ["'ab'.replace('', '-')", '-a-b-'],
    ["'hello hello'.split(' ')", ['hello', 'hello']],
    ["'hello hello hello'.split(' ', 2)", ['hello', 'hello hello']],
    ["'tacocat'.substring(4)", 'cat'],
    ["'tacocat'.substring(0, 4)", 'taco'],
    ["'  \\ttrim\\n    '.trim()", 'trim'],
    ["['hello', 'mellow'].join()", 'hellomellow'],
    ["['hello', 'mellow'].join(' ')", 'hello mellow'],
  ])('%s is %j', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('errors on charAt past the end', () => {
    expect(run("'hello'.charAt(6)")).toMatchObject({ ok: false, message: expect.stringContaining('out of range') });
  });
});

describe('Kubernetes URL library', () => {
  it.each([
    ["url('https://example.com:80/').getHost()", 'example.com:80'],
    ["url('https://example.com/').getHost()", 'example.com'],
    ["url('https://[::1]:80/').getHost()", '[::1]:80'],
    ["url('/path').getHost()", ''],
    ["url('https://example.com:80/').getHostname()", 'example.com'],
    ["url('https://[::1]:80/').getHostname()", '::1'],
    ["url('https://example.com:443/').getPort()", '443'],
    ["url('https://example.com/').getPort()", ''],
    ["url('https://example.com/path').getScheme()", 'https'],
    ["url('/path').getScheme()", ''],
    ["url('https://example.com/path with spaces/').getEscapedPath()", '/path%20with%20spaces/'],
    ["url('https://example.com/path%20encoded/').getEscapedPath()", '/path%20encoded/'],
    ["url('https://example.com/').getEscapedPath()", '/'],
    ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", { k1: ['a'], k2: ['b', 'c'] }],
    ["url('https://example.com/path?key=a+b').getQuery().key", ['a b']],
    ["url('https://example.com/path').getQuery()", {}],
    ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
    ["isURL('/absolute-path')", true],
    ["isURL('https://a:b:c/')", false],
    ["isURL('../relative-path')", false],
    ["isURL('example.com')", false],
  ])('%s is %j', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('errors when url() is given no URL', () => {
    expect(run("url('../relative-path')")).toMatchObject({ ok: false, message: expect.stringContaining('URL parse error') });
  });
});

describe('list equality across manifest maps and map literals', () => {
  it('finds a map literal in a list of manifest maps', () => {
    expect(value("object.ports.indexOf({'name': 'http', 'port': 80})", { object: { ports: [{ name: 'grpc', port: 81 }, { port: 80, name: 'http' }] } })).toBe(1);
  });
});
