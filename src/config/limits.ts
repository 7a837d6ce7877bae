/**
 * The largest number a config may give (seconds, counts): a day. No drain waits that long, and it
 * keeps every grace budget a fix writes finite and far inside terminationGracePeriodSeconds' int64.
 */
export const MAX_CONFIG_NUMBER = 86_400;
