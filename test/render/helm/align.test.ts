import { describe, expect, it } from 'vitest';
import { alignTemplate, type LineOrigin } from '../../../src/render/helm/align.js';
import { splitHelmStream } from '../../../src/render/helm/stream.js';
import { EACH_ITEM } from '../../../src/render/helm/template-lines.js';
import { ARGS_FILES, ARGS_STREAM, DEMO_FILES, DEMO_STREAM, EDGE_FILES, EDGE_STREAM, PACKED_FILES, PACKED_STREAM, TAIL_FILES, TAIL_STREAM } from './charts.js';

/** The text of the stream's documents rendered from `source`, in stream order. */
function documents(stream: string, source: string): string[] {
  const lines = stream.split('\n');
  return splitHelmStream(stream)
    .filter((document) => document.source === source)
    .map((document) => lines.slice(document.firstLine - 1, document.firstLine - 1 + document.lineCount).join('\n'));
}

/** Each rendered line beside where it was aligned, for readable expectations. */
function aligned(template: string, rendered: string): [string, LineOrigin | undefined][] {
  const origins = alignTemplate(template, rendered);
  return rendered.split('\n').map((line, index) => [line, origins[index]]);
}

const literal = (line: number): LineOrigin => ({ line, how: 'literal' });

describe('alignTemplate on a real chart', () => {
  const deployment = DEMO_FILES['templates/deployment.yaml']!;
  const [rendered] = documents(DEMO_STREAM, 'demo/templates/deployment.yaml');
  const byLine = new Map(aligned(deployment, rendered!).map(([line, origin], index) => [`${index + 1}:${line}`, origin]));
  const at = (renderedLine: number) => [...byLine.values()][renderedLine - 1];

  it('has one entry per rendered line', () => {
    expect(alignTemplate(deployment, rendered!)).toHaveLength(rendered!.split('\n').length);
  });

  it('verbatim lines are literal, in order', () => {
    expect(at(1)).toEqual(literal(1)); // apiVersion: apps/v1
    expect(at(2)).toEqual(literal(2)); // kind: Deployment
    expect(at(8)).toEqual(literal(7)); // spec:
    expect(at(17)).toEqual(literal(19)); // spec: (the pod's, after the labels' directives)
  });

  it('an if block that rendered nothing leaves no line mapped into it; the lines after it still align', () => {
    const mapped = alignTemplate(deployment, rendered!).map((origin) => origin?.line);
    for (let line = 36; line <= 41; line++) expect(mapped).not.toContain(line);
    expect(at(35)).toEqual(literal(43)); // resources:
  });

  it('a templated line: same literal text before the first {{; valueRef only for one plain .Values reference', () => {
    expect(at(4)).toEqual({ line: 4, how: 'templated', column: 9 }); // name: {{ .Release.Name }}-server
    expect(at(9)).toEqual({ line: 8, how: 'templated', column: 13, valueRef: ['replicaCount'] });
    expect(at(19)).toEqual({ line: 21, how: 'templated', column: 38, valueRef: ['server', 'terminationGracePeriodSeconds'] });
    expect(at(24)).toEqual({ line: 28, how: 'templated', column: 19 }); // image: "{{ repo }}:{{ tag }}"
    expect(at(42)).toEqual({ line: 47, how: 'templated', column: 22 }); // {{ … | quote }}
    expect(at(44)).toEqual({ line: 49, how: 'templated', column: 22 }); // {{ default "serve" … }}
  });

  it('include + nindent: every line it printed is the include line', () => {
    expect(at(6)).toEqual({ line: 6, how: 'generated' });
    expect(at(7)).toEqual({ line: 6, how: 'generated' });
    expect(at(12)).toEqual({ line: 11, how: 'generated' });
    expect(at(16)).toEqual({ line: 15, how: 'generated' });
  });

  it('toYaml of values (either pipe order, or of . inside with .Values.x) names the values block', () => {
    expect(at(21)).toEqual({ line: 24, how: 'generated', valuesBlock: ['nodeSelector'] });
    expect(at(26)).toEqual({ line: 30, how: 'generated', valuesBlock: ['server', 'extraArgs'] });
    expect(at(27)).toEqual({ line: 30, how: 'generated', valuesBlock: ['server', 'extraArgs'] });
    for (let line = 36; line <= 39; line++) expect(at(line)).toEqual({ line: 44, how: 'generated', valuesBlock: ['resources'] });
  });

  it('a range repeats its body: each copy maps to the same template lines', () => {
    const ports = [29, 30, 31, 32, 33, 34].map(at);
    // `.name` inside `range .Values.ports` is any item's: the values path says so with EACH_ITEM.
    const name = { line: 33, how: 'templated', column: 21, valueRef: ['ports', EACH_ITEM, 'name'] };
    const port = { line: 34, how: 'templated', column: 30, valueRef: ['ports', EACH_ITEM, 'port'] };
    expect(ports).toEqual([name, port, literal(35), name, port, literal(35)]);
  });

  it('a comment line prints only its indentation: that blank line maps nowhere, and nothing maps into the comment', () => {
    expect(at(18)).toBeUndefined();
    expect(alignTemplate(deployment, rendered!).map((origin) => origin?.line)).not.toContain(20);
  });
});

describe('alignTemplate: documents and ranges of documents', () => {
  it('a template of two documents: each rendered document aligns with its own part, whatever the stream order', () => {
    const services = DEMO_FILES['templates/services.yaml']!;
    const [configMap, service] = documents(DEMO_STREAM, 'demo/templates/services.yaml');
    expect(alignTemplate(services, configMap!)).toEqual([literal(12), literal(13), literal(14), { line: 15, how: 'templated', column: 9 }, literal(16), literal(17)]);
    expect(alignTemplate(services, service!).slice(0, 4)).toEqual([literal(1), literal(2), literal(3), { line: 4, how: 'templated', column: 9 }]);
  });

  it('an if around the whole document (kept) and include lines', () => {
    const pdb = DEMO_FILES['templates/pdb.yaml']!;
    const [rendered] = documents(DEMO_STREAM, 'demo/templates/pdb.yaml');
    expect(alignTemplate(pdb, rendered!)).toEqual([
      literal(2),
      literal(3),
      literal(4),
      { line: 5, how: 'templated', column: 9 },
      literal(6),
      { line: 7, how: 'templated', column: 17, valueRef: ['pdb', 'minAvailable'] },
      literal(8),
      literal(9),
      { line: 10, how: 'generated' },
    ]);
  });

  it('a range printing one document per item: both documents align with the same lines; $.Values reaches the root', () => {
    const workers = EDGE_FILES['templates/workers.yaml']!;
    const [first, second] = documents(EDGE_STREAM, 'edge/templates/workers.yaml');
    const expected = [
      literal(3),
      literal(4),
      literal(5),
      { line: 6, how: 'templated', column: 16 },
      literal(7),
      literal(8),
      literal(9),
      literal(10),
      literal(11),
      { line: 12, how: 'generated', valuesBlock: ['extraArgs'] },
      literal(13),
      { line: 14, how: 'generated', valuesBlock: ['tolerations'] },
      { line: 14, how: 'generated', valuesBlock: ['tolerations'] },
      { line: 14, how: 'generated', valuesBlock: ['tolerations'] },
    ];
    expect(alignTemplate(workers, first!)).toEqual(expected);
    expect(alignTemplate(workers, second!)).toEqual(expected);
  });

  it('a document printed whole by one action maps every line to that action (its values block: any item of the list the range walks)', () => {
    const extra = EDGE_FILES['templates/extra.yaml']!;
    const [rendered] = documents(EDGE_STREAM, 'edge/templates/extra.yaml');
    expect(alignTemplate(extra, rendered!)).toEqual(rendered!.split('\n').map(() => ({ line: 3, how: 'generated', valuesBlock: ['extraObjects', EACH_ITEM] })));
  });

  it('a subchart template aligns with its own file; .Values there is the subchart values', () => {
    const job = DEMO_FILES['charts/sub/templates/job.yaml']!;
    const [rendered] = documents(DEMO_STREAM, 'demo/charts/sub/templates/job.yaml');
    expect(alignTemplate(job, rendered!)[7]).toEqual({ line: 8, how: 'templated', column: 38, valueRef: ['grace'] });
  });

  it('a CRLF template: lines keep or lose their \\r in the stream and still align', () => {
    const template = PACKED_FILES['templates/crlf.yaml']!;
    const [rendered] = documents(PACKED_STREAM, 'packed/templates/crlf.yaml');
    expect(alignTemplate(template, rendered!)).toEqual([
      literal(1),
      literal(2),
      literal(3),
      { line: 4, how: 'templated', column: 9 },
      literal(5),
      { line: 6, how: 'generated' },
      literal(7),
      { line: 8, how: 'templated', column: 10 },
      literal(9),
    ]);
  });
});

describe('alignTemplate: output that runs on past its line', () => {
  const pod = TAIL_FILES['templates/pod.yaml']!;
  const [rendered] = documents(TAIL_STREAM, 'tail/templates/pod.yaml');
  const origins = alignTemplate(pod, rendered!);
  const lines = rendered!.split('\n');
  const at = (text: string) => origins[lines.indexOf(text)];

  it('a verbatim line with the blanks indent N leaves at its end is still verbatim', () => {
    expect(lines).toContain('        - containerPort: 8000      ');
    expect(at('        - containerPort: 8000      ')).toEqual(literal(9));
    expect(at('      startupProbe:')).toEqual({ line: 10, how: 'generated' });
    expect(at('        periodSeconds: 5')).toEqual({ line: 10, how: 'generated' });
  });

  it('an nindent action at the end of a text line prints the lines after it, with its values block', () => {
    expect(at('      resources:')).toEqual({ line: 11, how: 'templated', column: 18 });
    expect(at('        limits:')).toEqual({ line: 11, how: 'generated', valuesBlock: ['resources'] });
    expect(at('          nvidia.com/gpu: 2')).toEqual({ line: 11, how: 'generated', valuesBlock: ['resources'] });
  });

  it('the output ends where a line less indented than its first one starts; the next block is its own', () => {
    expect(at('    - name: sidecar')).toEqual(literal(15));
    expect(at('        requests:')).toEqual({ line: 18, how: 'generated', valuesBlock: ['sidecar', 'resources'] });
    expect(at('          cpu: 100m')).toEqual({ line: 18, how: 'generated', valuesBlock: ['sidecar', 'resources'] });
  });

  it('the blank line an if without trimming leaves maps nowhere', () => {
    expect(at('      ')).toBeUndefined();
  });

  it('an action without indent N ends at the first line less indented than its output began (a range starting over)', () => {
    const template = '{{- range .Values.items }}\n- name: {{ .name }}\n  {{- include "x" . }}\n{{- end }}\n';
    const item: LineOrigin[] = [{ line: 2, how: 'templated', column: 9, valueRef: ['items', EACH_ITEM, 'name'] }, { line: 3, how: 'generated' }];
    expect(alignTemplate(template, '- name: a\n  x: 1\n- name: b\n  x: 1')).toEqual([...item, ...item]);
  });

  it('a variable a range or an assignment binds to values resolves through it (production-stack: $modelSpec of servingEngineSpec.modelSpec)', () => {
    const template = [
      '{{- $spec := .Values.server }}',
      '{{- range $i, $model := .Values.models }}',
      '- name: {{ $model.name }}',
      '  replicas: {{ $model.replicaCount }}',
      '  grace: {{ $spec.grace }}',
      '  index: {{ $i }}',
      '{{- end }}',
      '',
    ].join('\n');
    const item: LineOrigin[] = [
      { line: 3, how: 'templated', column: 9, valueRef: ['models', EACH_ITEM, 'name'] },
      { line: 4, how: 'templated', column: 13, valueRef: ['models', EACH_ITEM, 'replicaCount'] },
      { line: 5, how: 'templated', column: 10, valueRef: ['server', 'grace'] },
      { line: 6, how: 'templated', column: 10 },
    ];
    expect(alignTemplate(template, '- name: a\n  replicas: 1\n  grace: 30\n  index: 0\n- name: b\n  replicas: 2\n  grace: 30\n  index: 1')).toEqual([...item, ...item]);
  });

  it('a plain value at the end of a line prints one line: what follows is not its output', () => {
    const template = 'metadata:\n  name: {{ .Release.Name }}\n  {{- include "x" . }}\n';
    expect(alignTemplate(template, 'metadata:\n  name: rel\n  a: b')).toEqual([literal(1), { line: 2, how: 'templated', column: 9 }, { line: 3, how: 'generated' }]);
  });
});

describe('alignTemplate: branches that did not print', () => {
  const server = ARGS_FILES['templates/server.yaml']!;
  const [rendered] = documents(ARGS_STREAM, 'args/templates/server.yaml');
  const origins = alignTemplate(server, rendered!);

  it('a line with the same text as a line of an if not taken maps past it (its verbatim neighbour was not printed)', () => {
    expect(origins.slice(8)).toEqual([
      literal(10),
      { line: 11, how: 'templated', column: 11 },
      { line: 18, how: 'templated', column: 11 }, // the range's line, not the dtype line 15
      { line: 24, how: 'templated', column: 11, valueRef: ['dir'] }, // the else branch, not line 22
    ]);
  });

  it('short verbatim lines of a block not taken do not win over the action that printed them; a taken block keeps its own', () => {
    const template = [
      'spec:',
      '{{- with .Values.resources }}',
      '  resources:',
      '    {{- toYaml . | nindent 4 }}',
      '{{- end }}',
      '{{- if .Values.defaults }}',
      '  priority: high',
      '  resources:',
      '    limits:',
      '      cpu: "1"',
      '    requests:',
      '      cpu: "1"',
      '{{- end }}',
      '',
    ].join('\n');
    const generated = { line: 4, how: 'generated', valuesBlock: ['resources'] };
    expect(alignTemplate(template, 'spec:\n  resources:\n    limits:\n      cpu: "8"\n    requests:\n      cpu: "8"')).toEqual([literal(1), literal(3), generated, generated, generated, generated]);
    expect(alignTemplate(template, 'spec:\n  priority: high\n  resources:\n    limits:\n      cpu: "1"\n    requests:\n      cpu: "1"')).toEqual([literal(1), literal(7), literal(8), literal(9), literal(10), literal(11), literal(12)]);
  });

  it('without a verbatim line to prove a branch was skipped, the first line that fits is taken', () => {
    const template = 'args:\n{{- if .Values.a }}\n- {{ .Values.a }}\n{{- end }}\n- {{ .Values.b }}\n';
    expect(alignTemplate(template, 'args:\n- x')).toEqual([literal(1), { line: 3, how: 'templated', column: 3, valueRef: ['a'] }]);
  });
});

describe('alignTemplate: what must not map', () => {
  it('a template with nothing alignable (edited since rendering, or only directives) maps nothing', () => {
    expect(alignTemplate('apiVersion: v2\nkind: Other\n', 'kind: Pod\nmetadata:\n  name: x')).toEqual([undefined, undefined, undefined]);
    expect(alignTemplate('{{- if .Values.x }}\n{{/* nothing */}}\n{{- end }}\n', 'kind: Pod')).toEqual([undefined]);
    expect(alignTemplate('', 'kind: Pod')).toEqual([undefined]);
  });

  it('a templated line needs the same indentation and the same text around its actions', () => {
    const template = 'spec:\n  name: {{ .Values.name }}\n  image: "{{ .Values.image }}"\n';
    expect(alignTemplate(template, 'spec:\n    name: x\n  image: x\n  image: "x"')).toEqual([
      literal(1),
      undefined, // deeper than the template line
      undefined, // without the quotes the template has around its action
      { line: 3, how: 'templated', column: 11 },
    ]);
    expect(alignTemplate('  {{ $k }}: {{ $v }}\n', '    a: b\n  a: b')).toEqual([undefined, { line: 1, how: 'templated', column: 3 }]);
  });

  it('an action with nindent N prints nothing less indented than N', () => {
    const template = 'metadata:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n';
    expect(alignTemplate(template, 'metadata:\n  labels:\n    a: b\n  other: c')).toEqual([literal(1), literal(2), { line: 3, how: 'generated' }, undefined]);
  });

  it('lines inside a comment or a define print nothing there, even when the text is the same', () => {
    const template = '{{/*\nkind: Secret\n*/}}\n{{- define "x" }}\nkind: Role\n{{- end }}\nkind: ConfigMap\n';
    expect(alignTemplate(template, 'kind: Secret\nkind: Role\nkind: ConfigMap')).toEqual([undefined, undefined, literal(7)]);
  });

  it('valueRef never for a key that is not a plain values reference', () => {
    const template = ['a: {{ .Values.a | default 1 }}', 'b: {{ .Values.b }}s', 'c: {{ .Release.Name }}', 'd: {{- .Values.d }}', 'e: {{ $.Values.e }}', 'f: {{ .Values.f }} {{ .Values.g }}'].join('\n');
    const origins = alignTemplate(template, 'a: 1\nb: 2s\nc: rel\nd:4\ne: 5\nf: 6 7');
    expect(origins.map((origin) => (origin?.how === 'templated' ? origin.valueRef : 'not templated'))).toEqual([undefined, undefined, undefined, ['d'], ['e'], undefined]);
    expect(origins.map((origin) => origin?.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('alignTemplate: bounded cost', () => {
  it('a 5,000-line template with if blocks and values aligns fast, and correctly', () => {
    const template: string[] = [];
    const rendered: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      template.push(`- name: item-${i}`, `  value: {{ .Values.v${i} }}`, `  {{- if .Values.flag${i} }}`, `  flag: on-${i}`, '  {{- end }}');
      rendered.push(`- name: item-${i}`, `  value: ${i}`);
      if (i % 2 === 0) rendered.push(`  flag: on-${i}`);
    }
    const started = performance.now();
    const origins = alignTemplate(template.join('\n'), rendered.join('\n'));
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(origins[0]).toEqual(literal(1));
    expect(origins[1]).toEqual({ line: 2, how: 'templated', column: 10, valueRef: ['v0'] });
    expect(origins[2]).toEqual(literal(4));
    expect(origins[3]).toEqual(literal(6)); // item-1: its flag was dropped
    expect(origins[rendered.length - 1]).toEqual({ line: 4_997, how: 'templated', column: 10, valueRef: ['v999'] });
  });

  it('5,000 lines with nothing in common and 5,000 identical lines both finish fast', () => {
    const different = Array.from({ length: 5_000 }, (_, i) => `t${i}: x`).join('\n');
    const other = Array.from({ length: 5_000 }, (_, i) => `r${i}: x`).join('\n');
    const same = Array.from({ length: 5_000 }, () => '- a').join('\n');
    const started = performance.now();
    expect(alignTemplate(different, other).every((origin) => origin === undefined)).toBe(true);
    const repeated = alignTemplate(same, `${same}\n${same}`);
    expect(repeated.slice(0, 5_000).every((origin, index) => origin?.line === index + 1)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
