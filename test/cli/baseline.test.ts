/**
 * Adopting the linter in a repository with findings today (docs/baseline.md): fingerprints that
 * survive unrelated edits, `--baseline-write`, `--baseline` (and config `baseline`),
 * `--baseline-prune`, through the built CLI for the whole cycle and in-process for the details.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, expectCleanExit, expectNoCrash, parseReport, run, runInProcess, stylishFindings, tempDir, type JsonFinding, type RunResult } from './run.js';

const broken = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
const fixed = readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8');
const BASELINE = '.gpu-drain-lint-baseline.json';

interface BaselineFile {
  version: number;
  tool: string;
  findings: { fingerprint: string; rule: string; path: string; object?: string; message: string; count?: number }[];
}

const readBaseline = (dir: string, name = BASELINE) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as BaselineFile;

type Suppressed = JsonFinding & { suppressions?: { kind: string; justification?: string }[] };

/** The JSON report's findings, each as `path rule`, with whether the baseline silenced it. */
function findingsOf(result: RunResult): { shown: string[]; baselined: string[]; all: Suppressed[] } {
  const report = parseReport(result.stdout);
  const all = report.files.flatMap((f) => (f.findings as Suppressed[]).map((finding) => ({ ...finding, path: f.path })));
  const isBaselined = (f: Suppressed) => f.suppressions?.some((s) => s.justification === 'baseline') ?? false;
  const label = (f: Suppressed & { path: string }) => `${f.path} ${f.ruleId}`;
  return { shown: all.filter((f) => !f.suppressions).map(label).sort(), baselined: all.filter(isBaselined).map(label).sort(), all };
}

/** `ruleId object` → fingerprint, for one file's findings. */
async function fingerprints(text: string): Promise<Map<string, string>> {
  const dir = tempDir({ 'm.yaml': text });
  const result = await runInProcess(['--format', 'json', 'm.yaml'], { cwd: dir });
  expectCleanExit(result);
  const findings = parseReport(result.stdout).files.flatMap((f) => f.findings);
  const map = new Map<string, string>();
  for (const f of findings) {
    const key = `${f.ruleId} ${f.object?.kind ?? ''}/${f.object?.name ?? ''}`;
    expect(map.has(key), `two findings keyed ${key}`).toBe(false);
    map.set(key, f.fingerprint);
  }
  return map;
}

describe('fingerprints', () => {
  /** A GPU Deployment whose grace period is too short (its message states the arithmetic) with a sidecar before the model server. */
  const withGrace = (grace: number, name = 'vllm-llama') =>
    broken
      .replace('    spec:\n      containers:\n', `    spec:\n      terminationGracePeriodSeconds: ${grace}\n      containers:\n`)
      .replaceAll('vllm-llama', name);

  it('stay the same when lines move: comments, blank lines and unrelated objects above', async () => {
    const before = await fingerprints(broken);
    expect(before.size).toBeGreaterThanOrEqual(5);
    const moved = `# owned by the platform team\n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n---\n${broken.replace('  replicas: 2\n', '  # two for now\n\n  replicas: 2\n')}`;
    expect(await fingerprints(moved)).toEqual(before);
  });

  it('stay the same when containers are reordered or one is inserted before', async () => {
    const sidecar = '        - name: proxy\n          image: envoyproxy/envoy:v1.31.0\n';
    const before = await fingerprints(broken);
    const inserted = broken.replace('      containers:\n', `      containers:\n${sidecar}`);
    expect(inserted).not.toBe(broken);
    const after = await fingerprints(inserted);
    for (const [key, fingerprint] of before) expect(after.get(key), key).toBe(fingerprint);
    // Moving the sidecar after the model server: the model server's findings keep their fingerprints again.
    const appended = broken.replace('          periodSeconds: 10\n---', `          periodSeconds: 10\n${sidecar}---`);
    expect(appended).not.toBe(broken);
    expect(await fingerprints(appended)).toEqual(after);
  });

  it('stay the same when the message arithmetic changes (a grace period of 60 s, then 90 s: both too short)', async () => {
    const sixty = await fingerprints(withGrace(60));
    const ninety = await fingerprints(withGrace(90));
    expect(sixty.has('grace-budget-exceeded Deployment/vllm-llama')).toBe(true);
    expect(ninety).toEqual(sixty);
  });

  it('change when the object is renamed, and differ between rules on the same object', async () => {
    const original = await fingerprints(withGrace(60));
    const renamed = await fingerprints(withGrace(60, 'vllm-mistral'));
    for (const [key, fingerprint] of original) {
      const renamedKey = key.replace('vllm-llama', 'vllm-mistral');
      expect(renamed.get(renamedKey), renamedKey).toBeDefined();
      expect(renamed.get(renamedKey), key).not.toBe(fingerprint);
    }
    expect(new Set(original.values()).size).toBe(original.size);
  });

  it('do not depend on the working directory or on how the file is named', async () => {
    const dir = tempDir({ 'deploy/m.yaml': broken });
    const fromRoot = parseReport((await runInProcess(['--format', 'json', 'deploy/m.yaml'], { cwd: dir })).stdout);
    const fromInside = parseReport((await runInProcess(['--format', 'json', './m.yaml'], { cwd: join(dir, 'deploy') })).stdout);
    expect(fromInside.files[0]!.findings.map((f) => f.fingerprint)).toEqual(fromRoot.files[0]!.findings.map((f) => f.fingerprint));
  });
});

describe('the baseline cycle, through the built CLI', () => {
  it('write → clean → a new mistake is the only finding → a fixed one is a stale entry → prune removes it', () => {
    const dir = tempDir({ 'deploy/vllm.yaml': broken, 'deploy/good.yaml': fixed.replaceAll('vllm-llama', 'vllm-good') });

    const before = run(['deploy'], { cwd: dir });
    expect(before.status).toBe(1);

    const write = run(['--baseline-write', BASELINE, 'deploy'], { cwd: dir });
    expectCleanExit(write, [0]);
    expect(write.stdout).toBe('');
    expect(write.stderr).toBe(`gpu-drain-lint: recorded 6 findings in the baseline ${BASELINE}\n`);
    const recorded = readBaseline(dir);
    expect(recorded.version).toBe(1);
    expect(recorded.tool).toBe('gpu-drain-lint');
    expect(recorded.findings).toHaveLength(6);
    expect(new Set(recorded.findings.map((e) => e.path))).toEqual(new Set(['deploy/vllm.yaml']));
    // Sorted (path, rule): a new finding is one inserted entry in a diff.
    const rules = recorded.findings.map((e) => e.rule);
    expect(rules).toEqual([...rules].sort());
    expect(recorded.findings.every((e) => e.object === 'Deployment inference/vllm-llama' && e.message.length > 0 && e.message.length <= 100)).toBe(true);

    const clean = run(['--baseline', BASELINE, 'deploy'], { cwd: dir });
    expectCleanExit(clean, [0]);
    expect(clean.stdout).toMatch(/no problems/);
    expect(clean.stderr).toBe(`gpu-drain-lint: 6 findings matched the baseline ${BASELINE} and are not reported\n`);

    // A new mistake: a second model server, copied from the first.
    writeFileSync(join(dir, 'deploy/new.yaml'), broken.replaceAll('vllm-llama', 'vllm-new'));
    const added = run(['--baseline', BASELINE, '--format', 'json', 'deploy'], { cwd: dir });
    expectCleanExit(added, [1]);
    const { shown, baselined } = findingsOf(added);
    expect(shown.length).toBe(6);
    expect(shown.every((f) => f.startsWith('deploy/new.yaml '))).toBe(true);
    expect(baselined.length).toBe(6);
    expect(baselined.every((f) => f.startsWith('deploy/vllm.yaml '))).toBe(true);

    // Fixing one accepted finding: its entry matches nothing any more, and is named.
    writeFileSync(join(dir, 'deploy/vllm.yaml'), broken.replace('    spec:\n      containers:\n', '    spec:\n      terminationGracePeriodSeconds: 180\n      containers:\n'));
    const fixedOne = run(['--baseline', BASELINE, 'deploy/vllm.yaml'], { cwd: dir });
    expectCleanExit(fixedOne, [0]);
    expect(fixedOne.stderr).toContain('gpu-drain-lint: 5 findings matched the baseline');
    expect(fixedOne.stderr).toContain('1 baseline entry no longer matches any finding; run --baseline-prune to remove it:\n  deploy/vllm.yaml: grace-period-default on Deployment inference/vllm-llama\n');

    const prune = run(['--baseline', BASELINE, '--baseline-prune', 'deploy/vllm.yaml'], { cwd: dir });
    expectCleanExit(prune, [0]);
    expect(prune.stderr).toContain(`removed 1 stale entry from the baseline ${BASELINE}`);
    const pruned = readBaseline(dir);
    expect(pruned.findings.map((e) => e.rule)).toEqual(recorded.findings.map((e) => e.rule).filter((r) => r !== 'grace-period-default'));

    const after = run(['--baseline', BASELINE, 'deploy/vllm.yaml'], { cwd: dir });
    expectCleanExit(after, [0]);
    expect(after.stderr).toBe(`gpu-drain-lint: 5 findings matched the baseline ${BASELINE} and are not reported\n`);
  });
});

describe('--baseline', () => {
  it('multiplicity: a fingerprint recorded twice silences two findings; a third is new', async () => {
    // Three copies of one object in one file give three findings with one fingerprint each rule.
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: none\n  ports:\n    - port: 80\n';
    const deployment = broken.split('---\n')[0]!;
    const dir = tempDir({ 'twice.yaml': [deployment, deployment].join('---\n'), 'side.yaml': service });
    expectCleanExit(await runInProcess(['--baseline-write', BASELINE, 'twice.yaml'], { cwd: dir }), [0]);
    const recorded = readBaseline(dir);
    expect(recorded.findings.length).toBeGreaterThan(0);
    expect(recorded.findings.every((e) => e.count === 2)).toBe(true);

    writeFileSync(join(dir, 'twice.yaml'), [deployment, deployment, deployment].join('---\n'));
    const result = await runInProcess(['--baseline', BASELINE, '--format', 'json', 'twice.yaml'], { cwd: dir });
    const { shown, baselined } = findingsOf(result);
    expect(baselined.length).toBe(2 * recorded.findings.length);
    expect(shown.length).toBe(recorded.findings.length);
    expect(new Set(shown.map((s) => s.split(' ')[1]))).toEqual(new Set(recorded.findings.map((e) => e.rule)));
    expect(result.status).toBe(1);

    // Down to one copy: every entry has one occurrence left over, and pruning keeps count 1.
    writeFileSync(join(dir, 'twice.yaml'), deployment);
    const one = await runInProcess(['--baseline', BASELINE, '--baseline-prune', 'twice.yaml'], { cwd: dir });
    expect(one.status, one.stderr).toBe(0);
    expect(readBaseline(dir).findings.map((e) => e.count)).toEqual(recorded.findings.map(() => undefined));
  });

  it('every format reports the same: only the new finding shown, the baselined ones carried as suppressed (JSON, SARIF) or left out (stylish, concise, github, gitlab, junit)', async () => {
    const dir = tempDir({ 'old.yaml': broken });
    expectCleanExit(await runInProcess(['--baseline-write', BASELINE, '.'], { cwd: dir }), [0]);
    writeFileSync(join(dir, 'new.yaml'), broken.replaceAll('vllm-llama', 'vllm-new').replace(/---[\s\S]*$/, ''));
    const runs = Object.fromEntries(
      await Promise.all(['stylish', 'concise', 'json', 'sarif', 'github', 'gitlab', 'junit'].map(async (format) => [format, await runInProcess(['--baseline', BASELINE, '--format', format, '.'], { cwd: dir })] as const)),
    );
    for (const [format, result] of Object.entries(runs)) {
      expectCleanExit(result, [1]);
      expect(result.stderr, format).toBe(`gpu-drain-lint: 6 findings matched the baseline ${BASELINE} and are not reported\n`);
    }
    const json = findingsOf(runs.json!);
    expect(json.baselined).toHaveLength(6);
    expect(json.shown.length).toBeGreaterThan(0);
    expect(json.shown.every((f) => f.startsWith('new.yaml '))).toBe(true);
    const report = parseReport(runs.json!.stdout);
    expect(report.errorCount + report.warningCount).toBe(json.shown.length);

    const sarif = JSON.parse(runs.sarif!.stdout) as Sarif.Log;
    const results = sarif.runs[0]!.results!;
    expect(results.filter((r) => r.suppressions?.[0]?.justification === 'baseline')).toHaveLength(6);
    expect(results.filter((r) => !r.suppressions).map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual(json.shown.map(() => 'new.yaml'));

    const stylish = stylishFindings(runs.stylish!.stdout);
    expect(stylish).toHaveLength(json.shown.length);
    expect(stylish.every((f) => f.path === 'new.yaml')).toBe(true);
    expect(runs.stylish!.stdout).not.toContain('old.yaml');

    const annotations = runs.github!.stdout.split('\n').filter((l) => /^::(error|warning) /.test(l));
    expect(annotations).toHaveLength(json.shown.length);
    expect(annotations.every((l) => l.includes('file=new.yaml,'))).toBe(true);

    const concise = runs.concise!.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    expect(concise).toHaveLength(json.shown.length);
    expect(concise.every((l) => l.startsWith('new.yaml:'))).toBe(true);
    const gitlab = JSON.parse(runs.gitlab!.stdout) as { location: { path: string } }[];
    expect(gitlab.map((issue) => issue.location.path)).toEqual(json.shown.map(() => 'new.yaml'));
    expect(runs.junit!.stdout.match(/<failure /g)).toHaveLength(json.shown.length);
    expect(runs.junit!.stdout).not.toMatch(/<testcase[^>]*name="old\.yaml"[^>]*>\s*<failure/);
  });

  it('with --fix, applies to what fixing leaves; exit codes follow only the findings it does not hold', async () => {
    const dir = tempDir({ 'm.yaml': broken });
    expectCleanExit(await runInProcess(['--baseline-write', BASELINE, 'm.yaml'], { cwd: dir }), [0]);
    const result = await runInProcess(['--baseline', BASELINE, '--fix', 'm.yaml'], { cwd: dir });
    expectCleanExit(result, [0]);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).not.toBe(broken);
    // The fixed findings' entries match nothing now.
    expect(result.stderr).toMatch(/(\d+) findings? matched the baseline/);
    expect(result.stderr).toMatch(/\d+ baseline entr(y no longer matches|ies no longer match) any finding/);
  });

  it('config baseline, relative to the config file; --baseline overrides it', async () => {
    const dir = tempDir({ 'deploy/m.yaml': broken, 'lint/config.yaml': 'baseline: accepted.json\n' });
    expectCleanExit(await runInProcess(['--baseline-write', 'lint/accepted.json', 'deploy'], { cwd: dir }), [0]);
    expect(readBaseline(dir, 'lint/accepted.json').findings.every((e) => e.path === '../deploy/m.yaml')).toBe(true);

    const configured = await runInProcess(['-c', 'lint/config.yaml', 'deploy'], { cwd: dir });
    expectCleanExit(configured, [0]);
    expect(configured.stderr).toContain('6 findings matched the baseline lint/accepted.json');

    // From another directory, the same files are the same entries.
    const inside = await runInProcess(['-c', '../lint/config.yaml', '.'], { cwd: join(dir, 'deploy') });
    expectCleanExit(inside, [0]);
    expect(inside.stderr).toContain('6 findings matched the baseline ../lint/accepted.json');

    writeFileSync(join(dir, 'empty.json'), '{"version": 1, "tool": "gpu-drain-lint", "findings": []}\n');
    const overridden = await runInProcess(['-c', 'lint/config.yaml', '--baseline', 'empty.json', 'deploy'], { cwd: dir });
    expectCleanExit(overridden, [1]);
    expect(overridden.stderr).toContain('0 findings matched the baseline empty.json');

    const printed = await runInProcess(['-c', 'lint/config.yaml', '--print-config'], { cwd: dir });
    expect(JSON.parse(printed.stdout)).toMatchObject({ baseline: 'lint/accepted.json' });
    const invalid = await runInProcess(['deploy'], { cwd: tempDir({ '.gpu-drain-lint.yaml': 'baseline: 3\n', 'deploy/m.yaml': fixed }) });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/\.gpu-drain-lint\.yaml:1:\d+: baseline/);
  });

  it('a run over some files leaves the entries of the others alone; a deleted file\'s entries are stale', async () => {
    const dir = tempDir({ 'a.yaml': broken, 'b.yaml': broken.replaceAll('vllm-llama', 'vllm-b') });
    expectCleanExit(await runInProcess(['--baseline-write', BASELINE, '.'], { cwd: dir }), [0]);
    const onlyA = await runInProcess(['--baseline', BASELINE, 'a.yaml'], { cwd: dir });
    expectCleanExit(onlyA, [0]);
    expect(onlyA.stderr).toBe(`gpu-drain-lint: 6 findings matched the baseline ${BASELINE} and are not reported\n`);

    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'b.yaml'));
    const gone = await runInProcess(['--baseline', BASELINE, '--baseline-prune', 'a.yaml'], { cwd: dir });
    expectCleanExit(gone, [0]);
    expect(gone.stderr).toContain('removed 6 stale entries');
    expect(new Set(readBaseline(dir).findings.map((e) => e.path))).toEqual(new Set(['a.yaml']));
  });

  it('a missing, corrupt or foreign baseline file is exit 2 with a clear message (file, and line:col for JSON)', async () => {
    const dir = tempDir({ 'm.yaml': broken, 'bad.json': '{\n  "version": 1,\n  "findings": [x]\n}\n', 'old.json': '{"version": 0, "tool": "gpu-drain-lint", "findings": []}', 'list.json': '[]', 'entry.json': '{"version": 1, "tool": "gpu-drain-lint", "findings": [{"rule": "pdb-missing"}]}' });
    const cases: [string, RegExp][] = [
      ['missing.json', /^gpu-drain-lint: cannot read the baseline missing\.json: it does not exist \(create it with --baseline-write\)\n$/],
      ['bad.json', /^gpu-drain-lint: bad\.json:3:16: the baseline is not valid JSON/],
      ['old.json', /^gpu-drain-lint: old\.json: baseline version 0 is not 1/],
      ['list.json', /^gpu-drain-lint: list\.json: not a gpu-drain-lint baseline: it is not a JSON object/],
      ['entry.json', /^gpu-drain-lint: entry\.json: not a gpu-drain-lint baseline: findings\[0\]\.fingerprint is not a non-empty string/],
    ];
    for (const [file, message] of cases) {
      const result = await runInProcess(['--baseline', file, 'm.yaml'], { cwd: dir });
      expect(result.status, file).toBe(2);
      expect(result.stderr, file).toMatch(message);
      expect(result.stdout, file).toBe('');
      expectNoCrash(result.stderr);
    }
  });

  it('option mistakes are usage errors (exit 2)', async () => {
    const dir = tempDir({ 'm.yaml': fixed });
    const cases: [string[], RegExp][] = [
      [['--baseline-prune', 'm.yaml'], /--baseline-prune needs a baseline/],
      [['--baseline', 'a.json', '--baseline-write', 'b.json', 'm.yaml'], /--baseline and --baseline-write cannot be used together/],
      [['--baseline-write', 'b.json', '--fix-dry-run', 'm.yaml'], /--baseline-write .* not --fix-dry-run/],
      [['--baseline', 'b.json', '--baseline-prune', '--fix-dry-run', 'm.yaml'], /--baseline-prune .* not --fix-dry-run/],
    ];
    for (const [args, message] of cases) {
      const result = await runInProcess(args, { cwd: dir });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, 'b.json'))).toBe(false);
  });
});
