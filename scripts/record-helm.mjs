#!/usr/bin/env node
// Records a REAL `helm template` rendering for the helm stand-in (test/support/helm-stand-in/helm),
// which CI runs in place of helm because it cannot install helm.
//
// Usage (from the directory the tests run helm in, so that relative paths mean the same):
//   node scripts/record-helm.mjs [--helm PATH] template RELEASE CHART_DIR [--namespace NS] [-f FILE]... [--set k=v]...
//   node scripts/record-helm.mjs [--helm PATH] --fixtures   (after npm run build: it also records what --fix makes of them)
// The helm binary is --helm, else $HELM, else `helm` on PATH. `--fixtures` records every chart
// state of fixtures/repository the tests use (FIXTURE_RECORDINGS below), from that directory.
//
// It runs the real helm with the given arguments and stores, under the key the stand-in computes
// for them (test/support/helm-stand-in/key.mjs), helm's stdout as recordings/<key>.out, its stderr
// as <key>.err, its exit code as <key>.code (only when not 0), and <key>.json saying what was run.
// Re-record whenever a fixture chart or values file changes: the old key no longer matches, and the
// stand-in fails with "no recorded rendering" until you do; then delete the recordings no test uses.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvocationError, parseTemplateArgs, renderingKey } from '../test/support/helm-stand-in/key.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RECORDINGS = join(ROOT, 'test/support/helm-stand-in/recordings');

/** The chart states the tests render, run from fixtures/repository. */
const FIXTURE_RECORDINGS = [
  ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'inference'],
  ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'inference', '-f', 'charts/vllm-server/values-prod.yaml'],
  ['template', 'broken-deps', 'charts/broken-deps', '--namespace', 'inference'],
];

/**
 * Chart states the tests make from the fixtures (a fix written by the linter, a template a
 * pre-commit test changes), recorded from a copy of fixtures/repository. `lint` runs this
 * checkout's linter there with the real helm on PATH (build it first: npm run build).
 */
const DERIVED_RECORDINGS = [
  { state: 'after gpu-drain-lint --fix charts/vllm-server', lint: ['--fix', 'charts/vllm-server'] },
  { state: 'after gpu-drain-lint --fix --unsafe-fixes charts/vllm-server', lint: ['--fix', '--unsafe-fixes', 'charts/vllm-server'] },
  { state: 'templates/deployment.yaml ends with the line "# reviewed" (the pre-commit test)', append: ['charts/vllm-server/templates/deployment.yaml', '# reviewed\n'] },
];

function recordDerived(helm, helmVersion) {
  for (const derived of DERIVED_RECORDINGS) {
    const copy = mkdtempSync(join(tmpdir(), 'record-helm-'));
    try {
      cpSync(join(ROOT, 'fixtures/repository'), copy, { recursive: true });
      if (derived.append) appendFileSync(join(copy, derived.append[0]), derived.append[1]);
      if (derived.lint) {
        const env = { ...process.env, PATH: `${dirname(resolve(helm))}${delimiter}${process.env.PATH ?? ''}` };
        const linted = spawnSync(process.execPath, [join(ROOT, 'bin/gpu-drain-lint.js'), ...derived.lint], { cwd: copy, env, encoding: 'utf8' });
        if (linted.status !== 0 && linted.status !== 1) throw new Error(`gpu-drain-lint ${derived.lint.join(' ')} failed: ${linted.stderr}`);
      }
      record(helm, helmVersion, FIXTURE_RECORDINGS[0], copy, derived.state);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
}

function main(argv) {
  let helm = process.env.HELM || 'helm';
  if (argv[0] === '--helm') {
    helm = argv[1];
    argv = argv.slice(2);
  } else if (argv[0]?.startsWith('--helm=')) {
    helm = argv[0].slice('--helm='.length);
    argv = argv.slice(1);
  }
  if (!helm) return usage('--helm needs a path');
  const version = spawnSync(helm, ['version', '--short'], { encoding: 'utf8' });
  if (version.status !== 0) return usage(`cannot run ${helm} version --short: ${version.error?.message ?? version.stderr}`);
  if (version.stdout.includes('stand-in')) return usage(`${helm} is the stand-in, not helm: record with the real helm`);

  if (argv.length === 1 && argv[0] === '--fixtures') {
    const cwd = join(ROOT, 'fixtures/repository');
    for (const args of FIXTURE_RECORDINGS) record(helm, version.stdout.trim(), args, cwd);
    recordDerived(helm, version.stdout.trim());
    return 0;
  }
  record(helm, version.stdout.trim(), argv, process.cwd());
  return 0;
}

function record(helm, helmVersion, args, cwd, state) {
  let key;
  try {
    key = renderingKey(parseTemplateArgs(args), cwd);
  } catch (error) {
    if (error instanceof InvocationError) throw new Error(`the stand-in would not accept these arguments: ${error.message}`);
    throw error;
  }
  const result = spawnSync(helm, args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  const code = result.status ?? 1;
  const base = join(RECORDINGS, key);
  mkdirSync(RECORDINGS, { recursive: true });
  writeFileSync(`${base}.out`, result.stdout);
  writeFileSync(`${base}.err`, result.stderr);
  if (code !== 0) writeFileSync(`${base}.code`, `${code}\n`);
  else rmSync(`${base}.code`, { force: true });
  const about = state
    ? { helm: helmVersion, cwd: 'a copy of fixtures/repository', state, args, exitCode: code }
    : { helm: helmVersion, cwd: relative(ROOT, cwd).split('\\').join('/') || '.', args, exitCode: code };
  writeFileSync(`${base}.json`, `${JSON.stringify(about, null, 2)}\n`);
  process.stdout.write(`${key}  exit ${code}  helm ${args.join(' ')}\n`);
}

function usage(message) {
  process.stderr.write(`record-helm: ${message}\nusage: node scripts/record-helm.mjs [--helm PATH] template RELEASE CHART_DIR [--namespace NS] [-f FILE]... [--set k=v]...\n       node scripts/record-helm.mjs [--helm PATH] --fixtures\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
