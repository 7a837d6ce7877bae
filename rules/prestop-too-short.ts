import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { combine } from '../src/languages/yaml/editor.js';
import type { FixOutcome } from '../src/core/fix.js';
import type { Container } from '../src/model/pod.js';
import type { Workload } from '../src/model/workload.js';
import { servesClients } from '../src/analysis/client-traffic.js';
import { isField } from '../src/languages/node.js';
import { formatSeconds } from '../src/model/units.js';

interface Options {
  /** The shortest preStop sleep that lets the routing layer converge, in seconds. */
  minSeconds: number;
}

export default defineRule<Options>({
  meta: {
    id: 'prestop-too-short',
    description: 'The preStop sleep of a profiled serving container is too short for endpoints and load balancers to stop routing to the pod.',
    defaultSeverity: 'warn',
    fixable: 'safe',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minSeconds: {
          type: 'number',
          minimum: 0,
          description: 'The shortest preStop sleep, in seconds, that lets EndpointSlices, kube-proxy, ingress controllers and load balancers catch up (default 5).',
        },
      },
    },
    defaultOptions: { minSeconds: 5 },
  },
  check(context) {
    const { minSeconds } = context.options;
    for (const subject of context.drainSubjects) {
      const { serving, preStop, label, profile } = subject;
      // No preStop: prestop-missing. An httpGet or unreadable hook: its duration is unknown.
      if (!serving?.preStop || preStop.kind !== 'measured' || !servesClients(subject.workload, subject.template, subject.receivesTraffic)) continue;
      if (preStop.seconds >= minSeconds) continue;
      const hook = serving.preStop;
      const span =
        hook.kind === 'sleep' && isField(hook.sleepSeconds) ? hook.sleepSeconds.fieldSpan
        : hook.kind === 'exec' && hook.command ? hook.command.fieldSpan
        : serving.lifecycle!.keySpan('preStop');
      const suggested = Math.max(minSeconds, profile.settings.preStop);
      context.report({
        object: subject.workload,
        span,
        fix: raiseSleep(context, subject.workload, serving, suggested),
        message:
          `Container ${serving.name ?? '(unnamed)'} of ${label}: the preStop hook waits only ${formatSeconds(preStop.seconds)} (${preStop.how}) before SIGTERM, ` +
          `less than the ${formatSeconds(minSeconds)} EndpointSlices, kube-proxy, ingress controllers and load balancers need to stop routing new requests to the pod, ` +
          `so requests still arrive after the server has begun to shut down. Raise the sleep to at least ${formatSeconds(minSeconds)}` +
          (suggested > minSeconds ? ` (the ${profile.name} profile assumes ${formatSeconds(suggested)}).` : '.') +
          ` [${profile.name}: ${profile.reason}]`,
      });
    }
  },
});

/**
 * The native sleep's seconds, or the number of the one `sleep N` in an exec command, raised to
 * `seconds` in place (the command's quoting and block style stay). Several sleeps, or none that
 * can be read, are left to a person.
 */
function raiseSleep(context: RuleContext<{ minSeconds: number }>, workload: Workload, container: Container, seconds: number): FixOutcome | undefined {
  const hook = container.preStop!;
  const editor = context.editor(workload);
  const description = `raise the preStop sleep to ${seconds} s`;
  if (hook.kind === 'sleep') {
    const sleep = hook.view.map('sleep');
    return sleep ? combine('safe', description, editor.set(sleep, 'seconds', seconds)) : undefined;
  }
  const exec = hook.view.map('exec');
  if (hook.kind !== 'exec' || !hook.command || !exec) return undefined;
  const argv = hook.command.value;
  const found = argv.flatMap((arg, index) => [...arg.matchAll(SLEEP_IN_SCRIPT)].map((m) => ({ index, m })));
  if (found.length === 1) {
    const { index, m } = found[0]!;
    const from = m[2]!;
    const to = `sleep ${seconds}`;
    return combine('safe', description, editor.replaceInScalar(exec, 'command', index, from, to, argv[index]!.replace(from, to)));
  }
  // `["sleep", "3"]`: the number is its own item.
  const standalone = argv.findIndex((arg, i) => i > 0 && /(^|\/)sleep$/.test(argv[i - 1]!) && /^\d+(\.\d+)?[smhd]?$/.test(arg));
  if (found.length === 0 && standalone !== -1 && argv.filter((a) => /(^|\/)sleep$/.test(a)).length === 1) {
    return combine('safe', description, editor.replaceInScalar(exec, 'command', standalone, argv[standalone]!, String(seconds), String(seconds)));
  }
  return undefined;
}

const SLEEP_IN_SCRIPT = /(^|[\s;&|(])(sleep\s+\d+(?:\.\d+)?[smhd]?)(?=$|[\s;&|)])/g;
