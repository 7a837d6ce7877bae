/** One file a fix of a rendered text changes: its text as read, and as it is to be written. */
export interface FileChange {
  /** Relative to the current directory. */
  path: string;
  before: string;
  after: string;
}

/** A fix of a rendered text, turned into changes of the files it was rendered from, or why it cannot be. */
export type Translation = { ok: true; changes: FileChange[] } | { ok: false; reason: string };
