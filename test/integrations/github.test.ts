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

interface LogGroup {
  title: string;
  lines: string[];
}

/**
 * The log's structure: workflow commands, then `::group::` … `::endgroup::` blocks (never nested,
 * always closed) holding the plain lines; a plain line outside a group would be a stray.
 */
function logGroups(stdout: string): LogGroup[] {
  const groups: LogGroup[] = [];
  let open: LogGroup | undefined;
  for (const line of stdout.split('\n').slice(0, -1)) {
    if (line.startsWith('::group::')) {
      expect(open, `a group opens inside "${open?.title}"`).toBeUndefined();
      open = { title: line.slice('::group::'.length), lines: [] };
    } else if (line === '::endgroup::') {
      expect(open, 'a group closes that was not open').toBeDefined();
      groups.push(open!);
      open = undefined;
    } else if (open) {
      expect(line.startsWith('::'), `a workflow command inside a group: ${line.slice(0, 200)}`).toBe(false);
      open.lines.push(line);
    } else {
      expect(line, 'a plain line outside a group').toMatch(/^::(error|warning|notice) /);
    }
  }
  expect(open, 'the last group is not closed').toBeUndefined();
  expect(stdout === '' || stdout.endsWith('\n')).toBe(true);
  return groups;
}

/** Every finding of the JSON report is a line of the log, in a group of its file titled with its counts. */
function expectLogListsEvery(stdout: string, report: JsonReport): void {
  const groups = logGroups(stdout);
  const files = report.files.filter((f) => f.findings.length > 0);
  expect(groups.map((g) => g.title)).toEqual(
    files.map((f) => `${f.path}: ${f.errorCount} error${f.errorCount === 1 ? '' : 's'}, ${f.warningCount} warning${f.warningCount === 1 ? '' : 's'}`),
  );
  groups.forEach((group, i) => {
    const file = files[i]!;
    expect(group.lines).toEqual(
      file.findings.map((f) => `${file.path}:${f.line}:${f.column}  ${f.severity === 'error' ? 'error' : 'warning'}  ${f.ruleId}  ${f.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}`),
    );
  });
}

describe('--format github: annotations', () => {
  it('prints ::error / ::warning commands with file, line, endLine, col, endColumn and the rule id as title', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), 'good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8') });
    const { github, annotations, report } = await lintBoth(['.'], dir);
    expect(github.status).toBe(1);
    expect(annotations.length).toBe(allFindings(report).length);
    expectLogListsEvery(github.stdout, report);
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

  it('lists every finding in the log, grouped per file, beyond what is annotated', async () => {
    const manifest = (from: number) => Array.from({ length: 8 }, (_, i) => brokenGpuDeployment(`vllm-${from + i}`)).join('---\n');
    const dir = tempDir({ 'a/first.yaml': manifest(0), 'b/second.yaml': manifest(8), 'good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8') });
    const { github, annotations, report } = await lintBoth(['.'], dir);
    expect(github.status).toBe(1);
    const total = report.errorCount + report.warningCount;
    expect(report.errorCount).toBeGreaterThan(PER_LEVEL);
    expect(annotations.filter((a) => a.level !== 'notice').length).toBe(2 * PER_LEVEL);
    expect(total).toBeGreaterThan(2 * PER_LEVEL);
    expectLogListsEvery(github.stdout, report);
    expect(logGroups(github.stdout).flatMap((g) => g.lines)).toHaveLength(total);
    expect(annotations.at(-1)!.message).toMatch(/log/);
  });

  it('a line break in a name cannot start a workflow command of its own in the log', async () => {
    const source = brokenGpuDeployment('vllm').replace('  name: vllm\n', '  name: "vllm\\n::error file=x.yaml::injected"\n');
    const dir = tempDir({ 'vllm.yaml': source });
    const { github, annotations, report } = await lintBoth(['vllm.yaml'], dir);
    expect(allFindings(report).some((f) => f.message.includes('\n::error file=x.yaml::injected'))).toBe(true);
    expect(annotations.every((a) => a.properties.file === 'vllm.yaml'), github.stdout).toBe(true);
    expectLogListsEvery(github.stdout, report);
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

/** The job summary's sections: the rule each is about, whether it is collapsed, and its finding rows (cells trimmed). */
function summarySections(markdown: string): { rule: string; collapsed: boolean; rows: string[][] }[] {
  const sections: { rule: string; collapsed: boolean; rows: string[][] }[] = [];
  let openDetails = 0;
  for (const line of markdown.split('\n')) {
    const heading = /^### `([a-z0-9-]+)`: \d+ errors?, \d+ warnings?$/.exec(line);
    const details = /^<details><summary><code>([a-z0-9-]+)<\/code>: \d+ errors?, \d+ warnings?<\/summary>$/.exec(line);
    if (details) openDetails++;
    if (line === '</details>') openDetails--;
    expect(openDetails === 0 || openDetails === 1, 'details sections are not nested').toBe(true);
    if (heading || details) sections.push({ rule: (heading ?? details)![1]!, collapsed: details !== null, rows: [] });
    else if (/^\| (error|warning) \|/.test(line)) sections.at(-1)!.rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  expect(openDetails, 'every <details> is closed').toBe(0);
  return sections;
}

const NO_LINKS = { GITHUB_SERVER_URL: undefined, GITHUB_REPOSITORY: undefined, GITHUB_SHA: undefined };

describe('--format github: job summary', () => {
  it('appends Markdown to GITHUB_STEP_SUMMARY: totals, counts per rule, then every finding under its rule', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), 'chat.yaml': readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8') });
    const summary = join(tempDir(), 'step_summary.md');
    writeFileSync(summary, '# An earlier step\n\nkept\n');
    const { github, report } = await lintBoth(['.'], dir, { GITHUB_STEP_SUMMARY: summary, ...NO_LINKS });
    expect(github.status).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# An earlier step\n\nkept\n'), 'the summary is appended, not overwritten').toBe(true);
    const added = text.slice('# An earlier step\n\nkept\n'.length);
    expect(added).toContain('gpu-drain-lint');
    expect(added).toContain(`${report.errorCount} error`);
    expect(added).toContain(`${report.warningCount} warning`);
    const findings = allFindings(report);
    const rules = [...new Set(findings.map((f) => f.ruleId))];
    for (const rule of rules) {
      const e = findings.filter((f) => f.ruleId === rule && f.severity === 'error').length;
      const w = findings.filter((f) => f.ruleId === rule && f.severity === 'warn').length;
      expect(added, rule).toMatch(new RegExp(`^\\|\\s*\`?${rule}\`?\\s*\\|\\s*${e}\\s*\\|\\s*${w}\\s*\\|\\s*$`, 'm'));
    }
    const sections = summarySections(added);
    expect(sections.map((s) => s.rule).sort()).toEqual([...rules].sort());
    // Rules with errors come first.
    const firstWarningOnly = sections.findIndex((s) => !findings.some((f) => f.ruleId === s.rule && f.severity === 'error'));
    if (firstWarningOnly !== -1) expect(sections.slice(firstWarningOnly).every((s) => !findings.some((f) => f.ruleId === s.rule && f.severity === 'error'))).toBe(true);
    for (const f of findings) {
      const section = sections.find((s) => s.rule === f.ruleId)!;
      const row = section.rows.find((r) => r[1] === `\`${f.path}:${f.line}:${f.column}\``);
      expect(row, `${f.path}:${f.line}:${f.column} ${f.ruleId}`).toBeDefined();
      expect(row![0]).toBe(f.severity === 'error' ? 'error' : 'warning');
      expect(row![2]).toContain(f.message.slice(0, 60));
    }
    expect(sections.reduce((n, s) => n + s.rows.length, 0)).toBe(findings.length);
    expect(added).not.toMatch(/not listed/);
    expect(parseAnnotations(github.stdout).length).toBe(findings.length);
  });

  it('lists every finding of a big run, a rule with more than 10 in a collapsed section, each linked to its line at the commit', async () => {
    const manifest = Array.from({ length: 25 }, (_, i) => brokenGpuDeployment(`vllm-${i}`)).join('---\n');
    // The chat example adds rules with a few findings.
    const dir = tempDir({ 'deploy/many.yaml': manifest, 'deploy/chat.yaml': readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8') });
    const summary = join(tempDir(), 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary, GITHUB_SERVER_URL: 'https://github.example.com', GITHUB_REPOSITORY: 'acme/infra', GITHUB_SHA: 'abc123' };
    const { report } = await lintBoth(['deploy'], dir, env);
    const findings = allFindings(report);
    const text = readFileSync(summary, 'utf8');
    const sections = summarySections(text);
    expect(sections.reduce((n, s) => n + s.rows.length, 0)).toBe(findings.length);
    expect(text).not.toMatch(/not listed/);
    for (const section of sections) {
      const count = findings.filter((f) => f.ruleId === section.rule).length;
      expect(section.rows.length, section.rule).toBe(count);
      expect(section.collapsed, `${section.rule}: ${count} findings`).toBe(count > 10);
    }
    expect(sections.some((s) => s.collapsed) && sections.some((s) => !s.collapsed), 'this run should have rules on both sides of the size').toBe(true);
    for (const f of findings) {
      expect(text).toContain(`[${f.path}:${f.line}:${f.column}](https://github.example.com/acme/infra/blob/abc123/${f.path}#L${f.line})`);
    }
  });

  it("stays within GitHub's 1 MiB per step, counting what earlier writes left, and says how many findings it left out", async () => {
    const manifest = Array.from({ length: 25 }, (_, i) => brokenGpuDeployment(`vllm-${i}`)).join('---\n');
    const dir = tempDir({ 'many.yaml': manifest });
    const summary = join(tempDir(), 'summary.md');
    const earlier = `# An earlier step\n\n${'x'.repeat(1024 * 1024 - 40_000)}\n`;
    writeFileSync(summary, earlier);
    const { report } = await lintBoth(['many.yaml'], dir, { GITHUB_STEP_SUMMARY: summary, ...NO_LINKS });
    const total = report.errorCount + report.warningCount;
    const bytes = readFileSync(summary);
    expect(bytes.length).toBeLessThanOrEqual(1024 * 1024);
    const added = bytes.toString('utf8').slice(earlier.length);
    const listed = summarySections(added).reduce((n, s) => n + s.rows.length, 0);
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(total);
    const note = added.split('\n').find((l) => /not listed/.test(l));
    expect(note, 'no note about the findings left out').toBeDefined();
    expect(note).toMatch(new RegExp(`(?<!\\d)${total - listed} more findings? (is|are) not listed`));
    expect(note).toMatch(/log/);
    // The totals and the counts per rule still count everything.
    expect(added).toContain(`${report.errorCount} errors`);
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
