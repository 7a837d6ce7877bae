import { isField } from '../languages/shared/node.js';
import type { Container, Probe } from '../model/pod.js';
import { probeMentions } from '../model/drain-marker.js';
import { resolvedPort } from '../model/probes.js';
import { isShell } from '../model/shell.js';
import type { Change } from '../languages/shared/editor.js';
import type { ManifestEditor } from '../languages/shared/editor.js';
import type { Unfixable } from '../core/fix.js';

/** The file a fix's preStop creates and its readiness probe tests. */
export const DRAIN_MARKER = '/tmp/drain';

/** Whether `version` ("1.31", "1.30.2") is at least 1.`minor`; unknown is not. */
export function versionAtLeast(version: string | undefined, minor: number): boolean {
  const match = /^1\.(\d+)/.exec(version ?? '');
  return match !== null && Number(match[1]) >= minor;
}

/** The readiness check as a shell command: curl for httpGet, the command itself for exec. */
export function checkAsCommand(probe: Probe, container: Container): string | Unfixable {
  if (probe.kind === 'httpGet') {
    const port = resolvedPort(probe, container);
    if (!port || !/^\d+$/.test(port)) return { unfixable: `not fixed: the readiness port ${port ?? '(none)'} cannot be resolved to a number` };
    const scheme = probe.view.map('httpGet')?.string('scheme');
    const https = isField(scheme) && scheme.value === 'HTTPS';
    return `curl -fsS${https ? 'k' : ''} ${https ? 'https' : 'http'}://localhost:${port}${probe.httpGet?.path?.value ?? '/'}`;
  }
  if (probe.kind === 'exec' && probe.command) {
    const [program, flag, script] = probe.command.value;
    if (program !== undefined && isShell(program) && flag === '-c' && script !== undefined && probe.command.value.length === 3) return `(${script})`;
    return probe.command.value.map(shellQuote).join(' ');
  }
  return { unfixable: `not fixed: a ${probe.kind} readiness check cannot be combined with a drain marker test` };
}

/** The readiness timing the drain fixes set: a probe that flips at its first failure, every 2 s. */
export const FAST_READINESS = { periodSeconds: 2, failureThreshold: 1 } as const;

/** Readiness that fails as soon as the marker exists, and flips fast (FAST_READINESS). */
export function markerAwareReadiness(editor: ManifestEditor, container: Container, marker: string): (Change | Unfixable)[] {
  const probe = container.readinessProbe!;
  // Already testing the marker: nothing to wrap.
  if (probeMentions(probe, marker)) return [];
  const check = checkAsCommand(probe, container);
  if (typeof check !== 'string') return [check];
  const handlerKey = probe.kind === 'exec' ? 'exec' : probe.kind;
  return [
    editor.replacePair(probe.view, handlerKey, 'exec', { command: ['/bin/sh', '-c', `! test -f ${marker} && ${check}`] }),
    editor.set(probe.view, 'periodSeconds', FAST_READINESS.periodSeconds),
    editor.set(probe.view, 'failureThreshold', FAST_READINESS.failureThreshold),
  ];
}

/** A preStop that creates the marker, then waits as long as the current one (or `seconds`). */
export function markerPreStop(editor: ManifestEditor, container: Container, marker: string, seconds: number): Change | Unfixable {
  const hook = container.preStop;
  const command = (wait: string) => ({ command: ['/bin/sh', '-c', `touch ${marker} && ${wait}`] });
  if (!hook) {
    const preStop = { exec: command(`sleep ${seconds}`) };
    return container.lifecycle ? editor.set(container.lifecycle, 'preStop', preStop) : editor.set(container.view, 'lifecycle', { preStop });
  }
  if (hook.kind === 'sleep' && isField(hook.sleepSeconds)) return editor.replacePair(hook.view, 'sleep', 'exec', command(`sleep ${hook.sleepSeconds.value}`));
  if (hook.kind === 'exec' && hook.command) {
    const [program, flag, script] = hook.command.value;
    const wait = program !== undefined && isShell(program) && flag === '-c' && script !== undefined ? script : hook.command.value.map(shellQuote).join(' ');
    return editor.replacePair(hook.view, 'exec', 'exec', command(wait));
  }
  return { unfixable: `not fixed: ${/^[aeiou]/i.test(hook.kind) ? 'an' : 'a'} ${hook.kind} preStop hook cannot also write a drain marker` };
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
