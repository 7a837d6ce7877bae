/**
 * Reading in worker threads (`--threads N`, src/engine/read-pool.ts): the same output as one
 * thread, whatever the inputs (syntax errors, undecodable bytes, TypeScript, context files,
 * stdin), and a worker that fails leaves its files to the main thread. The workers run the built
 * script (dist/read-worker.js): `npm test` builds first.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintInput } from '../../src/engine/lint.js';
import { readInWorkers } from '../../src/engine/read-pool.js';
import { workerScript } from '../../src/cli/threads.js';
import { rules } from '../../rules/index.js';
import { lintOptionsFor } from '../support/lint-text.js';
import { parseTypeScript } from '../support/typescript.js';
import { ROOT, runInProcess } from './run.js';
import { rmSync } from 'node:fs';

let dir: string;

/** A repository of every kind of input a worker may meet, several batches' worth of bytes. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-threads-'));
  cpSync(join(ROOT, 'fixtures/examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/rules'), join(dir, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/typescript/cdk8s'), join(dir, 'cdk8s'), { recursive: true });
  writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n');
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(dir, 'template.yaml'), 'replicas: {{ .Values.replicas }}\n');
  writeFileSync(join(dir, 'context.yaml'), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ctx}\nspec:\n  maxUnavailable: 0\n  selector: {matchLabels: {app: vllm}}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--threads', () => {
  for (const [format, variants] of [['json', [['--threads', '2'], ['--threads', '5'], []]], ['stylish', [['--threads', '2']]], ['sarif', [['--threads', '2']]]] as const) {
    it(`gives the same ${format} report and exit code with one thread as with ${variants.map((v) => v.join(' ') || 'the default').join(', ')}`, async () => {
      const args = ['.', '--format', format, '--context', 'context.yaml'];
      const one = await runInProcess([...args, '--threads', '1'], { cwd: dir });
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(one.stdout).toContain('broken.yaml');
      for (const threads of variants) {
        const other = await runInProcess([...args, ...threads], { cwd: dir });
        expect({ status: other.status, stdout: other.stdout, stderr: other.stderr }).toEqual({ status: one.status, stdout: one.stdout, stderr: one.stderr });
      }
    });
  }

  it('reads stdin beside files in workers the same way', async () => {
    const input = readFileSync(join(ROOT, 'fixtures/examples/vllm-broken.yaml'), 'utf8');
    const one = await runInProcess(['-', 'rules', '--format', 'json', '--threads', '1'], { cwd: dir, input });
    const two = await runInProcess(['-', 'rules', '--format', 'json', '--threads', '2'], { cwd: dir, input });
    expect(two).toEqual(one);
    expect(one.stdout).toContain('vllm-llama');
  });

  it('fixes the same with workers (--fix-dry-run, JSON output)', async () => {
    const one = await runInProcess(['examples', 'rules', '--fix-dry-run', '--format', 'json', '--threads', '1'], { cwd: dir });
    const two = await runInProcess(['examples', 'rules', '--fix-dry-run', '--format', 'json', '--threads', '2'], { cwd: dir });
    expect(two).toEqual(one);
    expect(one.stdout).toContain('"output"');
  });

  it('takes a whole number of at least 1', async () => {
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const result = await runInProcess(['.', `--threads=${bad}`], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--threads takes a whole number of at least 1');
    }
  });
});

describe('readInWorkers', () => {
  const inputs = (): LintInput[] =>
    filesBelow(dir).map((path) => ({ path: relative(dir, path), content: new Uint8Array(readFileSync(path)), reportable: true }));
  const options = lintOptionsFor({ rules, parseTypeScript });

  it('reads every YAML file once, in plain data lint takes instead of reading it, and leaves TypeScript to the main thread', async () => {
    const all = inputs();
    const { reads, failures } = await readInWorkers(all, { threads: 2, script: workerScript() });
    expect(failures).toEqual([]);
    const yaml = all.filter((input) => /\.ya?ml$/.test(input.path));
    expect(yaml.length).toBeGreaterThan(50);
    expect(reads.size).toBe(yaml.length);
    expect(all.filter((input) => reads.has(input.content as Uint8Array)).map((input) => input.path)).toEqual(yaml.map((input) => input.path));
    const latin1 = reads.get(all.find((input) => input.path === 'latin1.yaml')!.content as Uint8Array);
    expect(latin1).toHaveProperty('undecodable');
    expect(JSON.stringify(lint(all, { ...options, preread: reads }))).toBe(JSON.stringify(lint(all, options)));
  });

  it('leaves the files of a worker that throws to the main thread, and says why', async () => {
    const script = workerFile('throws.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom in a worker'); });\n");
    const all = inputs();
    const { reads, failures } = await readInWorkers(all, { threads: 2, script });
    expect(reads.size).toBe(0);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toContain('boom in a worker');
    expect(JSON.stringify(lint(all, { ...options, preread: reads }))).toBe(JSON.stringify(lint(all, options)));
  });

  it('keeps what a worker read before it stopped', async () => {
    // Answers its first batch as the real worker does (with the built read-file.js), then exits.
    const readFile = pathToFileURL(join(ROOT, 'dist/src/engine/read-file.js')).href;
    const script = workerFile(
      'stops.mjs',
      `import { parentPort } from 'node:worker_threads';
const { readFile } = await import(${JSON.stringify(readFile)});
let answered = 0;
parentPort.on('message', ({ batch, jobs }) => {
  if (answered++ === 1) process.exit(3);
  parentPort.postMessage({ batch, reads: jobs.map((job) => readFile(job.path, job.content, undefined)) });
});
`,
    );
    const all = inputs();
    const { reads, failures } = await readInWorkers(all, { threads: 1, script });
    expect(failures).toEqual(['the worker stopped (exit code 3)']);
    expect(reads.size).toBeGreaterThan(0);
    expect(reads.size).toBeLessThan(all.filter((input) => /\.ya?ml$/.test(input.path)).length);
    expect(JSON.stringify(lint(all, { ...options, preread: reads }))).toBe(JSON.stringify(lint(all, options)));
  });
});

function workerFile(name: string, text: string): URL {
  const path = join(dir, '..', `${relative(tmpdir(), dir)}-${name}`);
  writeFileSync(path, text);
  return pathToFileURL(path);
}

function filesBelow(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}
