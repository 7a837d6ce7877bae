/**
 * Issue 18, item 4: checking a YAML file's fixes part by part (each group of documents parsed
 * alone) says what checking the whole file says. For every fix the rules offer on the fixtures
 * and the shared corpus (when present), and for spoiled copies of some (YAML broken, a
 * document added, a line run into the next, an expectation wrong): a fix alone gets the same
 * reason from both; fixes together are refused by both or by neither; and groups that verify
 * apart verify together.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { applyEdits, type Fix } from '../../src/core/fix.js';
import { SourceFile } from '../../src/core/source.js';
import { lint } from '../../src/engine/lint.js';
import { selectNonOverlapping } from '../../src/fix/apply.js';
import { verifyYaml, yamlVerifier } from '../../src/languages/yaml/verify.js';
import { lintOptionsFor } from '../support/lint-text.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CORPUS = resolve(ROOT, process.env.GPU_DRAIN_LINT_CORPUS ?? '../shared/corpus');

function yamlFilesBelow(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.name.includes('.fixed.'))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.includes('_helm_templates') && !path.includes('/templates/'))
    .sort();
}

const options = lintOptionsFor({ rules });

/** Copies of a fix, each spoiled in one way its verification must catch. */
function spoiledCopies(fix: Fix): Fix[] {
  const first = (text: (t: string) => string): Fix => ({ ...fix, edits: fix.edits.map((e, i) => (i === 0 ? { ...e, text: text(e.text) } : e)) });
  return [
    first((t) => `${t}: [unclosed\n`),
    first((t) => `${t}\n---\nextra: document\n`),
    first((t) => `${t.replace(/\n+$/, '')}z`),
    { ...fix, expect: fix.expect.map((e) => ({ ...e, value: 'not what it sets' })) },
  ];
}

function fixesOf(path: string, text: string): Fix[] {
  const [result] = lint([{ path, content: new TextEncoder().encode(text), reportable: true }], options);
  if (!result || result.findings.some((f) => f.fatal)) return [];
  return result.findings.flatMap((f) => (f.fix && !f.fix.edits.some((e) => e.path) ? [f.fix] : []));
}

describe.each([
  ['fixtures', yamlFilesBelow(join(ROOT, 'fixtures'))],
  ['the shared corpus', yamlFilesBelow(CORPUS)],
])('part by part, as the whole file says: %s', (_, files) => {
  it.skipIf(files.length === 0)('every fix and its spoiled copies', () => {
    let checked = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      if (text.includes('\r')) continue;
      const source = new SourceFile(path, text, false);
      const whole = (fixes: readonly Fix[]) => verifyYaml(source, applyEdits(text, fixes.flatMap((f) => f.edits)), fixes);
      const verifier = yamlVerifier(source);
      const fixes = fixesOf(path, text);
      // Every fix; spoiled copies of a file's first two (enough for every way to spoil, in every kind of file).
      for (const fix of fixes.flatMap((f, i) => (i < 2 ? [f, ...spoiledCopies(f)] : [f]))) {
        expect(verifier.check([fix]), `${path}: ${fix.description}`).toBe(whole([fix]));
        checked++;
      }
      const together = selectNonOverlapping(fixes);
      if (together.length === 0) continue;
      const groups = verifier.groups(together);
      for (const group of groups) expect(verifier.check(group) === undefined, path).toBe(whole(group) === undefined);
      expect(verifier.check(together) === undefined, path).toBe(whole(together) === undefined);
      const verifying = groups.filter((group) => verifier.check(group) === undefined).flat();
      if (verifying.length > 0) expect(whole(verifying), path).toBeUndefined();
    }
    expect(checked).toBeGreaterThan(0);
  });
});
