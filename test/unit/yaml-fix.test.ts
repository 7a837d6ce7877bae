/**
 * The YAML editor and fix verification on layouts the layout property (test/fix/layout.property.test.ts)
 * found them wrong on, each reduced to the smallest text that showed it.
 */
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/core/fix.js';
import { SourceFile } from '../../src/core/source.js';
import { verifyYaml } from '../../src/languages/yaml/verify.js';

const source = (text: string) => new SourceFile('t.yaml', text, false);

/** A fix that inserts `text` at `at` and expects `value` at `path` of the first document. */
const insertion = (at: number, text: string, path: string[], value: unknown): Fix => ({
  safety: 'unsafe',
  description: 'test insertion',
  edits: [{ start: at, end: at, text }],
  expect: [{ document: 0, path, value }],
});

describe('verifyYaml', () => {
  it('reads an alias in the expected value as the value it stands for', () => {
    const text = 'port: &port "8000"\nargs: [--port, *port]\n';
    const at = text.indexOf(']');
    const fix = insertion(at, ', --shutdown-timeout=100', ['args'], ['--port', '8000', '--shutdown-timeout=100']);
    expect(verifyYaml(source(text), `${text.slice(0, at)}, --shutdown-timeout=100${text.slice(at)}`, [fix])).toBeUndefined();
  });

  it('still refuses a result whose value is not the expected one', () => {
    const text = 'port: &port "8000"\nargs: [--port, *port]\n';
    const at = text.indexOf(']');
    const fix = insertion(at, ', --shutdown-timeout=99', ['args'], ['--port', '8000', '--shutdown-timeout=100']);
    expect(verifyYaml(source(text), `${text.slice(0, at)}, --shutdown-timeout=99${text.slice(at)}`, [fix])).toBe(
      'args would be ["--port","8000","--shutdown-timeout=99"], not ["--port","8000","--shutdown-timeout=100"]',
    );
  });
});
