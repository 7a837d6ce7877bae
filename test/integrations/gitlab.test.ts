/**
 * `--format gitlab`: a GitLab Code Quality report, valid against the schema written from GitLab's
 * documentation and parser (test/schemas/SOURCES.md), one issue per finding at a
 * repository-relative path, with fingerprints unique in the report and stable across edits
 * elsewhere in the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { allFindings, EXAMPLES, expectCleanExit, parseReport, ROOT, runAsync, runInProcess, tempDir, type JsonReport } from '../cli/run.js';
import { brokenGpuDeployment, ciRepository } from './helpers.js';

interface Issue {
  type?: string;
  check_name: string;
  description: string;
  severity: string;
  fingerprint: string;
  categories?: string[];
  location: { path: string; lines: { begin: number; end?: number } };
}

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test/schemas/gitlab-code-quality.schema.json'), 'utf8')) as object;
const validateSchema = new ajv.default({ allErrors: true, strict: true, strictRequired: false }).compile(SCHEMA);

/** Parses the report (no byte-order mark: GitLab's parser refuses one), validates it and checks fingerprints are unique. */
function parseGitlab(stdout: string): Issue[] {
  expect(stdout.charCodeAt(0), 'a byte-order mark').not.toBe(0xfeff);
  const issues = JSON.parse(stdout) as Issue[];
  expect(validateSchema(issues), JSON.stringify(validateSchema.errors?.slice(0, 5), null, 2)).toBe(true);
  const fingerprints = issues.map((i) => i.fingerprint);
  expect(new Set(fingerprints).size, 'fingerprints are unique in the report').toBe(fingerprints.length);
  return issues;
}

async function lintBoth(args: string[], cwd: string): Promise<{ issues: Issue[]; report: JsonReport; status: number | null }> {
  const gitlab = await runInProcess(['--format', 'gitlab', ...args], { cwd });
  expectCleanExit(gitlab);
  const json = await runInProcess(['--format', 'json', ...args], { cwd });
  return { issues: parseGitlab(gitlab.stdout), report: parseReport(json.stdout), status: gitlab.status };
}

/** The schema can fail: a report GitLab would not read is refused. */
describe('the GitLab Code Quality schema', () => {
  const valid: Issue = { description: 'd', check_name: 'c', fingerprint: 'f', severity: 'major', location: { path: 'a/b.yaml', lines: { begin: 1 } } };
  it.each([
    ['no check_name', { ...valid, check_name: undefined }],
    ['an unknown severity', { ...valid, severity: 'error' }],
    ['an absolute path', { ...valid, location: { ...valid.location, path: '/abs/b.yaml' } }],
    ['a ./ path', { ...valid, location: { ...valid.location, path: './b.yaml' } }],
    ['no line', { ...valid, location: { path: 'b.yaml' } }],
    ['line 0', { ...valid, location: { path: 'b.yaml', lines: { begin: 0 } } }],
  ])('refuses %s', (_what, issue) => {
    expect(validateSchema([valid])).toBe(true);
    expect(validateSchema([JSON.parse(JSON.stringify(issue))])).toBe(false);
  });
});

describe('--format gitlab', () => {
  it('the built CLI writes one issue per finding, valid against the schema, at its rule, path, line and severity', async () => {
    const dir = ciRepository();
    const result = await runAsync(['--format', 'gitlab', '.'], { cwd: dir });
    expectCleanExit(result);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const issues = parseGitlab(result.stdout);
    const report = parseReport((await runInProcess(['--format', 'json', '.'], { cwd: dir })).stdout);
    const findings = allFindings(report);
    expect(issues).toHaveLength(findings.length);
    expect(issues.map((i) => `${i.location.path}:${i.location.lines.begin} ${i.check_name} ${i.description}`)).toEqual(
      findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`),
    );
    findings.forEach((f, i) => {
      const issue = issues[i]!;
      expect(issue.location.lines.end).toBe(f.endLine);
      expect(issue.severity, `${f.ruleId} ${f.severity}`).toBe(f.fatal ? 'critical' : f.severity === 'error' ? 'major' : 'minor');
      expect(issue.type).toBe('issue');
    });
    expect(issues.some((i) => i.check_name === 'yaml-syntax' && i.severity === 'critical')).toBe(true);
    expect(issues.some((i) => i.severity === 'minor')).toBe(true);
    expect(issues.some((i) => i.location.path === 'deploy/good.yaml')).toBe(false);
  });

  it('names files relative to the root, however they were given (absolute inputs too)', async () => {
    const dir = tempDir({ 'deploy/prod/vllm.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8') });
    for (const input of [join(dir, 'deploy/prod/vllm.yaml'), './deploy/prod/vllm.yaml', 'deploy']) {
      const { issues } = await lintBoth([input], dir);
      expect(issues.length, input).toBeGreaterThan(0);
      expect(new Set(issues.map((i) => i.location.path)), input).toEqual(new Set(['deploy/prod/vllm.yaml']));
    }
  });

  it('fingerprints survive edits elsewhere in the file and tell identical findings in two files apart', async () => {
    const manifest = [brokenGpuDeployment('a'), brokenGpuDeployment('b')].join('---\n');
    const dir = tempDir({ 'one.yaml': manifest, 'two.yaml': manifest });
    const { issues } = await lintBoth(['.'], dir);
    const of = (path: string) => issues.filter((i) => i.location.path === path);
    expect(of('one.yaml').length).toBeGreaterThan(2);
    // The same text two lines lower: the same findings and fingerprints, at lines two lower…
    const one = await lintBoth(['one.yaml'], dir);
    const edited = tempDir({ 'one.yaml': `# a comment\n# and another\n${manifest}` });
    const after = await lintBoth(['one.yaml'], edited);
    expect(after.issues.map((i) => i.fingerprint)).toEqual(one.issues.map((i) => i.fingerprint));
    expect(after.issues.map((i) => i.location.lines.begin)).toEqual(one.issues.map((i) => i.location.lines.begin + 2));
    // …while the same findings in another file have other fingerprints.
    const inOne = new Set(of('one.yaml').map((i) => i.fingerprint));
    expect(of('two.yaml').some((i) => inOne.has(i.fingerprint))).toBe(false);
  });

  it('is an empty array for a clean run; with --quiet, errors only; suppressed findings are left out', async () => {
    const fixed = readFileSync(join(EXAMPLES, 'vllm-fixed.yaml'), 'utf8');
    const dir = tempDir({ 'good.yaml': fixed, 'bad.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8') });
    const clean = await runInProcess(['--format', 'gitlab', 'good.yaml'], { cwd: dir });
    expect(clean.status).toBe(0);
    expect(parseGitlab(clean.stdout)).toEqual([]);
    const quiet = await runInProcess(['--format', 'gitlab', '--quiet', 'bad.yaml'], { cwd: dir });
    const issues = parseGitlab(quiet.stdout);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === 'major')).toBe(true);
    const suppressed = tempDir({ 'bad.yaml': readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8'), '.gpu-drain-lint.yaml': 'ignores:\n  - rule: pdb-missing\n    reason: PDBs live in another repository\n' });
    const withIgnore = parseGitlab((await runInProcess(['--format', 'gitlab', 'bad.yaml'], { cwd: suppressed })).stdout);
    expect(withIgnore.some((i) => i.check_name === 'pdb-missing')).toBe(false);
    // The JSON report still lists it, as suppressed.
    const json = JSON.parse((await runInProcess(['--format', 'json', 'bad.yaml'], { cwd: suppressed })).stdout) as JsonReport;
    const pdb = json.files.flatMap((f) => f.findings).find((f) => f.ruleId === 'pdb-missing') as { suppressions?: unknown[] } | undefined;
    expect(pdb?.suppressions).toHaveLength(1);
    expect(withIgnore.length).toBe(json.errorCount + json.warningCount);
  });
});
