import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** What a finished command printed, or why it could not run. */
export type CommandOutcome =
  | { ran: true; code: number; stdout: string; stderr: string }
  | { ran: false; reason: string };

/** Runs a command to its end; injected so tests can stand in for helm or kustomize. */
export type CommandRunner = (command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => CommandOutcome;

/** A renderer that has not finished in this time is stopped: every input finishes in bounded time. */
export const RENDER_TIME_LIMIT_MS = 120_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export const runCommand: CommandRunner = (command, args, { cwd, env }) => {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: RENDER_TIME_LIMIT_MS, maxBuffer: MAX_OUTPUT_BYTES, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'not found'
      : code === 'EACCES' ? 'not executable (permission denied)'
      : code === 'ETIMEDOUT' ? `did not finish within ${RENDER_TIME_LIMIT_MS / 1000} s`
      : code === 'ENOBUFS' ? `printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`
      : (code ?? result.error.message);
    return { ran: false, reason };
  }
  if (result.signal) return { ran: false, reason: `stopped by ${result.signal}` };
  return { ran: true, code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
};

/** The executable a bare command name resolves to on PATH (a path is taken as given, relative to `cwd`). */
export function findExecutable(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (command.includes('/') || isAbsolute(command)) return executable(resolve(cwd, command)) ? resolve(cwd, command) : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
