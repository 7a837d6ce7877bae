/** A config that cannot be used; the message names the file, line and column. */
export class ConfigError extends Error {}
