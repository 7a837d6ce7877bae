/**
 * A run loads only the code its command needs (issue 18: a pre-commit hook starts the CLI on
 * every commit): linting a named file does not load the glob library, the config validator,
 * fixing, rendering or a formatter it does not use, and a config file is checked without Ajv. What a run loaded is read from the bundle's files it opened,
 * whose module comments (`// src/fix/fixer.ts`, `// node_modules/ajv/…`) say what they hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './run.js';

const REPORTER = join(ROOT, 'test/support/report-loaded-files.mjs');

/** Modules by a name, and the module comment esbuild writes above each in the bundle. */
const MODULES: Record<string, RegExp> = {
  'fast-glob': /^\/\/ \S*node_modules\/fast-glob\//m,
  ajv: /^\/\/ \S*node_modules\/ajv\//m,
  'config schema': /^\/\/ src\/config\/schema\.ts$/m,
  'config validator': /^\/\/ src\/config\/validator\.generated\.ts$/m,
  fixer: /^\/\/ src\/fix\/fixer\.ts$/m,
  'fix reporting': /^\/\/ src\/cli\/fixes\.ts$/m,
  'overlay building': /^\/\/ src\/render\/overlays-plan\.ts$/m,
  'chart rendering': /^\/\/ src\/render\/charts-plan\.ts$/m,
  'helm and kustomize runner': /^\/\/ src\/render\/command\.ts$/m,
  'stdin rendering': /^\/\/ src\/render\/stdin\.ts$/m,
  'stylish formatter': /^\/\/ src\/formatters\/stylish\.ts$/m,
  'concise formatter': /^\/\/ src\/formatters\/concise\.ts$/m,
  'json formatter': /^\/\/ src\/formatters\/json\.ts$/m,
  'sarif formatter': /^\/\/ src\/formatters\/sarif\.ts$/m,
  'github formatter': /^\/\/ src\/formatters\/github\.ts$/m,
  baseline: /^\/\/ src\/cli\/baseline\.ts$/m,
  'language server': /^\/\/ src\/lsp\/server\.ts$/m,
  'vscode-languageserver': /^\/\/ \S*node_modules\/vscode-languageserver\//m,
};

/** Which of MODULES a run of the built CLI loaded. */
function loaded(args: string[], cwd: string): string[] {
  const result = run(args, { cwd, env: { NODE_OPTIONS: `--import=${REPORTER}` } });
  expect(result.status, result.stderr).toBeLessThan(2);
  const files = [...result.stderr.matchAll(/^LOADED-FILE (.*)$/gm)].map((m) => m[1]!).filter((file) => file.startsWith(join(ROOT, 'dist')));
  expect(files.length, result.stderr).toBeGreaterThan(0);
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  return Object.keys(MODULES).filter((name) => texts.some((text) => MODULES[name]!.test(text)));
}

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n';

describe('what a run loads', () => {
  it('linting a named file loads its formatter and nothing of globbing, config checking, fixing or rendering', () => {
    const dir = tempDir({ 'x.yaml': DEPLOYMENT });
    expect(loaded(['x.yaml'], dir)).toEqual(['stylish formatter']);
    expect(loaded(['x.yaml', '--format', 'json'], dir)).toEqual(['json formatter']);
    expect(loaded(['x.yaml', '--format', 'concise'], dir)).toEqual(['concise formatter']);
  });

  it('a directory, a config file, --fix-dry-run and --output-sarif load what they need (so the check above can fail); Ajv stays unloaded', () => {
    const dir = tempDir({ 'deploy/x.yaml': DEPLOYMENT, '.gpu-drain-lint.yaml': 'rules: {single-replica: warn}\n' });
    expect(loaded(['deploy', '--fix-dry-run', '--format', 'github', '--output-sarif', 'out.sarif'], dir).sort()).toEqual(
      ['fast-glob', 'config schema', 'config validator', 'fixer', 'fix reporting', 'sarif formatter', 'github formatter'].sort(),
    );
  });

  it('a kustomization in the run loads the overlay code, a chart the chart code', () => {
    const dir = tempDir({
      'app/kustomization.yaml': 'resources: [x.yaml]\n',
      'app/x.yaml': DEPLOYMENT,
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'chart/templates/x.yaml': DEPLOYMENT,
    });
    const modules = loaded(['app/x.yaml', 'chart/templates/x.yaml'], dir);
    expect(modules).toContain('overlay building');
    expect(modules).toContain('chart rendering');
    expect(modules).not.toContain('fast-glob');
  });

  it('the lsp command loads the language server (which no lint run loads: see above)', () => {
    const dir = tempDir({ 'x.yaml': DEPLOYMENT });
    expect(loaded(['lsp', '--help'], dir).sort()).toEqual(['fast-glob', 'fixer', 'language server', 'vscode-languageserver']);
  });

  it('a baseline, written or used, loads the baseline code', () => {
    const dir = tempDir({ 'x.yaml': DEPLOYMENT });
    expect(loaded(['x.yaml', '--baseline-write', 'b.json'], dir)).toEqual(['baseline']);
    expect(loaded(['x.yaml', '--baseline', 'b.json'], dir).sort()).toEqual(['baseline', 'stylish formatter']);
  });
});
