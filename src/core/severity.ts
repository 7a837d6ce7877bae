/** How loud a finding is. */
export type Severity = 'error' | 'warn';
/** A rule's configured level: a severity, or off. */
export type Level = Severity | 'off';
/** The strongest fix a rule offers (RULES.md "fix" column). */
export type FixSafety = 'safe' | 'unsafe' | 'none';
