import { isSeq, type Node } from 'yaml';
import type { Span } from '../src/core/source.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { DrainSubject } from '../src/analysis/subjects.js';
import { combine } from '../src/languages/yaml/editor.js';
import type { ManifestEditor } from '../src/languages/editor.js';
import type { FixOutcome } from '../src/core/fix.js';
import { engineInvocation, flagSeconds, type EngineInvocation, type FlagValue } from '../src/model/engine-flags.js';
import { isField, spanOf } from '../src/languages/node.js';
import type { Container } from '../src/model/pod.js';
import { scriptOf } from '../src/model/shell.js';
import { formatSeconds } from '../src/model/units.js';

interface Options {
  /** TGI's `--graceful-termination-timeout` when neither the flag nor its env var is set. */
  tgiDefaultTimeout: number;
  /** Triton's `--exit-timeout-secs` when the flag is not set. */
  tritonDefaultTimeout: number;
  /** vLLM's `--shutdown-drain-timeout` when `--shutdown-mode drain` is set without it. */
  vllmDrainDefaultTimeout: number;
}

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE = 30;
/** The first vLLM release with `--shutdown-timeout` (DOMAIN.md). */
const VLLM_SHUTDOWN_TIMEOUT_SINCE: [number, number] = [0, 18];

const VLLM_FLAG = '--shutdown-timeout';
const TGI_FLAG = '--graceful-termination-timeout';
const TGI_ENV = 'GRACEFUL_TERMINATION_TIMEOUT';
const TRITON_FLAG = '--exit-timeout-secs';

export default defineRule<Options>({
  meta: {
    id: 'engine-shutdown-timeout',
    description: "An inference engine's own SIGTERM drain does not fit the pod's timeline: vLLM aborts in-flight requests, or a drain timeout outlasts the grace period.",
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tgiDefaultTimeout: { type: 'number', minimum: 0, description: "TGI's --graceful-termination-timeout where neither the flag nor GRACEFUL_TERMINATION_TIMEOUT sets it, in seconds (default 90)." },
        tritonDefaultTimeout: { type: 'number', minimum: 0, description: "Triton's --exit-timeout-secs where the flag is not set, in seconds (default 30)." },
        vllmDrainDefaultTimeout: { type: 'number', minimum: 0, description: "vLLM's --shutdown-drain-timeout where --shutdown-mode drain is set without it, in seconds (default 120)." },
      },
    },
    defaultOptions: { tgiDefaultTimeout: 90, tritonDefaultTimeout: 30, vllmDrainDefaultTimeout: 120 },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const container = subject.serving;
      if (!container) continue;
      const invocation = engineInvocation(container, context.index.model.containerEnv.get(container) ?? []);
      if (!invocation) continue;
      const declared = subject.template.spec.terminationGracePeriodSeconds;
      const grace = declared === 'invalid' ? undefined : isField(declared) ? declared.value : DEFAULT_GRACE;
      // A grace period left at (or below) the default is grace-period-default's finding; its fix
      // raises it to the budget, so the engine is judged against that instead.
      const defaulted = grace !== undefined && grace <= DEFAULT_GRACE && subject.budget.total > DEFAULT_GRACE;
      const window = grace === undefined ? undefined : (defaulted ? subject.budget.total : grace) - subject.preStopSeconds;
      const judge = { context, subject, container, invocation, window, defaulted, grace };
      if (invocation.engine === 'vllm') checkVllm(judge);
      else if (invocation.engine === 'tgi') checkTgi(judge);
      else checkTriton(judge);
    }
  },
});

interface Judge {
  context: RuleContext<Options>;
  subject: DrainSubject;
  container: Container;
  invocation: EngineInvocation;
  /** Seconds between SIGTERM and SIGKILL: grace − preStop (the budget's grace if defaulted). */
  window: number | undefined;
  defaulted: boolean;
  grace: number | undefined;
}

function checkVllm(judge: Judge): void {
  const { subject, container, invocation, window } = judge;
  const longest = subject.profile.settings.longestRequest;
  const drainMode = invocation.flags.get('--shutdown-mode')?.value === 'drain';
  const flag = invocation.flags.get(drainMode ? '--shutdown-drain-timeout' : VLLM_FLAG);
  const value = drainMode && !flag ? judge.context.options.vllmDrainDefaultTimeout : flag ? flagSeconds(flag.value) : 0;
  if (value === undefined) return; // a variable or an unreadable value: unknown
  const target = window === undefined ? longest : Math.min(longest, window);
  const who = `Container ${container.name ?? '(unnamed)'} of ${subject.label} runs vLLM (${invocation.why})`;
  const old = oldVllm(container.image);
  if (value === 0) {
    report(judge, {
      span: flag ? flagSpan(container, flag) : listSpan(container),
      flagName: VLLM_FLAG,
      flag,
      target: old ? undefined : target,
      message:
        `${who} ${flag ? `with ${VLLM_FLAG} ${flag.value}` : `without ${VLLM_FLAG}`}: at SIGTERM vLLM aborts every in-flight request at once, ` +
        `so the grace period buys the requests nothing. Add ${VLLM_FLAG}=${target}` +
        (window !== undefined ? ` (${describeWindow(judge)})` : '') +
        `: vLLM then stops taking new requests and waits up to ${formatSeconds(target)} for running ones.` +
        (old ? ` The flag needs vLLM ${VLLM_SHUTDOWN_TIMEOUT_SINCE.join('.')} or later; this image is ${old}: upgrade it first.` : ` It needs vLLM ${VLLM_SHUTDOWN_TIMEOUT_SINCE.join('.')} or later.`),
    });
    return;
  }
  if (window === undefined || value <= window) return;
  report(judge, {
    span: flag ? flagSpan(container, flag) : listSpan(container),
    flagName: drainMode ? '--shutdown-drain-timeout' : VLLM_FLAG,
    flag,
    target: target > 0 ? target : undefined,
    message:
      `${who} with ${drainMode ? `--shutdown-mode drain and ${flag ? `--shutdown-drain-timeout ${flag.value}` : `no --shutdown-drain-timeout (its default ${value} s)`}` : `${VLLM_FLAG} ${flag!.value}`}: ` +
      `vLLM waits up to ${formatSeconds(value)} for in-flight requests, longer than the ${formatSeconds(window)} left after SIGTERM (${describeWindow(judge)}), ` +
      `so the kubelet kills it mid-drain. ` +
      (target > 0 ? `Lower it to ${target}, or raise terminationGracePeriodSeconds.` : 'Raise terminationGracePeriodSeconds.'),
  });
}

function checkTgi(judge: Judge): void {
  const { subject, container, invocation, window } = judge;
  if (window === undefined) return;
  const flag = invocation.flags.get(TGI_FLAG);
  const env = invocation.env.get(TGI_ENV);
  if (!flag && env?.fromReference) return;
  const value = flag ? flagSeconds(flag.value) : env?.value ? flagSeconds(env.value.value) : judge.context.options.tgiDefaultTimeout;
  if (value === undefined || value <= window) return;
  const target = Math.min(subject.profile.settings.longestRequest, window);
  const source = flag ? `${TGI_FLAG} ${flag.value}` : env?.value ? `${TGI_ENV}=${env.value.value}` : `${TGI_FLAG} unset: its default`;
  report(judge, {
    span: flag ? flagSpan(container, flag) : env?.value ? env.value.fieldSpan : listSpan(container),
    flagName: TGI_FLAG,
    flag,
    ...(env?.value && !flag ? { env } : {}),
    target: target > 0 ? target : undefined,
    message:
      `Container ${container.name ?? '(unnamed)'} of ${subject.label} runs TGI (${invocation.why}), which waits up to ${formatSeconds(value)} for in-flight requests at SIGTERM (${source}), ` +
      `longer than the ${formatSeconds(window)} left after SIGTERM (${describeWindow(judge)}): the kubelet kills it mid-drain. ` +
      (target > 0 ? `Set ${TGI_FLAG}=${target}, or raise terminationGracePeriodSeconds.` : 'Raise terminationGracePeriodSeconds.'),
  });
}

function checkTriton(judge: Judge): void {
  const { subject, container, invocation, window } = judge;
  const flag = invocation.flags.get(TRITON_FLAG);
  const value = flag ? flagSeconds(flag.value) : judge.context.options.tritonDefaultTimeout;
  const longest = subject.profile.settings.longestRequest;
  if (value === undefined || value >= longest) return;
  const target = window === undefined ? longest : Math.min(longest, window);
  report(judge, {
    span: flag ? flagSpan(container, flag) : listSpan(container),
    flagName: TRITON_FLAG,
    flag,
    target: target > value ? target : undefined,
    message:
      `Container ${container.name ?? '(unnamed)'} of ${subject.label} runs Triton (${invocation.why}), which waits only ${formatSeconds(value)} for in-flight inferences at SIGTERM ` +
      `(${flag ? `${TRITON_FLAG} ${flag.value}` : `${TRITON_FLAG} unset: its default`}), less than the ${formatSeconds(longest)} longest request: it exits with requests still running. ` +
      `Set ${TRITON_FLAG}=${target}${window !== undefined && target < longest ? ` (all that fits in ${describeWindow(judge)}; raise terminationGracePeriodSeconds for more)` : ''}.`,
  });
}

function describeWindow(judge: Judge): string {
  const { subject, defaulted, window } = judge;
  const grace = defaulted ? subject.budget.total : judge.grace!;
  return `${defaulted ? `the ${grace} s grace period grace-period-default asks for` : `grace ${grace} s`} − preStop ${subject.preStopSeconds} s = ${window} s`;
}

interface Finding {
  span: Span;
  flagName: string;
  flag: FlagValue | undefined;
  env?: NonNullable<ReturnType<EngineInvocation['env']['get']>>;
  /** The value the fix sets; undefined when no value would fix it. */
  target: number | undefined;
  message: string;
}

function report(judge: Judge, finding: Finding): void {
  const { context, subject, invocation, container } = judge;
  const fix = finding.target === undefined ? undefined : flagFix(context.editor(subject.workload), container, invocation, finding);
  context.report({
    object: subject.workload,
    span: finding.span,
    ...(fix ? { fix } : {}),
    message: `${finding.message} [${subject.profile.name}: ${subject.profile.reason}]`,
  });
}

/** Where a flag's value is written: its list item. */
function flagSpan(container: Container, flag: FlagValue): Span {
  const list = container.view.valueNode(flag.list);
  const item = isSeq(list) ? (list.items[flag.item] as Node | undefined) : undefined;
  return spanOf(item) ?? listSpan(container);
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
  const [sinceMajor, sinceMinor] = VLLM_SHUTDOWN_TIMEOUT_SINCE;
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
    const current = list[flag.item]!;
    let replaced: string;
    if (flag.inScript) {
      const pattern = new RegExp(`(${finding.flagName.replace(/-/g, '[-_]')})(=|\\s+)(["']?)${escape(flag.value)}\\3(?=\\s|$)`);
      if (!pattern.test(current)) return undefined;
      replaced = current.replace(pattern, `$1$2$3${value}$3`);
    } else {
      replaced = flag.written.includes('=') ? flag.written.replace(/=.*$/s, `=${value}`) : value;
    }
    return combine('unsafe', description, editor.replaceItem(container.view, flag.list, container[flag.list]!.value, flag.item, replaced));
  }
  const append = invocation.append;
  if (!append) return undefined;
  if (append.inScript) {
    const list = container[append.list]!.value;
    const script = list[append.item!]!;
    // Only when the engine is the script's last command, so the flag lands on it.
    const parsed = scriptOf(['sh', '-c', script]);
    const last = parsed.ok ? parsed.commands[parsed.commands.length - 1] : undefined;
    if (!last || !last.words.some((w) => /^(vllm|text-generation-launcher|tritonserver|vllm\.entrypoints\.openai\.api_server)$/.test(w))) return undefined;
    return combine('unsafe', description, editor.replaceItem(container.view, append.list, list, append.item!, `${script.trimEnd()} ${finding.flagName}=${value}`));
  }
  return combine('unsafe', description, editor.appendItem(container.view, append.list, container[append.list]?.value, `${finding.flagName}=${value}`));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

