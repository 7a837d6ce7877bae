/**
 * The built-in rules one object decides, as ValidatingAdmissionPolicy validations, and why the
 * others cannot be. Each check reads the same facts as its rule (rules/<id>.ts) through
 * workload-cel.ts; the export test compares their findings on the rule fixtures.
 */
import type { ProfileConfig } from '../../analysis/profile.js';
import { DEFAULT_TERMINATION_GRACE_SECONDS, KARPENTER_DO_NOT_EVICT, LIVENESS_MIN_WINDOW_SECONDS, PROBE_DEFAULTS, PROBE_MINIMUMS, type ProbeTiming } from '../../domain/index.js';
import { failureWindow, livenessTestsMarker, onServingPort, sameCheck } from './probe-cel.js';
import { parseDuration } from '../../model/units.js';
import { anyOf, celString } from './cel-text.js';
import { EXPORTED_KINDS, graceBudget, inferredProfile, profileOf, receivesTraffic, servingContainers, slotIndices, templatesExpression, type ExportedKind, type TemplateSlot } from './workload-cel.js';

export interface ExportedVariable {
  name: string;
  expression: string;
}

export interface ExportedValidation {
  expression: string;
  message: string;
  messageExpression?: string;
  fieldPath?: string;
}

/** What one rule becomes: the resources it judges, the variables its validations read, and the validations. */
export interface ExportedChecks {
  /**
   * For a rule exported as several policies, this one's name suffix, and `warn` where its findings
   * are warnings whatever the rule's level (liveness-gates-on-load's short window).
   */
  part?: { suffix: string; severity?: 'warn' };
  /** `workloads`: the kinds of workload-cel.ts; `all`: every resource. */
  resources: 'workloads' | 'all';
  variables: ExportedVariable[];
  validations: ExportedValidation[];
}

export interface BuiltinExportContext {
  config: ProfileConfig;
  defaultNamespace: string;
  /** The rule's message stem (its description), to which each validation adds what it checks. */
  description: string;
  /** The rule's options as the config sets them (startup-probe-missing's `coldStart`). */
  options: Readonly<Record<string, unknown>>;
}

/** One template slot of one kind, as the expressions of a slot check read it. */
interface Slot {
  kind: ExportedKind;
  slot: TemplateSlot;
  template: string;
  profile: string;
  serving: string;
  receives: string;
  /** The field path of something in the template's pod spec: `spec.template.spec.<field>`. */
  specPath(field: string): string;
}

type SlotCheck = (slot: Slot, context: BuiltinExportContext) => { passes: string; fieldPath: string };

/** The variables every workload check reads: the templates and, per template, its profile, serving container and whether connections reach it. */
function workloadVariables(context: BuiltinExportContext): ExportedVariable[] {
  const each = (expression: string, otherwise: string) => `variables.templates.map(t, t == null ? ${otherwise} : ${expression})`;
  return [
    { name: 'templates', expression: templatesExpression() },
    { name: 'inferred', expression: inferredProfile() },
    { name: 'profiles', expression: each(profileOf('t', context.config, context.defaultNamespace), "'none'") },
    { name: 'serving', expression: each(servingContainers('t'), '[]') },
    { name: 'receives', expression: each(receivesTraffic('t'), 'false') },
  ];
}

/** One validation per template slot of each kind, so that each points at its own field. */
function perSlot(context: BuiltinExportContext, what: string, check: SlotCheck): ExportedChecks {
  const validations = EXPORTED_KINDS.flatMap((kind) =>
    kind.slots.map((slot) => {
      const at = (name: string) => `variables.${name}[${slot.index}]`;
      const prefix = slot.fieldPath === '' ? '' : `${slot.fieldPath}.`;
      const { passes, fieldPath } = check(
        { kind, slot, template: at('templates'), profile: at('profiles'), serving: at('serving'), receives: at('receives'), specPath: (field) => `${prefix}spec.${field}` },
        context,
      );
      return {
        expression: anyOf([`object.kind != ${celString(kind.kind)}`, `${at('templates')} == null`, passes]),
        message: `${context.description} (${what})`,
        fieldPath,
      };
    }),
  );
  return { resources: 'workloads', variables: workloadVariables(context), validations };
}

const profiled = (slot: Slot) => `${slot.profile} == 'none'`;

function gracePeriodDefault(context: BuiltinExportContext): ExportedChecks {
  // The budget of each template, once: `variables.budgets[i]`, read only where the grace is short.
  const at = (name: string) => `variables.${name}[i]`;
  const budget = graceBudget(at('templates'), at('serving'), at('receives'), at('profiles'), context.config, context.defaultNamespace);
  const budgets = { name: 'budgets', expression: `${slotIndices()}.filter(i, i < variables.templates.size()).map(i, ${at('templates')} == null || ${at('profiles')} == 'none' ? 0 : ${budget})` };
  const checks = perSlot(context, `terminationGracePeriodSeconds unset or at most ${DEFAULT_TERMINATION_GRACE_SECONDS}`, (slot) => {
    const grace = `${slot.template}.spec.?terminationGracePeriodSeconds.orValue(${DEFAULT_TERMINATION_GRACE_SECONDS})`;
    return {
      // An invalid value is invalid-value's finding, not this rule's.
      passes: anyOf([profiled(slot), `type(${grace}) != int`, `${grace} < 0`, `${grace} > ${DEFAULT_TERMINATION_GRACE_SECONDS}`, `${grace} >= variables.budgets[${slot.slot.index}]`]),
      fieldPath: slot.specPath('terminationGracePeriodSeconds'),
    };
  });
  return { ...checks, variables: [...checks.variables, budgets] };
}

function preStopMissing(context: BuiltinExportContext): ExportedChecks {
  return perSlot(context, 'the serving container has no lifecycle.preStop', (slot) => ({
    passes: anyOf([profiled(slot), `!${slot.receives}`, `${slot.serving}.all(c, has(c.lifecycle) && has(c.lifecycle.preStop))`]),
    fieldPath: slot.specPath('containers'),
  }));
}

function readinessMissing(context: BuiltinExportContext): ExportedChecks {
  return perSlot(context, 'the serving container has no readinessProbe', (slot) => ({
    passes: anyOf([profiled(slot), `!${slot.receives}`, ...(slot.slot.workerOfLeader ? [slot.slot.workerOfLeader] : []), `${slot.serving}.all(c, has(c.readinessProbe))`]),
    fieldPath: slot.specPath('containers'),
  }));
}

/** The liveness timings of its start window; one written but invalid leaves the window unknown (analysis/probe-timing.ts `timingKnown`). */
const TIMING: readonly ProbeTiming[] = ['initialDelaySeconds', 'periodSeconds', 'failureThreshold'];

function startupProbeMissing(context: BuiltinExportContext): ExportedChecks | { reason: string } {
  const option = context.options.coldStart;
  const seconds = typeof option === 'number' ? option : typeof option === 'string' ? parseDuration(option) : undefined;
  if (seconds === undefined) return { reason: `its option coldStart (${JSON.stringify(option)}) is no duration` };
  const coldStart = Math.ceil(seconds);
  return perSlot(context, `the liveness probe gives up within ${coldStart} s and there is no startupProbe`, (slot) => {
    const probe = 'c.livenessProbe';
    const value = (key: ProbeTiming) => `${probe}.?${key}.orValue(${PROBE_DEFAULTS[key]})`;
    const unknown = anyOf(TIMING.map((key) => `type(${value(key)}) != int || ${value(key)} < ${PROBE_MINIMUMS[key]}`));
    const window = `${value('initialDelaySeconds')} + ${value('periodSeconds')} * ${value('failureThreshold')}`;
    return {
      passes: anyOf([`${slot.profile} != 'gpu-inference'`, `${slot.serving}.all(c, !has(${probe}) || has(c.startupProbe) || ${unknown} || ${window} >= ${coldStart})`]),
      fieldPath: slot.specPath('containers'),
    };
  });
}

/** KubeRay's head group template and each worker group's, under a cluster spec (src/model/kinds/kuberay.ts). */
const rayTemplates = (spec: string) => `([${spec}.?headGroupSpec.?template.orValue({})] + ${spec}.?workerGroupSpecs.orValue([]).map(g, g.?template.orValue({})))`;

/**
 * Pod templates of kinds the timeline rules do not judge but karpenter-deprecated-annotation
 * does (src/model/kinds/builtin.ts, kuberay.ts): batch's Jobs and CronJobs, KubeRay's clusters.
 */
const OTHER_TEMPLATES: readonly { group: string; kind: string; templates: string; fieldPath: string }[] = [
  { group: 'batch', kind: 'Job', templates: '[object.spec.?template.orValue({})]', fieldPath: 'spec.template' },
  { group: 'batch', kind: 'CronJob', templates: '[object.spec.?jobTemplate.?spec.?template.orValue({})]', fieldPath: 'spec.jobTemplate.spec.template' },
  { group: 'ray.io', kind: 'RayCluster', templates: rayTemplates('object.spec'), fieldPath: 'spec' },
  { group: 'ray.io', kind: 'RayService', templates: rayTemplates('object.spec.?rayClusterConfig.orValue({})'), fieldPath: 'spec.rayClusterConfig' },
  { group: 'ray.io', kind: 'RayJob', templates: rayTemplates('object.spec.?rayClusterSpec.orValue({})'), fieldPath: 'spec.rayClusterSpec' },
];

function karpenterDeprecatedAnnotation(context: BuiltinExportContext): ExportedChecks {
  const key = celString(KARPENTER_DO_NOT_EVICT);
  const annotationPath = (prefix: string) => `${prefix}metadata.annotations['${KARPENTER_DO_NOT_EVICT}']`;
  const message = `${context.description} (rename it to karpenter.sh/do-not-disrupt)`;
  const unannotated = (template: string) => `!(${key} in ${template}.?metadata.?annotations.orValue({}))`;
  return {
    resources: 'all',
    variables: [{ name: 'templates', expression: templatesExpression() }],
    validations: [
      { expression: `!(${key} in object.metadata.?annotations.orValue({}))`, message, fieldPath: annotationPath('') },
      // A Pod is its own template: its annotations are the object's.
      ...EXPORTED_KINDS.flatMap((kind) =>
        kind.slots
          .filter((slot) => slot.fieldPath !== '')
          .map((slot) => ({
            expression: anyOf([`object.kind != ${celString(kind.kind)}`, `variables.templates[${slot.index}] == null`, unannotated(`variables.templates[${slot.index}]`)]),
            message,
            fieldPath: annotationPath(`${slot.fieldPath}.`),
          })),
      ),
      ...OTHER_TEMPLATES.map((other) => ({
        expression: anyOf([`object.kind != ${celString(other.kind)}`, `!object.apiVersion.startsWith(${celString(`${other.group}/`)})`, `${other.templates}.all(t, ${unannotated('t')})`]),
        message,
        fieldPath: other.fieldPath,
      })),
    ],
  };
}

function livenessGatesOnLoad(context: BuiltinExportContext): ExportedChecks[] {
  const probe = 'c.livenessProbe';
  const marker = livenessTestsMarker('c');
  const repeats = `has(c.readinessProbe) && ${sameCheck(probe, 'c.readinessProbe', 'c')}`;
  const errors = perSlot(context, 'the liveness probe tests the drain marker, or runs the same check as readiness', (slot) => ({
    passes: anyOf([profiled(slot), `${slot.serving}.all(c, !has(${probe}) || !((${marker}) || (${repeats})))`]),
    fieldPath: slot.specPath('containers'),
  }));
  const window = perSlot(context, `the liveness probe on the serving port gives up in under ${LIVENESS_MIN_WINDOW_SECONDS} s`, (slot) => ({
    // Judged where neither error above is: a probe that repeats readiness is that finding, not this one.
    passes: anyOf([
      profiled(slot),
      `${slot.serving}.all(c, !has(${probe}) || (${marker}) || (${repeats}) || has(${probe}.exec) || ${failureWindow(probe)} >= ${LIVENESS_MIN_WINDOW_SECONDS} || !(${onServingPort('c')}))`,
    ]),
    fieldPath: slot.specPath('containers'),
  }));
  return [errors, { ...window, part: { suffix: 'window', severity: 'warn' } }];
}

/** The built-in rules the export writes a policy for. */
export const EXPORTABLE_RULES: Readonly<Record<string, (context: BuiltinExportContext) => ExportedChecks | ExportedChecks[] | { reason: string }>> = {
  'grace-period-default': gracePeriodDefault,
  'prestop-missing': preStopMissing,
  'readiness-missing': readinessMissing,
  'startup-probe-missing': startupProbeMissing,
  'liveness-gates-on-load': livenessGatesOnLoad,
  'karpenter-deprecated-annotation': karpenterDeprecatedAnnotation,
};

const OTHER_OBJECTS = 'it reads other objects than the one admitted';
const SHELL = "it reads how long a preStop's shell command sleeps (chains, loops, `sleep 1m`), which only the linter parses";

/** Why each other built-in rule has no policy: a finding an admission request could not decide alike. */
export const NOT_EXPORTABLE: Readonly<Record<string, string>> = {
  'grace-budget-exceeded': SHELL,
  'readiness-ignores-drain': `${SHELL}, and the files its readiness check tests`,
  'readiness-too-slow': SHELL,
  'prestop-too-short': SHELL,
  'engine-shutdown-timeout': "it reads an engine's flags from its command line and shell scripts",
  'rollout-too-aggressive': 'it reads the replicas an HPA gives the workload',
  'single-replica': `${OTHER_OBJECTS}: the HPA that scales the workload`,
  'pdb-blocks-drain': `${OTHER_OBJECTS}: PodDisruptionBudgets and the workloads they select`,
  'pdb-missing': `${OTHER_OBJECTS}: PodDisruptionBudgets and the workloads they select`,
  'pdb-too-permissive': `${OTHER_OBJECTS}: PodDisruptionBudgets and the workloads they select`,
  'pdb-overlap': `${OTHER_OBJECTS}: PodDisruptionBudgets and the workloads they select`,
  'pdb-selects-nothing': `${OTHER_OBJECTS}: PodDisruptionBudgets and the workloads they select`,
  'nodepool-grace-too-short': `${OTHER_OBJECTS}: Karpenter NodePools and the workloads that can schedule onto them`,
  'nodepool-disruption-unbounded': `${OTHER_OBJECTS}: a NodePool's budgets against the GPUs it offers`,
  'spot-notice-too-short': `${OTHER_OBJECTS}: the NodePools that offer spot capacity`,
  'proxy-timeout-too-short': `${OTHER_OBJECTS}: the proxy and the workloads behind its Services`,
  'lb-drain-mismatch': `${OTHER_OBJECTS}: the load balancer and the workloads behind it`,
  'service-publishes-not-ready': `${OTHER_OBJECTS}: the workloads a Service selects`,
};
