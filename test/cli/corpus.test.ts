/**
 * Runs the CLI (main() in-process) over the shared corpus of real-world manifests (`../shared/corpus`, next to the
 * project) and its raw Helm templates. The corpus is not part of the repository: on a clone
 * without it, these tests are skipped with a note.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings, expectCleanExit, parseReport, ROOT, runInProcess, stylishFindings, type JsonReport } from './run.js';

/** `../shared/corpus` from the project root; GPU_DRAIN_LINT_CORPUS points elsewhere. */
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');
const HELM = join(CORPUS, '_helm_templates');
const present = existsSync(CORPUS) && statSync(CORPUS).isDirectory();

if (!present) {
  console.warn(`[corpus.test] ${CORPUS} is absent: skipping the corpus end-to-end tests.`);
}

/** Every *.yaml / *.yml file below `dir`, relative to the project root (how the CLI is given them). */
function manifestsBelow(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(relative(ROOT, full));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Batches of files, one CLI run (main() in-process) each. Each batch is named by the
 * repositories (top folders) it covers.
 */
function batches(files: string[], base: string, size = 80): [string, string[]][] {
  const result: [string, string[]][] = [];
  for (let i = 0; i < files.length; i += size) {
    const batch = files.slice(i, i + size);
    const repos = [...new Set(batch.map((f) => relative(relative(ROOT, base), f).split('/')[0]!))];
    result.push([`files ${i + 1}-${i + batch.length} (${repos.join(', ')})`, batch]);
  }
  return result;
}

/**
 * How the report names a file given relative to the project root: the corpus lies outside this
 * repository (next to it), so by its absolute path; inside the repository, relative to its root.
 */
function reportedPath(file: string): string {
  return relative(ROOT, resolve(ROOT, file)).startsWith('..') ? resolve(ROOT, file) : relative(ROOT, resolve(ROOT, file));
}

const allFiles = present ? manifestsBelow(CORPUS) : [];
const helmFiles = allFiles.filter((f) => resolve(ROOT, f).startsWith(`${HELM}/`));
const manifestFiles = allFiles.filter((f) => !resolve(ROOT, f).startsWith(`${HELM}/`));

function lineCount(path: string): { lines: string[] } {
  const text = readFileSync(resolve(ROOT, path), 'utf8').replace(/^\uFEFF/, '');
  return { lines: text.split('\n') };
}

/** Every finding sits inside its file, on a line that has something at that column. */
function expectPositionsInsideFiles(report: JsonReport): void {
  for (const file of report.files) {
    const { lines } = lineCount(file.path);
    for (const f of file.findings) {
      const where = `${file.path}:${f.line}:${f.column} ${f.ruleId}`;
      expect(f.line, where).toBeLessThanOrEqual(lines.length);
      expect(f.column, where).toBeLessThanOrEqual(lines[f.line - 1]!.replace(/\r$/, '').length + 1);
      expect(f.endLine, where).toBeLessThanOrEqual(lines.length);
      if (f.ruleId !== 'yaml-syntax') {
        const rest = lines[f.line - 1]!.slice(f.column - 1);
        expect(rest.trim(), `${where} points at blank space`).not.toBe('');
        expect(rest.trimStart().startsWith('#'), `${where} points at a comment`).toBe(false);
      }
    }
  }
}

describe.skipIf(!present)('corpus: real-world manifests', () => {
  it('has files to lint', () => {
    expect(manifestFiles.length).toBeGreaterThan(100);
    expect(helmFiles.length).toBeGreaterThan(0);
  });

  it.each(present ? batches(manifestFiles, CORPUS) : [])('%s: exit 0 or 1, valid JSON naming every file, no false yaml-syntax; stylish says the same', async (_name, files) => {
      const result = await runInProcess(['-f', 'json', ...files]);
      expectCleanExit(result);
      const report = parseReport(result.stdout);
      expect(report.files.map((f) => f.path)).toEqual(files.map(reportedPath));
      expect(result.status).toBe(report.errorCount > 0 ? 1 : 0);
      // Every corpus file outside _helm_templates parses as YAML (see SOURCES.md): a syntax
      // finding here would be the linter's mistake.
      const syntax = allFindings(report).filter((f) => f.ruleId === 'yaml-syntax');
      expect(syntax.map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      expectPositionsInsideFiles(report);

      const stylish = await runInProcess(files);
      expectCleanExit(stylish);
      expect(stylish.status).toBe(result.status);
      expect(stylishFindings(stylish.stdout).map((l) => `${l.path}:${l.line}:${l.column} ${l.ruleId}`)).toEqual(
        allFindings(report).map((f) => `${f.path}:${f.line}:${f.column} ${f.ruleId}`),
      );
  });

  it('the corpus folder as one input reaches every manifest file', async () => {
    const result = await runInProcess(['-f', 'json', relative(ROOT, CORPUS)]);
    expectCleanExit(result);
    const reported = parseReport(result.stdout).files.map((f) => f.path);
    expect([...reported].sort()).toEqual(allFiles.map(reportedPath).sort());
  });

  it('each file through stdin gives the same findings as from disk (sample)', async () => {
    const sample = manifestFiles.filter((_, i) => i % 60 === 0);
    for (const file of sample) {
      const fromDisk = await runInProcess(['-f', 'json', file]);
      const fromStdin = await runInProcess(['-f', 'json', '-', '--stdin-filename', file], { input: readFileSync(resolve(ROOT, file)) });
      expectCleanExit(fromStdin);
      expect(fromStdin.stdout, file).toBe(fromDisk.stdout);
    }
  });
});

describe.skipIf(!present)('corpus: raw Helm templates', () => {
  it.each(present ? batches(helmFiles, HELM) : [])('%s: every template gets a yaml-syntax finding telling to render it; exit 1, valid JSON', async (_name, files) => {
      const result = await runInProcess(['-f', 'json', ...files]);
      expectCleanExit(result, [1]);
      const report = parseReport(result.stdout);
      expect(report.files.map((f) => f.path)).toEqual(files.map(reportedPath));
      for (const file of report.files) {
        const syntax = file.findings.filter((f) => f.ruleId === 'yaml-syntax');
        expect(syntax, file.path).toHaveLength(1);
        expect(syntax[0]!.message, file.path).toMatch(/helm template/);
        expect(syntax[0]!.severity).toBe('error');
        // At a real {{ in the file.
        const { lines } = lineCount(file.path);
        expect(lines[syntax[0]!.line - 1]!.slice(syntax[0]!.column - 1).startsWith('{{'), `${file.path}:${syntax[0]!.line}:${syntax[0]!.column}`).toBe(true);
      }
      expectPositionsInsideFiles(report);

      const stylish = await runInProcess(files);
      expectCleanExit(stylish, [1]);
      const named = new Set(stylishFindings(stylish.stdout).map((l) => l.path));
      for (const file of files) expect(named, file).toContain(reportedPath(file));
  });
});
