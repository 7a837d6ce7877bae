import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/config/glob.js';

const check = (pattern: string, yes: string[], no: string[]) => {
  const glob = compileGlob(pattern);
  for (const path of yes) expect(glob.test(path), `${pattern} should match ${path}`).toBe(true);
  for (const path of no) expect(glob.test(path), `${pattern} should not match ${path}`).toBe(false);
};

describe('compileGlob', () => {
  it('`charts/**` matches everything below charts/ at the top only', () => {
    check('charts/**', ['charts/a.yaml', 'charts/x/templates/deploy.yaml'], ['other/charts/a.yaml', 'chartsx/a.yaml', 'a.yaml']);
  });

  it('`*.yaml` matches at any depth, within one path segment', () => {
    check('*.yaml', ['a.yaml', 'deploy/a.yaml', 'x/y/z/a.yaml', '.hidden.yaml'], ['a.yml', 'a.yaml.bak', 'ayaml', 'a.yaml~']);
  });

  it('`vendor/` matches the directory at any depth and everything below it', () => {
    check('vendor/', ['vendor/a.yaml', 'vendor/x/y.yaml', 'src/vendor/a.yaml'], ['vendors/a.yaml', 'myvendor/a.yaml', 'a.yaml']);
  });

  it('a leading slash anchors to the root', () => {
    check('/top.yaml', ['top.yaml'], ['sub/top.yaml', 'top.yaml.bak', 'xtop.yaml']);
  });

  it('a slash in the middle anchors too (as in .gitignore)', () => {
    check('deploy/*.yaml', ['deploy/a.yaml'], ['x/deploy/a.yaml', 'deploy/sub/a.yaml']);
    check('a/**/b.yaml', ['a/b.yaml', 'a/x/b.yaml', 'a/x/y/b.yaml'], ['x/a/b.yaml', 'a/xb.yaml']);
  });

  it('`**/` matches zero or more directories', () => {
    check('**/kustomization.yaml', ['kustomization.yaml', 'a/kustomization.yaml', 'a/b/kustomization.yaml'], ['a/xkustomization.yaml']);
  });

  it('a pattern without a slash matches a file or directory name at any depth', () => {
    check('secrets.yaml', ['secrets.yaml', 'a/b/secrets.yaml'], ['a/mysecrets.yaml', 'secrets.yaml.bak']);
    check('tmp', ['tmp/a.yaml', 'x/tmp/a.yaml', 'tmp'], ['tmpx/a.yaml', 'x/atmp/a.yaml']);
  });

  it('a pattern matching a directory matches everything below it', () => {
    check('deploy/generated', ['deploy/generated/a.yaml', 'deploy/generated/x/b.yaml'], ['deploy/generated-old/a.yaml']);
  });

  it('`{a,b}` is an alternation', () => {
    check('{a,b}.yml', ['a.yml', 'b.yml', 'x/a.yml'], ['c.yml', 'ab.yml', '{a,b}.yml']);
    check('values-{dev,prod}.yaml', ['values-dev.yaml', 'values-prod.yaml'], ['values-qa.yaml']);
  });

  it('`[ab]` and `[!ab]` are character classes', () => {
    check('[ab].yaml', ['a.yaml', 'b.yaml', 'x/a.yaml'], ['c.yaml', 'ab.yaml']);
    check('[!ab].yaml', ['c.yaml'], ['a.yaml', 'b.yaml']);
    check('v[0-9].yaml', ['v1.yaml'], ['vx.yaml']);
  });

  it('`?` matches one character but not a slash', () => {
    check('?.yaml', ['a.yaml', 'x/b.yaml'], ['ab.yaml', '.yaml']);
    check('a?b.yaml', ['axb.yaml'], ['a/b.yaml']);
  });

  it('`*` does not cross a slash', () => {
    check('deploy/*', ['deploy/a.yaml', 'deploy/sub/a.yaml' /* deploy/sub is matched as a directory */], ['deployx/a.yaml']);
    check('a*b.yaml', ['ab.yaml', 'axxb.yaml'], ['a/b.yaml']);
  });

  it('escapes regular-expression characters', () => {
    check('a.b+c(1)$.yaml', ['a.b+c(1)$.yaml'], ['aXb+c(1)$.yaml', 'a.bbc(1)$.yaml']);
    check('x^y|z.yaml', ['x^y|z.yaml'], ['z.yaml']);
  });

  it('trims the pattern and drops a leading ./', () => {
    check('  *.yaml  ', ['a.yaml'], ['a.yml']);
    check('./charts/**', ['charts/a.yaml'], ['x/charts/a.yaml']);
  });

  it('anchors `./top.yaml` like `/top.yaml` (it names a path from the root, and has a slash)', () => {
    // `./` is stripped before `anchored` is computed, so `./top.yaml` becomes `top.yaml` and
    // matches at any depth.
    check('./top.yaml', ['top.yaml'], ['sub/top.yaml']);
  });

  it('treats an unclosed brace or bracket literally', () => {
    check('a{b.yaml', ['a{b.yaml'], ['ab.yaml']);
    check('a[b.yaml', ['a[b.yaml'], ['ab.yaml']);
  });

  it('expands wildcards inside braces (`{*.yaml,*.yml}`) instead of throwing', () => {
    // The alternatives are only regex-escaped, so `*` becomes a bare quantifier and
    // `new RegExp` throws "Nothing to repeat" — which crashes config loading.
    expect(() => compileGlob('{*.yaml,*.yml}')).not.toThrow();
    check('{*.yaml,*.yml}', ['a.yaml', 'x/b.yml'], ['c.json']);
    check('charts/**/{values,values-*}.yaml', ['charts/x/values.yaml', 'charts/x/values-prod.yaml'], ['charts/x/other.yaml']);
  });
});

describe('compileGlob matches as the RegExp it replaces did', () => {
  it('`**/*.yaml` and `[abc]`', () => {
    check('**/*.yaml', ['a.yaml', 'x/a.yaml', 'x/y/.a.yaml', 'x/a.yaml/b.json'], ['a.yml', 'x/a.json', 'a.yamlx', 'x/a.yaml-d/b.json']);
    check('[abc]/*.yaml', ['a/x.yaml', 'c/x.yaml'], ['d/x.yaml', 'x/a/x.yaml']);
  });

  /** The translation to a RegExp that compileGlob replaced (issue 14, item 11), as the reference. */
  function referenceRegExp(pattern: string): RegExp {
    const escape = (text: string) => text.replace(/[.+^$()|\\\]]/g, '\\$&');
    const translate = (glob: string): string => {
      let source = '';
      for (let i = 0; i < glob.length; i++) {
        const c = glob[i]!;
        if (c === '*' && glob[i + 1] === '*') {
          const slash = glob[i + 2] === '/';
          source += slash ? '(?:.*/)?' : '.*';
          i += slash ? 2 : 1;
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else if (c === '{') {
          const close = glob.indexOf('}', i);
          if (close === -1) source += '\\{';
          else {
            source += `(?:${glob.slice(i + 1, close).split(',').map(translate).join('|')})`;
            i = close;
          }
        } else if (c === '[') {
          const close = glob.indexOf(']', i);
          if (close === -1) source += '\\[';
          else {
            source += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
            i = close;
          }
        } else source += escape(c);
      }
      return source;
    };
    const trimmed = pattern.trim();
    const anchored = /^\.?\//.test(trimmed) || trimmed.replace(/\/$/, '').includes('/');
    const glob = trimmed.replace(/^\.?\//, '').replace(/\/$/, '');
    return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${translate(glob)}(?:/.*)?$`);
  }

  it('on short random patterns and paths (a property test)', () => {
    const patterns = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '{', ',', '}', '[', ']', '!', '-', ' ', '\\'), { maxLength: 10 }).map((parts) => parts.join(''));
    const paths = fc.array(fc.constantFrom('a', 'b', '.', '/', '-', '{', '[', '!'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(patterns, fc.array(paths, { minLength: 1, maxLength: 8 }), (pattern, candidates) => {
        let reference: RegExp;
        try {
          reference = referenceRegExp(pattern);
        } catch {
          // An invalid class (`[b-a]`) was an error, and still is.
          expect(() => compileGlob(pattern)).toThrow();
          return;
        }
        const glob = compileGlob(pattern);
        for (const path of candidates) expect(glob.test(path), `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`).toBe(reference.test(path));
      }),
      { numRuns: 3_000 },
    );
  });
});

// Issue 14, item 11: an ignore pattern compiled to a backtracking RegExp (`[^/]*[^/]*…`,
// `(?:.*/)?(?:.*/)?…`) took seconds for 100 `*` and minutes for 200.
describe('matching time does not grow with backtracking', () => {
  const LIMIT_MS = 2_000;

  /**
   * Matches `paths` against `pattern` with src/config/glob.ts in a child process that is killed
   * after LIMIT_MS: a backtracking match cannot be interrupted in this process, and would hang
   * the test run instead of failing it.
   */
  function matchInTime(pattern: string, paths: string[]): boolean[] {
    const { code } = transformSync(readFileSync(new URL('../../src/config/glob.ts', import.meta.url), 'utf8'), { loader: 'ts', format: 'cjs' });
    const driver = `
      const { pattern, paths } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      const glob = module.exports.compileGlob(pattern);
      process.stdout.write(JSON.stringify(paths.map((path) => glob.test(path))));`;
    const started = Date.now();
    const result = spawnSync(process.execPath, ['-e', `${code}\n${driver}`], {
      input: JSON.stringify({ pattern, paths }),
      encoding: 'utf8',
      timeout: LIMIT_MS,
    });
    expect(result.signal, `matching ${pattern.slice(0, 40)}… was stopped after ${Date.now() - started} ms`).toBeNull();
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as boolean[];
  }

  const longName = 'a'.repeat(1_000);
  const deepPath = `${'a/'.repeat(500)}b.yml`;

  it('a pattern of 200 `*`', () => {
    expect(matchInTime(`${'*'.repeat(200)}.yaml`, [longName, deepPath, `${longName}.yaml`])).toEqual([false, false, true]);
  });

  it('a pattern of 100 `*a` and a `*b`', () => {
    expect(matchInTime(`${'*a'.repeat(100)}*b`, [longName, deepPath, `${longName}b`, 'ab'])).toEqual([false, false, true, false]);
  });

  it('a pattern of 100 `**/`', () => {
    expect(matchInTime(`${'**/'.repeat(100)}x.yaml`, [deepPath, `${'a/'.repeat(500)}x.yaml`])).toEqual([false, true]);
  });

  it('a pattern of 100 `*` separated by slashes', () => {
    expect(matchInTime(`${'*/'.repeat(100)}x.yaml`, [deepPath, `${'a/'.repeat(100)}x.yaml`, `${'a/'.repeat(99)}x.yaml`])).toEqual([false, true, false]);
  });
});
