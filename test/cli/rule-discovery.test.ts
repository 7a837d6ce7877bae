/**
 * `gpu-drain-lint rules` and `gpu-drain-lint explain <id>` (issue 19), through the built CLI and
 * in-process, and how a command name on the command line is told apart from an input of that name.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { expectNoCrash, gpuDeployment, parseReport, ROOT, run, runInProcess, tempDir } from './run.js';

const ANSI = /\x1b\[[0-9;]*m/;
const DOC_IDS = readdirSync(join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
const RULE_FILE_IDS = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
/** What a config's `rules:` accepts (the rules and the configurable diagnostics), from the published schema. */
const SCHEMA_RULE_IDS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'schema/config.schema.json'), 'utf8')) as { properties: { rules: { properties: Record<string, unknown> } } }).properties.rules.properties).sort();

/** A doc's header line, `Default severity: **warn** · Fixable: **unsafe** (suggestion)`. */
function docHeader(id: string): { level: string; fix: string } {
  const match = /^Default severity: \*\*(\w+)\*\*.* · Fixable: \*\*(\w+)\*\*/m.exec(readFileSync(join(ROOT, 'docs/rules', `${id}.md`), 'utf8'));
  if (!match) throw new Error(`docs/rules/${id}.md has no header line`);
  return { level: match[1]!, fix: match[2]! };
}

/** `main()` with a terminal of `columns` (runInProcess's stdout is a pipe). */
async function onTerminal(args: string[], columns: number, env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => new Uint8Array(),
    env,
    cwd: tempDir(),
    stdoutIsTTY: true,
    columns,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

interface ListedRule {
  id: string;
  kind: 'rule' | 'diagnostic';
  level: string;
  effectiveLevel: string;
  fix: string;
  description: string;
  docsUrl: string | null;
}

describe('gpu-drain-lint rules', () => {
  it('--format json lists every rule (a file in rules/ and a doc each) with its doc header, then the configurable diagnostics', () => {
    const result = run(['rules', '--format', 'json'], { cwd: tempDir() });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const listed = JSON.parse(result.stdout) as ListedRule[];
    const rules = listed.filter((r) => r.kind === 'rule');
    expect(rules.map((r) => r.id).sort()).toEqual(RULE_FILE_IDS);
    expect(rules.map((r) => r.id).sort()).toEqual(DOC_IDS);
    for (const rule of rules) {
      expect({ level: rule.level, fix: rule.fix }, rule.id).toEqual(docHeader(rule.id));
      expect(rule.effectiveLevel, rule.id).toBe(rule.level);
      expect(rule.docsUrl, rule.id).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.description.length, rule.id).toBeGreaterThan(20);
    }
    // Everything a config's `rules:` accepts is listed, and nothing else.
    expect(listed.map((r) => r.id).sort()).toEqual(SCHEMA_RULE_IDS);
    const diagnostics = listed.filter((r) => r.kind === 'diagnostic');
    expect(diagnostics.map((d) => d.id)).toContain('unused-suppression');
    for (const d of diagnostics) expect(d.docsUrl, d.id).toBeNull();
    // Rules first, in the README's catalogue order.
    expect(listed.slice(0, rules.length).every((r) => r.kind === 'rule')).toBe(true);
  });

  it('the table has a row per rule and diagnostic with level and fix safety, fitted to the terminal', async () => {
    for (const columns of [60, 80, 160]) {
      const result = await onTerminal(['rules', '--no-color'], columns);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).not.toMatch(ANSI);
      const lines = result.stdout.trimEnd().split('\n');
      for (const line of lines) expect(line.length, `${columns} columns: ${line}`).toBeLessThanOrEqual(columns);
      for (const id of SCHEMA_RULE_IDS) {
        const row = lines.find((line) => line.startsWith(`${id} `));
        expect(row, `${id} at ${columns} columns`).toBeDefined();
        if (DOC_IDS.includes(id)) {
          const { level, fix } = docHeader(id);
          expect(row!.split(/\s+/).slice(1, 3), id).toEqual([level, fix]);
        }
      }
      expect(lines.indexOf('Rules')).toBe(0);
      const diagnostics = lines.findIndex((line) => line.startsWith('Diagnostics'));
      expect(lines.findIndex((line) => line.startsWith('unused-suppression '))).toBeGreaterThan(diagnostics);
      expect(lines.findIndex((line) => line.startsWith('pdb-missing '))).toBeLessThan(diagnostics);
    }
  });

  it('the description is the rule meta line (whole, though wrapped), and wide terminals keep it on the row', async () => {
    const json = JSON.parse((await runInProcess(['rules', '-f', 'json'], { cwd: tempDir() })).stdout) as ListedRule[];
    const wide = await onTerminal(['rules', '--no-color'], 400);
    for (const { id, description } of json) expect(wide.stdout, id).toMatch(new RegExp(`^${id} .*  ${escape(description)}$`, 'm'));
    const narrow = await onTerminal(['rules', '--no-color'], 70);
    expect(narrow.stdout.replace(/\s+/g, ' ')).toContain(json[0]!.description);
  });

  it('colours levels on a terminal, not when piped or with NO_COLOR', async () => {
    expect((await onTerminal(['rules'], 100)).stdout).toMatch(ANSI);
    expect((await onTerminal(['rules'], 100, { NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
    expect((await runInProcess(['rules'], { cwd: tempDir() })).stdout).not.toMatch(ANSI);
  });

  it('with a config file, an "effective" column and effectiveLevel show the levels it sets (and --ignore over it)', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': 'rules:\n  pdb-missing: error\n  single-replica: off\n' });
    const json = JSON.parse((await runInProcess(['rules', '-f', 'json', '--ignore', 'prestop-missing'], { cwd: dir })).stdout) as ListedRule[];
    const byId = new Map(json.map((r) => [r.id, r]));
    expect(byId.get('pdb-missing')).toMatchObject({ level: 'warn', effectiveLevel: 'error' });
    expect(byId.get('single-replica')).toMatchObject({ level: 'warn', effectiveLevel: 'off' });
    expect(byId.get('prestop-missing')).toMatchObject({ level: 'error', effectiveLevel: 'off' });
    expect(byId.get('grace-period-default')).toMatchObject({ level: 'error', effectiveLevel: 'error' });
    const table = await runInProcess(['rules'], { cwd: dir });
    expect(table.stdout).toMatch(/^id +default +fix +effective/m);
    expect(table.stdout).toMatch(/^pdb-missing +warn +unsafe +error\b/m);
    expect(table.stdout).toContain('effective: the level under .gpu-drain-lint.yaml.');
    expect((await runInProcess(['rules'], { cwd: tempDir() })).stdout).not.toContain('effective');
  });

  it('an unknown option or format is a usage error that points to the command\'s help; --help describes it', async () => {
    const unknown = await runInProcess(['rules', '--nope'], { cwd: tempDir() });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Run "gpu-drain-lint rules --help"');
    const format = await runInProcess(['rules', '-f', 'sarif'], { cwd: tempDir() });
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format "sarif": use table or json');
    const help = await runInProcess(['rules', '--help'], { cwd: tempDir() });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gpu-drain-lint rules/);
  });
});

describe('gpu-drain-lint explain', () => {
  it('renders a rule doc as plain text when piped: no Markdown markers, code indented, links as text (url), prose wrapped to 80', () => {
    const result = run(['explain', 'pdb-missing'], { cwd: tempDir() });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).not.toMatch(ANSI);
    expect(out.split('\n')[0]).toBe('pdb-missing');
    expect(out).toMatch(/^What it does$/m);
    expect(out).not.toMatch(/^#/m);
    expect(out).not.toContain('```');
    expect(out).not.toContain('**');
    expect(out).toMatch(/^Default severity: warn · Fixable: unsafe/m);
    // The example's YAML, indented as code and kept as it is.
    expect(out).toContain('\n    apiVersion: apps/v1\n    kind: Deployment\n');
    expect(out.replace(/\s+/g, ' ')).toContain('`single-replica` (https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/rules/single-replica.md)');
    expect(out).not.toMatch(/\]\(/);
    const prose = out.split('\n').filter((line) => !line.startsWith('    '));
    // Only a word longer than a line (a URL) may overflow it.
    for (const line of prose) if (line.trim().includes(' ')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(out.trimEnd().split('\n').slice(-2)).toEqual(['Online:', 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/rules/pdb-missing.md']);
  });

  it('a table becomes one list item per row; a list keeps its items', () => {
    const out = run(['explain', 'proxy-timeout-too-short'], { cwd: tempDir() }).stdout;
    expect(out).not.toMatch(/^\|/m);
    expect(out).toMatch(/^- ingress-nginx — setting: annotation/m);
  });

  it('on a colour terminal headings are bold, and prose fits its width', async () => {
    const result = await onTerminal(['explain', 'grace-period-default'], 64);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('\x1b[1mWhat it does\x1b[22m');
    const plain = result.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    for (const line of plain.split('\n').filter((l) => !l.startsWith('    ') && l.trim().includes(' '))) expect(line.length, line).toBeLessThanOrEqual(64);
  });

  it('explains every rule and configurable diagnostic', async () => {
    for (const id of SCHEMA_RULE_IDS) {
      const result = await runInProcess(['explain', id], { cwd: tempDir() });
      expect(result.status, `${id}: ${result.stderr}`).toBe(0);
      expect(result.stdout.split('\n')[0], id).toBe(id);
    }
    const diagnostic = await runInProcess(['explain', 'unused-suppression'], { cwd: tempDir() });
    expect(diagnostic.stdout).toContain('--rule unused-suppression:off');
  });

  it('an unknown id exits 2 with the nearest id; no id, or two, is a usage error', () => {
    const typo = run(['explain', 'pdb-mising'], { cwd: tempDir() });
    expect(typo.status).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('gpu-drain-lint explain: unknown rule "pdb-mising" (did you mean "pdb-missing"?); "gpu-drain-lint rules" lists them\n');
    const far = run(['explain', 'no-such-thing-at-all'], { cwd: tempDir() });
    expect(far.status).toBe(2);
    expect(far.stderr).not.toContain('did you mean');
    for (const args of [['explain'], ['explain', 'pdb-missing', 'single-replica']]) {
      const result = run(args, { cwd: tempDir() });
      expect(result.status, args.join(' ')).toBe(2);
      expectNoCrash(result.stderr);
      expect(result.stderr).toContain('Run "gpu-drain-lint explain --help"');
    }
  });

  it('works from an installed package: the doc is found beside dist/', () => {
    const dir = tempDir();
    const pkg = join(dir, 'node_modules/gpu-drain-lint');
    for (const part of ['bin', 'dist', 'docs', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
    const result = run(['explain', 'prestop-missing'], { cwd: dir, bin: join(pkg, 'bin/gpu-drain-lint.js') });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('prestop-missing');
    expect(result.stdout).toContain('What it does');
  });
});

describe('commands and inputs of the same name', () => {
  const BROKEN = gpuDeployment({ preStop: false });

  it('"rules" is the command even when a directory rules/ exists, and says how to lint it; ./rules lints it', () => {
    const dir = tempDir({ 'rules/m.yaml': BROKEN });
    const command = run(['rules'], { cwd: dir });
    expect(command.status).toBe(0);
    expect(command.stdout).toMatch(/^Rules\n/);
    expect(command.stderr).toBe('gpu-drain-lint: note: "rules" is a command; to lint the directory, write ./rules\n');
    for (const input of ['./rules', 'rules/']) {
      const lint = run([input, '-f', 'json'], { cwd: dir });
      expect(lint.status, input).toBe(1);
      expect(parseReport(lint.stdout).files.map((f) => f.path.replace(/^\.\//, ''))).toEqual(['rules/m.yaml']);
      expect(lint.stderr).toBe('');
    }
  });

  it('no note without such a directory; a file named explain gets its own note', async () => {
    expect((await runInProcess(['rules'], { cwd: tempDir() })).stderr).toBe('');
    const dir = tempDir({ explain: BROKEN });
    const result = await runInProcess(['explain', 'pdb-missing'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('gpu-drain-lint: note: "explain" is a command; to lint the file, write ./explain\n');
  });

  it('only the first argument names a command', async () => {
    const dir = tempDir({ 'rules/m.yaml': BROKEN });
    const result = await runInProcess(['-f', 'json', 'rules'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(parseReport(result.stdout).files.map((f) => f.path.replace(/^\.\//, ''))).toEqual(['rules/m.yaml']);
  });

  it('--help lists the commands and the rule options', async () => {
    const help = (await runInProcess(['--help'])).stdout;
    expect(help).toMatch(/^ {2}rules {2,}\S/m);
    expect(help).toMatch(/^ {2}explain <id> {2,}\S/m);
    for (const option of ['--rule <id>:<level>', '--select <ids>', '--ignore <ids>', '--statistics']) expect(help).toContain(option);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
