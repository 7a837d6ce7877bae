import { isField } from '../languages/shared/node.js';
import type { Container } from './pod.js';
import { scriptOf, type CountedLoop, type SimpleCommand } from './shell.js';

/** How long a container's preStop hook holds the pod before SIGTERM, as far as it can be read. */
export type PreStopTiming =
  | { kind: 'missing' }
  | { kind: 'measured'; seconds: number; how: string }
  /** Known sleeps beside a command of unknown duration: at least `seconds` (RULES.md, "Reading preStop"). */
  | { kind: 'at-least'; seconds: number; why: string }
  /** `unbounded`: a loop that can run until the grace period ends (`while true`, `until curl …`). */
  | { kind: 'unknown'; why: string; unbounded?: true };

/** Commands that return at once; anything else not a `sleep` makes the duration unknown. */
export const INSTANT_COMMANDS: ReadonlySet<string> = new Set(['touch', 'echo', 'printf', 'true', ':', 'rm', 'mkdir', 'kill', 'pkill', 'killall', 'date', 'test', '[']);

export function preStopTiming(container: Container): PreStopTiming {
  const hook = container.preStop;
  if (!hook) return { kind: 'missing' };
  switch (hook.kind) {
    case 'sleep':
      return isField(hook.sleepSeconds)
        ? { kind: 'measured', seconds: hook.sleepSeconds.value, how: 'preStop sleep action' }
        : { kind: 'unknown', why: 'the preStop sleep has no valid seconds' };
    case 'exec':
      return hook.command ? execTiming(hook.command.value) : { kind: 'unknown', why: 'the preStop exec has no command' };
    case 'httpGet':
      return { kind: 'unknown', why: 'an httpGet preStop takes as long as the server answers' };
    default:
      return { kind: 'unknown', why: `a ${hook.kind} preStop hook has no readable duration` };
  }
}

/**
 * Sums the `sleep`s of an exec preStop (`sleep 15`, `touch F && sleep 1m`, `sh -c "..."`). Beside a
 * command of unknown duration those that always run count as a lower bound (not one after `||`);
 * a `while` / `until` loop has none, unless it counts to a number (`[ $i -lt 10 ]`).
 */
export function execTiming(argv: string[]): PreStopTiming {
  const script = scriptOf(argv);
  if (!script.ok) {
    const counted = script.counted && countedLoopTiming(script.counted);
    if (counted) return counted;
    if (script.loop) {
      return { kind: 'unknown', why: `the preStop runs ${script.loop === 'while' ? 'a while' : 'an until'} loop with no bound, which can use the whole grace period`, unbounded: true };
    }
    return { kind: 'unknown', why: `the preStop command cannot be read (${script.reason})` };
  }
  const sleeps = sleepsOf(script.commands);
  return 'why' in sleeps ? { kind: 'unknown', why: sleeps.why } : timingOf(sleeps);
}

interface Sleeps {
  seconds: number;
  /** A sleep after `||` may never run: no lower bound beside a command of unknown duration. */
  certainSeconds: number;
  unknownProgram?: string;
  /** It runs `ray stop`, which ends the Ray node at once. */
  stopsRay?: boolean;
}

function sleepsOf(commands: readonly SimpleCommand[]): Sleeps | { why: string } {
  const sleeps: Sleeps = { seconds: 0, certainSeconds: 0 };
  for (const command of commands) {
    const [program, ...args] = command.words;
    if (program === undefined || command.background) continue;
    if (program === 'sleep') {
      const duration = sleepSeconds(args);
      if (duration === undefined) return { why: `cannot read "sleep ${args.join(' ')}"` };
      sleeps.seconds += duration;
      if (!command.afterOr) sleeps.certainSeconds += duration;
    } else if (stopsRayAtOnce(program, args)) {
      sleeps.stopsRay = true;
    } else if (!INSTANT_COMMANDS.has(program)) {
      sleeps.unknownProgram ??= program;
    }
  }
  return sleeps;
}

function timingOf({ seconds, certainSeconds, unknownProgram, stopsRay }: Sleeps): PreStopTiming {
  if (unknownProgram === undefined) {
    return { kind: 'measured', seconds, how: stopsRay && seconds === 0 ? 'preStop exec "ray stop", which stops the Ray node at once' : 'preStop exec sleep' };
  }
  const why = `the preStop runs "${unknownProgram}", whose duration cannot be known`;
  return certainSeconds > 0 ? { kind: 'at-least', seconds: certainSeconds, why } : { kind: 'unknown', why };
}

/**
 * A loop counted to a number (`while [ $i -lt 10 ]; do sleep 1; i=$((i+1)); done`) takes its
 * iterations × its body's sleeps, when the body only sleeps or returns at once; undefined otherwise.
 */
function countedLoopTiming(loop: CountedLoop): PreStopTiming | undefined {
  const body = sleepsOf(loop.body);
  const outside = sleepsOf(loop.outside);
  if ('why' in body || 'why' in outside || body.unknownProgram !== undefined || body.seconds !== body.certainSeconds) return undefined;
  const looped = loop.iterations * body.seconds;
  return timingOf({ ...outside, seconds: outside.seconds + looped, certainSeconds: outside.certainSeconds + looped });
}

/** `ray stop`, KubeRay's usual preStop, stops the Ray node at once: 0 s of waiting (RULES.md, "Reading preStop"). */
function stopsRayAtOnce(program: string, args: readonly string[]): boolean {
  return program === 'ray' && args[0] === 'stop';
}

/** GNU/busybox `sleep` arguments: numbers with an optional s/m/h/d suffix, summed. */
function sleepSeconds(args: string[]): number | undefined {
  if (args.length === 0) return undefined;
  const unit: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  for (const arg of args) {
    const match = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) return undefined;
    total += Number(match[1]) * unit[match[2]!]!;
  }
  return total;
}
