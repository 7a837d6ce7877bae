/**
 * Directory walks and globs leave out what a git repository's .gitignore files (nested ones too)
 * and .git/info/exclude exclude, with gitignore(5)'s semantics; `--no-gitignore` opts out; a file
 * named on the command line is linted even when ignored. Where `git` is installed, the files the
 * walk keeps are also compared with what git itself calls untracked and not ignored.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport, runInProcess, tempDir } from './run.js';

const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

const ROOT_IGNORE = [
  '# a comment, not a pattern',
  '',
  '*.log',
  '/build/',
  'generated/',
  '!generated/keep.yaml',
  'secret-*.yaml',
  '!secret-ok.yaml',
  'docs/**/draft.yaml',
  '\\#hash.yaml',
  'a/**/b.yaml',
  'trailing.yaml   ',
  '[abc]x.yaml',
  '**/tmp',
  'only-dirs/',
  '\\!bang.yaml',
  '[!d]y.yaml',
  'q?.yaml',
  '',
].join('\n');

const DEPLOY_IGNORE = ['local.yaml', '/only-here.yaml', '!../keep-me.yaml', 'sub/*', '!sub/wanted.yaml', ''].join('\n');

/** Every file of the repository, and whether a walk keeps it. */
const FILES: Record<string, boolean> = {
  'keep.yaml': true,
  'build/x.yaml': false, // `/build/`: anchored to the root, a directory
  'sub/build/x.yaml': true,
  'generated/keep.yaml': false, // its directory is excluded: `!` cannot re-include it
  'deploy/generated/x.yaml': false, // `generated/` matches at any depth
  'secret-a.yaml': false,
  'secret-ok.yaml': true,
  'docs/draft.yaml': false, // `/**/` matches no directory too
  'docs/x/y/draft.yaml': false,
  'docs/notes.yaml': true,
  '#hash.yaml': false,
  'a/b.yaml': false,
  'a/x/y/b.yaml': false,
  'ab.yaml': true,
  'trailing.yaml': false, // trailing spaces are not part of the pattern
  'ax.yaml': false,
  'dx.yaml': true,
  'deploy/tmp/x.yaml': false,
  'only-dirs': true, // a file: `only-dirs/` matches directories only
  'deploy/local.yaml': false,
  'local.yaml': true, // deploy/.gitignore applies below deploy/ only
  'deploy/only-here.yaml': false,
  'deploy/sub2/only-here.yaml': true,
  'deploy/sub/x.yaml': false,
  'deploy/sub/wanted.yaml': true, // `sub/*` excludes the files, not the directory: `!` re-includes
  'excluded-by-info.yaml': false, // .git/info/exclude
  'deploy/app.yaml': true,
  '!bang.yaml': false, // `\!` is a literal `!`
  'ay.yaml': false, // `[!d]`: any character but d
  'dy.yaml': true,
  'q1.yaml': false,
  'q12.yaml': true, // `?` is one character
};

const gitAvailable = spawnSync('git', ['--version']).status === 0;

/** The repository; initialised by git when it is installed, else a bare .git directory (no git binary needed). */
function repository(): string {
  const dir = tempDir();
  if (gitAvailable) expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
  for (const [path] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    // `only-dirs` is a file whose name has no manifest extension: named so that `only-dirs/` can be seen not to match it.
    writeFileSync(join(dir, path), MANIFEST);
  }
  mkdirSync(join(dir, '.git/info'), { recursive: true });
  writeFileSync(join(dir, '.git/info/exclude'), 'excluded-by-info.yaml\n');
  writeFileSync(join(dir, '.gitignore'), ROOT_IGNORE);
  writeFileSync(join(dir, 'deploy/.gitignore'), DEPLOY_IGNORE);
  return dir;
}

const walked = Object.entries(FILES)
  .filter(([path, kept]) => kept && path.endsWith('.yaml'))
  .map(([path]) => path)
  .sort();

async function linted(args: string[], cwd: string): Promise<string[]> {
  const result = await runInProcess(['--format', 'json', ...args], { cwd });
  expect(result.status, result.stderr).toBe(0);
  return parseReport(result.stdout).files.map((f) => f.path).sort();
}

describe('.gitignore', () => {
  it('a directory walk leaves out what the nested .gitignore files and .git/info/exclude exclude', async () => {
    const repo = repository();
    expect(await linted(['.'], repo)).toEqual(walked);
  });

  it.skipIf(!gitAvailable)('keeps exactly the files git calls untracked and not ignored', async () => {
    const repo = repository();
    const git = spawnSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' });
    expect(git.status).toBe(0);
    const notIgnored = git.stdout.split('\n').filter((path) => path.endsWith('.yaml')).sort();
    expect(await linted(['.'], repo)).toEqual(notIgnored);
  });

  it('from a subdirectory, the root .gitignore still applies', async () => {
    const repo = repository();
    expect(await linted(['.'], join(repo, 'deploy'))).toEqual(walked.filter((path) => path.startsWith('deploy/')));
  });

  it('a glob leaves out ignored files too', async () => {
    const repo = repository();
    expect(await linted(['**/*.yaml'], repo)).toEqual(walked);
  });

  it('a file named on the command line is linted even when ignored, and an ignored directory named is walked', async () => {
    const repo = repository();
    expect(await linted(['secret-a.yaml', 'build/x.yaml'], repo)).toEqual(['build/x.yaml', 'secret-a.yaml']);
    expect(await linted(['build'], repo)).toEqual(['build/x.yaml']);
  });

  it('--no-gitignore reads every file', async () => {
    const repo = repository();
    const every = Object.keys(FILES).filter((path) => path.endsWith('.yaml')).sort();
    expect(await linted(['--no-gitignore', '.'], repo)).toEqual(every);
  });

  it('outside a git repository, .gitignore files are not read (as git, ripgrep and Ruff)', async () => {
    const dir = tempDir({ '.gitignore': '*.yaml\n', 'm.yaml': MANIFEST });
    expect(await linted(['.'], dir)).toEqual(['m.yaml']);
  });
});
