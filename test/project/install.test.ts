/**
 * What a user installs (issue 19): the built package, packed with `npm pack` and installed from
 * the tarball into an empty project, is small, pulls in nothing (the CLI is bundled; TypeScript is
 * taken from the user's project), and runs. No network: with no dependencies, the install needs
 * nothing but the tarball. Uses this checkout's dist/ (`npm run build` first; `npm test` does).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, ROOT } from '../cli/run.js';
import { tempDir } from '../support/temp.js';

const MAX_NODE_MODULES_BYTES = 10 * 1024 * 1024;
const REPORT_FILES = join(ROOT, 'test/support/report-loaded-files.mjs');
const REPORT_TYPESCRIPT = join(ROOT, 'test/support/report-loaded-modules.mjs');
const PULUMI = join(ROOT, 'fixtures/typescript/pulumi/index.ts');

/** The environment of a child npm or node: none of the npm_* settings of an `npm test` around us. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: cleanEnv(), timeout: 120_000 });
  if (result.error) throw result.error;
  expect(result.status, `npm ${args.join(' ')}:\n${result.stdout}${result.stderr}`).toBe(0);
  return result;
}

/** Bytes of every file under `dir` (symbolic links counted as links, not followed). */
function treeBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? treeBytes(path) : lstatSync(path).size;
  }
  return bytes;
}

interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}

let packed: Packed;
let project: string;
let installedBin: string;

/** Runs the installed CLI in the project, recording the files it loads and the TypeScript modules it requires. */
function runInstalled(args: string[]) {
  const result = spawnSync(process.execPath, [installedBin, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: cleanEnv({ NODE_OPTIONS: `--import=${REPORT_FILES} --import=${REPORT_TYPESCRIPT}` }),
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  const loaded = [...result.stderr.matchAll(/^LOADED-FILE (.*)$/gm)].map((m) => m[1]!).filter((file) => !file.startsWith(ROOT));
  const typescriptModules = Number(/^LOADED-TYPESCRIPT-MODULES (\d+)$/m.exec(result.stderr)?.[1]);
  const stderr = result.stderr.replace(/^(LOADED-FILE|LOADED-TYPESCRIPT-MODULES) .*\n/gm, '');
  return { status: result.status, stdout: result.stdout, stderr, loaded, typescriptModules };
}

describe('the published package', { timeout: 180_000 }, () => {
  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist/cli.js')), 'no dist/cli.js: run `npm run build` first').toBe(true);
    const packDir = tempDir();
    // The build is this checkout's dist/ (prepare would rebuild it).
    const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT);
    packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
    project = tempDir({ 'package.json': '{"name":"adopter","version":"1.0.0","private":true}\n' });
    npm(['install', '--offline', '--no-audit', '--no-fund', join(packDir, packed.filename)], project);
    installedBin = join(project, 'node_modules/gpu-drain-lint/bin/gpu-drain-lint.js');
  }, 180_000);

  it('ships only what runs: the bin, the bundle, the config schema, the rule docs', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('bin/gpu-drain-lint.js');
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('dist/read-worker.js');
    expect(paths).toContain('schema/config.schema.json');
    expect(paths.filter((path) => /^docs\/rules\/[a-z0-9-]+\.md$/.test(path)).length).toBe(readdirSync(join(ROOT, 'docs/rules')).length);
    const stray = paths.filter((path) => !/^(bin\/[^/]+\.js|dist\/[^/]+\.js|schema\/[^/]+\.json|docs\/rules\/[^/]+\.md|package\.json|README\.md|LICENSE)$/.test(path));
    expect(stray).toEqual([]);
  });

  it('installs nothing but itself, in under 10 MB of node_modules, without typescript', () => {
    const packages = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(packages).toEqual(['gpu-drain-lint']);
    expect(existsSync(join(project, 'node_modules/typescript'))).toBe(false);
    const bytes = treeBytes(join(project, 'node_modules'));
    console.info(`[install.test] tarball ${packed.size} bytes, ${packed.files.length} files; node_modules ${bytes} bytes`);
    expect(bytes).toBeLessThan(MAX_NODE_MODULES_BYTES);
  });

  it('lints YAML as this checkout does, loading no TypeScript', () => {
    copyFileSync(join(EXAMPLES, 'vllm-broken.yaml'), join(project, 'vllm-broken.yaml'));
    const installed = runInstalled(['--format', 'json', 'vllm-broken.yaml']);
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(1);
    const checkout = spawnSync(process.execPath, [BIN, '--format', 'json', 'vllm-broken.yaml'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
    expect(installed.stdout).toBe(checkout.stdout);
    expect((JSON.parse(installed.stdout) as { files: { findings: unknown[] }[] }).files[0]!.findings.length).toBeGreaterThan(0);
    // Everything it loaded is the installed package's, and not the TypeScript parser's chunk.
    expect(installed.loaded.length).toBeGreaterThan(0);
    expect(installed.loaded.filter((file) => !file.startsWith(join(project, 'node_modules/gpu-drain-lint/')))).toEqual([]);
    expect(installed.loaded.filter((file) => /estree/.test(file))).toEqual([]);
    expect(installed.typescriptModules).toBe(0);
  });

  it('says how to add typescript for a TypeScript source in a project without it (exit 2), and lints it once typescript is there', () => {
    copyFileSync(PULUMI, join(project, 'index.ts'));
    const missing = runInstalled(['index.ts']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`gpu-drain-lint: reading TypeScript sources needs the "typescript" package (>=4.8.4 <6.1) in the project being linted, and none was found from ${project}: npm i -D typescript\n`);

    // The project's typescript (this checkout's, linked in as `npm i -D typescript` would put it).
    symlinkSync(join(ROOT, 'node_modules/typescript'), join(project, 'node_modules/typescript'), 'dir');
    writeFileSync(join(project, 'tsconfig.json'), '{}\n');
    const linted = runInstalled(['--format', 'json', 'index.ts']);
    expect(linted.stderr).toBe('');
    expect(linted.status).toBe(1);
    const checkout = spawnSync(process.execPath, [BIN, '--format', 'json', 'index.ts'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
    expect(linted.stdout).toBe(checkout.stdout);
    expect((JSON.parse(linted.stdout) as { files: { findings: { ruleId: string }[] }[] }).files[0]!.findings.map((f) => f.ruleId)).toContain('pdb-blocks-drain');
    expect(linted.loaded.filter((file) => /\/dist\/estree-[^/]+\.js$/.test(file)).length).toBe(1);
    expect(linted.typescriptModules).toBeGreaterThan(0);
  });
});
