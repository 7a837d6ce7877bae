import { existsSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Where the extension finds the gpu-drain-lint CLI that it runs as `node <bin> lsp --stdio`.
 * No `vscode` import: the root test suite runs this on temporary directories.
 */

/** The package's own entry point, below a `node_modules` directory. */
const PACKAGE_BIN = join('gpu-drain-lint', 'bin', 'gpu-drain-lint.js');
/** npm's link to it; on Windows a shell script, which `node` cannot run, so it counts only when it leads to a .js file. */
const LINKED_BIN = join('.bin', 'gpu-drain-lint');

export interface ServerPathQuery {
  /** The `gpuDrainLint.path` setting: absolute, `~/…`, or relative to the first workspace folder. */
  readonly configuredPath?: string | undefined;
  /** The workspace folders' paths on disk, in the editor's order. */
  readonly workspaceFolders: readonly string[];
}

export interface ServerPath {
  /** The file to run with `node` (links followed). */
  readonly bin: string;
  /** The directory to start the server in: the workspace folder it was found for, where the config is looked up from. */
  readonly cwd: string | undefined;
}

interface Candidate {
  readonly path: string;
  readonly folder: string | undefined;
  /** A configured path is run as given; one found by looking around must be JavaScript. */
  readonly configured: boolean;
}

/**
 * The places looked at, in order. A configured path is the only candidate: when it is wrong the
 * user should hear so, not get another CLI silently. Otherwise, for each workspace folder, the
 * `node_modules` of the folder and of its parents (as Node resolves a package), nearest first.
 */
export function serverPathCandidates(query: ServerPathQuery): string[] {
  return candidates(query).map((candidate) => candidate.path);
}

/** The CLI to run, or undefined when no candidate exists. */
export function resolveServerPath(query: ServerPathQuery): ServerPath | undefined {
  for (const candidate of candidates(query)) {
    const bin = runnable(candidate);
    if (bin !== undefined) return { bin, cwd: candidate.folder };
  }
  return undefined;
}

function candidates(query: ServerPathQuery): Candidate[] {
  const configured = query.configuredPath?.trim();
  const first = query.workspaceFolders[0];
  if (configured) return [{ path: expandConfigured(configured, first), folder: first, configured: true }];
  return query.workspaceFolders.flatMap((folder) =>
    nodeModulesFrom(folder).flatMap((modules) => [PACKAGE_BIN, LINKED_BIN].map((bin) => ({ path: join(modules, bin), folder, configured: false }))),
  );
}

function expandConfigured(path: string, firstFolder: string | undefined): string {
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(1));
  if (isAbsolute(path) || firstFolder === undefined) return resolve(path);
  return resolve(firstFolder, path);
}

function nodeModulesFrom(folder: string): string[] {
  const found: string[] = [];
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    found.push(join(dir, 'node_modules'));
    if (dirname(dir) === dir) return found;
  }
}

function runnable(candidate: Candidate): string | undefined {
  if (!existsSync(candidate.path)) return undefined;
  const real = realpathSync(candidate.path);
  if (!statSync(real).isFile()) return undefined;
  return candidate.configured || /\.[cm]?js$/.test(real) ? real : undefined;
}
