import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileResult, Finding } from '../core/findings.js';
import { gitRoot } from './git-root.js';

/**
 * How the paths of a run are reported, in every format: relative to the root (the git repository's
 * root, else the working directory; the Action's workspace), with `/` separators; a file outside
 * the root by its absolute path. Paths used to read and write files stay relative to the working
 * directory: only what is shown changes.
 */
export class ReportPaths {
  private readonly isFile = new Map<string, boolean>();

  /** `names` are inputs that are not files (`<stdin>`): shown as they are. */
  constructor(
    readonly cwd: string,
    readonly root: string,
    private readonly names: ReadonlySet<string> = new Set(),
  ) {}

  /** The root of a run from `cwd` that is given none: its git repository's root, else `cwd` itself. */
  static rootOf(cwd: string): string {
    return gitRoot(cwd) ?? resolve(cwd);
  }

  /** A path of the run (relative to the working directory, or absolute) as it is reported. */
  show(path: string): string {
    if (this.names.has(path)) return path;
    const absolute = resolve(this.cwd, path);
    const fromRoot = relative(this.root, absolute);
    if (fromRoot === '' || isAbsolute(fromRoot) || fromRoot === '..' || fromRoot.startsWith(`..${sep}`)) return absolute;
    return fromRoot.split(sep).join('/');
  }

  /**
   * The results with their paths as reported: each file's, each fix edit's, and those messages embed
   * to name another object's place (`the PDB at deploy/pdb.yaml:3`). `known` are the paths the run
   * read; another `path:line` in a message is rewritten only when it names an existing file.
   */
  results(results: readonly FileResult[], known: Iterable<string>): FileResult[] {
    const paths = new Set(known);
    for (const result of results) paths.add(result.path);
    return results.map((result) => ({ ...result, path: this.show(result.path), findings: result.findings.map((finding) => this.finding(finding, paths)) }));
  }

  private finding(finding: Finding, known: ReadonlySet<string>): Finding {
    const message = finding.message.replace(PLACE, (token: string) => (known.has(token) || this.namesFile(token) ? this.show(token) : token));
    const fix = finding.fix && { ...finding.fix, edits: finding.fix.edits.map((edit) => (edit.path === undefined ? edit : { ...edit, path: this.show(edit.path) })) };
    return { ...finding, message, ...(fix ? { fix } : {}) };
  }

  private namesFile(token: string): boolean {
    let known = this.isFile.get(token);
    if (known === undefined) {
      try {
        known = statSync(resolve(this.cwd, token)).isFile();
      } catch {
        known = false;
      }
      this.isFile.set(token, known);
    }
    return known;
  }
}

/**
 * A `path:line` place in a message: a word (no blank, bracket, comma, quote or colon) after the
 * start, a blank, an opening bracket, a comma or a quote, directly followed by `:` and a digit.
 */
const PLACE = /(?<![^\s(,"'`])[^\s(),"'`:]+(?=:\d)/g;
