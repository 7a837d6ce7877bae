import { combine, defineRule, execTiming, formatSeconds, heldBy, isField, isSupplied, servesClients, suppliedUnfixable, type Container, type FixOutcome, type ManifestEditor } from '../src/rule-kit/index.js';

const TOO_SHORT =
  'Container {{container}} of {{label}}: the preStop hook waits only {{waits}} ({{how}}) before SIGTERM, less than the {{minimum}} EndpointSlices, kube-proxy, ingress controllers and load balancers need to stop routing new requests to the pod, so requests still arrive after the server has begun to shut down. Raise the sleep to at least {{minimum}}';

export default defineRule({
  meta: {
    id: 'prestop-too-short',
    description: 'The preStop sleep of a profiled serving container is too short for endpoints and load balancers to stop routing to the pod.',
    defaultSeverity: 'warn',
    fixable: 'safe',
    docs: { finds: 'the preStop sleep is shorter than endpoints and load balancers need to converge (option `minSeconds`, 5 s)' },
    messages: {
      tooShort: `${TOO_SHORT}.`,
      tooShortForProfile: `${TOO_SHORT} (the {{profileName}} profile assumes {{suggested}}).`,
    },
    options: {
      minSeconds: {
        type: 'number',
        minimum: 0,
        default: 5,
        description: 'The shortest preStop sleep, in seconds, that lets EndpointSlices, kube-proxy, ingress controllers and load balancers catch up.',
      },
    },
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
      const data = { container: serving.name ?? '(unnamed)', label, waits: formatSeconds(preStop.seconds), how: preStop.how, minimum: formatSeconds(minSeconds) };
      const holder = heldBy(subject, serving, 'preStop');
      context.report({
        ...holder,
        span,
        ...(suggested > minSeconds
          ? { messageId: 'tooShortForProfile' as const, data: { ...data, profileName: profile.name, suggested: formatSeconds(suggested) } }
          : { messageId: 'tooShort' as const, data }),
        profile,
        fix: isSupplied(serving, 'preStop') ? suppliedUnfixable(serving, 'preStop', subject.template.operator?.inexpressible?.preStop) : raiseSleep(context.editor(holder.object), serving, suggested),
      });
    }
  },
});

/**
 * The native sleep's seconds, or the number of the one `sleep N` in an exec command, raised to
 * `seconds` in place (the command's quoting and block style stay). Several sleeps, or none that
 * can be read, are left to a person.
 */
function raiseSleep(editor: ManifestEditor, container: Container, seconds: number): FixOutcome | undefined {
  const hook = container.preStop!;
  const description = `raise the preStop sleep to ${seconds} s`;
  if (hook.kind === 'sleep') {
    const sleep = hook.view.map('sleep');
    return sleep ? combine('safe', description, editor.set(sleep, 'seconds', seconds)) : undefined;
  }
  const exec = hook.view.map('exec');
  if (hook.kind !== 'exec' || !hook.command || !exec) return undefined;
  const argv = hook.command.value;
  // The edited command must then wait `seconds`: a backgrounded `sleep 3 &` raised to `sleep 15 &`
  // still waits nothing, so it gets no fix.
  const waits = (index: number, text: string) => {
    const timing = execTiming(argv.map((arg, i) => (i === index ? text : arg)));
    return timing.kind === 'measured' && timing.seconds >= seconds;
  };
  const found = argv.flatMap((arg, index) => [...arg.matchAll(SLEEP_IN_SCRIPT)].map((m) => ({ index, m })));
  if (found.length === 1) {
    const { index, m } = found[0]!;
    const from = m[2]!;
    const to = `sleep ${seconds}`;
    const edited = argv[index]!.replace(from, to);
    return waits(index, edited) ? combine('safe', description, editor.replaceInScalar(exec, 'command', index, from, to, edited)) : undefined;
  }
  // `["sleep", "3"]`: the number is its own item.
  const standalone = argv.findIndex((arg, i) => i > 0 && /(^|\/)sleep$/.test(argv[i - 1]!) && /^\d+(\.\d+)?[smhd]?$/.test(arg));
  if (found.length === 0 && standalone !== -1 && argv.filter((a) => /(^|\/)sleep$/.test(a)).length === 1 && waits(standalone, String(seconds))) {
    return combine('safe', description, editor.replaceInScalar(exec, 'command', standalone, argv[standalone]!, String(seconds), String(seconds)));
  }
  return undefined;
}

const SLEEP_IN_SCRIPT = /(^|[\s;&|(])(sleep\s+\d+(?:\.\d+)?[smhd]?)(?=$|[\s;&|)])/g;
