/**
 * `--rule id:level`, `--select`, `--ignore` (issue 19): which rules run and at what level, over the
 * config's levels (config < --select/--ignore < --rule); and `--statistics`, checked against the
 * JSON report of the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings, EXAMPLES, expectNoCrash, gpuDeployment, run, runInProcess, tempDir, type JsonFinding, type JsonReport } from './run.js';

/**
 * Three GPU Deployments: a and b without a preStop and without a PDB (grace-period-default,
 * prestop-missing, pdb-missing), c with both (grace-period-default only); d like a, but its
 * prestop-missing is suppressed in the file.
 */
const FILES = {
  'a.yaml': gpuDeployment({ name: 'a', preStop: false }),
  'b.yaml': gpuDeployment({ name: 'b', preStop: false }),
  'c.yaml': gpuDeployment({ name: 'c', pdb: true }),
  'd.yaml': `# gpu-drain-lint-disable-file prestop-missing -- a batch job\n${gpuDeployment({ name: 'd', preStop: false })}`,
};

/** The findings a run shows (suppressed ones stay in the JSON report, marked). */
async function shown(args: string[], files: Record<string, string> = FILES): Promise<{ status: number; findings: JsonFinding[] }> {
  const result = await runInProcess(['-f', 'json', ...args], { cwd: tempDir(files) });
  expect(result.status, result.stderr).toBeLessThan(2);
  return { status: result.status!, findings: allFindings(report(result.stdout)).filter(isShown) };
}

/**
 * The JSON report, read as it is: parseReport's shape checks do not expect suppressed findings
 * (counted apart) or unused-suppression (which names no object), which these tests have.
 */
const report = (stdout: string) => JSON.parse(stdout) as JsonReport;
/** Not suppressed (a suppressed finding stays in the JSON report with its `suppressions`). */
const isShown = (finding: JsonFinding) => !('suppressions' in finding);
const ids = (findings: readonly JsonFinding[]) => [...new Set(findings.map((f) => f.ruleId))].sort();
const levelsOf = (findings: readonly JsonFinding[], ruleId: string) => [...new Set(findings.filter((f) => f.ruleId === ruleId).map((f) => f.severity))];

describe('--select, --ignore, --rule', () => {
  it('baseline: the manifests have grace-period-default, prestop-missing and pdb-missing findings', async () => {
    const { status, findings } = await shown([]);
    expect(status).toBe(1);
    expect(ids(findings)).toEqual(['grace-period-default', 'pdb-missing', 'prestop-missing']);
  });

  it('--select runs only the rules it names, by id or by leading words (pdb: every pdb-… rule)', async () => {
    const pdb = await shown(['--select', 'pdb']);
    expect(ids(pdb.findings)).toEqual(['pdb-missing']);
    // Only warnings are left.
    expect(pdb.status).toBe(0);
    const listed = await shown(['--select', 'grace-period-default,prestop-missing', '--select', 'pdb-missing']);
    expect(ids(listed.findings)).toEqual(['grace-period-default', 'pdb-missing', 'prestop-missing']);
    const one = await shown(['--select', 'prestop-missing']);
    expect(ids(one.findings)).toEqual(['prestop-missing']);
  });

  it('a prefix selects whole words only: "pdb-m" is not a prefix of pdb-missing', async () => {
    const result = await runInProcess(['--select', 'pdb-m', '.'], { cwd: tempDir(FILES) });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no rule is named "pdb-m" or starts with "pdb-m-"');
  });

  it('--ignore turns rules off, and their suppressions are then not reported unused', async () => {
    const { status, findings } = await shown(['--ignore', 'grace-period-default,prestop-missing']);
    expect(ids(findings)).toEqual(['pdb-missing']);
    expect(status).toBe(0);
  });

  it('--rule sets a level (warning is warn) and wins over --select and --ignore', async () => {
    const raised = await shown(['--rule', 'pdb-missing:error', '--rule', 'grace-period-default:warning']);
    expect(levelsOf(raised.findings, 'pdb-missing')).toEqual(['error']);
    expect(levelsOf(raised.findings, 'grace-period-default')).toEqual(['warn']);
    const back = await shown(['--ignore', 'pdb', '--rule', 'pdb-missing:error', '--select', 'prestop-missing']);
    expect(ids(back.findings)).toEqual(['pdb-missing', 'prestop-missing']);
    expect(back.status).toBe(1);
    const off = await shown(['--rule', 'pdb-missing:off', '--rule', 'grace-period-default:off', '--rule', 'prestop-missing:off']);
    expect(off.findings).toEqual([]);
    expect(off.status).toBe(0);
    // The last --rule for an id counts.
    const last = await shown(['--rule', 'pdb-missing:off', '--rule', 'pdb-missing:error']);
    expect(levelsOf(last.findings, 'pdb-missing')).toEqual(['error']);
  });

  it('over a config: --select turns a rule the config turned off back on at its default level, and keeps a configured level; --rule comes last', async () => {
    const files = { ...FILES, '.gpu-drain-lint.yaml': 'rules:\n  pdb-missing: off\n  prestop-missing: warn\n' };
    const config = await shown([], files);
    expect(ids(config.findings)).toEqual(['grace-period-default', 'prestop-missing']);
    expect(levelsOf(config.findings, 'prestop-missing')).toEqual(['warn']);
    const selected = await shown(['--select', 'pdb-missing,prestop-missing'], files);
    expect(ids(selected.findings)).toEqual(['pdb-missing', 'prestop-missing']);
    expect(levelsOf(selected.findings, 'pdb-missing')).toEqual(['warn']);
    expect(levelsOf(selected.findings, 'prestop-missing')).toEqual(['warn']);
    const ignored = await shown(['--select', 'pdb', '--ignore', 'pdb-missing'], files);
    expect(ignored.findings).toEqual([]);
    const ruled = await shown(['--ignore', 'prestop-missing', '--rule', 'prestop-missing:error'], files);
    expect(levelsOf(ruled.findings, 'prestop-missing')).toEqual(['error']);
  });

  it('the configurable diagnostics are selected like rules: not selected, a suppression that silences nothing is not reported', async () => {
    const files = { 'm.yaml': `# gpu-drain-lint-disable-file single-replica -- nothing to silence\n${gpuDeployment({ pdb: true })}` };
    expect(ids((await shown([], files)).findings)).toContain('unused-suppression');
    expect(ids((await shown(['--select', 'grace-period-default'], files)).findings)).toEqual(['grace-period-default']);
    expect(ids((await shown(['--ignore', 'unused-suppression'], files)).findings)).not.toContain('unused-suppression');
    expect(levelsOf((await shown(['--rule', 'unused-suppression:error'], files)).findings, 'unused-suppression')).toEqual(['error']);
  });

  it('SARIF lists only the rules that ran', async () => {
    const result = await runInProcess(['--select', 'pdb', '-f', 'sarif', '.'], { cwd: tempDir(FILES) });
    const log = JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } }; results: { ruleId: string }[] }[] };
    const driver = log.runs[0]!.tool.driver;
    const ruleIds = driver.rules.filter((r) => !r.properties.tags.includes('diagnostic')).map((r) => r.id);
    expect(ruleIds.length).toBeGreaterThan(1);
    expect(ruleIds.every((id) => id.startsWith('pdb-'))).toBe(true);
    expect(new Set(log.runs[0]!.results.map((r) => r.ruleId))).toEqual(new Set(['pdb-missing']));
  });

  it('--print-config shows the levels after the command line', async () => {
    const result = await runInProcess(['--print-config', '--ignore', 'pdb-missing', '--rule', 'single-replica:error'], { cwd: tempDir() });
    expect(result.status).toBe(0);
    const rules = (JSON.parse(result.stdout) as { rules: Record<string, [string, unknown]> }).rules;
    expect(rules['pdb-missing']![0]).toBe('off');
    expect(rules['single-replica']![0]).toBe('error');
    expect(rules['grace-period-default']![0]).toBe('error');
  });

  it.each([
    [['--rule', 'pdb-mising:error'], '--rule pdb-mising:error: unknown rule "pdb-mising" (did you mean "pdb-missing"?)'],
    [['--rule', 'pdb-missing:eror'], 'unknown level "eror": use off, warn (or warning) or error (did you mean "error"?)'],
    [['--rule', 'pdb-missing'], '--rule takes id:level (e.g. --rule pdb-missing:error), got "pdb-missing"'],
    [['--select', 'pdb-mising'], '--select: no rule is named "pdb-mising" or starts with "pdb-mising-" (did you mean "pdb-missing"?)'],
    [['--ignore', 'nothing-like-a-rule-id'], '--ignore: no rule is named "nothing-like-a-rule-id"'],
    [['--select', 'yaml-syntax'], '"yaml-syntax" is always reported'],
    [['--select', ' , '], '--select takes rule ids, comma-separated'],
    [['--statistics', '-f', 'json'], '--statistics goes with --format stylish or concise, not json'],
  ])('%j is a usage error (exit 2): %s', async (args, message) => {
    const result = await runInProcess([...args, '.'], { cwd: tempDir(FILES) });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Run "gpu-drain-lint --help" for usage.');
    expectNoCrash(result.stderr);
  });
});

interface StatisticsRow {
  count: number;
  rule: string;
  level: string;
  fixable: string;
}

/** The table after `Findings per rule`, read by its header's columns. */
function statisticsTable(stdout: string): StatisticsRow[] | undefined {
  const lines = stdout.split('\n');
  const start = lines.indexOf('Findings per rule');
  if (start === -1) return undefined;
  expect(lines[start + 1]).toMatch(/^count {2}rule +level +fixable$/);
  const rows: StatisticsRow[] = [];
  for (const line of lines.slice(start + 2)) {
    const match = /^ *(\d+) {2}(\S+) +(error \/ warn|error|warn)(?: +(.*))?$/.exec(line);
    if (!match) break;
    rows.push({ count: Number(match[1]), rule: match[2]!, level: match[3]!, fixable: match[4] ?? '' });
  }
  return rows;
}

/** What the statistics should say of a rule, from the JSON report's findings. */
function expectedRow(findings: readonly JsonFinding[], rule: string): StatisticsRow {
  const mine = findings.filter((f) => f.ruleId === rule);
  const safe = mine.filter((f) => f.fix?.safety === 'safe').length;
  const unsafe = mine.filter((f) => f.fix?.safety === 'unsafe').length;
  const levels = new Set(mine.map((f) => f.severity));
  return {
    count: mine.length,
    rule,
    level: levels.size === 2 ? 'error / warn' : [...levels][0]!,
    fixable: [safe > 0 ? String(safe) : '', unsafe > 0 ? `${unsafe} unsafe` : ''].filter(Boolean).join(' + '),
  };
}

describe('--statistics', () => {
  it('counts the findings the JSON report shows, per rule, most first, with their levels and fixes', () => {
    for (const [files, cwd] of [[FILES, undefined], [undefined, EXAMPLES]] as const) {
      const dir = cwd ?? tempDir(files);
      const text = run(['.', '--statistics'], { cwd: dir });
      expect(text.status, text.stderr).toBe(1);
      const rows = statisticsTable(text.stdout)!;
      expect(rows, text.stdout).toBeDefined();
      const findings = allFindings(report(run(['.', '-f', 'json'], { cwd: dir }).stdout)).filter(isShown);
      expect(rows.map((r) => r.rule).sort()).toEqual(ids(findings));
      for (const row of rows) expect(row).toEqual(expectedRow(findings, row.rule));
      const counts = rows.map((r) => r.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(findings.length);
      // After the report.
      expect(text.stdout.indexOf('Findings per rule')).toBeGreaterThan(text.stdout.indexOf('problems ('));
    }
  });

  it('the suppressed finding of d.yaml is not counted', () => {
    const rows = statisticsTable(run(['.', '--statistics'], { cwd: tempDir(FILES) }).stdout)!;
    expect(rows.find((r) => r.rule === 'prestop-missing')?.count).toBe(2);
    expect(rows.find((r) => r.rule === 'pdb-missing')?.count).toBe(3);
  });

  it('with --quiet counts errors only; a clean run adds nothing; with --output-file it goes to the file', async () => {
    const quiet = statisticsTable((await runInProcess(['.', '--statistics', '--quiet'], { cwd: tempDir(FILES) })).stdout)!;
    expect(quiet.map((r) => r.rule).sort()).toEqual(['grace-period-default', 'prestop-missing']);
    const clean = await runInProcess([join(EXAMPLES, 'vllm-fixed.yaml'), '--statistics']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).not.toContain('Findings per rule');
    const dir = tempDir(FILES);
    const toFile = await runInProcess(['.', '--statistics', '-o', 'report.txt'], { cwd: dir });
    expect(toFile.stdout).toBe('');
    expect(statisticsTable(readFileSync(join(dir, 'report.txt'), 'utf8'))?.length).toBe(3);
  });

  it('without --statistics there is no table', async () => {
    expect((await runInProcess(['.'], { cwd: tempDir(FILES) })).stdout).not.toContain('Findings per rule');
  });
});
