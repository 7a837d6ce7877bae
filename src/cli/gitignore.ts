import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** One pattern of a .gitignore file (gitignore(5)). */
interface Rule {
  /** Matches a path relative to the directory of the file the pattern is in, `/`-separated. */
  regex: RegExp;
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  negated: boolean;
  /** `pattern/`: matches directories only. */
  directoryOnly: boolean;
}

/** The patterns of one file, and the directory they are relative to (relative to the repository's root; '' for the root). */
interface RuleFile {
  base: string;
  rules: Rule[];
}

/** The patterns of a .gitignore file's text, in order (comments and blank lines dropped). */
export function parseGitignore(text: string): Rule[] {
  return text
    .split(/\r?\n/)
    .map(compile)
    .filter((rule): rule is Rule => rule !== undefined);
}

function compile(line: string): Rule | undefined {
  // Trailing spaces are dropped unless escaped (`\ `).
  let pattern = line.replace(/(?<!\\) +$/, '');
  if (pattern === '' || pattern.startsWith('#')) return undefined;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  if (directoryOnly) pattern = pattern.replace(/\/+$/, '');
  if (pattern === '') return undefined;
  // A slash at the start or in the middle anchors the pattern to its file's directory; otherwise it matches at any depth.
  const anchored = pattern.includes('/');
  const segments = pattern.replace(/^\//, '').split('/');
  let body = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') body += last ? '.*' : '(?:.*/)?';
    else body += segmentRegex(segment) + (last ? '' : '/');
  });
  return { regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`), negated, directoryOnly };
}

/** One path segment: `*` and `?` never match `/`, `[…]` is a class (`[!…]` negated), `\` escapes. */
function segmentRegex(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) out += escapeRegex(segment[++i]!);
    else if (c === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = classEnd(segment, i);
      if (end === -1) out += '\\[';
      else {
        let inner = segment.slice(i + 1, end);
        const negate = inner.startsWith('!') || inner.startsWith('^');
        if (negate) inner = inner.slice(1);
        out += `[${negate ? '^/' : ''}${inner.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&')}]`;
        i = end;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

/** The index of the `]` closing the class opened at `start` (a `]` first in the class is literal); -1 when none does. */
function classEnd(segment: string, start: number): number {
  let i = start + 1;
  if (segment[i] === '!' || segment[i] === '^') i++;
  if (segment[i] === ']') i++;
  for (; i < segment.length; i++) {
    if (segment[i] === '\\') i++;
    else if (segment[i] === ']') return i;
  }
  return -1;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * What a repository's .gitignore files (every directory's, read as a walk reaches it) and its
 * `.git/info/exclude` leave out: a deeper file's patterns come after a shallower one's, and the
 * last pattern that matches decides. Nothing below an excluded directory can be re-included.
 */
export class GitIgnore {
  private readonly filesByDirectory = new Map<string, readonly RuleFile[]>();
  private readonly excludedDirectories = new Map<string, boolean>();

  /** `root`: the repository's root, an absolute path. */
  constructor(readonly root: string) {}

  /** Whether the patterns exclude this file or directory (an absolute path below the root) itself, its parents aside. */
  excludes(path: string, isDirectory: boolean): boolean {
    const fromRoot = relative(this.root, path).split(sep).join('/');
    if (fromRoot === '' || fromRoot.startsWith('../')) return false;
    const files = this.rulesFor(dirname(path));
    for (let f = files.length - 1; f >= 0; f--) {
      const { base, rules } = files[f]!;
      const subject = base === '' ? fromRoot : fromRoot.slice(base.length + 1);
      for (let r = rules.length - 1; r >= 0; r--) {
        const rule = rules[r]!;
        if (rule.directoryOnly && !isDirectory) continue;
        if (rule.regex.test(subject)) return !rule.negated;
      }
    }
    return false;
  }

  /** Whether the file (an absolute path below the root) is excluded, or lies in an excluded directory. */
  ignores(path: string): boolean {
    return this.inExcludedDirectory(dirname(path)) || this.excludes(path, false);
  }

  private inExcludedDirectory(directory: string): boolean {
    if (directory === this.root || !directory.startsWith(this.root)) return false;
    let excluded = this.excludedDirectories.get(directory);
    if (excluded === undefined) {
      excluded = this.inExcludedDirectory(dirname(directory)) || this.excludes(directory, true);
      this.excludedDirectories.set(directory, excluded);
    }
    return excluded;
  }

  /** The pattern files that apply to entries of `directory`, shallowest first. */
  private rulesFor(directory: string): readonly RuleFile[] {
    let files = this.filesByDirectory.get(directory);
    if (files) return files;
    const base = relative(this.root, directory).split(sep).join('/');
    const above = base === '' ? [{ base: '', rules: parseGitignore(readOrEmpty(join(this.root, '.git', 'info', 'exclude'))) }] : this.rulesFor(dirname(directory));
    const own = parseGitignore(readOrEmpty(join(directory, '.gitignore')));
    files = own.length > 0 ? [...above, { base, rules: own }] : above;
    this.filesByDirectory.set(directory, files);
    return files;
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // No such file (or `.git` is a file, in a worktree: its info/exclude is elsewhere, and not read).
    return '';
  }
}
