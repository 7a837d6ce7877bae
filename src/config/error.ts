/** Where in a config file a problem is: the file as the user named it, and a 1-based line and column when known. */
export interface ConfigLocation {
  file: string;
  line?: number;
  column?: number;
}

/** A config that cannot be used; the message names the file, line and column, which `location` also carries (for annotations). */
export class ConfigError extends Error {
  constructor(
    readonly reason: string,
    readonly location?: ConfigLocation,
  ) {
    super(location ? `${locationText(location)}: ${reason}` : reason);
  }
}

/** `file:line:column`, as far as it is known. */
export function locationText({ file, line, column }: ConfigLocation): string {
  return [file, line, line === undefined ? undefined : column].filter((part) => part !== undefined).join(':');
}
