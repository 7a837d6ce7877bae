/**
 * Every workload kind of the catalogue, judged by all rules at once (fixtures/kinds/<kind>/):
 * a real upstream example (`upstream.yaml`, its findings listed in `upstream.expect`), a broken
 * twin whose `# expect:` lines name each finding, a correct twin that shows none (findings the
 * resource cannot fix may be acknowledged there with a suppression), and the
 * exact output of `--fix --unsafe-fixes` (`<name>.fixed.yaml`), which a second fix leaves alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { fixText, lintText, type LintTextOptions } from '../support/lint-text.js';

const KINDS = new URL('../../fixtures/kinds/', import.meta.url).pathname;
/** The cluster the twins are judged for: native preStop sleep available. */
const OPTIONS: LintTextOptions = { rules, kubernetesVersion: '1.31' };
const EXPECT = /^#\s*expect:\s*(.+)$/;

/** `LINE:COL rule-id` or `LINE:COL rule-id (warn)`: one finding, as the test compares them. */
function normalize(line: string): string {
  const match = /^(\d+:\d+)\s+([a-z-]+)(\s+\((warn|error)\))?\s*$/.exec(line.trim());
  if (!match) throw new Error(`not an expectation: ${JSON.stringify(line)} (write "LINE:COL rule-id [(warn)]")`);
  return `${match[1]} ${match[2]}${match[4] === 'warn' ? ' (warn)' : ''}`;
}

function expectations(dir: string, file: string, text: string): string[] {
  if (file === 'upstream.yaml') {
    const listed = join(dir, 'upstream.expect');
    if (!existsSync(listed)) return [];
    return readFileSync(listed, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map(normalize).sort();
  }
  return text.split('\n').flatMap((l) => EXPECT.exec(l)?.[1] ?? []).map(normalize).sort();
}

const kinds = readdirSync(KINDS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe.each(kinds)('%s', (kind) => {
  const dir = join(KINDS, kind);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.fixed.yaml')).sort();

  it('has a real upstream example', () => {
    expect(files).toContain('upstream.yaml');
  });

  if (files.includes('broken.yaml')) {
    it('has a correct twin with no finding', () => {
      expect(files).toContain('correct.yaml');
      expect(expectations(dir, 'correct.yaml', readFileSync(join(dir, 'correct.yaml'), 'utf8'))).toEqual([]);
    });
  }

  it.each(files)('%s: the findings are the expected ones', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    // A suppressed finding is not shown (the correct twin of a resource that cannot express a fix acknowledges it).
    const found = lintText(text, { ...OPTIONS, path: file })
      .filter((f) => !f.suppressions)
      .map((f) => `${f.line}:${f.column} ${f.ruleId}${f.severity === 'warn' ? ' (warn)' : ''}`)
      .sort();
    expect(found).toEqual(expectations(dir, file, text));
  });

  const fixed = files.filter((f) => existsSync(join(dir, f.replace(/\.yaml$/, '.fixed.yaml'))));
  if (fixed.length > 0) {
    it.each(fixed)('%s: --fix --unsafe-fixes gives the .fixed.yaml twin, and a second fix changes nothing', (file) => {
      const want = readFileSync(join(dir, file.replace(/\.yaml$/, '.fixed.yaml')), 'utf8');
      expect(fixText(readFileSync(join(dir, file), 'utf8'), { ...OPTIONS, path: file })).toBe(want);
      expect(fixText(want, { ...OPTIONS, path: file })).toBeNull();
    });
  }
});
