import { appendFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, main, type Io } from '../cli/main.js';
import { parseFailLevel } from '../cli/fail-level.js';

/**
 * The GitHub Action: lints with annotations on stdout, a job summary, and a SARIF file for
 * code scanning, all from one run; reads its inputs the way GitHub passes them (INPUT_*).
 */
export async function runAction(env: NodeJS.ProcessEnv = process.env, io: Io = processIo(env)): Promise<number> {
  const input = (name: string) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const sarifFile = input('sarif-file') || 'gpu-drain-lint.sarif';
  const parsedFailLevel = parseFailLevel(input('fail-level') || 'error');
  if ('error' in parsedFailLevel) {
    io.stderr(`::error title=gpu-drain-lint::${parsedFailLevel.error}\n`);
    return EXIT_TROUBLE;
  }
  const failLevel = parsedFailLevel.level;
  const maxWarnings = input('max-warnings');
  const args = [
    ...splitWords(input('paths') || '.'),
    '--format',
    'github',
    '--output-sarif',
    sarifFile,
    ...(input('config') ? ['--config', input('config')] : []),
    ...(input('baseline') ? ['--baseline', input('baseline')] : []),
    ...(failLevel === 'warn' ? ['--max-warnings', '0'] : maxWarnings ? ['--max-warnings', maxWarnings] : []),
    ...splitWords(input('args')),
  ];
  // Paths, globs and the SARIF file are relative to the workspace, wherever the runner starts us; so are reported paths.
  process.chdir(workspace);
  const code = await main(args, { ...io, cwd: workspace, root: workspace });
  if (code === EXIT_TROUBLE) {
    // The run wrote no SARIF: an upload of an empty one could close the open code-scanning alerts.
    io.stderr('gpu-drain-lint: no SARIF written: the run failed (the sarif-file output is not set)\n');
  } else if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, `sarif-file=${isAbsolute(sarifFile) ? sarifFile : join(workspace, sarifFile)}\n`);
  }
  // Usage, config and internal errors always fail the step; findings only at the chosen level.
  if (code === EXIT_FINDINGS && failLevel === 'none') return EXIT_OK;
  return code;
}

/** Inputs list paths and arguments separated by spaces or newlines; quotes group words. */
export function splitWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function processIo(env: NodeJS.ProcessEnv): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => new Uint8Array(),
    env,
    cwd: process.cwd(),
    stdoutIsTTY: false,
  };
}
