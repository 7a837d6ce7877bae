import { isField, type MapView } from '../languages/shared/node.js';
import type { Container, Handler, HttpGet, Probe } from '../model/pod.js';
import { probeMentions } from '../model/drain-marker.js';
import { resolvedPort } from '../model/probes.js';
import { isShell, joinsIntact, shellSyntaxError } from '../model/shell.js';
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
  if (probe.kind === 'httpGet' && probe.httpGet) return httpCheck(probe.httpGet, container, probe);
  if (probe.kind === 'exec' && probe.command) {
    const [program, flag, script] = probe.command.value;
    if (program !== undefined && isShell(program) && flag === '-c' && script !== undefined && probe.command.value.length === 3) return subshell(script);
    return probe.command.value.map(shellQuote).join(' ');
  }
  return { unfixable: `not fixed: a ${probe.kind} readiness check cannot be combined with a drain marker test` };
}

/** The same request as the kubelet's, with curl: its scheme, port, path (quoted whole) and headers. */
function httpCheck(request: HttpGet, container: Container, probe: Probe): string | Unfixable {
  if (request.unreadable.length > 0) return { unfixable: `not fixed: the readiness ${request.unreadable.join(', ')} cannot be read, so curl could not send the same request` };
  if (request.host) return { unfixable: 'not fixed: the readiness probe names a host, which a check inside the container may not reach the same way' };
  const port = resolvedPort(probe, container);
  if (!port || !/^\d+$/.test(port)) return { unfixable: `not fixed: the readiness port ${port ?? '(none)'} cannot be resolved to a number` };
  const https = request.scheme?.value === 'HTTPS';
  const url = `${https ? 'https' : 'http'}://localhost:${port}${request.path?.value ?? '/'}`;
  const words = [
    'curl',
    https ? '-fsSk' : '-fsS',
    // curl reads `[1-3]` and `{a,b}` in a URL as a set of URLs; the kubelet sends the path as written.
    ...(/[[\]{}]/.test(url) ? ['-g'] : []),
    ...request.headers.flatMap((header) => ['-H', `${header.name}: ${header.value}`]),
    url,
  ];
  return words.map(shellQuote).join(' ');
}

/**
 * A `-c` script as one command of a larger script: in parentheses, on a line of their own
 * when the script's last line would swallow the `)` (a `# comment`, a trailing backslash).
 */
function subshell(script: string): string | Unfixable {
  // A script's final line breaks (a `|` block's) stay after the parenthesis.
  const body = script.replace(/\n+$/, '');
  const end = script.slice(body.length);
  for (const wrapped of [`(${body})`, `(${body}\n)`]) {
    if (joinsIntact(wrapped, ['(', body, wrapped.endsWith('\n)') ? '\n)' : ')'])) return wrapped + end;
  }
  return { unfixable: 'not fixed: the readiness script cannot be read as shell, so it cannot be wrapped safely' };
}

/** `prefix + body` as a shell script, when it parses and joining changed none of the body's words. */
function joined(prefix: string, body: string, what: string): string | Unfixable {
  const script = prefix + body;
  const error = shellSyntaxError(script);
  if (error) return { unfixable: `not fixed: the ${what} would not be valid shell (${error})` };
  if (!joinsIntact(script, [prefix, body])) return { unfixable: `not fixed: the ${what} would change the meaning of the current command` };
  return script;
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
  const script = joined(`! test -f ${shellQuote(marker)} && `, check, 'readiness script');
  if (typeof script !== 'string') return [script];
  const handlerKey = probe.kind === 'exec' ? 'exec' : probe.kind;
  // checkAsCommand wrapped the script alone only when the shell has no further arguments.
  const shellScript = shellScriptOf(probe);
  const inPlace = shellScript?.command.length === 3 ? shellScript : undefined;
  return [
    inPlace
      ? editor.replaceItem(inPlace.view, 'command', inPlace.command, 2, script)
      : editor.replacePair(probe.view, handlerKey, 'exec', { command: ['/bin/sh', '-c', script] }),
    editor.set(probe.view, 'periodSeconds', FAST_READINESS.periodSeconds),
    editor.set(probe.view, 'failureThreshold', FAST_READINESS.failureThreshold),
  ];
}

/** A preStop that creates the marker, then waits as long as the current one (or `seconds`). */
export function markerPreStop(editor: ManifestEditor, container: Container, marker: string, seconds: number): Change | Unfixable {
  const hook = container.preStop;
  const command = (wait: string) => {
    const script = joined(`touch ${shellQuote(marker)} && `, wait, 'preStop script');
    return typeof script === 'string' ? { command: ['/bin/sh', '-c', script] } : script;
  };
  const replaceWith = (key: string, wait: string) => {
    const exec = command(wait);
    return 'unfixable' in exec ? exec : editor.replacePair(hook!.view, key, 'exec', exec);
  };
  if (!hook) {
    const exec = command(`sleep ${seconds}`);
    if ('unfixable' in exec) return exec;
    const preStop = { exec };
    return container.lifecycle ? editor.set(container.lifecycle, 'preStop', preStop) : editor.set(container.view, 'lifecycle', { preStop });
  }
  if (hook.kind === 'sleep' && isField(hook.sleepSeconds)) return replaceWith('sleep', `sleep ${hook.sleepSeconds.value}`);
  const shellScript = shellScriptOf(hook);
  if (shellScript) {
    const script = joined(`touch ${shellQuote(marker)} && `, shellScript.command[2]!, 'preStop script');
    return typeof script === 'string' ? editor.replaceItem(shellScript.view, 'command', shellScript.command, 2, script) : script;
  }
  if (hook.kind === 'exec' && hook.command) return replaceWith('exec', hook.command.value.map(shellQuote).join(' '));
  return { unfixable: `not fixed: ${/^[aeiou]/i.test(hook.kind) ? 'an' : 'a'} ${hook.kind} preStop hook cannot also write a drain marker` };
}

/**
 * An exec handler's `sh -c <script>` command, whose script item a fix rewrites in place: the
 * shell, its other arguments and the item's style (a `|` block stays a block) are kept.
 */
function shellScriptOf(handler: Handler): { view: MapView; command: string[] } | undefined {
  const command = handler.kind === 'exec' ? handler.command?.value : undefined;
  const view = handler.view.map('exec');
  if (!command || !view) return undefined;
  const [program, flag, script] = command;
  return program !== undefined && isShell(program) && flag === '-c' && script !== undefined ? { view, command } : undefined;
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
