/**
 * Everything the CLI touches outside itself, so tests can run it in-process: paths on the command
 * line, in the config and in GITHUB_STEP_SUMMARY are relative to `cwd`, never to process.cwd().
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdoutIsTTY: boolean;
  /** The terminal's width when stdout is one (text is wrapped to it). */
  columns?: number;
  /** The directory reported paths are relative to (the Action's workspace); absent: the git root above `cwd`, else `cwd`. */
  root?: string;
}
