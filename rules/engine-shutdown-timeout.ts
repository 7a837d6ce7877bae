import {
  combine,
  DEFAULT_TERMINATION_GRACE_SECONDS,
  defineRule,
  effectiveGrace,
  engineInvocation,
  flagSeconds,
  TGI,
  TRITON,
  VLLM,
  parseScript,
  shellSyntaxError,
  VLLM_DRAIN_MODE,
  type Container,
  type DrainSubject,
  type EngineInvocation,
  type FixOutcome,
  type FlagValue,
  type ManifestEditor,
  type OptionsOf,
  type RuleContext,
  type Span,
  type Unfixable,
  type WordRange,
  secondsValue as seconds,
} from '../src/rule-kit/index.js';

/** The first vLLM release with its shutdown flag. */
const VLLM_SINCE = VLLM.shutdown.since;

const RUNS = 'Container {{container}} of {{label}} runs {{engine}} ({{why}})';
const ABORTS = `${RUNS} {{setting}}: at SIGTERM {{engine}} aborts every in-flight request at once, so the grace period buys the requests nothing. Add {{flag}}={{target}}{{windowNote}}: {{engine}} then stops taking new requests and waits up to {{wait}} s for running ones.`;
const LEFT = 'longer than the {{window}} s left after SIGTERM ({{windowText}})';
const VLLM_OUTLASTS = `${RUNS} with {{setting}}: {{engine}} waits up to {{wait}} s for in-flight requests, ${LEFT}, so the kubelet kills it mid-drain.`;
const TGI_OUTLASTS = `${RUNS}, which waits up to {{wait}} s for in-flight requests at SIGTERM ({{setting}}), ${LEFT}: the kubelet kills it mid-drain.`;
const TRITON_EARLY = `${RUNS}, which waits only {{wait}} s for in-flight inferences at SIGTERM ({{setting}}), less than the {{longest}} s longest request: it exits with requests still running. Set {{flag}}={{target}}`;
const RAISE = 'Raise terminationGracePeriodSeconds.';

const messages = {
  vllmAborts: `${ABORTS} It needs {{engine}} {{since}} or later.`,
  vllmAbortsOnOldImage: `${ABORTS} The flag needs {{engine}} {{since}} or later; this image is {{image}}: upgrade it first.`,
  vllmOutlastsGrace: `${VLLM_OUTLASTS} Lower it to {{target}}, or raise terminationGracePeriodSeconds.`,
  vllmOutlastsGraceNoRoom: `${VLLM_OUTLASTS} ${RAISE}`,
  tgiOutlastsGrace: `${TGI_OUTLASTS} Set {{flag}}={{target}}, or raise terminationGracePeriodSeconds.`,
  tgiOutlastsGraceNoRoom: `${TGI_OUTLASTS} ${RAISE}`,
  tritonExitsEarly: `${TRITON_EARLY}.`,
  tritonExitsEarlyForGrace: `${TRITON_EARLY} (all that fits in {{windowText}}; raise terminationGracePeriodSeconds for more).`,
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
  vllmDrainDefaultTimeout: {
    type: 'number',
    minimum: 0,
    default: VLLM_DRAIN_MODE.defaultSeconds as number,
    description: `${VLLM.name}'s ${VLLM_DRAIN_MODE.timeoutFlag} where ${VLLM_DRAIN_MODE.modeFlag} ${VLLM_DRAIN_MODE.mode} is set without it, in seconds.`,
  },
};

type Context = RuleContext<OptionsOf<typeof options>, typeof messages>;


export default defineRule({
  meta: {
    id: 'engine-shutdown-timeout',
    description: `An inference engine's own SIGTERM drain does not fit the pod's timeline: ${VLLM.name} aborts in-flight requests, or a drain timeout outlasts the grace period.`,
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    docs: { finds: `${VLLM.name} without \`${VLLM.shutdown.flag}\`, or a ${TGI.name} / ${TRITON.name} drain timeout that does not fit the grace period` },
    messages,
    options,
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const container = subject.serving;
      if (!container) continue;
      const invocation = engineInvocation(container, container.engineEnv ?? []);
      if (!invocation) continue;
      const grace = effectiveGrace(subject.template.spec);
      // A grace period left at (or below) the default is grace-period-default's finding; its fix
      // raises it to the budget, so the engine is judged against that instead.
      const defaulted = grace !== undefined && grace <= DEFAULT_TERMINATION_GRACE_SECONDS && subject.budget.total > DEFAULT_TERMINATION_GRACE_SECONDS;
      const window = grace === undefined ? undefined : (defaulted ? subject.budget.total : grace) - subject.preStopSeconds;
      const judge = { context, subject, container, invocation, window, defaulted, grace };
      if (invocation.engine === 'vllm') checkVllm(judge);
      else if (invocation.engine === 'tgi') checkTgi(judge);
      else checkTriton(judge);
    }
  },
});

interface Judge {
  context: Context;
  subject: DrainSubject;
  container: Container;
  invocation: EngineInvocation;
  /** Seconds between SIGTERM and SIGKILL: grace − preStop (the budget's grace if defaulted). */
  window: number | undefined;
  defaulted: boolean;
  grace: number | undefined;
}

/** What every message names: the container, its workload, the engine and how it was recognised. */
function runs(judge: Judge, engine: string) {
  return { container: judge.container.name ?? '(unnamed)', label: judge.subject.label, engine, why: judge.invocation.why };
}

function checkVllm(judge: Judge): void {
  const { subject, container, invocation, window } = judge;
  const VLLM_FLAG = VLLM.shutdown.flag;
  const longest = subject.profile.settings.longestRequest;
  const drainMode = invocation.flags.get(VLLM_DRAIN_MODE.modeFlag)?.value === VLLM_DRAIN_MODE.mode;
  const flag = invocation.flags.get(drainMode ? VLLM_DRAIN_MODE.timeoutFlag : VLLM_FLAG);
  const value = drainMode && !flag ? judge.context.options.vllmDrainDefaultTimeout : flag ? flagSeconds(flag.value) : 0;
  if (value === undefined) return; // a variable or an unreadable value: unknown
  const target = window === undefined ? longest : Math.min(longest, window);
  const old = oldVllm(container.image);
  if (value === 0) {
    const data = {
      ...runs(judge, VLLM.name),
      setting: flag ? `with ${VLLM_FLAG} ${flag.value}` : `without ${VLLM_FLAG}`,
      flag: VLLM_FLAG,
      target,
      windowNote: window !== undefined ? ` (${describeWindow(judge)})` : '',
      wait: seconds(target),
      since: VLLM_SINCE.join('.'),
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
  if (window === undefined || value <= window) return;
  const setting = drainMode
    ? `${VLLM_DRAIN_MODE.modeFlag} ${VLLM_DRAIN_MODE.mode} and ${flag ? `${VLLM_DRAIN_MODE.timeoutFlag} ${flag.value}` : `no ${VLLM_DRAIN_MODE.timeoutFlag} (its default ${value} s)`}`
    : `${VLLM_FLAG} ${flag!.value}`;
  const data = { ...runs(judge, VLLM.name), setting, wait: seconds(value), window: seconds(window), windowText: describeWindow(judge) };
  report(judge, {
    span: flag ? flagSpan(container, flag) : listSpan(container),
    flagName: drainMode ? VLLM_DRAIN_MODE.timeoutFlag : VLLM_FLAG,
    flag,
    target: target > 0 ? target : undefined,
    message: target > 0 ? { messageId: 'vllmOutlastsGrace', data: { ...data, target } } : { messageId: 'vllmOutlastsGraceNoRoom', data },
  });
}

function checkTgi(judge: Judge): void {
  const { subject, container, invocation, window } = judge;
  if (window === undefined) return;
  const TGI_FLAG = TGI.shutdown.flag;
  const TGI_ENV = TGI.shutdown.env;
  const flag = invocation.flags.get(TGI_FLAG);
  const env = invocation.env.get(TGI_ENV);
  if (!flag && env?.fromReference) return;
  const value = flag ? flagSeconds(flag.value) : env?.value ? flagSeconds(env.value.value) : judge.context.options.tgiDefaultTimeout;
  if (value === undefined || value <= window) return;
  const target = Math.min(subject.profile.settings.longestRequest, window);
  const setting = flag ? `${TGI_FLAG} ${flag.value}` : env?.value ? `${TGI_ENV}=${env.value.value}` : `${TGI_FLAG} unset: its default`;
  const data = { ...runs(judge, TGI.name), setting, wait: seconds(value), window: seconds(window), windowText: describeWindow(judge) };
  report(judge, {
    span: flag ? flagSpan(container, flag) : env?.value ? env.value.fieldSpan : listSpan(container),
    flagName: TGI_FLAG,
    flag,
    ...(env?.value && !flag ? { env } : {}),
    target: target > 0 ? target : undefined,
    message: target > 0 ? { messageId: 'tgiOutlastsGrace', data: { ...data, flag: TGI_FLAG, target } } : { messageId: 'tgiOutlastsGraceNoRoom', data },
  });
}

function checkTriton(judge: Judge): void {
  const { subject, container, invocation, window } = judge;
  const TRITON_FLAG = TRITON.shutdown.flag;
  const flag = invocation.flags.get(TRITON_FLAG);
  const value = flag ? flagSeconds(flag.value) : judge.context.options.tritonDefaultTimeout;
  const longest = subject.profile.settings.longestRequest;
  if (value === undefined || value >= longest) return;
  const target = window === undefined ? longest : Math.min(longest, window);
  const data = {
    ...runs(judge, TRITON.name),
    wait: seconds(value),
    setting: flag ? `${TRITON_FLAG} ${flag.value}` : `${TRITON_FLAG} unset: its default`,
    longest: seconds(longest),
    flag: TRITON_FLAG,
    target,
  };
  report(judge, {
    span: flag ? flagSpan(container, flag) : listSpan(container),
    flagName: TRITON_FLAG,
    flag,
    target: target > value ? target : undefined,
    message:
      window !== undefined && target < longest
        ? { messageId: 'tritonExitsEarlyForGrace', data: { ...data, windowText: describeWindow(judge) } }
        : { messageId: 'tritonExitsEarly', data },
  });
}

function describeWindow(judge: Judge): string {
  const { subject, defaulted, window } = judge;
  const grace = defaulted ? subject.budget.total : judge.grace!;
  return `${defaulted ? `the ${grace} s grace period grace-period-default asks for` : `grace ${grace} s`} − preStop ${subject.preStopSeconds} s = ${window} s`;
}

/** A report's message id and data, whichever of the rule's messages it is. */
type Message = { [Id in keyof typeof messages]: Extract<Parameters<Context['report']>[0], { messageId: Id }> extends infer R ? (R extends { data: infer D } ? { messageId: Id; data: D } : never) : never }[keyof typeof messages];

interface Finding {
  span: Span;
  flagName: string;
  flag: FlagValue | undefined;
  env?: NonNullable<ReturnType<EngineInvocation['env']['get']>>;
  /** The value the fix sets; undefined when no value would fix it. */
  target: number | undefined;
  message: Message;
}

function report(judge: Judge, finding: Finding): void {
  const { context, subject, invocation, container } = judge;
  const fix = finding.target === undefined ? undefined : flagFix(context.editor(subject.workload), container, invocation, finding);
  context.report({
    object: subject.workload,
    span: finding.span,
    ...(fix ? { fix } : {}),
    ...finding.message,
    profile: subject.profile,
  });
}

/** Where a flag's value is written: its list item. */
function flagSpan(container: Container, flag: FlagValue): Span {
  return container.view.itemSpan(flag.list, flag.item) ?? listSpan(container);
}

function listSpan(container: Container): Span {
  return container.args?.fieldSpan ?? container.command?.fieldSpan ?? container.anchor;
}

/** `v0.11.0` from an image tag older than the first vLLM with --shutdown-timeout. */
function oldVllm(image: string | undefined): string | undefined {
  const tag = image?.replace(/@.*$/, '').match(/:([^/:]+)$/)?.[1];
  const version = tag?.match(/^v?(\d+)\.(\d+)(?:\.\d+)?/);
  if (!version) return undefined;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  const [sinceMajor, sinceMinor] = VLLM_SINCE;
  return major < sinceMajor || (major === sinceMajor && minor < sinceMinor) ? tag : undefined;
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
    const replacement = flag.written.includes('=') ? flag.written.replace(/=.*$/s, `=${value}`) : value;
    if (!flag.inScript) return combine('unsafe', description, editor.replaceItem(container.view, flag.list, list, flag.item, replacement));
    const script = flag.span ? editScript(list[flag.item]!, flag.span, replacement) : UNREADABLE_SCRIPT;
    return typeof script === 'string' ? combine('unsafe', description, editor.replaceItem(container.view, flag.list, list, flag.item, script)) : script;
  }
  const append = invocation.append;
  if (!append) return undefined;
  const flagText = `${finding.flagName}=${value}`;
  if (!append.inScript) return combine('unsafe', description, editor.appendItem(container.view, append.list, container[append.list]?.value, flagText));
  const list = container[append.list]!.value;
  const script = append.at === undefined ? UNREADABLE_SCRIPT : editScript(list[append.item!]!, { start: append.at, end: append.at }, ` ${flagText}`);
  return typeof script === 'string' ? combine('unsafe', description, editor.replaceItem(container.view, append.list, list, append.item!, script)) : script;
}

const UNREADABLE_SCRIPT: Unfixable = { unfixable: 'not fixed: the script that starts the engine cannot be read as shell, so no flag is written into it' };

/**
 * A script with one word rewritten (`range` is the word) or one word added after the word that
 * ends at `range`: only when the result is valid shell whose commands are the script's, but for
 * that word. Anything else (a comment, a `;`, quotes around the spot) gets no edit.
 */
function editScript(script: string, range: WordRange, text: string): string | Unfixable {
  const before = parseScript(script);
  const edited = script.slice(0, range.start) + text + script.slice(range.end);
  const after = parseScript(edited);
  if (!before.ok || !after.ok || shellSyntaxError(edited) !== undefined) return UNREADABLE_SCRIPT;
  const inserting = range.start === range.end;
  const expected = before.commands.map(({ words, spans }) =>
    words.flatMap((word, i) => {
      const span = spans![i]!;
      if (inserting) return span.end === range.end ? [word, text.trim()] : [word];
      return span.start === range.start && span.end === range.end ? [text] : [word];
    }),
  );
  const changed = JSON.stringify(expected) !== JSON.stringify(before.commands.map((c) => c.words));
  if (changed && JSON.stringify(after.commands.map((c) => c.words)) === JSON.stringify(expected)) return edited;
  return { unfixable: 'not fixed: the flag cannot be written into the script without changing its other words' };
}

