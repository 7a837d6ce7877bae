/**
 * Issue 14, item 12: a document is refused for its aliases exactly when the API server's YAML
 * reader (go-yaml) would refuse it, and reading many aliases stays linear.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { rules } from '../../rules/index.js';
import { lintText as lintWith } from '../support/lint-text.js';
import { excessiveAliasing } from '../../src/languages/yaml/aliases.js';

const lintText = (text: string) => lintWith(text, { rules });
const configMap = (body: string[]) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: m}', ...body, ''].join('\n');
/** `count` aliases of a one-key map, as list items. */
const manyAliases = (count: number) => configMap(['x: &a {k: v}', 'items:', ...Array<string>(count).fill('  - *a')]);
/** A list of 100 aliases of a 9-item list, then `uses` aliases of that list. */
const nested = (uses: number) =>
  configMap(['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]', `b: &b [${Array<string>(100).fill('*a').join(', ')}]`, `c: [${Array<string>(uses).fill('*b').join(', ')}]`]);

describe('excessive aliasing, as go-yaml counts it', () => {
  it('accepts what go-yaml accepts: 100 or 10,000 aliases of a small map (under 99% of the decoded nodes come through aliases)', () => {
    expect(excessiveAliasing(parseDocument(manyAliases(100)))).toBe(false);
    expect(excessiveAliasing(parseDocument(manyAliases(10_000)))).toBe(false);
    // 1,000 aliased of about 1,130 decoded (88%); two more uses of b: about 3,200 of 3,340 (97%).
    expect(excessiveAliasing(parseDocument(nested(0)))).toBe(false);
    expect(excessiveAliasing(parseDocument(nested(2)))).toBe(false);
  });

  it('refuses what go-yaml refuses: aliases behind more than 99% of the decoded nodes, and the billion laughs', () => {
    // Forty uses of b: about 45,000 aliased of 45,200 decoded (99.6%).
    expect(excessiveAliasing(parseDocument(nested(40)))).toBe(true);
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    let previous = 'a';
    for (const name of 'bcdefghi') {
      laughs.push(`${name}: &${name} [${Array<string>(9).fill(`*${previous}`).join(', ')}]`);
      previous = name;
    }
    expect(excessiveAliasing(parseDocument(configMap(laughs)))).toBe(true);
  });

  it('a manifest with 100 aliases is linted, not reported as a syntax error', () => {
    expect(lintText(manyAliases(100)).filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
  });

  it('ten thousand aliases are resolved in one walk, not one walk each', () => {
    const started = performance.now();
    expect(lintText(manyAliases(10_000)).filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    // One walk per alias took about 40 s here; a single walk takes well under a second.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
