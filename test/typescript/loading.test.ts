/**
 * The TypeScript parser is loaded only when a TypeScript input defines objects: a pre-commit
 * run over YAML never pays for it, and needs no TypeScript installed. When TypeScript is
 * needed but missing, the user is told what to install.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, ROOT, run, tempDir } from '../cli/run.js';

const REPORTER = join(ROOT, 'test/support/report-loaded-modules.mjs');

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

  it('without typescript installed, says what to install and exits 2; YAML still needs nothing', () => {
    // The CLI bundle alone, where neither it nor the linted project can resolve typescript.
    const dir = tempDir({ 'package.json': '{"type":"module"}\n' });
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'bin'));
    // The bundle is dist/cli.js and the chunks it loads on demand beside it.
    for (const file of readdirSync(join(ROOT, 'dist')).filter((name) => name.endsWith('.js'))) copyFileSync(join(ROOT, 'dist', file), join(dir, 'dist', file));
    copyFileSync(BIN, join(dir, 'bin/gpu-drain-lint.js'));
    writeFileSync(join(dir, 'chart.ts'), "import { KubeDeployment } from './imports/k8s';\nnew KubeDeployment(this, 'x', {});\n");
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n');
    const ts = runBundle(dir, ['chart.ts']);
    expect(ts.status).toBe(2);
    expect(ts.stdout).toBe('');
    expect(ts.stderr).toContain('reading TypeScript sources needs');
    expect(ts.stderr).toContain('npm install --save-dev');
    expect(ts.stderr).not.toMatch(/\n\s+at /);
    expect(runBundle(dir, ['pod.yaml']).status).toBe(0);

    // typescript-estree installed (it is a dependency), its optional peer typescript not.
    const estree = join(dir, 'node_modules/@typescript-eslint/typescript-estree');
    mkdirSync(join(estree, 'dist'), { recursive: true });
    copyFileSync(join(ROOT, 'node_modules/@typescript-eslint/typescript-estree/package.json'), join(estree, 'package.json'));
    copyFileSync(join(ROOT, 'node_modules/@typescript-eslint/typescript-estree/dist/index.js'), join(estree, 'dist/index.js'));
    const peerMissing = runBundle(dir, ['chart.ts']);
    expect(peerMissing.status).toBe(2);
    expect(peerMissing.stderr).toContain('needs the "typescript" package (>=4.8.4 <6.1), an optional peer dependency of gpu-drain-lint that is not installed: npm install --save-dev typescript@5.9');
  });
});

function runBundle(dir: string, args: string[]) {
  return run(args, { cwd: dir, bin: join(dir, 'bin/gpu-drain-lint.js') });
}
