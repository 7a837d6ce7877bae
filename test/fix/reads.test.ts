/**
 * The fix loop reads a file again only when a pass changed its text: a file no fix touches is
 * read once however many passes the others take, and a fixed text once per change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixAll } from '../../src/fix/fixer.js';
import { yamlLanguage } from '../../src/languages/yaml/language.js';
import { rules } from '../../rules/index.js';
import { lintOptionsFor } from '../support/lint-text.js';

const ROOT = join(import.meta.dirname, '../..');
const encoder = new TextEncoder();
const BROKEN = readFileSync(join(ROOT, 'fixtures/examples/vllm-broken.yaml'), 'utf8');
const FIXED = readFileSync(join(ROOT, 'fixtures/examples/vllm-fixed.yaml'), 'utf8');

afterEach(() => vi.restoreAllMocks());

describe('the fix loop', () => {
  it('reads an untouched file once, and a fixed one once per text it takes', () => {
    const read = vi.spyOn(yamlLanguage, 'read');
    const run = fixAll(
      [
        { path: 'broken.yaml', content: encoder.encode(BROKEN), reportable: true },
        { path: 'untouched.yaml', content: encoder.encode(FIXED), reportable: true },
      ],
      lintOptionsFor({ rules }),
      { unsafe: true },
    );
    const fixed = run.fixed.get('broken.yaml');
    expect(fixed?.output).not.toBe(BROKEN);
    expect(run.fixed.has('untouched.yaml')).toBe(false);
    const readsOf = (path: string) => read.mock.calls.filter(([source]) => source.path === path).map(([source]) => source.text);
    expect(readsOf('untouched.yaml')).toEqual([FIXED]);
    const texts = readsOf('broken.yaml');
    expect(texts[0]).toBe(BROKEN);
    expect(texts.at(-1)).toBe(fixed!.output);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
