/**
 * Odd but legal input, in-process through `lint()` with every rule: what the API server would
 * read (repeated keys, YAML 1.1 scalars), long streams, line endings and byte-order marks,
 * unreadable inputs, deep nesting and alias bombs. Each input is linted beside a canary manifest,
 * which must still get its findings, and every finding must point inside its file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuDeployment, positionOf, ROOT } from '../cli/run.js';
import { CANARY, encode, expectCanaryLinted, expectPositionsInside, lintBesideCanary, lintInputs, type Finding } from './helpers.js';

const at = (f: { line: number; column: number }) => `${f.line}:${f.column}`;
const only = (findings: readonly Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
const graceFindings = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId.startsWith('grace-'));

/** Lints `text` beside the canary: the findings of `text`, checked to sit inside it. */
function lintText(text: string | Uint8Array, path = 'm.yaml'): Finding[] {
  const { file, canary } = lintBesideCanary(path, text);
  expectCanaryLinted(canary.findings);
  expectPositionsInside(file.findings, text);
  return file.findings;
}

describe('unreadable input', () => {
  it('{ readError } is one fatal yaml-syntax finding at 1:1 with the reason; the other inputs are linted', () => {
    const results = lintInputs([
      { path: 'locked.yaml', content: { readError: 'cannot read the file: permission denied' }, reportable: true },
      { path: 'canary.yaml', content: encode(CANARY), reportable: true },
      { path: 'gone.yaml', content: { readError: 'cannot read the file: it does not exist (a broken symbolic link?)' }, reportable: true },
    ]);
    expect(results.map((r) => r.path)).toEqual(['locked.yaml', 'canary.yaml', 'gone.yaml']);
    for (const [index, reason] of [
      [0, 'permission denied'],
      [2, 'broken symbolic link'],
    ] as const) {
      const findings = results[index]!.findings;
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error', fatal: true, line: 1, column: 1, endLine: 1, endColumn: 1 });
      expect(findings[0]!.message).toContain(reason);
    }
    expectCanaryLinted(results[1]!.findings);
  });

  it('an unreadable --context file does not stop the run and is not reported', () => {
    const results = lintInputs([
      { path: 'canary.yaml', content: encode(CANARY), reportable: true },
      { path: 'context.yaml', content: { readError: 'cannot read the file: EIO' }, reportable: false },
    ]);
    expect(results.map((r) => r.path)).toEqual(['canary.yaml']);
    expectCanaryLinted(results[0]!.findings);
  });
});

describe('repeated keys: the last value is read, as the API server reads it', () => {
  const withGrace = (...values: string[]) => gpuDeployment({ podSpecLines: values.map((v) => `terminationGracePeriodSeconds: ${v}`) });

  it('terminationGracePeriodSeconds: 300 then 60 is judged as 60, at the second key', () => {
    const text = withGrace('300', '60');
    const findings = graceFindings(lintText(text));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('grace-budget-exceeded');
    expect(findings[0]!.message).toContain('terminationGracePeriodSeconds: 60');
    expect(findings[0]!.message).not.toContain('300');
    expect(at(findings[0]!)).toBe(at(positionOf(text, 'terminationGracePeriodSeconds: 60')));
  });

  it('terminationGracePeriodSeconds: 60 then 300 is judged as 300: no grace finding', () => {
    expect(graceFindings(lintText(withGrace('60', '300')))).toEqual([]);
  });

  it('a repeated kind, name or containers key takes the last one', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'kind: Deployment',
      'apiVersion: apps/v1',
      'metadata:',
      '  name: first',
      '  namespace: inference',
      '  name: last',
      'spec:',
      '  replicas: 2',
      '  selector: {matchLabels: {app: dup}}',
      '  template:',
      '    metadata: {labels: {app: dup}}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx',
      '      containers:',
      '        - name: vllm',
      '          image: vllm/vllm-openai:v0.11.0',
      '          ports: [{containerPort: 8000}]',
      '          resources: {limits: {nvidia.com/gpu: 1}}',
      '',
    ].join('\n');
    const prestop = only(lintText(text), 'prestop-missing');
    expect(prestop).toHaveLength(1);
    expect(prestop[0]!.object).toEqual({ kind: 'Deployment', namespace: 'inference', name: 'last' });
    expect(at(prestop[0]!)).toBe(at(positionOf(text, 'name: vllm')));
  });

  it('a repeated key inside a flow mapping takes the last value too', () => {
    const text = gpuDeployment().replace(/ {10}lifecycle:\n {12}preStop:\n {14}sleep:\n {16}seconds: 15\n/, '          lifecycle: {preStop: {sleep: {seconds: 15}}, preStop: {sleep: {seconds: 5}}}\n');
    expect(text).toContain('seconds: 5');
    const findings = lintText(text);
    // A 5 s preStop: the budget is 5 + 150 + 15 = 170 s, as the message says.
    const grace = only(findings, 'grace-period-default');
    expect(grace).toHaveLength(1);
    expect(grace[0]!.message).toContain('170 s');
  });

  // Whether a repeated key should also be a finding of its own is not decided: the API server
  // (go-yaml v2 via sigs.k8s.io/yaml) silently takes the last value, and today gpu-drain-lint
  // emits no finding for it. kubectl >= 1.27 warns about duplicate fields on apply.
  it.todo('a repeated key is reported at its second occurrence (the first value is silently lost)');
});

describe('YAML 1.1 scalars in the fields rules read', () => {
  const deployment = (grace: string, extra: { replicas?: string; sleep?: string } = {}) => {
    let text = gpuDeployment({ podSpecLines: [`terminationGracePeriodSeconds: ${grace}`] });
    if (extra.replicas) text = text.replace('  replicas: 2', `  replicas: ${extra.replicas}`);
    if (extra.sleep) text = text.replace('seconds: 15', `seconds: ${extra.sleep}`);
    return text;
  };

  it('terminationGracePeriodSeconds: 0300 is octal 192, above the 180 s budget: no grace finding', () => {
    expect(graceFindings(lintText(deployment('0300')))).toEqual([]);
    expect(only(lintText(deployment('0300')), 'invalid-value')).toEqual([]);
  });

  it('terminationGracePeriodSeconds: 0200 is octal 128, below the budget, and the message says 128', () => {
    const findings = graceFindings(lintText(deployment('0200')));
    expect(findings.map((f) => f.ruleId)).toEqual(['grace-budget-exceeded']);
    expect(findings[0]!.message).toContain('128');
    expect(findings[0]!.message).not.toContain('200');
  });

  it('0xC8 is hexadecimal 200: no grace finding', () => {
    expect(graceFindings(lintText(deployment('0xC8')))).toEqual([]);
  });

  it('a preStop sleep of 010 seconds is octal 8, and the budget counts 8 s', () => {
    const findings = graceFindings(lintText(deployment('60', { sleep: '010' })));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('preStop 8 s');
    expect(findings[0]!.message).toContain('173 s');
  });

  it.each(['yes', 'on', 'No', 'OFF', 'y', 'n'])('%s is a boolean: invalid-value at the value, naming the boolean', (value) => {
    const text = deployment(value);
    const invalid = only(lintText(text), 'invalid-value');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.message).toContain('terminationGracePeriodSeconds');
    expect(invalid[0]!.message).toMatch(/boolean/);
    const key = positionOf(text, `terminationGracePeriodSeconds: ${value}\n`);
    expect(at(invalid[0]!)).toBe(at({ line: key.line, column: key.column + 'terminationGracePeriodSeconds: '.length }));
  });

  it('replicas: on and a preStop sleep of off are invalid values, not numbers', () => {
    const text = deployment('200', { replicas: 'on', sleep: 'off' });
    const invalid = only(lintText(text), 'invalid-value');
    expect(invalid.map((f) => f.message).join('\n')).toMatch(/replicas must be an integer, got the boolean true/);
    expect(invalid.map((f) => f.message).join('\n')).toMatch(/seconds must be an integer, got the boolean false/);
  });

  it('a quoted "0300" is a string, not octal: invalid-value', () => {
    const invalid = only(lintText(deployment('"0300"')), 'invalid-value');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.message).toContain('"0300"');
  });
});

describe('a 1 000-document stream', () => {
  // 500 GPU Deployments without a preStop, each followed by a ConfigMap.
  const documents = Array.from({ length: 1000 }, (_, i) =>
    i % 2 === 0
      ? gpuDeployment({ name: `vllm-${i / 2}`, preStop: false })
      : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: inference\ndata:\n  key: "${i}"\n`,
  );
  const text = documents.join('---\n');

  it('every Deployment is judged, each finding on its own document`s line', () => {
    const prestop = only(lintText(text, 'stream.yaml'), 'prestop-missing');
    expect(prestop).toHaveLength(500);
    for (const index of [0, 1, 249, 250, 498, 499]) {
      const name = `vllm-${index}`;
      const finding = prestop.find((f) => f.object?.name === name);
      expect(finding, name).toBeDefined();
      expect(at(finding!), name).toBe(at(positionOf(text, 'name: vllm\n', `name: ${name}\n`)));
    }
  });

  it('a syntax error in document 701 (a ConfigMap) costs that document only', () => {
    const broken = [...documents];
    broken[701] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n';
    const findings = lintText(broken.join('---\n'), 'stream.yaml');
    const syntax = only(findings, 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.line).toBe(positionOf(broken.join('---\n'), 'name: a: b').line);
    expect(only(findings, 'prestop-missing')).toHaveLength(500);
  });
});

describe('line endings and byte-order marks', () => {
  const fixtures = fixtureFiles();

  it('has fixtures to compare', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  it('for every fixture, CRLF, a BOM and both give the same findings at the same positions as LF', () => {
    for (const path of fixtures) {
      const lf = readFileSync(join(ROOT, path), 'utf8').replace(/\r\n/g, '\n');
      const variants = { crlf: lf.replace(/\n/g, '\r\n'), bom: `\uFEFF${lf}`, 'bom-crlf': `\uFEFF${lf.replace(/\n/g, '\r\n')}` };
      const expected = summarize(lintBesideCanary(path, lf).file.findings);
      for (const [name, text] of Object.entries(variants)) {
        const { file, canary } = lintBesideCanary(path, text);
        expectCanaryLinted(canary.findings);
        expectPositionsInside(file.findings, text, `${path} (${name}) `);
        expect(summarize(file.findings), `${path} (${name})`).toEqual(expected);
      }
    }
  });

  it('a BOM at the start of a later document (files concatenated with cat) does not hide that document', () => {
    // go-yaml v2 (the API server) skips a BOM at the start of any line; the linter reads
    // "\uFEFFapiVersion" as the key, and the second object has no apiVersion.
    const first = gpuDeployment({ name: 'first', preStop: false });
    const second = gpuDeployment({ name: 'second', preStop: false });
    const text = `\uFEFF${first}---\n\uFEFF${second}`;
    const prestop = only(lintText(text), 'prestop-missing');
    expect(prestop.map((f) => f.object?.name)).toEqual(['first', 'second']);
  });

  it('old Mac line endings (CR only) are line breaks to YAML and to kubectl: the same findings as LF, not an empty file', () => {
    // YAML 1.1 and 1.2 both count a lone CR as a line break, and go-yaml v2 (the API server)
    // reads such a file as the LF one. Today the whole file is one line to the parser.
    const lf = gpuDeployment({ name: 'mac', preStop: false });
    const cr = lf.replace(/\n/g, '\r');
    const expected = summarize(lintText(lf));
    expect(expected.length).toBeGreaterThan(0);
    const findings = lintBesideCanary('cr.yaml', cr).file.findings;
    expect(summarize(findings)).toEqual(expected);
  });

  it('a CR-only file that starts with a comment is not silently empty', () => {
    // Today the comment runs to the end of the file: no object, no finding, exit 0.
    const lf = `# exported from a classic Mac editor\n${gpuDeployment({ name: 'mac', preStop: false })}`;
    const findings = lintBesideCanary('cr.yaml', lf.replace(/\n/g, '\r')).file.findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(summarize(findings)).toEqual(summarize(lintText(lf)));
  });
});

describe('syntax errors at the very end of a file', () => {
  it.each([
    ['an unterminated quote', "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '"],
    ['an unclosed flow sequence', '['],
    ['an unterminated quote before a final newline', 'a: "\n'],
  ])('%s: the finding ends inside the file, not a column past its end', (_name, text) => {
    const findings = lintText(text);
    expect(only(findings, 'yaml-syntax')).toHaveLength(1);
    // An editor (or a SARIF viewer) cannot place an end one column past the last character.
    expectPositionsInside(findings, text, '', true);
  });
});

describe('deep nesting and alias bombs, in-process', () => {
  it.each([
    ['flow sequences', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow mappings', `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['compact block sequences', `a:\n  ${'- '.repeat(10_000)}x\n`],
    ['in a pod spec', gpuDeployment().replace('      containers:\n', `      volumes: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n      containers:\n`)],
  ])('10 000 levels of %s: lint() returns one fatal yaml-syntax finding inside the file', (_name, text) => {
    const findings = lintText(text);
    const syntax = only(findings, 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.fatal).toBe(true);
  });

  it('lint() on a billion-laughs document returns without expanding it', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol, namespace: default}', 'data:', '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    let previous = 'a';
    for (const name of 'bcdefghi') {
      lines.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      previous = name;
    }
    lines.push('  labels: *i', 'spec: *i', '');
    const before = process.memoryUsage().heapUsed;
    lintText(lines.join('\n'));
    // 9^9 strings would take gigabytes; without expansion the heap barely moves.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(512 * 1024 * 1024);
  });
});

/** The fixtures' manifests, relative to the project root. */
function fixtureFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) found.push(relative(ROOT, full));
    }
  };
  walk(join(ROOT, 'fixtures'));
  return found.sort();
}

function summarize(findings: readonly Finding[]) {
  return findings.map(({ ruleId, line, column, endLine, endColumn, message }) => ({ ruleId, line, column, endLine, endColumn, message }));
}
