/**
 * `--format sarif` as code scanning consumes it: valid against the official SARIF 2.1.0 schema
 * (`../shared/schemas`, draft-04) and GitHub's own requirements, over every example and the whole
 * shared corpus; regions at the offending text, stable fingerprints, fixes, suppressions,
 * notifications for config errors and Helm templates, logical locations.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, expectCleanExit, expectNoCrash, parseReport, ROOT, runInProcess, tempDir, type JsonFinding, type JsonReport } from '../cli/run.js';
import {
  applyReplacements,
  expectGithubRequirements,
  expectValidSarif,
  parseSarif,
  positionAt,
  regionText,
  resultPath,
  SARIF_SCHEMA,
  schemaPresent,
  SHARED,
  textOf,
} from './helpers.js';

/** `../shared/corpus`; GPU_DRAIN_LINT_CORPUS points elsewhere (as for test/cli/corpus.test.ts). */
const CORPUS = process.env.GPU_DRAIN_LINT_CORPUS ? resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS) : resolve(SHARED, 'corpus');
const corpusPresent = existsSync(CORPUS) && statSync(CORPUS).isDirectory();
if (!schemaPresent) console.warn(`[sarif.test] ${SARIF_SCHEMA} is absent: SARIF is checked against GitHub's requirements only, not the official schema.`);
if (!corpusPresent) console.warn(`[sarif.test] ${CORPUS} is absent: skipping the SARIF check of the corpus.`);

const EXAMPLE_FILES = readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f)).sort();
const DIAGNOSTICS = new Set(['yaml-syntax', 'invalid-value', 'unused-suppression']);

function validate(log: Sarif.Log, label: string): void {
  if (schemaPresent) expectValidSarif(log, label);
  expectGithubRequirements(log);
}

async function lintSarif(args: string[], cwd = ROOT): Promise<{ log: Sarif.Log; status: number | null; stderr: string }> {
  const result = await runInProcess(['--format', 'sarif', ...args], { cwd });
  expectCleanExit(result);
  return { log: parseSarif(result.stdout), status: result.status, stderr: result.stderr };
}

async function lintJson(args: string[], cwd = ROOT): Promise<JsonReport> {
  const result = await runInProcess(['--format', 'json', ...args], { cwd });
  expectCleanExit(result);
  return JSON.parse(result.stdout) as JsonReport;
}

/** JSON findings by absolute path, in report order (JSON carries `fix` and `fingerprint` too). */
type FullFinding = JsonFinding & { fingerprint: string; fix?: { safety: string; description: string; edits: { range: [number, number]; text: string }[] }; suppressions?: unknown[] };
function findingsByFile(report: JsonReport, cwd: string): Map<string, FullFinding[]> {
  return new Map(report.files.map((f) => [resolve(cwd, f.path), f.findings as FullFinding[]]));
}

function resultsByFile(run: Sarif.Run): Map<string, Sarif.Result[]> {
  const map = new Map<string, Sarif.Result[]>();
  for (const result of run.results ?? []) {
    const path = resultPath(run, result.locations![0]!.physicalLocation!.artifactLocation!);
    map.set(path, [...(map.get(path) ?? []), result]);
  }
  return map;
}

/**
 * Each region sits inside its file at real text: not blank, not a comment, its ends on token
 * boundaries (so an inclusive or off-by-one end shows), and on line 1 only when the offending
 * text is on line 1. The region is the JSON report's position of the same finding.
 */
function expectRegionsAtTheirText(run: Sarif.Run, json: Map<string, FullFinding[]>): void {
  for (const [path, results] of resultsByFile(run)) {
    const text = textOf(path);
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const findings = json.get(path);
    expect(findings, `${path} is in the SARIF results but not in the JSON report`).toBeDefined();
    expect(results.map((r) => r.ruleId), `${path}: SARIF and JSON list different findings`).toEqual(findings!.map((f) => f.ruleId));
    results.forEach((result, i) => {
      const region = result.locations![0]!.physicalLocation!.region!;
      const where = `${path}:${region.startLine}:${region.startColumn} ${result.ruleId}`;
      const finding = findings![i]!;
      expect(
        { startLine: region.startLine, startColumn: region.startColumn, endLine: region.endLine, endColumn: region.endColumn },
        `${where}: the SARIF region is not the finding's position`,
      ).toEqual({
        startLine: finding.line,
        startColumn: finding.column,
        endLine: finding.endLine,
        // An empty range (a point) is widened to one character, which code scanning can highlight.
        endColumn: finding.endLine === finding.line && finding.endColumn === finding.column ? finding.column + 1 : finding.endColumn,
      });
      let covered: string;
      try {
        covered = regionText(text, region);
      } catch (error) {
        throw new Error(`${where}: the region is outside the file: ${(error as Error).message}`);
      }
      const startLineText = lines[region.startLine! - 1]!;
      expect(covered.trim(), `${where}: the region covers only blank space`).not.toBe('');
      expect(startLineText.slice(region.startColumn! - 1).startsWith('#'), `${where}: the region starts in a comment`).toBe(false);
      if (region.startLine === 1) {
        const first = startLineText.trim();
        expect(first !== '' && !first.startsWith('#') && first !== '---', `${where}: a result on line 1, which has no offending text ("${first}")`).toBe(true);
      }
      if (DIAGNOSTICS.has(result.ruleId!) || region.startLine !== region.endLine) return;
      expect(covered, `${where}: the region "${covered}" starts or ends with blank space (an off-by-one end?)`).toBe(covered.trim());
      const before = startLineText[region.startColumn! - 2];
      const after = startLineText[region.endColumn! - 1];
      expect(before === undefined || /[\s\-[{,]/.test(before), `${where}: the region "${covered}" starts inside a word (after "${before}")`).toBe(true);
      expect(after === undefined || /[\s:,\]}#]/.test(after), `${where}: the region "${covered}" ends inside a word (before "${after}"): is endColumn exclusive?`).toBe(true);
    });
  }
}

describe('--format sarif: schema and GitHub requirements', () => {
  it.skipIf(!schemaPresent)('the validator rejects invalid SARIF (so the checks below are not vacuous)', async () => {
    const { log } = await lintSarif(['fixtures/examples/vllm-broken.yaml']);
    expectValidSarif(log);
    const broken = structuredClone(log);
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(() => expectValidSarif(broken)).toThrow();
    const noVersion = { ...structuredClone(log), version: '2.0.0' };
    expect(() => expectValidSarif(noVersion)).toThrow();
  });

  describe.concurrent.each(EXAMPLE_FILES)('fixtures/examples/%s', (file) => {
    it('is valid SARIF 2.1.0 that code scanning accepts, with every region at its offending text', async () => {
      const path = `fixtures/examples/${file}`;
      const [{ log }, json] = await Promise.all([lintSarif([path]), lintJson([path])]);
      validate(log, path);
      const run = log.runs[0]!;
      expect(run.invocations?.[0]?.executionSuccessful).toBe(true);
      expectRegionsAtTheirText(run, findingsByFile(json, ROOT));
      for (const result of run.results ?? []) {
        expect(result.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(path);
        // The examples start with a comment: nothing may be reported on line 1.
        expect(result.locations![0]!.physicalLocation!.region!.startLine, `${result.ruleId} on line 1`).toBeGreaterThan(1);
      }
    });
  });

  it('the whole examples folder in one run: one run, every example listed', async () => {
    const [{ log, status }, json] = await Promise.all([lintSarif(['fixtures/examples']), lintJson(['fixtures/examples'])]);
    expect(status).toBe(1);
    validate(log, 'fixtures/examples');
    const run = log.runs[0]!;
    expect(new Set((run.results ?? []).map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri))).toEqual(
      new Set(json.files.filter((f) => f.findings.length > 0).map((f) => f.path)),
    );
    expect(run.results!.length).toBe(json.files.reduce((n, f) => n + f.findings.length, 0));
    expectRegionsAtTheirText(run, findingsByFile(json, ROOT));
    // Every rule that ran is described, findings or not.
    const ruleIds = run.tool.driver.rules!.map((r) => r.id);
    for (const doc of readdirSync(join(ROOT, 'docs/rules'))) expect(ruleIds).toContain(doc.replace(/\.md$/, ''));
  });

  it.skipIf(!corpusPresent)('the shared corpus, whole folder in one run', { timeout: 120_000 }, async () => {
    const args = [relative(ROOT, CORPUS)];
    const [{ log }, json] = await Promise.all([lintSarif(args), lintJson(args)]);
    validate(log, CORPUS);
    const run = log.runs[0]!;
    expect(run.results!.length).toBeGreaterThan(0);
    expectRegionsAtTheirText(run, findingsByFile(json, ROOT));
    // Files that are not linted (Helm templates, syntax errors) are said so, not silently dropped.
    const fatal = json.files.filter((f) => f.findings.some((x) => x.fatal));
    expect(fatal.length).toBeGreaterThan(0);
    const notifications = run.invocations![0]!.toolExecutionNotifications ?? [];
    for (const file of fatal) {
      expect(notifications.some((n) => n.message.text?.includes(file.path)), `no toolExecutionNotification for ${file.path}`).toBe(true);
    }
  });

  it("every rule's descriptions are complete text, not cut mid-sentence", async () => {
    const { log } = await lintSarif(['fixtures/examples/vllm-fixed.yaml']);
    for (const rule of log.runs[0]!.tool.driver.rules!) {
      for (const key of ['shortDescription', 'fullDescription'] as const) {
        const text = rule[key]!.text.trim();
        expect(
          /[.!?…]["'`)]*$/.test(text),
          `${rule.id}: ${key} ends mid-sentence (code scanning shows it as the rule's description): "…${text.slice(-120)}"`,
        ).toBe(true);
      }
      // The doc is the help, in both forms.
      const doc = join(ROOT, 'docs/rules', `${rule.id}.md`);
      if (existsSync(doc)) {
        expect(rule.help!.markdown, rule.id).toBe(readFileSync(doc, 'utf8'));
        expect(rule.helpUri, rule.id).toMatch(/^https:\/\/.*\.md$/);
      }
    }
  });
});

describe('--format sarif: results', () => {
  it('logicalLocations name the object as namespace/Kind/name', async () => {
    const [{ log }, json] = await Promise.all([lintSarif(['fixtures/examples']), lintJson(['fixtures/examples'])]);
    const jsonByFile = findingsByFile(json, ROOT);
    for (const [path, results] of resultsByFile(log.runs[0]!)) {
      results.forEach((result, i) => {
        const object = jsonByFile.get(path)![i]!.object!;
        const logical = result.locations![0]!.logicalLocations;
        expect(logical, `${path} ${result.ruleId}`).toHaveLength(1);
        expect(logical![0]!.fullyQualifiedName).toBe([object.namespace, object.kind, object.name].filter(Boolean).join('/'));
        expect(logical![0]!.name).toBe(object.name);
      });
    }
    const broken = log.runs[0]!.results!.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'fixtures/examples/vllm-broken.yaml');
    expect(broken.length).toBeGreaterThan(0);
    for (const result of broken) expect(result.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe('inference/Deployment/vllm-llama');
  });

  it('a region is the offending field, with an exclusive end column in UTF-16 code units', async () => {
    const { log } = await lintSarif(['fixtures/examples/vllm-broken.yaml']);
    const text = textOf(join(EXAMPLES, 'vllm-broken.yaml'));
    const byRule = new Map(log.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.region!]));
    // A missing grace period is reported at the pod template's `spec:` key, a missing preStop at the container.
    expect(regionText(text, byRule.get('grace-period-default')!)).toBe('spec');
    expect(byRule.get('grace-period-default')!.startLine).toBe(19);
    expect(regionText(text, byRule.get('prestop-missing')!)).toBe('name: vllm');
    expect(regionText(text, byRule.get('liveness-gates-on-load')!)).toBe('livenessProbe');
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');

    // Columns count UTF-16 code units: each 🚀 before the field counts 2.
    const emojiSource = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: emoji',
      '  namespace: inference',
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels:',
      '      app: emoji',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: emoji',
      '    spec:',
      '      containers:',
      '        - {name: "🚀🚀", image: "vllm/vllm-openai:v0.11.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, livenessProbe: {httpGet: {path: /health, port: 8000}}}',
      '',
    ].join('\n');
    const dir = tempDir({ 'emoji.yaml': emojiSource });
    const { log: emoji } = await lintSarif(['emoji.yaml'], dir);
    const emojiRegions = new Map(emoji.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.region!]));
    expect(regionText(emojiSource, emojiRegions.get('prestop-missing')!)).toBe('name: "🚀🚀"');
    expect(regionText(emojiSource, emojiRegions.get('startup-probe-missing')!)).toBe('livenessProbe');
  });

  // Issue 15, item 17: a syntax error is about no object; its file tells two of them apart.
  it('a syntax error\'s partialFingerprint is its rule and text: the same in two files (the location tells them apart), on every run, wherever the file is named from', async () => {
    const broken = 'apiVersion: apps/v1\n kind: Deployment\nmetadata:\n  name: vllm\n';
    const dir = tempDir({ 'a.yaml': broken, 'deploy/b.yaml': broken, 'c.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n', 'd.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n' });
    const fingerprintsOf = (log: Sarif.Log) =>
      new Map(log.runs[0]!.results!.filter((r) => r.ruleId === 'yaml-syntax').map((r) => [r.locations![0]!.physicalLocation!.artifactLocation!.uri!, r.partialFingerprints!['gpuDrainLint/v1']!]));
    const [first, again, dotted] = await Promise.all([
      lintSarif(['a.yaml', 'deploy/b.yaml', 'c.yaml', 'd.yaml'], dir),
      lintSarif(['a.yaml', 'deploy/b.yaml', 'c.yaml', 'd.yaml'], dir),
      lintSarif(['./a.yaml', './deploy/b.yaml', 'c.yaml', 'd.yaml'], dir),
    ]);
    const fingerprints = fingerprintsOf(first.log);
    expect([...fingerprints.keys()].sort()).toEqual(['a.yaml', 'c.yaml', 'd.yaml', 'deploy/b.yaml']);
    expect(fingerprints.get('a.yaml')).toBe(fingerprints.get('deploy/b.yaml'));
    expect(fingerprints.get('c.yaml')).toBe(fingerprints.get('d.yaml'));
    expect(new Set(fingerprints.values()).size).toBe(2);
    expect(fingerprintsOf(again.log)).toEqual(fingerprints);
    expect(fingerprintsOf(dotted.log)).toEqual(fingerprints);
  });

  it('partialFingerprints stay the same when unrelated lines move', async () => {
    const original = `${readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8')}---\n${readFileSync(join(EXAMPLES, 'websocket-ingress.yaml'), 'utf8')}`;
    // Comment lines on top and around every document separator; `newLine` maps the old line numbers.
    const movedLines = ['# added on top', '# and another line'];
    const newLine = new Map<number, number>();
    original.split('\n').forEach((line, i) => {
      if (line === '---') movedLines.push('# before the separator');
      movedLines.push(line);
      newLine.set(i + 1, movedLines.length);
      if (line === '---') movedLines.push('# after the separator', '');
    });
    const moved = movedLines.join('\n');
    expect(original.split('\n').filter((l) => l === '---').length).toBeGreaterThan(1);
    const a = tempDir({ 'app.yaml': original });
    const b = tempDir({ 'app.yaml': moved });
    const [before, after] = await Promise.all([lintSarif(['app.yaml'], a), lintSarif(['app.yaml'], b)]);
    validate(after.log, 'moved');
    const fingerprints = (log: Sarif.Log) => log.runs[0]!.results!.map((r) => `${r.ruleId} ${JSON.stringify(r.partialFingerprints)}`).sort();
    const startLines = (log: Sarif.Log) => new Map(log.runs[0]!.results!.map((r) => [JSON.stringify(r.partialFingerprints), r.locations![0]!.physicalLocation!.region!.startLine!]));
    expect(before.log.runs[0]!.results!.length).toBeGreaterThan(3);
    expect(fingerprints(after.log)).toEqual(fingerprints(before.log));
    const linesBefore = startLines(before.log);
    const documents = new Set<number>();
    for (const [fingerprint, line] of startLines(after.log)) {
      const was = linesBefore.get(fingerprint)!;
      expect(line, `${fingerprint}: moved from line ${was}`).toBe(newLine.get(was));
      expect(line).not.toBe(was);
      documents.add(original.split('\n').slice(0, was).filter((l) => l === '---').length);
    }
    // Results in more than one document moved by different amounts, and kept their fingerprints.
    expect(documents.size).toBeGreaterThan(1);
    // Different findings have different fingerprints.
    expect(new Set(fingerprints(before.log)).size).toBe(before.log.runs[0]!.results!.length);
  });

  it('fixable findings carry fixes[] whose replacements are the fix, at the right regions', async () => {
    const [{ log }, json] = await Promise.all([lintSarif(['fixtures/examples']), lintJson(['fixtures/examples'])]);
    const jsonByFile = findingsByFile(json, ROOT);
    let fixable = 0;
    for (const [path, results] of resultsByFile(log.runs[0]!)) {
      const text = textOf(path);
      results.forEach((result, i) => {
        const finding = jsonByFile.get(path)![i]!;
        const where = `${path} ${result.ruleId}`;
        if (!finding.fixable) {
          expect(result.fixes, `${where}: not fixable, yet has fixes`).toBeUndefined();
          return;
        }
        fixable++;
        expect(result.fixes, `${where}: fixable, but no fixes[]`).toHaveLength(1);
        const fix = result.fixes![0]!;
        expect(fix.description?.text, where).toContain(finding.fix!.description);
        expect(fix.artifactChanges, where).toHaveLength(1);
        const change = fix.artifactChanges[0]!;
        expect(change.artifactLocation, where).toEqual(result.locations![0]!.physicalLocation!.artifactLocation);
        expect(change.replacements.length, where).toBe(finding.fix!.edits.length);
        finding.fix!.edits.forEach((edit, j) => {
          const start = positionAt(text, edit.range[0]);
          const end = positionAt(text, edit.range[1]);
          expect(change.replacements[j]!.deletedRegion, `${where}: replacement ${j}`).toEqual({ startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column });
          expect(change.replacements[j]!.insertedContent?.text, `${where}: replacement ${j}`).toBe(edit.text);
        });
      });
    }
    expect(fixable).toBeGreaterThan(2);
  });

  it("applying a result's SARIF fix repairs the finding", async () => {
    const source = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
    const { log } = await lintSarif(['fixtures/examples/vllm-broken.yaml']);
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'grace-period-default')!;
    const fixed = applyReplacements(source, result.fixes![0]!.artifactChanges[0]!.replacements);
    expect(fixed.split('\n')).toEqual([...source.split('\n').slice(0, 19), '      terminationGracePeriodSeconds: 180', ...source.split('\n').slice(19)]);
    const dir = tempDir({ 'fixed.yaml': fixed });
    const after = parseReport((await runInProcess(['--format', 'json', 'fixed.yaml'], { cwd: dir })).stdout);
    expect(after.files[0]!.findings.map((f) => f.ruleId)).not.toContain('grace-period-default');
  });

  it('suppressed findings carry suppressions[]: inSource with the comment\'s reason, external from config ignores', async () => {
    const source = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8').replace(
      '    spec:\n      containers:',
      '    # gpu-drain-lint-disable-next-line grace-period-default -- batch scorer, no live requests\n    spec:\n      containers:',
    );
    const dir = tempDir({
      'vllm.yaml': source,
      '.gpu-drain-lint.yaml': 'ignores:\n  - { rule: prestop-missing, kind: Deployment, namespace: inference, name: vllm-llama, reason: "managed by the platform team" }\n',
    });
    const { log } = await lintSarif(['vllm.yaml'], dir);
    validate(log, 'suppressions');
    const byRule = new Map(log.runs[0]!.results!.map((r) => [r.ruleId, r]));
    expect(byRule.get('grace-period-default')?.suppressions).toEqual([expect.objectContaining({ kind: 'inSource', justification: 'batch scorer, no live requests' })]);
    expect(byRule.get('prestop-missing')?.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: 'managed by the platform team' })]);
    expect(byRule.get('liveness-gates-on-load')?.suppressions).toBeUndefined();
    // The annotation form is in the source too.
    const annotated = tempDir({
      'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8').replace('  labels:\n    app: vllm-llama\nspec:', '  labels:\n    app: vllm-llama\n  annotations:\n    gpu-drain-lint.io/ignore: liveness-gates-on-load\nspec:'),
    });
    const { log: viaAnnotation } = await lintSarif(['vllm.yaml'], annotated);
    const liveness = viaAnnotation.runs[0]!.results!.find((r) => r.ruleId === 'liveness-gates-on-load');
    expect(liveness?.suppressions).toEqual([expect.objectContaining({ kind: 'inSource' })]);
    expect(liveness!.suppressions![0]!.justification).toBeTruthy();
  });
});

describe('--format sarif: problems with the run', () => {
  // Issue 19: an empty SARIF report of a failed run, once uploaded, may close the open alerts.
  it('a config error exits 2 and writes no SARIF anywhere: not on stdout, not with -o, not with --output-sarif', async () => {
    const dir = tempDir({
      'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'),
      '.gpu-drain-lint.yaml': 'rules:\n  no-such-rule: error\n',
    });
    const result = await runInProcess(['--format', 'sarif', 'vllm.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('.gpu-drain-lint.yaml:2:3');
    expect(result.stderr).toContain('no-such-rule');
    expectNoCrash(result.stderr);
    const toFile = await runInProcess(['--format', 'sarif', '-o', 'out/results.sarif', 'vllm.yaml'], { cwd: dir });
    expect(toFile.status).toBe(2);
    expect(existsSync(join(dir, 'out/results.sarif'))).toBe(false);

    // Beside another format: no file either; on GitHub the error is an annotation at its line.
    const other = tempDir({ 'vllm.yaml': 'kind: List\nitems: []\n', 'lint-config.yaml': 'rules: [1]\n' });
    const beside = await runInProcess(['--format', 'github', '--output-sarif', 'out/results.sarif', '--config', 'lint-config.yaml', 'vllm.yaml'], { cwd: other });
    expect(beside.status).toBe(2);
    expect(existsSync(join(other, 'out/results.sarif'))).toBe(false);
    expect(beside.stdout).toMatch(/^::error file=lint-config\.yaml,line=1,col=8,title=gpu-drain-lint::invalid configuration: rules .+\n$/);
  });

  it('the SARIF file is written last: a run that fails to write its main report leaves none', async () => {
    const dir = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8') });
    // The main report cannot be written (its directory is a file): the run fails, and leaves no SARIF.
    const blocked = tempDir({ 'vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), 'report': 'a file, not a directory\n' });
    const failed = await runInProcess(['--format', 'json', '-o', 'report/out.json', '--output-sarif', 'results.sarif', 'vllm.yaml'], { cwd: blocked });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('cannot write the report to "report/out.json"');
    expect(existsSync(join(blocked, 'results.sarif'))).toBe(false);
    const ok = await runInProcess(['--format', 'json', '-o', 'report/out.json', '--output-sarif', 'results.sarif', 'vllm.yaml'], { cwd: dir });
    expect(ok.status).toBe(1);
    validate(parseSarif(readFileSync(join(dir, 'results.sarif'), 'utf8'), 'results.sarif'), 'results.sarif');
  });

  it('a Helm template gives a toolExecutionNotification at the file', async () => {
    const dir = tempDir({
      'chart/templates/deployment.yaml': [
        '{{- if .Values.enabled }}',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ .Release.Name }}-vllm',
        'spec:',
        '  replicas: {{ .Values.replicas }}',
        '{{- end }}',
        '',
      ].join('\n'),
      'good.yaml': readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8'),
    });
    const { log } = await lintSarif(['.'], dir);
    validate(log, 'helm');
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications ?? [];
    const helm = notifications.filter((n) => n.message.text?.includes('chart/templates/deployment.yaml'));
    expect(helm, JSON.stringify(notifications)).toHaveLength(1);
    expect(helm[0]!.message.text).toMatch(/helm/i);
    expect(['error', 'warning']).toContain(helm[0]!.level);
    expect(helm[0]!.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('chart/templates/deployment.yaml');
    // The good manifest was still linted.
    expect((log.runs[0]!.results ?? []).filter((r) => !r.locations![0]!.physicalLocation!.artifactLocation!.uri!.startsWith('chart/'))).toEqual([]);
  });
});
