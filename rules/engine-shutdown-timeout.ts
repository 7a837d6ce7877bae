import {
  combine,
  DEFAULT_TERMINATION_GRACE_SECONDS,
  defineRule,
  effectiveGrace,
  engineInvocation,
  flagSeconds,
  hubRepository,
  inexpressible,
  listAt,
  describeObject,
  drainOwnedBy,
  raisedRequestTimeout,
  heldBy,
  isField,
  repositoryName,
  RAY_SERVE,
  readServeDeployments,
  TGI,
  TRITON,
  VLLM,
  parseScript,
  preStopDurationNote,
  shellSyntaxError,
  type Container,
  type MergedFrom,
  type DrainSubject,
  type EngineInvocation,
  type FixOutcome,
  type FlagValue,
  type JudgedEngineFacts,
  type Change,
  type ManifestEditor,
  type OptionsOf,
  type RuleContext,
  type Span,
  type Unfixable,
  type WordRange,
  secondsValue as seconds,
} from '../src/rule-kit/index.js';
import graceBudgetExceeded from './grace-budget-exceeded.js';
import proxyTimeoutTooShort from './proxy-timeout-too-short.js';

const RUNS = 'Container {{container}} of {{label}} runs {{engine}} ({{why}})';
const ABORTS = `${RUNS} {{setting}}: at SIGTERM {{engine}} aborts every in-flight request at once, so the grace period buys the requests nothing. Add {{flag}}={{target}}{{windowNote}}: {{engine}} then stops taking new requests and waits up to {{wait}} s for running ones.`;
const LEFT = 'longer than the {{window}} s left after SIGTERM ({{windowText}})';
const VLLM_OUTLASTS = `${RUNS} with {{setting}}: {{engine}} waits up to {{wait}} s for in-flight requests, ${LEFT}, so the kubelet kills it mid-drain.`;
const TGI_OUTLASTS = `${RUNS}, which waits up to {{wait}} s for in-flight requests at SIGTERM ({{setting}}), ${LEFT}: the kubelet kills it mid-drain.`;
const RAISE = 'Raise terminationGracePeriodSeconds.';

/** An engine whose drain timeout is below the longest request: what it waits for, and what it does then. */
const exitsEarly = <Work extends string, Then extends string>(work: Work, then: Then) =>
  `${RUNS}, which waits only {{wait}} s for in-flight ${work} at SIGTERM ({{setting}}), less than the {{longest}} s longest request: ${then}. Set {{flag}}={{target}}{{needs}}.` as const;

const messages = {
  vllmNeverShipped: `${RUNS} with {{setting}}: no {{engine}} release has {{flags}} (proposed, never shipped), and vllm serve exits on an unknown argument, so the server does not start. Use {{flag}}={{target}} instead{{windowNote}}: at SIGTERM {{engine}} then stops taking new requests and waits up to {{wait}} s for running ones.`,
  vllmAborts: `${ABORTS} It needs {{engine}} {{since}} or later.`,
  vllmAbortsOnOldImage: `${ABORTS} The flag needs {{engine}} {{since}} or later; this image is {{image}}: upgrade it first.`,
  vllmOutlastsGrace: `${VLLM_OUTLASTS} Lower it to {{target}}, or raise terminationGracePeriodSeconds.`,
  vllmOutlastsGraceNoRoom: `${VLLM_OUTLASTS} ${RAISE}`,
  vllmExitsEarly: exitsEarly('requests', 'then it aborts the requests still running'),
  tgiOutlastsGrace: `${TGI_OUTLASTS} Set {{flag}}={{target}}, or raise terminationGracePeriodSeconds.`,
  tgiOutlastsGraceNoRoom: `${TGI_OUTLASTS} ${RAISE}`,
  tgiExitsEarly: exitsEarly('requests', 'then it kills the server with requests still running'),
  tritonExitsEarly: exitsEarly('inferences', 'it exits with requests still running'),
  flagOnOldImage: `${RUNS} with {{setting}}: this image is {{image}}, and {{engine}} has {{flag}} only from {{since}}, so it exits on the unknown argument and the server does not start. Upgrade the image to {{engine}} {{since}} or later, or remove {{flag}}.`,
  rayServeStopsEarly: `Deployment {{deployment}} of application {{application}} in {{label}}'s ${RAY_SERVE.configField} {{setting}}: when ${RAY_SERVE.name} stops one of its replicas (a scale-down, a new version of the application) it waits only {{wait}} s for in-flight requests, less than the {{longest}} s longest request, then kills them. Set ${RAY_SERVE.timeoutKey}: {{longest}} on the deployment.`,
  tgiFlagRepeated: `${RUNS} with {{flag}} given {{count}} times ({{values}}): the launcher's argument parser (clap) refuses an argument given more than once, so the server does not start. Keep one {{flag}}.`,
} as const;

const options = {
  tgiDefaultTimeout: {
    type: 'number',
    minimum: 0,
    default: TGI.shutdown.defaultSeconds as number,
    description: `${TGI.name}'s ${TGI.shutdown.flag} where neither the flag nor ${TGI.shutdown.env} sets it, in seconds.`,
  },
  tritonDefaultTimeout: {
    type: 'number',
    minimum: 0,
    default: TRITON.shutdown.defaultSeconds as number,
    description: `${TRITON.name}'s ${TRITON.shutdown.flag} where the flag is not set, in seconds.`,
  },
};

type Context = RuleContext<OptionsOf<typeof options>, typeof messages>;

export default defineRule({
  meta: {
    id: 'engine-shutdown-timeout',
    description: `An inference engine's SIGTERM drain does not fit the pod's timeline (${VLLM.name} aborts requests; a timeout outlasts the grace period or ends before the longest request), or a flag it lacks.`,
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    docs: {
      finds: `${VLLM.name} without \`${VLLM.shutdown.flag}\`, or a ${VLLM.name} / ${TGI.name} / ${TRITON.name} drain timeout that outlasts the grace period or ends before the longest request (warn); a ${VLLM.name} shutdown flag that never shipped (\`${VLLM.shutdown.neverShipped.join('`, `')}\`) ${TGI.name}'s given twice, or a drain flag on an image older than it (the server does not start; error)`,
      alsoErrors: true,
    },
    messages,
    options,
  },
  check(context) {
    checkRayServe(context);
    for (const subject of context.drainSubjects) {
      const container = subject.serving;
      // An operator that starts the container its own way (KubeRay's `ray start`) runs no engine server there.
      if (!container || subject.template.operator?.startsContainer) continue;
      // An engine inside an operator's runtime (Dynamo's workers) is drained by that runtime's settings.
      if (subject.template.operator?.engineDrainedBy) continue;
      const invocation = engineInvocation(container, container.engineEnv ?? []);
      if (!invocation) continue;
      const grace = effectiveGrace(subject.template.spec);
      const raisedBy = graceRaisedBy(context, subject, grace);
      const raisedTo = raisedBy === 'proxy-timeout-too-short' ? raisedRequestTimeout(subject)?.seconds : raisedBy ? subject.budget.total : undefined;
      const window = grace === undefined ? undefined : (raisedTo ?? grace) - subject.preStopSeconds;
      const graceWindow = grace === undefined ? undefined : grace - subject.preStopSeconds;
      const judge = { context, subject, container, invocation, window, graceWindow, raisedBy, raisedTo, grace, longest: subject.profile.settings.longestRequest };
      if (invocation.engine === 'vllm') checkVllm(judge);
      else if (invocation.engine === 'tgi') checkTgi(judge);
      else checkTriton(judge);
    }
  },
});

/** Each Ray Serve deployment of a profiled RayService, whose graceful shutdown must cover the longest request. */
function checkRayServe(context: Context): void {
  const judged = new Set<unknown>();
  for (const { workload, profile, label } of context.drainSubjects) {
    if (workload.kind !== 'RayService' || judged.has(workload.root.node)) continue;
    judged.add(workload.root.node);
    const longest = profile.settings.longestRequest;
    for (const deployment of readServeDeployments(workload)) {
      const wait = deployment.gracefulShutdownTimeout ?? RAY_SERVE.defaultSeconds;
      if (wait >= longest) continue;
      context.report({
        object: workload,
        span: deployment.span,
        messageId: 'rayServeStopsEarly',
        data: {
          deployment: deployment.name,
          application: deployment.application,
          label: label.replace(/ \(.*\)$/, ''),
          setting: deployment.gracefulShutdownTimeout === undefined ? `leaves ${RAY_SERVE.timeoutKey} at its default ${RAY_SERVE.defaultSeconds} s` : `sets ${RAY_SERVE.timeoutKey}: ${wait}`,
          wait,
          longest,
        },
        profile,
        fix: { unfixable: `not fixed: ${RAY_SERVE.configField} is a YAML document inside a string` },
      });
    }
  }
}

/**
 * The rule whose fix raises the grace period to the budget, so that the engine's drain is fitted to
 * that instead (one mistake, one finding): grace-period-default for a grace at (or below) the
 * default, grace-budget-exceeded for one set below the budget, unless its finding is silenced (the
 * platform caps the grace) and the drain must fit the grace as it is.
 */
function graceRaisedBy(context: Context, subject: DrainSubject, grace: number | undefined): Judge['raisedBy'] {
  // Where the operator owns the drain (Knative), the grace period is the request timeout, which proxy-timeout-too-short raises.
  if (drainOwnedBy(subject.template)) {
    const timeout = subject.template.operator?.requestTimeout;
    const span = timeout?.field?.fieldSpan ?? timeout?.owner.anchor;
    return span && raisedRequestTimeout(subject) && context.shows(proxyTimeoutTooShort, subject.workload, span) ? 'proxy-timeout-too-short' : undefined;
  }
  const budget = subject.budget.total;
  // Where the resource cannot set a grace period, no fix raises it: the drain must fit it as it is.
  if (grace === undefined || grace >= budget || inexpressible(subject.template, 'grace')) return undefined;
  if (grace <= DEFAULT_TERMINATION_GRACE_SECONDS) return budget > DEFAULT_TERMINATION_GRACE_SECONDS ? 'grace-period-default' : undefined;
  const field = subject.template.spec.terminationGracePeriodSeconds;
  return isField(field) && context.shows(graceBudgetExceeded, subject.workload, field.fieldSpan) ? 'grace-budget-exceeded' : undefined;
}

interface Judge {
  context: Context;
  subject: DrainSubject;
  container: Container;
  invocation: EngineInvocation;
  /**
   * Seconds between SIGTERM and SIGKILL the drain is fitted to: grace − preStop, or the budget −
   * preStop where another rule's fix raises the grace to the budget (`raisedBy`).
   */
  window: number | undefined;
  /** grace − preStop with the grace as set (or its default). */
  graceWindow: number | undefined;
  raisedBy: 'grace-period-default' | 'grace-budget-exceeded' | 'proxy-timeout-too-short' | undefined;
  /** The grace period `raisedBy`'s fix gives the pods. */
  raisedTo: number | undefined;
  grace: number | undefined;
  /** The profile's longest request, in seconds. */
  longest: number;
}

/** What every message names: the container, its workload, the engine and how it was recognised. */
function runs(judge: Judge, engine: string) {
  return { container: judge.container.name ?? '(unnamed)', label: judge.subject.label, engine, why: judge.invocation.why };
}

/** The drain time the fixes ask for: the longest request, within what the pod has after SIGTERM. */
function drainTarget(judge: Judge): number {
  return judge.window === undefined ? judge.longest : Math.min(judge.longest, judge.window);
}

function checkVllm(judge: Judge): void {
  const { container, invocation, window } = judge;
  const VLLM_FLAG = VLLM.shutdown.flag;
  if (reportNeverShipped(judge)) return;
  const old = olderThanFlag(container.image, VLLM);
  if (old && reportOnOldImage(judge, VLLM, old)) return;
  const flag = invocation.flags.get(VLLM_FLAG);
  // The operator passes one fitted to the grace period: the grace finding is the one finding.
  if (!flag && judge.subject.template.operator?.derivedEngineFlags?.includes(VLLM_FLAG)) return;
  const value = flag ? flagSeconds(flag.value) : 0;
  if (value === undefined) return; // a variable or an unreadable value: unknown
  const target = drainTarget(judge);
  if (value === 0) {
    const data = {
      ...runs(judge, VLLM.name),
      setting: flag ? `with ${VLLM_FLAG} ${flag.value}` : `without ${VLLM_FLAG}`,
      flag: VLLM_FLAG,
      target,
      windowNote: window !== undefined ? ` (${describeWindow(judge)})` : '',
      wait: seconds(target),
      since: VLLM.shutdown.since.join('.'),
    };
    report(judge, {
      span: flag ? flagSpan(container, flag) : listSpan(container),
      flagName: VLLM_FLAG,
      flag,
      target: old ? undefined : target,
      message: old ? { messageId: 'vllmAbortsOnOldImage', data: { ...data, image: old } } : { messageId: 'vllmAborts', data },
    });
    return;
  }
  const timeout: Timeout = { value, setting: `${VLLM_FLAG} ${flag!.value}`, span: flagSpan(container, flag!), flag };
  if (window !== undefined && value > window) {
    const data = { ...runs(judge, VLLM.name), setting: timeout.setting, wait: seconds(value), window: seconds(window), windowText: describeWindow(judge) };
    report(judge, {
      span: timeout.span,
      flagName: VLLM_FLAG,
      flag,
      target: target > 0 ? target : undefined,
      message: target > 0 ? { messageId: 'vllmOutlastsGrace', data: { ...data, target } } : { messageId: 'vllmOutlastsGraceNoRoom', data },
    });
    return;
  }
  checkExitsEarly(judge, VLLM, timeout, 'vllmExitsEarly');
}

/**
 * vLLM's `--shutdown-mode` / `--shutdown-drain-timeout` (never shipped): the server does not
 * start. One finding (an error) names every such flag; its fix turns a lone one into
 * `--shutdown-timeout`.
 */
function reportNeverShipped(judge: Judge): boolean {
  const { container, invocation, window } = judge;
  const VLLM_FLAG = VLLM.shutdown.flag;
  const given = VLLM.shutdown.neverShipped.filter((name) => invocation.flags.has(name) || invocation.switches.has(name));
  if (given.length === 0) return false;
  const first = given.map((name) => invocation.flags.get(name)).find((flag) => flag !== undefined);
  const lone = given.length === 1 && first !== undefined && !invocation.flags.has(VLLM_FLAG) && !invocation.switches.has(VLLM_FLAG);
  const target = drainTarget(judge);
  // A drain timeout the user chose (a value in seconds) is kept when --shutdown-timeout would accept it as it is.
  const chosen = lone ? flagSeconds(first.value) : undefined;
  const value = chosen !== undefined && chosen >= judge.longest && (window === undefined || chosen <= window) ? chosen : target;
  const shown = value > 0 ? value : judge.longest;
  const old = olderThanFlag(container.image, VLLM);
  const unfixable: Unfixable | undefined = old
    ? { unfixable: `not fixed: this image is ${old}, and ${VLLM.name} has ${VLLM_FLAG} only from ${VLLM.shutdown.since.join('.')}: upgrade it first` }
    : !lone
      ? { unfixable: `not fixed: remove ${given.join(' and ')} and keep one ${VLLM_FLAG}=${shown} by hand` }
      : value <= 0
        ? { unfixable: `not fixed: nothing is left for ${VLLM_FLAG} after the preStop (${describeWindow(judge)}); raise terminationGracePeriodSeconds first` }
        : undefined;
  const setting = given.map((name) => (invocation.flags.has(name) ? `${name} ${invocation.flags.get(name)!.value}` : name)).join(' and ');
  report(judge, {
    span: first ? flagSpan(container, first, true) : listSpan(container),
    flagName: VLLM_FLAG,
    flag: first,
    target: value,
    error: true,
    fix: unfixable ?? replaceNeverShipped(judge.context.editor(judge.subject.workload), container, given[0]!, first!, `${value}`),
    message: {
      messageId: 'vllmNeverShipped',
      data: {
        ...runs(judge, VLLM.name),
        setting,
        flags: given.join(' or '),
        flag: VLLM_FLAG,
        target: shown,
        windowNote: window !== undefined ? ` (${describeWindow(judge)})` : '',
        wait: seconds(shown),
      },
    },
  });
  return true;
}

function checkTgi(judge: Judge): void {
  const { container, window } = judge;
  const TGI_FLAG = TGI.shutdown.flag;
  // Before the flag existed the launcher waited a fixed 90 s, and it exits on the unknown flag.
  const old = olderThanFlag(container.image, TGI);
  if (old && reportOnOldImage(judge, TGI, old)) return;
  if (reportRepeated(judge, TGI)) return;
  const timeout = readTimeout(judge, TGI, judge.context.options.tgiDefaultTimeout, old);
  if (!timeout) return;
  const unfixable: Unfixable | undefined = old ? { unfixable: `not fixed: this image is ${old}, and ${TGI.name} has ${TGI_FLAG} only from ${TGI.shutdown.since.join('.')}: upgrade it first` } : undefined;
  if (window !== undefined && timeout.value > window) {
    const target = drainTarget(judge);
    const data = { ...runs(judge, TGI.name), setting: timeout.setting, wait: seconds(timeout.value), window: seconds(window), windowText: describeWindow(judge) };
    report(judge, {
      span: timeout.span,
      flagName: TGI_FLAG,
      flag: timeout.flag,
      ...(timeout.env ? { env: timeout.env } : {}),
      target: target > 0 ? target : undefined,
      ...(unfixable ? { fix: unfixable } : {}),
      message: target > 0 ? { messageId: 'tgiOutlastsGrace', data: { ...data, flag: TGI_FLAG, target } } : { messageId: 'tgiOutlastsGraceNoRoom', data },
    });
    return;
  }
  checkExitsEarly(judge, TGI, timeout, 'tgiExitsEarly', unfixable);
}

/**
 * The engine's drain flag on an image older than the flag: its argument parser (vLLM's argparse,
 * TGI's clap) exits on the unknown argument, so the server does not start. An error, no fix.
 */
function reportOnOldImage(judge: Judge, engine: JudgedEngineFacts, image: string): boolean {
  const name = engine.shutdown.flag;
  const flag = judge.invocation.flags.get(name);
  if (!flag && !judge.invocation.switches.has(name)) return false;
  report(judge, {
    span: flag ? flagSpan(judge.container, flag, true) : listSpan(judge.container),
    flagName: name,
    flag,
    target: undefined,
    error: true,
    message: {
      messageId: 'flagOnOldImage',
      data: { ...runs(judge, engine.name), setting: flag ? `${name} ${flag.value}` : name, image, flag: name, since: engine.shutdown.since!.join('.') },
    },
  });
  return true;
}

/**
 * TGI's launcher parses its arguments with clap (derive, a single value): an argument given twice,
 * `--graceful-termination-timeout 60 -g 150`, is refused and the launcher exits. vLLM's argparse
 * keeps the last one, so only TGI's is reported.
 */
function reportRepeated(judge: Judge, engine: JudgedEngineFacts): boolean {
  const given = judge.invocation.repeated.get(engine.shutdown.flag);
  if (!given) return false;
  report(judge, {
    span: flagSpan(judge.container, given[1]!, true),
    flagName: engine.shutdown.flag,
    flag: given[1],
    target: undefined,
    error: true,
    message: {
      messageId: 'tgiFlagRepeated',
      data: { ...runs(judge, engine.name), flag: engine.shutdown.flag, count: given.length, values: given.map((flag) => flag.value).join(', then ') },
    },
  });
  return true;
}

function checkTriton(judge: Judge): void {
  const timeout = readTimeout(judge, TRITON, judge.context.options.tritonDefaultTimeout);
  if (timeout) checkExitsEarly(judge, TRITON, timeout, 'tritonExitsEarly');
}

/** An engine's drain timeout as the container sets it (flag, then environment variable, then default). */
interface Timeout {
  value: number;
  /** How it is set, for messages: `--flag 30`, `VAR=30`, `--flag unset: its default`. */
  setting: string;
  span: Span;
  flag: FlagValue | undefined;
  env?: EnvSetting;
}

type EnvSetting = NonNullable<ReturnType<EngineInvocation['env']['get']>>;

/**
 * Undefined when the value is unknown: a variable, a reference, an unreadable value. On an image
 * older than the flag (`oldImage`) the environment variable is not read: the engine waits its
 * fixed default.
 */
function readTimeout(judge: Judge, engine: JudgedEngineFacts, defaultSeconds: number, oldImage?: string): Timeout | undefined {
  const { container, invocation } = judge;
  const { flag: name, env: envName } = engine.shutdown;
  const flag = invocation.flags.get(name);
  if (flag) {
    const value = flagSeconds(flag.value);
    return value === undefined ? undefined : { value, setting: `${name} ${flag.value}`, span: flagSpan(container, flag), flag };
  }
  const env = envName ? invocation.env.get(envName) : undefined;
  if (oldImage && env) {
    const written = env.value ? `${envName}=${env.value.value}` : envName!;
    const setting = `${written} ignored: before ${engine.shutdown.since!.join('.')} ${engine.name} waits a fixed ${defaultSeconds} s`;
    return { value: defaultSeconds, setting, span: env.value?.fieldSpan ?? listSpan(container), flag: undefined };
  }
  if (env?.fromReference) return undefined;
  if (env?.value) {
    const value = flagSeconds(env.value.value);
    return value === undefined ? undefined : { value, setting: `${envName}=${env.value.value}`, span: env.value.fieldSpan, flag: undefined, env };
  }
  return { value: defaultSeconds, setting: `${name} unset: its default`, span: listSpan(container), flag: undefined };
}

/**
 * A drain timeout below the longest request: the engine gives up on requests still running. Only
 * judged where the longest request fits grace − preStop: where it does not, the grace finding
 * (grace-budget-exceeded) is the one to follow, and this one comes once the grace is right.
 */
function checkExitsEarly(judge: Judge, engine: JudgedEngineFacts, timeout: Timeout, messageId: 'vllmExitsEarly' | 'tgiExitsEarly' | 'tritonExitsEarly', unfixable?: Unfixable): void {
  const { longest } = judge;
  // Under a grace period set too short for the longest request, grace-budget-exceeded's finding comes first.
  const window = judge.raisedBy === 'grace-budget-exceeded' ? judge.graceWindow : judge.window;
  if (timeout.value >= longest || (window !== undefined && longest > window)) return;
  report(judge, {
    span: timeout.span,
    flagName: engine.shutdown.flag,
    flag: timeout.flag,
    ...(timeout.env ? { env: timeout.env } : {}),
    target: longest,
    ...(unfixable ? { fix: unfixable } : {}),
    message: {
      messageId,
      data: { ...runs(judge, engine.name), wait: seconds(timeout.value), setting: timeout.setting, longest: seconds(longest), flag: engine.shutdown.flag, target: longest, needs: flagNeeds(engine, timeout) },
    },
  });
}

/** Where the flag is added rather than changed: the release that has it, if not every release does. */
function flagNeeds(engine: JudgedEngineFacts, timeout: Timeout): string {
  const since = engine.shutdown.since;
  return since && !timeout.flag && !timeout.env ? ` (${engine.name} ${since.join('.')} or later has it)` : '';
}

function describeWindow(judge: Judge): string {
  const { subject, raisedBy, raisedTo, window } = judge;
  const grace = raisedTo ?? judge.grace!;
  return `${raisedBy ? `the ${grace} s grace period ${raisedBy} asks for` : `grace ${grace} s`} − preStop ${subject.preStopSeconds} s = ${window} s`;
}

/** A report's message id and data, whichever of the rule's messages it is. */
type Message = { [Id in keyof typeof messages]: Extract<Parameters<Context['report']>[0], { messageId: Id }> extends infer R ? (R extends { data: infer D } ? { messageId: Id; data: D } : never) : never }[keyof typeof messages];

interface Finding {
  span: Span;
  flagName: string;
  flag: FlagValue | undefined;
  env?: EnvSetting;
  /** The value the fix sets; undefined when no value would fix it. */
  target: number | undefined;
  /** The fix, or why there is none, when it is not setting flagName to the target. */
  fix?: FixOutcome | undefined;
  /** Reported as an error (the server does not start); every other finding is a warning. */
  error?: boolean;
  message: Message;
}

function report(judge: Judge, finding: Finding): void {
  if (judge.container.merged) {
    reportMerged(judge, finding, judge.container.merged);
    return;
  }
  const { context, subject, invocation, container } = judge;
  const fix =
    'fix' in finding ? finding.fix : finding.target === undefined ? undefined : flagFix(context.editor(subject.workload), container, invocation, finding);
  context.report({
    object: subject.workload,
    span: finding.span,
    ...(finding.error ? { severity: 'error' as const } : {}),
    ...(fix ? { fix } : {}),
    ...finding.message,
    profile: subject.profile,
    // A message that subtracts the preStop says when its seconds are assumed or a lower bound.
    profileNote: judge.window !== undefined && !WINDOWLESS.has(finding.message.messageId) ? preStopDurationNote(subject) : undefined,
  });
}

/**
 * A finding on a container merged over a ServingRuntime's (KServe: the runtime's `command` and
 * `args` first, the InferenceService's `args` appended). A flag written in the runtime is reported
 * and fixed there; a missing flag is appended to the InferenceService's own `args`.
 */
function reportMerged(judge: Judge, finding: Finding, merged: MergedFrom): void {
  const { context, subject, invocation, container } = judge;
  const baseArgs = merged.base.strings('args');
  const flag = finding.flag;
  const inBase = flag !== undefined && (flag.list === 'command' ? merged.borrowed.has('command') : flag.item < merged.baseArgs);
  const holder = inBase ? heldBy(subject, container, flag.list) : { object: subject.workload };
  // The part of the container the flag is written in, as if it were the whole container.
  const part: Container = inBase
    ? { ...container, view: merged.base, ...(isField(baseArgs) ? { args: baseArgs } : {}) }
    : { ...container, ...(merged.ownArgs ? { args: merged.ownArgs } : { args: undefined }), ...(merged.borrowed.has('command') ? { command: undefined } : {}) };
  const shift = (item: number | undefined) => (item === undefined || inBase ? item : item - merged.baseArgs);
  const partFlag = flag && { ...flag, item: flag.list === 'args' ? shift(flag.item)! : flag.item };
  const append = invocation.append;
  const partAppend = append && (append.list === 'args' ? (append.inScript && (append.item ?? 0) < merged.baseArgs ? undefined : { ...append, item: shift(append.item) }) : merged.borrowed.has('command') ? undefined : append);
  const partInvocation: EngineInvocation = { ...invocation, append: partAppend };
  const fix =
    'fix' in finding
      ? finding.fix && !('unfixable' in finding.fix)
        ? { unfixable: `not fixed: ${container.name ?? 'the container'} is merged from ${describeObject(merged.from)} and ${describeObject(subject.workload)}: change the flag by hand` }
        : finding.fix
      : finding.target === undefined
        ? undefined
        : (flagFix(context.editor(holder.object), part, partInvocation, { ...finding, flag: partFlag }) ??
          { unfixable: `not fixed: the engine's command comes from ${describeObject(merged.from)}; add ${finding.flagName} to its args or to ${describeObject(subject.workload)}'s` });
  context.report({
    ...holder,
    span: partFlag ? flagSpan(part, partFlag) : (merged.ownArgs?.fieldSpan ?? container.anchor),
    ...(finding.error ? { severity: 'error' as const } : {}),
    ...(fix ? { fix } : {}),
    ...finding.message,
    profile: subject.profile,
    profileNote: judge.window !== undefined && !WINDOWLESS.has(finding.message.messageId) ? preStopDurationNote(subject) : undefined,
  });
}

/** Messages that subtract no preStop. */
const WINDOWLESS: ReadonlySet<keyof typeof messages> = new Set(['tritonExitsEarly', 'tgiFlagRepeated', 'flagOnOldImage']);

/** Where a flag is written: the list item of its value (or, `atName`, of its name). */
function flagSpan(container: Container, flag: FlagValue, atName = false): Span {
  const { list, item } = atName && flag.name ? flag.name : flag;
  const at = listAt(container, list);
  return at?.view.itemSpan(at.key, item) ?? listSpan(container);
}

function listSpan(container: Container): Span {
  return container.args?.fieldSpan ?? container.command?.fieldSpan ?? container.anchor;
}

/** How the image names a release older than the engine's shutdown flag (its tag, `v0.11.0`, or a version in its repository name), if it does. */
function olderThanFlag(image: string | undefined, engine: JudgedEngineFacts): string | undefined {
  const since = engine.shutdown.since;
  if (!image) return undefined;
  const tag = image.replace(/@.*$/, '').match(/:([^/:]+)$/)?.[1];
  const name = repositoryName(image);
  const ownImage = engine.releaseRepositories?.includes(hubRepository(image));
  const fromTag = ownImage ? tag?.match(/^v?(\d+)\.(\d+)(?:\.(\d+))?/) : undefined;
  const fromRepository = engine.versionInRepository && name.match(engine.versionInRepository);
  const version = fromTag ?? fromRepository;
  if (!since || !version) return undefined;
  const parts = [Number(version[1]), Number(version[2]), Number(version[3] ?? 0)];
  const shown = fromTag ? tag! : `${engine.name} ${parts[0]}.${parts[1]} (${name})`;
  for (let i = 0; i < since.length; i++) {
    if (parts[i]! !== since[i]!) return parts[i]! < since[i]! ? shown : undefined;
  }
  return undefined;
}

/**
 * A never-shipped vLLM flag rewritten as `--shutdown-timeout`: `--shutdown-mode=drain` becomes
 * `--shutdown-timeout=<value>`; `--shutdown-drain-timeout 120` becomes `--shutdown-timeout <value>`
 * (the name's item and the value's item). Inside a script, the same words are rewritten.
 */
function replaceNeverShipped(editor: ManifestEditor, container: Container, name: string, flag: FlagValue, value: string): FixOutcome {
  const VLLM_FLAG = VLLM.shutdown.flag;
  const description = `replace ${name} with ${VLLM_FLAG} ${value}`;
  const edits = flag.name
    ? [
        { ...flag.name, text: VLLM_FLAG },
        { list: flag.list, item: flag.item, span: flag.span, text: value },
      ]
    : [{ list: flag.list, item: flag.item, span: flag.span, text: `${VLLM_FLAG}=${value}` }];
  if (!flag.inScript) {
    // Each change states its whole list as it will be once every edit is made, so that they agree.
    const after = { command: [...(container.command?.value ?? [])], args: [...(container.args?.value ?? [])] };
    for (const edit of edits) after[edit.list][edit.item] = edit.text;
    return combine('unsafe', description, ...edits.map((edit) => replaceItem(editor, container, edit.list, after[edit.list], edit.item, edit.text)));
  }
  const list = container[flag.list]!.value;
  const ranges = edits.map((edit) => (edit.span ? { range: edit.span, text: edit.text } : undefined));
  const sameItem = edits.every((edit) => edit.list === flag.list && edit.item === flag.item);
  if (!sameItem || ranges.some((range) => range === undefined)) return UNREADABLE_SCRIPT;
  const script = editScript(list[flag.item]!, ranges as ScriptEdit[]);
  return typeof script === 'string' ? combine('unsafe', description, replaceItem(editor, container, flag.list, list, flag.item, script)) : script;
}

/**
 * Sets the flag to the target: the item that holds its value is rewritten (inside a shell
 * script, only the flag's text), or the flag is appended to the engine's argument list.
 */
function flagFix(editor: ManifestEditor, container: Container, invocation: EngineInvocation, finding: Finding): FixOutcome | undefined {
  const value = String(finding.target);
  const description = `set ${finding.flagName} to ${value}`;
  if (finding.env?.value) return combine('unsafe', description, editor.set(finding.env.view, 'value', value));
  const { flag } = finding;
  if (flag) {
    const list = container[flag.list]!.value;
    const replacement = `${flag.attachedTo ?? ''}${value}`;
    if (!flag.inScript) return combine('unsafe', description, replaceItem(editor, container, flag.list, list, flag.item, replacement));
    const script = flag.span ? editScript(list[flag.item]!, [{ range: flag.span, text: replacement }]) : UNREADABLE_SCRIPT;
    return typeof script === 'string' ? combine('unsafe', description, replaceItem(editor, container, flag.list, list, flag.item, script)) : script;
  }
  const append = invocation.append;
  if (!append) return undefined;
  const flagText = `${finding.flagName}=${value}`;
  if (!append.inScript) {
    const at = writableList(container, append.list);
    return combine('unsafe', description, 'unfixable' in at ? at : editor.appendItem(at.view, at.key, container[append.list]?.value, flagText));
  }
  const list = container[append.list]!.value;
  const script = append.at === undefined ? UNREADABLE_SCRIPT : editScript(list[append.item!]!, [{ range: { start: append.at, end: append.at }, text: ` ${flagText}` }]);
  return typeof script === 'string' ? combine('unsafe', description, replaceItem(editor, container, append.list, list, append.item!, script)) : script;
}

/** Where the manifest writes the container's `command` or `args`; the command an operator runs (KubeAI's) is not in it. */
function writableList(container: Container, list: 'command' | 'args'): { view: NonNullable<ReturnType<typeof listAt>>['view']; key: string } | Unfixable {
  const at = list === 'command' && container.commandBy ? undefined : listAt(container, list);
  if (!at) return { unfixable: `not fixed: ${list === 'command' ? `${container.commandBy} writes the command` : 'the resource has no place for the engine\'s arguments'}` };
  // Written, but not as a list of strings (invalid-value's finding): a new list would replace it.
  if (at.view.has(at.key) && container[list] === undefined) return { unfixable: `not fixed: ${at.view.childPath(at.key)} is not a list of strings` };
  return at;
}

function replaceItem(editor: ManifestEditor, container: Container, list: 'command' | 'args', items: readonly string[], item: number, text: string): Change | Unfixable {
  const at = writableList(container, list);
  return 'unfixable' in at ? at : editor.replaceItem(at.view, at.key, items, item, text);
}

const UNREADABLE_SCRIPT: Unfixable = { unfixable: 'not fixed: the script that starts the engine cannot be read as shell, so no flag is written into it' };

/** A word of a script rewritten (`range` is the word), or, where `range` is empty, a word added there. */
interface ScriptEdit {
  range: WordRange;
  text: string;
}

/**
 * A script with words rewritten or one word added after the word that ends at an edit's empty
 * range: only when the result is valid shell whose commands are the script's, but for those
 * words. Anything else (a comment, a `;`, quotes around the spot) gets no edit.
 */
function editScript(script: string, edits: readonly ScriptEdit[]): string | Unfixable {
  const before = parseScript(script);
  let edited = script;
  for (const { range, text } of [...edits].sort((a, b) => b.range.start - a.range.start)) {
    edited = edited.slice(0, range.start) + text + edited.slice(range.end);
  }
  const after = parseScript(edited);
  if (!before.ok || !after.ok || shellSyntaxError(edited) !== undefined) return UNREADABLE_SCRIPT;
  const expected = before.commands.map(({ words, spans }) =>
    words.flatMap((word, i) => {
      const span = spans![i]!;
      const insertion = edits.find(({ range }) => range.start === range.end && range.end === span.end);
      if (insertion) return [word, insertion.text.trim()];
      const replacement = edits.find(({ range }) => range.start !== range.end && range.start === span.start && range.end === span.end);
      return replacement ? [replacement.text] : [word];
    }),
  );
  const changed = JSON.stringify(expected) !== JSON.stringify(before.commands.map((c) => c.words));
  if (changed && JSON.stringify(after.commands.map((c) => c.words)) === JSON.stringify(expected)) return edited;
  return { unfixable: 'not fixed: the flag cannot be written into the script without changing its other words' };
}
