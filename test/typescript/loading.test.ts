/**
 * The TypeScript parser is loaded only when a TypeScript input defines objects: a pre-commit
 * run over YAML never pays for it, and needs no TypeScript installed. When TypeScript is
 * needed but missing, the user is told what to install.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, ROOT, run, tempDir } from '../cli/run.js';

const REPORTER = join(ROOT, 'test/support/report-loaded-modules.mjs');

/** A Pulumi program whose PodDisruptionBudget blocks drains. */
const CHART = readFileSync(join(ROOT, 'fixtures/typescript/pulumi/index.ts'), 'utf8');

/** How many TypeScript parser modules (typescript-estree, typescript) a run of the CLI loaded. */
function typescriptModulesLoaded(args: string[], cwd = ROOT): number {
  const result = run(['--format', 'json', ...args], { cwd, env: { NODE_OPTIONS: `--import=${REPORTER}` } });
  const line = /LOADED-TYPESCRIPT-MODULES (\d+)/.exec(result.stderr);
  expect(line, result.stderr).not.toBeNull();
  return Number(line![1]);
}

describe('loading the TypeScript parser', () => {
  it('a run over YAML inputs only does not load it', () => {
    expect(typescriptModulesLoaded([EXAMPLES])).toBe(0);
  });

  it('nor does a TypeScript file that mentions no Kubernetes object', () => {
    const dir = tempDir({ 'util.ts': 'export const add = (a: number, b: number): number => a + b;\n', 'types.d.ts': 'export declare const apiVersion: string;\n' });
    expect(typescriptModulesLoaded([dir])).toBe(0);
  });

  it('a run with a cdk8s or Pulumi source loads it (so the checks above can fail)', () => {
    expect(typescriptModulesLoaded([join(ROOT, 'fixtures/typescript/pulumi/index.ts')])).toBeGreaterThan(0);
  });

  it('without typescript in the project, says what to install and exits 2; YAML still needs nothing; with it, lints', () => {
    // The CLI bundle alone, where neither it nor the linted project can resolve typescript.
    const dir = tempDir({ 'package.json': '{"type":"module"}\n' });
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'bin'));
    // The bundle is dist/cli.js and the chunks it loads on demand beside it, the TypeScript parser's among them.
    for (const file of readdirSync(join(ROOT, 'dist')).filter((name) => name.endsWith('.js'))) copyFileSync(join(ROOT, 'dist', file), join(dir, 'dist', file));
    copyFileSync(BIN, join(dir, 'bin/gpu-drain-lint.js'));
    writeFileSync(join(dir, 'chart.ts'), CHART);
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n');
    const ts = runBundle(dir, ['chart.ts']);
    expect(ts.status).toBe(2);
    expect(ts.stdout).toBe('');
    expect(ts.stderr).toBe(`gpu-drain-lint: reading TypeScript sources needs the "typescript" package (>=4.8.4 <6.1) in the project being linted, and none was found from ${dir}: npm i -D typescript\n`);
    expect(runBundle(dir, ['pod.yaml']).status).toBe(0);

    // A typescript the parser cannot read.
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    const old = join(dir, 'node_modules/typescript');
    mkdirSync(old, { recursive: true });
    writeFileSync(join(old, 'package.json'), '{"name":"typescript","version":"4.7.4","main":"index.js"}\n');
    writeFileSync(join(old, 'index.js'), "module.exports = { version: '4.7.4' };\n");
    const unsupported = runBundle(dir, ['chart.ts']);
    expect(unsupported.status).toBe(2);
    expect(unsupported.stderr).toContain('typescript 4.7.4 is installed, but gpu-drain-lint reads TypeScript >=4.8.4 <6.1: npm i -D typescript@6.0');

    // The project's own typescript (this checkout's, linked): the bundled parser uses it.
    rmSync(old, { recursive: true });
    symlinkSync(join(ROOT, 'node_modules/typescript'), old, 'dir');
    const linted = runBundle(dir, ['--format', 'json', 'chart.ts']);
    expect(linted.stderr).toBe('');
    expect(linted.status).toBe(1);
    const report = JSON.parse(linted.stdout) as { files: { findings: { ruleId: string }[] }[] };
    expect(report.files[0]!.findings.map((f) => f.ruleId)).toContain('pdb-blocks-drain');
  });
});

function runBundle(dir: string, args: string[]) {
  return run(args, { cwd: dir, bin: join(dir, 'bin/gpu-drain-lint.js') });
}
