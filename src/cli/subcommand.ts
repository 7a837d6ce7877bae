import type { Io } from './io.js';

/** What a command's module exports: it runs with the arguments after its name and returns the exit code. */
export interface SubcommandModule {
  run(args: readonly string[], io: Io): Promise<number>;
}

/** A command of the CLI besides linting (`gpu-drain-lint rules`), loaded only when it runs. */
export interface Subcommand {
  name: string;
  /** Its arguments as `--help` shows them: `explain <id>`. */
  synopsis: string;
  /** One line for `--help`. */
  summary: string;
  load(): Promise<SubcommandModule>;
}

/** A command that cannot do what it was asked (an unknown rule id): said on stderr, exit 2, without the usage hint. */
export class CommandError extends Error {}
