import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/config/glob.js';

const check = (pattern: string, yes: string[], no: string[]) => {
  const re = globToRegExp(pattern);
  for (const path of yes) expect(re.test(path), `${pattern} should match ${path}`).toBe(true);
  for (const path of no) expect(re.test(path), `${pattern} should not match ${path}`).toBe(false);
};

describe('globToRegExp', () => {
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
    expect(() => globToRegExp('{*.yaml,*.yml}')).not.toThrow();
    check('{*.yaml,*.yml}', ['a.yaml', 'x/b.yml'], ['c.json']);
    check('charts/**/{values,values-*}.yaml', ['charts/x/values.yaml', 'charts/x/values-prod.yaml'], ['charts/x/other.yaml']);
  });
});
