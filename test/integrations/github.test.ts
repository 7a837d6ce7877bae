/**
 * `--format github`: workflow-command annotations as the Actions runner parses them (escaping,
 * columns, GitHub's 10 errors + 10 warnings per step), the job summary appended to
 * GITHUB_STEP_SUMMARY, and annotations plus a SARIF file from one run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings, EXAMPLES, expectCleanExit, parseReport, runInProcess, tempDir, type JsonReport } from '../cli/run.js';
import { brokenGpuDeployment, expectGithubRequirements, expectValidSarif, parseAnnotations, parseSarif, schemaPresent, type Annotation } from './helpers.js';

const PER_LEVEL = 10;

/** Runs `--format github` and `--format json` on the same inputs. */
async function lintBoth(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const github = await runInProcess(['--format', 'github', ...args], { cwd, env: { GITHUB_STEP_SUMMARY: undefined, ...env } });
  expectCleanExit(github);
  const json = await runInProcess(['--format', 'json', ...args], { cwd, env: { GITHUB_STEP_SUMMARY: undefined } });
  expectCleanExit(json);
  return { github, annotations: parseAnnotations(github.stdout), report: parseReport(json.stdout) };
}

/** Every '%' of a command line starts one of GitHub's escapes, and the line has no raw CR. */
function expectEscaped(annotation: Annotation): void {
  expect(annotation.raw).not.toMatch(/\r/);
  expect(annotation.raw.replace(/%(?:25|0D|0A|3A|2C)/g, '')).not.toContain('%');
}

/** The annotation of each JSON finding, in order, with the same text once unescaped. */
function expectAnnotationsMatch(annotations: Annotation[], report: JsonReport): void {
  const findings = allFindings(report);
  const shown = annotations.filter((a) => a.level !== 'notice');
  for (const a of shown) {
    expectEscaped(a);
    const finding = findings.find((f) => f.path === a.properties.file && f.ruleId === a.properties.title && String(f.line) === a.properties.line && f.message === a.message);
    expect(finding, `no finding for ${a.raw.slice(0, 300)}`).toBeDefined();
    expect(a.level).toBe(finding!.severity === 'error' ? 'error' : 'warning');
    expect(a.properties.endLine).toBe(String(finding!.endLine));
    if (finding!.line === finding!.endLine) {
      expect(a.properties.col, a.raw).toBe(String(finding!.column));
      expect(a.properties.endColumn, a.raw).toBe(String(finding!.endColumn));
    } else {
      // GitHub ignores columns on multi-line annotations: they are left out.
      expect(a.properties.col, a.raw).toBeUndefined();
      expect(a.properties.endColumn, a.raw).toBeUndefined();
    }
    expect(Object.keys(a.properties)).toEqual(finding!.line === finding!.endLine ? ['file', 'line', 'endLine', 'col', 'endColumn', 'title'] : ['file', 'line', 'endLine', 'title']);
  }
}

describe('--format github: annotations', () => {
  it('prints ::error / ::warning commands with file, line, endLine, col, endColumn and the rule id as title', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), 'good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8') });
    const { github, annotations, report } = await lintBoth(['.'], dir);
    expect(github.status).toBe(1);
    expect(github.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('::')), github.stdout).toBe(true);
    expect(annotations.length).toBe(allFindings(report).length);
    expectAnnotationsMatch(annotations, report);
    const grace = annotations.find((a) => a.properties.title === 'grace-period-default')!;
    expect(grace.raw).toMatch(/^::error file=vllm\.yaml,line=19,endLine=19,col=5,endColumn=9,title=grace-period-default::Deployment inference\/vllm-llama /);
    expect(annotations.some((a) => a.properties.file === 'good.yaml')).toBe(false);
  });

  it("escapes like GitHub's toolkit: %, CR and LF in messages; also : and , in properties", async () => {
    const source = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8')
      // An annotation value quoted in an invalid-value message puts a % in it…
      .replace('  labels:\n    app: vllm-llama\nspec:', '  labels:\n    app: vllm-llama\n  annotations:\n    gpu-drain-lint.io/longest-request: "100%"\nspec:')
      // …and a name with a line break puts CR and LF into every message about the object.
      .replace('  name: vllm-llama\n  namespace: inference\n  labels', '  name: "vllm-50%\\r\\nllama"\n  namespace: inference\n  labels');
    const name = 'deploy,prod:eu/vllm%1.yaml';
    const dir = tempDir({ [name]: source });
    const { annotations, report } = await lintBoth([name], dir);
    expect(annotations.length).toBeGreaterThan(2);
    expectAnnotationsMatch(annotations, report);
    for (const a of annotations) {
      expect(a.properties.file).toBe(name);
      expect(a.raw).toContain('file=deploy%2Cprod%3Aeu/vllm%251.yaml,');
    }
    const invalid = annotations.find((a) => a.properties.title === 'invalid-value');
    expect(invalid?.message).toContain('"100%"');
    expect(invalid?.raw).toContain('"100%25"');
    const grace = annotations.find((a) => a.properties.title === 'grace-period-default')!;
    expect(grace.message).toContain('vllm-50%\r\nllama');
    expect(grace.raw).toContain('vllm-50%25%0D%0Allama');
    // Messages keep their : and , (only properties escape them).
    expect(grace.raw.split('::')[2]).toContain(':');
  });

  it('gives columns only when an annotation starts and ends on one line', async () => {
    const triton = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: triton',
      '  namespace: inference',
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels:',
      '      app: triton',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: triton',
      '    spec:',
      '      terminationGracePeriodSeconds: 180',
      '      containers:',
      '        - name: triton',
      '          image: nvcr.io/nvidia/tritonserver:24.08-py3',
      '          ports:',
      '            - containerPort: 8000',
      '          resources:',
      '            limits:',
      '              nvidia.com/gpu: 1',
      '          lifecycle:',
      '            preStop:',
      '              exec:',
      '                command:',
      '                  - /bin/sh',
      '                  - -c',
      '                  - sleep 3',
      '          readinessProbe:',
      '            httpGet:',
      '              path: /v2/health/ready',
      '              port: 8000',
      '',
    ].join('\n');
    const dir = tempDir({ 'triton.yaml': triton });
    const { annotations, report } = await lintBoth(['triton.yaml'], dir);
    expectAnnotationsMatch(annotations, report);
    const multiLine = annotations.filter((a) => a.properties.line !== a.properties.endLine);
    const singleLine = annotations.filter((a) => a.properties.line === a.properties.endLine);
    expect(multiLine.length, 'this manifest should give a finding over several lines (the preStop command)').toBeGreaterThan(0);
    expect(singleLine.length).toBeGreaterThan(0);
    for (const a of multiLine) expect(a.raw).not.toMatch(/[,\s](col|endColumn)=/);
    for (const a of singleLine) expect(a.raw).toMatch(/,col=\d+,endColumn=\d+,/);
  });

  it('shows at most 10 errors and 10 warnings, most severe first, then one notice counting the rest and saying where they are', async () => {
    const manifest = Array.from({ length: 25 }, (_, i) => brokenGpuDeployment(`vllm-${i}`)).join('---\n');
    const dir = tempDir({ 'many.yaml': manifest });
    const { github, annotations, report } = await lintBoth(['many.yaml'], dir);
    expect(github.status).toBe(1);
    const errors = report.errorCount;
    const warnings = report.warningCount;
    expect(errors).toBeGreaterThan(PER_LEVEL);
    expect(warnings).toBeGreaterThan(PER_LEVEL);
    const levels = annotations.map((a) => a.level);
    expect(levels.filter((l) => l === 'error')).toHaveLength(PER_LEVEL);
    expect(levels.filter((l) => l === 'warning')).toHaveLength(PER_LEVEL);
    // Errors first, then warnings, then the notice, last.
    expect(levels).toEqual([...Array(PER_LEVEL).fill('error'), ...Array(PER_LEVEL).fill('warning'), 'notice']);
    expectAnnotationsMatch(annotations, report);
    const notice = annotations.at(-1)!;
    expectEscaped(notice);
    const hidden = errors + warnings - 2 * PER_LEVEL;
    expect(notice.message).toMatch(new RegExp(`(?<!\\d)${hidden} more\\b`));
    expect(notice.message).toMatch(/job summary|SARIF/i);
    expect(notice.message).toContain(`${errors} errors`);
    expect(notice.message).toContain(`${warnings} warnings`);
    // The first errors are the first findings in the file.
    const firstErrors = allFindings(report).filter((f) => f.severity === 'error').slice(0, PER_LEVEL);
    expect(annotations.slice(0, PER_LEVEL).map((a) => `${a.properties.line} ${a.properties.title}`)).toEqual(firstErrors.map((f) => `${f.line} ${f.ruleId}`));
  });

  it('no notice when nothing is hidden, and nothing at all for a clean manifest', async () => {
    const dir = tempDir({ 'good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8'), 'bad.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8') });
    const clean = await lintBoth(['good.yaml'], dir);
    expect(clean.github.status).toBe(0);
    expect(clean.github.stdout).toBe('');
    const some = await lintBoth(['bad.yaml'], dir);
    expect(some.annotations.some((a) => a.level === 'notice')).toBe(false);
  });
});

describe('--format github: job summary', () => {
  it('appends Markdown to GITHUB_STEP_SUMMARY: counts per rule and severity, a table of findings', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), 'chat.yaml': readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8') });
    const summary = join(tempDir(), 'step_summary.md');
    writeFileSync(summary, '# An earlier step\n\nkept\n');
    const { github, report } = await lintBoth(['.'], dir, { GITHUB_STEP_SUMMARY: summary });
    expect(github.status).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# An earlier step\n\nkept\n'), 'the summary is appended, not overwritten').toBe(true);
    const added = text.slice('# An earlier step\n\nkept\n'.length);
    expect(added).toContain('gpu-drain-lint');
    expect(added).toContain(`${report.errorCount} error`);
    expect(added).toContain(`${report.warningCount} warning`);
    // Counts per rule: a row per rule with its error and warning counts.
    const findings = allFindings(report);
    for (const rule of new Set(findings.map((f) => f.ruleId))) {
      const e = findings.filter((f) => f.ruleId === rule && f.severity === 'error').length;
      const w = findings.filter((f) => f.ruleId === rule && f.severity === 'warn').length;
      expect(added, rule).toMatch(new RegExp(`^\\|\\s*\`?${rule}\`?\\s*\\|\\s*${e}\\s*\\|\\s*${w}\\s*\\|\\s*$`, 'm'));
    }
    // A table of findings: one row each, with location, rule and message.
    for (const f of findings) {
      const row = added.split('\n').find((l) => l.startsWith('|') && l.includes(`${f.path}:${f.line}:${f.column}`) && l.includes(f.ruleId));
      expect(row, `${f.path}:${f.line}:${f.column} ${f.ruleId}`).toBeDefined();
      expect(row).toContain(f.message.slice(0, 60));
    }
    expect(added).not.toMatch(/more findings are not listed/);
    // The annotations still went to stdout.
    expect(parseAnnotations(github.stdout).length).toBe(findings.length);
  });

  it('caps the findings table, with a note saying how many are left out', async () => {
    const manifest = Array.from({ length: 25 }, (_, i) => brokenGpuDeployment(`vllm-${i}`)).join('---\n');
    const dir = tempDir({ 'many.yaml': manifest });
    const summary = join(tempDir(), 'summary.md');
    const { report } = await lintBoth(['many.yaml'], dir, { GITHUB_STEP_SUMMARY: summary });
    const total = report.errorCount + report.warningCount;
    const text = readFileSync(summary, 'utf8');
    const rows = text.split('\n').filter((l) => /^\|\s*(error|warn|warning)\s*\|/.test(l));
    expect(total).toBeGreaterThan(100);
    expect(rows.length, 'the findings table is not capped').toBeLessThan(total);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const note = text.split('\n').find((l) => /not listed|left out|more findings/i.test(l));
    expect(note, 'no note about the capped table').toBeDefined();
    expect(note).toMatch(new RegExp(`(?<!\\d)${total - rows.length}(?!\\d)`));
    // Errors come first in the table.
    const severities = rows.map((r) => r.split('|')[1]!.trim());
    expect(severities.indexOf('warn') === -1 || severities.lastIndexOf('error') < severities.indexOf('warn')).toBe(true);
    // The counts per rule still count everything.
    expect(text).toContain(`${report.errorCount} errors`);
  });

  it('writes no summary without GITHUB_STEP_SUMMARY, and none for other formats', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8') });
    const summary = join(tempDir(), 'summary.md');
    writeFileSync(summary, '');
    const result = await runInProcess(['--format', 'json', 'vllm.yaml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expectCleanExit(result);
    expect(readFileSync(summary, 'utf8')).toBe('');
  });
});

describe('--format github --output-sarif', () => {
  it('writes annotations to stdout and valid SARIF to the file, from one run', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), 'chat.yaml': readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8') });
    const summary = join(tempDir(), 'summary.md');
    const { github, annotations, report } = await lintBoth(['.', '--output-sarif', 'reports/x.sarif'], dir, { GITHUB_STEP_SUMMARY: summary });
    expect(github.status).toBe(1);
    expect(github.stderr).toBe('');
    expectAnnotationsMatch(annotations, report);
    expect(annotations.length).toBe(allFindings(report).length);
    const log = parseSarif(readFileSync(join(dir, 'reports/x.sarif'), 'utf8'), 'reports/x.sarif');
    if (schemaPresent) expectValidSarif(log, 'reports/x.sarif');
    expectGithubRequirements(log);
    const results = log.runs[0]!.results!;
    expect(results.map((r) => `${r.locations![0]!.physicalLocation!.artifactLocation!.uri}:${r.locations![0]!.physicalLocation!.region!.startLine} ${r.ruleId}`).sort()).toEqual(
      allFindings(report).map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort(),
    );
    expect(readFileSync(summary, 'utf8')).toContain('gpu-drain-lint');
  });
});
