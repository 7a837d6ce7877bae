import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as domain from '../../src/domain/index.js';

const root = new URL('../../', import.meta.url).pathname;

/** Every string the catalogue states (flags, env vars, image words, entry points, annotation keys). */
function catalogueStrings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    // Short words ("aws", "true", "drain") are too common to mean the fact; names with a separator do.
    if (/[-./_]/.test(value) && value.length >= 6) out.add(value);
  } else if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) catalogueStrings(item, out);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) catalogueStrings(item, out);
  }
  return out;
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The code of a file: string literals kept, comments dropped (they may name a fact to explain it). */
function codeLines(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, ''));
}

describe('each fact the rules rest on is stated once, in src/domain', () => {
  const files = [...sources(join(root, 'src')), ...sources(join(root, 'rules'))].filter((f) => !f.includes('/src/domain/'));
  const strings = catalogueStrings(Object.values(domain));

  it('the catalogue states engine flags, entry points, images and annotation keys', () => {
    for (const fact of ['--shutdown-timeout', '--graceful-termination-timeout', 'GRACEFUL_TERMINATION_TIMEOUT', '--exit-timeout-secs', 'text-generation-launcher', 'vllm.entrypoints.openai.api_server', 'text-generation-inference', 'nginx.ingress.kubernetes.io/proxy-read-timeout', 'deregistration_delay.timeout_seconds']) {
      expect(strings, fact).toContain(fact);
    }
  });

  it('no other source file writes one of its strings as a literal', () => {
    const copies: string[] = [];
    for (const file of files) {
      codeLines(readFileSync(file, 'utf8')).forEach((line, i) => {
        for (const fact of strings) {
          if (line.includes(`'${fact}'`) || line.includes(`"${fact}"`) || line.includes(`\`${fact}\``)) copies.push(`${relative(root, file)}:${i + 1} ${fact}`);
        }
      });
    }
    expect(copies).toEqual([]);
  });

  it('no other source file declares its own default, grace, notice or timeout constant', () => {
    const declarations: string[] = [];
    const pattern = /\bconst [A-Z_]*(DEFAULT|GRACE|NOTICE|TIMEOUT|DELAY)[A-Z_]* = \d/;
    for (const file of files) {
      codeLines(readFileSync(file, 'utf8')).forEach((line, i) => {
        if (pattern.test(line)) declarations.push(`${relative(root, file)}:${i + 1} ${line.trim()}`);
      });
    }
    expect(declarations).toEqual([]);
  });

  it('the checks see a copy when there is one (so the tests above can fail)', () => {
    expect(codeLines("const DEFAULT_GRACE = 30; // the default\n/* '--exit-timeout-secs' */ x('--exit-timeout-secs')").join('\n')).toMatch(/x\('--exit-timeout-secs'\)/);
    expect(/\bconst [A-Z_]*(DEFAULT|GRACE|NOTICE|TIMEOUT|DELAY)[A-Z_]* = \d/.test('const DEFAULT_GRACE = 30;')).toBe(true);
  });
});
