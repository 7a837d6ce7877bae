import { describe, expect, it } from 'vitest';
import { treeOf } from '../../src/languages/shared/from-yaml.js';
import { isField, isPlaceholder, ProblemSink, rootView, type MapView, type Read } from '../../src/languages/shared/node.js';
import { SourceFile, type Span } from '../../src/core/source.js';
import { parseYaml } from '../../src/languages/yaml/parse.js';
import { deployment, loadModel } from './model-helpers.js';

/** A MapView over the first document of `text`, its sink, and helpers to show spans as text. */
const view = (text: string) => {
  const source = new SourceFile('t.yaml', text, false);
  const parsed = parseYaml(source);
  if (parsed.documents[0]!.errors.length > 0) throw new Error(parsed.documents[0]!.errors[0]!.message);
  const sink = new ProblemSink();
  const root = rootView(treeOf(parsed.documents[0]!.document, text), sink)!;
  const textOf = (span: Span) => text.slice(span.start, span.end);
  return {
    root,
    sink,
    textOf,
    problems: () => sink.problems.map((p) => `${textOf(p.span)} => ${p.message}`),
  };
};
const valueOf = <T>(read: Read<T>) => (isField(read) ? read.value : read);

describe('ProblemSink', () => {
  it('keeps each (position, message) once', () => {
    const sink = new ProblemSink();
    sink.add({ start: 3, end: 5 }, 'a must be an integer');
    sink.add({ start: 3, end: 5 }, 'a must be an integer');
    sink.add({ start: 3, end: 5 }, 'another message');
    sink.add({ start: 4, end: 5 }, 'a must be an integer');
    expect(sink.problems).toHaveLength(3);
  });
});

describe('MapView.toJS', () => {
  it('gives the mapping as plain data, aliases and merge keys resolved', () => {
    const { root } = view('base: &get {path: &p /ready, port: 8000}\nprobe:\n  <<: *get\n  path: *p\n  scheme: HTTP\n');
    expect(root.map('probe')!.toJS()).toEqual({ path: '/ready', port: 8000, scheme: 'HTTP' });
  });
});

describe('MapView readers', () => {
  describe('int', () => {
    it('reads an integer with its value span and key-and-value field span', () => {
      const { root, textOf } = view('terminationGracePeriodSeconds: 30\n');
      const read = root.int('terminationGracePeriodSeconds');
      expect(isField(read)).toBe(true);
      if (!isField(read)) return;
      expect(read.value).toBe(30);
      expect(textOf(read.span)).toBe('30');
      expect(textOf(read.fieldSpan)).toBe('terminationGracePeriodSeconds: 30');
    });

    it('reads YAML 1.1 octal and hex as the API server does', () => {
      const { root } = view('mode: 0644\nhex: 0x10\n');
      expect(valueOf(root.int('mode'))).toBe(420);
      expect(valueOf(root.int('hex'))).toBe(16);
    });

    it.each([
      ['"30s"', 'the string "30s"'],
      ['"30"', 'the string "30"'],
      ['30s', 'the string "30s"'],
      ['1.5', 'the non-integer 1.5'],
      ['yes', 'the boolean true (YAML 1.1 reads "yes" as a boolean)'],
      ['off', 'the boolean false (YAML 1.1 reads "off" as a boolean)'],
      ['{a: 1}', 'a mapping'],
      ['[1]', 'a list'],
    ])('rejects %s, recorded at the value', (yaml, got) => {
      const { root, problems } = view(`seconds: ${yaml}\n`);
      expect(root.int('seconds')).toBe('invalid');
      expect(problems()).toEqual([`${yaml} => seconds must be an integer, got ${got}`]);
    });

    it('checks the range', () => {
      const { root, problems } = view('a: -1\nb: 70000\nc: 0\nd: 5\n');
      expect(root.int('a', { min: 0 })).toBe('invalid');
      expect(root.int('b', { min: 1, max: 65535 })).toBe('invalid');
      expect(valueOf(root.int('c', { min: 0 }))).toBe(0);
      expect(root.int('d', { max: 3 })).toBe('invalid');
      expect(problems()).toEqual([
        '-1 => a must be at least 0, got -1',
        '70000 => b must be between 1 and 65535, got 70000',
        '5 => d must be at most 3, got 5',
      ]);
    });

    it('names the full path in the message', () => {
      const loaded = loadModel(deployment('app', 'name: app\nimage: nginx', { podSpec: 'terminationGracePeriodSeconds: "30s"' }));
      const spec = loaded.workload('app').templates[0]!.spec;
      expect(spec.terminationGracePeriodSeconds).toBe('invalid');
      expect(loaded.allProblems()).toEqual(['"30s": spec.template.spec.terminationGracePeriodSeconds must be an integer, got the string "30s"']);
    });

    it('records an invalid value once, however often it is read', () => {
      const { root, sink } = view('seconds: "30s"\n');
      root.int('seconds');
      root.int('seconds');
      root.map('x');
      expect(sink.problems).toHaveLength(1);
    });
  });

  describe('intOrString', () => {
    it('reads integers and strings and rejects other values', () => {
      const { root, problems } = view('a: 1\nb: 25%\nc: "1"\nd: 1.5\ne: true\n');
      expect(valueOf(root.intOrString('a'))).toBe(1);
      expect(valueOf(root.intOrString('b'))).toBe('25%');
      expect(valueOf(root.intOrString('c'))).toBe('1');
      expect(root.intOrString('d')).toBe('invalid');
      expect(root.intOrString('e')).toBe('invalid');
      expect(problems()).toEqual([
        '1.5 => d must be an integer or a string, got the non-integer 1.5',
        'true => e must be an integer or a string, got the boolean true (YAML 1.1 reads "true" as a boolean)',
      ]);
    });
  });

  describe('string', () => {
    it('reads strings and rejects numbers and YAML 1.1 booleans', () => {
      const { root, problems } = view('a: hello\nb: "yes"\nc: 8080\nd: on\n');
      expect(valueOf(root.string('a'))).toBe('hello');
      expect(valueOf(root.string('b'))).toBe('yes');
      expect(root.string('c')).toBe('invalid');
      expect(root.string('d')).toBe('invalid');
      expect(problems()).toEqual(['8080 => c must be a string, got the number 8080', 'on => d must be a string, got the boolean true (YAML 1.1 reads "on" as a boolean)']);
    });
  });

  describe('boolean', () => {
    it('reads YAML 1.1 booleans and rejects quoted ones', () => {
      const { root, problems } = view('a: yes\nb: off\nc: true\nd: "true"\n');
      expect(valueOf(root.boolean('a'))).toBe(true);
      expect(valueOf(root.boolean('b'))).toBe(false);
      expect(valueOf(root.boolean('c'))).toBe(true);
      expect(root.boolean('d')).toBe('invalid');
      expect(problems()).toEqual(['"true" => d must be a boolean, got the string "true"']);
    });
  });

  describe('strings', () => {
    it('reads a list of strings with the list span', () => {
      const { root, textOf } = view('command: ["sleep", "15"]\nempty: []\n');
      const read = root.strings('command');
      expect(isField(read) && read.value).toEqual(['sleep', '15']);
      expect(isField(read) && textOf(read.span)).toBe('["sleep", "15"]');
      expect(valueOf(root.strings('empty'))).toEqual([]);
    });

    it('rejects a list with a non-string item, at the item, and a scalar', () => {
      const { root, problems } = view('command: ["sleep", 15]\nargs: sleep 15\n');
      expect(root.strings('command')).toBe('invalid');
      expect(root.strings('args')).toBe('invalid');
      expect(problems()).toEqual([
        '15 => command must be a list of strings, got the number 15',
        'sleep 15 => args must be a list of strings, got the string "sleep 15"',
      ]);
    });
  });

  describe('stringMap', () => {
    it('keeps string values and records the others', () => {
      const { root, problems } = view('labels:\n  app: web\n  version: 2\n  enabled: true\n  quoted: "2"\n');
      const labels = root.stringMap('labels');
      expect([...labels].map(([k, v]) => [k, v.value])).toEqual([
        ['app', 'web'],
        ['quoted', '2'],
      ]);
      expect(problems()).toEqual([
        '2 => labels.version must be a string, got the number 2',
        'true => labels.enabled must be a string, got the boolean true (YAML 1.1 reads "true" as a boolean)',
      ]);
    });

    it('is empty for a missing or null map, and records a scalar', () => {
      const { root, problems } = view('a: ~\nb: text\n');
      expect(root.stringMap('a').size).toBe(0);
      expect(root.stringMap('missing').size).toBe(0);
      expect(root.stringMap('b').size).toBe(0);
      expect(problems()).toEqual(['text => b must be a mapping, got the string "text"']);
    });
  });

  describe('null is absent', () => {
    it.each(['null', '~', '', 'Null'])('`key: %s` reads as absent, with no problem', (yaml) => {
      const { root, sink } = view(`key: ${yaml}\n`);
      expect(root.int('key')).toBeUndefined();
      expect(root.string('key')).toBeUndefined();
      expect(root.map('key')).toBeUndefined();
      expect(root.maps('key')).toEqual([]);
      expect(root.strings('key')).toBeUndefined();
      expect(root.has('key')).toBe(false);
      expect(sink.problems).toEqual([]);
    });
  });

  describe('aliases', () => {
    it('follows a scalar alias', () => {
      const { root, textOf } = view('grace: &g 60\nterminationGracePeriodSeconds: *g\n');
      const read = root.int('terminationGracePeriodSeconds');
      expect(valueOf(read)).toBe(60);
      expect(isField(read) && textOf(read.fieldSpan)).toBe('terminationGracePeriodSeconds: *g');
    });

    it('follows map and list aliases', () => {
      const { root } = view('defaults: &d\n  seconds: 15\ncmd: &c ["sleep", "5"]\nsleep: *d\ncommand: *c\n');
      expect(valueOf(root.map('sleep')!.int('seconds'))).toBe(15);
      expect(valueOf(root.strings('command'))).toEqual(['sleep', '5']);
    });

    it('follows an alias inside a list', () => {
      const { root } = view('base: &app\n  name: app\n  image: nginx\ncontainers:\n  - *app\n');
      expect(root.maps('containers').map((c) => valueOf(c.string('image')))).toEqual(['nginx']);
    });

    it('reports an aliased invalid value', () => {
      const { root, problems } = view('x: &v "30s"\nseconds: *v\n');
      expect(root.int('seconds')).toBe('invalid');
      expect(problems()).toEqual(['"30s" => seconds must be an integer, got the string "30s"']);
    });

    // go-yaml v2, which the API server and kubectl read YAML with, applies `<<` merge keys.
    it('reads keys merged in with `<<: *anchor`, explicit keys winning', () => {
      const { root } = view('base: &base\n  terminationGracePeriodSeconds: 30\n  restartPolicy: Always\nspec:\n  <<: *base\n  restartPolicy: Never\n');
      const spec = root.map('spec')!;
      expect(valueOf(spec.int('terminationGracePeriodSeconds'))).toBe(30);
      expect(valueOf(spec.string('restartPolicy'))).toBe('Never');
      expect(spec.keys().sort()).toEqual(['restartPolicy', 'terminationGracePeriodSeconds']);
    });
  });

  describe('repeated keys', () => {
    it('takes the last value, as the API server does', () => {
      const { root, textOf, sink } = view('replicas: 1\nreplicas: "two"\nreplicas: 3\n');
      const read = root.int('replicas');
      expect(valueOf(read)).toBe(3);
      expect(isField(read) && textOf(read.fieldSpan)).toBe('replicas: 3');
      expect(sink.problems).toEqual([]);
    });
  });

  describe('map / maps / spans', () => {
    it('rejects a scalar where a mapping or list belongs', () => {
      const { root, problems } = view('spec: nope\ncontainers: {a: 1}\n');
      expect(root.map('spec')).toBeUndefined();
      expect(root.maps('containers')).toEqual([]);
      expect(problems()).toEqual(['nope => spec must be a mapping, got the string "nope"', '{a: 1} => containers must be a list, got a mapping']);
    });

    it('anchors each list item at its `name:` field, else its first key, and records non-mapping items', () => {
      const text = 'spec:\n  containers:\n    - image: nginx\n      name: web\n    - image: envoy\n    - just-a-string\n';
      const { root, textOf, problems } = view(text);
      const items = root.map('spec')!.maps('containers');
      expect(items.map((i) => textOf(i.anchor))).toEqual(['name: web', 'image']);
      expect(items.map((i) => i.path)).toEqual(['spec.containers[0]', 'spec.containers[1]']);
      expect(problems()).toEqual(['just-a-string => spec.containers[2] must be a mapping']);
    });

    it('points a missing key at the key that holds the map', () => {
      const { root, textOf } = view('metadata:\n  name: x\nspec:\n  replicas: 2\n');
      const spec = root.map('spec')!;
      expect(textOf(spec.anchor)).toBe('spec');
      expect(textOf(spec.keySpan('template'))).toBe('spec');
      expect(textOf(spec.fieldSpan('template'))).toBe('spec');
      expect(textOf(spec.keySpan('replicas'))).toBe('replicas');
      expect(spec.childPath('template')).toBe('spec.template');
      expect(root.childPath('spec')).toBe('spec');
    });

    it('lists keys in order and tells present from absent', () => {
      const { root } = view('b: 1\na: 2\nc: ~\n');
      expect(root.keys()).toEqual(['b', 'a', 'c']);
      expect(root.has('a')).toBe(true);
      expect(root.has('c')).toBe(false);
      expect(root.has('z')).toBe(false);
    });

    it('withSink reports to another sink', () => {
      const { root, sink } = view('a: "x"\n');
      const other = new ProblemSink();
      const moved: MapView = root.withSink(other);
      expect(moved.int('a')).toBe('invalid');
      expect(other.problems).toHaveLength(1);
      expect(sink.problems).toHaveLength(0);
    });
  });

  describe('template placeholders', () => {
    it.each(['"${GRACE}"', '$GRACE', '"<grace-seconds>"', '"{{ .Values.grace }}"', '__GRACE__'])('%s is unusable but not reported', (yaml) => {
      const { root, sink } = view(`seconds: ${yaml}\n`);
      expect(root.int('seconds')).toBe('invalid');
      expect(sink.problems).toEqual([]);
    });

    it('isPlaceholder knows placeholders from ordinary text', () => {
      expect(isPlaceholder('${X}')).toBe(true);
      expect(isPlaceholder(' $X ')).toBe(true);
      expect(isPlaceholder('prefix-{{ .Values.tag }}')).toBe(true);
      expect(isPlaceholder('30s')).toBe(false);
      expect(isPlaceholder('$5')).toBe(false);
      expect(isPlaceholder(30)).toBe(false);
    });
  });
});
