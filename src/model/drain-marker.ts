import type { Handler } from './pod.js';
import { scriptOf } from './shell.js';

/** Redirection targets that are logs, not markers (`echo draining > /proc/1/fd/1`). */
const NOT_A_MARKER = /^\/(dev|proc)\//;

/**
 * Files a preStop exec creates to tell the readiness probe that the pod is draining:
 * `touch F`, `> F`, `: > F`, `echo … > F`, `printf … > F` (in `sh -c` strings or exec arrays).
 */
export function markerFiles(hook: Handler | undefined): string[] {
  if (hook?.kind !== 'exec' || !hook.command) return [];
  const script = scriptOf(hook.command.value);
  if (!script.ok) return markersInOpaqueScript(hook.command.value);
  const files = new Set<string>();
  for (const command of script.commands) {
    for (const target of command.writes) if (!NOT_A_MARKER.test(target)) files.add(target);
    if (command.words[0] === 'touch') {
      for (const arg of command.words.slice(1)) if (!arg.startsWith('-')) files.add(arg);
    }
  }
  return [...files];
}

/** For a script with control flow: still find `touch F` and `> F` by their plain shapes. */
function markersInOpaqueScript(argv: string[]): string[] {
  const text = argv.join(' ');
  const files = new Set<string>();
  for (const match of text.matchAll(/(?:\btouch\s+|(?<![0-9&])>>?\s*)(["']?)([^\s"';&|)]+)\1/g)) {
    const file = match[2]!;
    if (!NOT_A_MARKER.test(file) && !file.startsWith('&')) files.add(file);
  }
  return [...files];
}

/** Whether an exec probe mentions `file` as a whole word (`test -f F`, `[ ! -e F ]`, `stat F`). */
export function probeMentions(handler: Handler | undefined, file: string): boolean {
  if (handler?.kind !== 'exec' || !handler.command) return false;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(^|[\\s'"=;(\\[])${escaped}($|[\\s'"\\];)])`);
  return handler.command.value.some((arg) => word.test(arg));
}
