import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './discover.js';
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

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's arguments, strictly parsed: an unknown option, a missing value or (for a command
 * that takes none) a positional argument is a usage error (exit 2).
 */
export function parseCommandArgs<T extends OptionSpecs>(args: readonly string[], options: T, { positionals }: { positionals: boolean }) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (!positionals && parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}": this command takes options only`);
  return parsed;
}
