import type { Span } from '../core/source.js';
import { POLICY_ERROR } from '../core/diagnostics.js';
import { levelOf, type Severity } from '../core/severity.js';
import { pdbCoverage } from '../analysis/pdb-coverage.js';
import type { DrainSubject } from '../analysis/subjects.js';
import { declaredReplicas, type PodTemplate, type Workload } from '../model/workload.js';
import { describeObject, type KubeObject } from '../model/objects.js';
import type { Rule, RuleContext } from '../engine/rule.js';
import type { CompiledPolicy } from './compile.js';
import { locatePath, mappingAt, pointerSegments } from './field-path.js';
import { combine, type ManifestEditor } from '../languages/shared/editor.js';
import type { MapView } from '../languages/shared/node.js';
import type { FixOutcome } from '../core/fix.js';
import { matchesObject, matchesProfile } from './match.js';
import { policyHelp } from './describe.js';
import { targetSites, type PolicyTargetSite } from './targets.js';

/** A policy that could not be evaluated on an object: reported as `policy-error` once the policies have run. */
interface EvaluationProblem {
  object: KubeObject;
  span: Span;
  message: string;
}

/** The rules of a config's policies (for the catalogue, SARIF and selection) and the rules a run runs: those, then the one that reports `policy-error`. */
export interface PolicyRules {
  rules: Rule[];
  run: Rule[];
}

const MESSAGES = { failed: '{{message}}' } as const;

export function policyRules(policies: readonly CompiledPolicy[]): PolicyRules {
  if (policies.length === 0) return { rules: [], run: [] };
  const problems: EvaluationProblem[] = [];
  const rules = policies.map((policy) => policyRule(policy, problems));
  return { rules, run: [...rules, policyErrorReporter(problems)] };
}

function policyRule(policy: CompiledPolicy, problems: EvaluationProblem[]): Rule {
  const { spec } = policy;
  return {
    meta: {
      id: spec.id,
      description: spec.description,
      defaultSeverity: defaultSeverityOf(spec.level),
      fixable: policy.fix ? 'safe' : 'none',
      docsUrl: spec.docs ?? '',
      docs: { finds: spec.description },
      messages: MESSAGES,
      optionSpecs: {},
      defaultOptions: {},
      help: policyHelp(policy),
    },
    check(context) {
      const { index, drainSubjects } = context;
      const workloads = new Map<unknown, Workload>(index.model.workloads.map((w) => [w.root.node, w]));
      const subjects = new Map<PodTemplate, DrainSubject>(drainSubjects.map((s) => [s.template, s]));
      const related = relatedObjects(context);
      for (const object of index.model.objects) {
        if (!object.file.reportable || !matchesObject(spec.match, object, index.defaultNamespace)) continue;
        const workload = workloads.get(object.root.node);
        const reported = workload ?? object;
        for (const site of targetSites(policy.target, object, workload, (t) => subjects.get(t))) {
          if (!matchesProfile(spec.match, site.subject?.profile.name ?? 'none')) continue;
          const where = (segments: readonly (string | number)[]) => locatePath(site.view, segments, site.anchor);
          const fail = (span: Span, message: string) => context.report({ object: reported, span, messageId: 'failed', data: { message }, ...(policy.fix ? { fix: fixOf(policy.fix, site, context.editor(reported)) } : {}) });
          const problem = (message: string) => problems.push({ object: reported, span: site.anchor, message: `policy ${spec.id} could not be evaluated on ${describeObject(object)}${siteName(site)}: ${message}` });
          if (policy.schema) {
            for (const violation of policy.schema.violations(plain(site.view))) fail(where(pointerSegments(violation.instancePath)), `${spec.description}: ${violation.message}`);
            continue;
          }
          const activation = { ...related(workload), object: plain(object.root), profile: profileValue(site.subject), ...(site.template ? { podSpec: plain(site.template.spec.view) } : {}), ...(site.container ? { container: plain(site.container.view) } : {}) };
          policy.validations.forEach((validation, i) => {
            const outcome = validation.expression.evaluate(activation);
            if (!outcome.ok) return problem(`validations[${i}].expression: ${outcome.message}`);
            if (outcome.value === true) return;
            if (outcome.value !== false) return problem(`validations[${i}].expression gave ${JSON.stringify(outcome.value) ?? String(outcome.value)}, not a boolean`);
            // As the API server does: a messageExpression that fails or gives no text falls back to the message.
            const computed = validation.messageExpression?.evaluate(activation);
            const message = computed?.ok && typeof computed.value === 'string' && computed.value.trim() !== '' ? computed.value : (validation.message ?? `failed expression: ${validation.expression.source}`);
            fail(where(validation.fieldPath ?? []), message);
          });
        }
      }
    },
  };
}

/** The rule that reports what the policies before it could not evaluate, under the `policy-error` id. */
function policyErrorReporter(problems: EvaluationProblem[]): Rule {
  return {
    meta: { id: POLICY_ERROR, description: 'A policy could not be evaluated on an object.', defaultSeverity: 'error', fixable: 'none', docsUrl: '', docs: { finds: '' }, messages: MESSAGES, optionSpecs: {}, defaultOptions: {} },
    check(context) {
      for (const { object, span, message } of problems.splice(0)) context.report({ object, span, messageId: 'failed', data: { message } });
    },
  };
}

/** The policy's fix on one target: set its scalar where the parent mapping is written, in the file's own style. */
function fixOf(fix: NonNullable<CompiledPolicy['fix']>, site: PolicyTargetSite, editor: ManifestEditor): FixOutcome {
  const key = fix.path[fix.path.length - 1] as string;
  const parent = mappingAt(site.view, fix.path.slice(0, -1));
  if (!parent) return { unfixable: `the fix sets ${fix.written}, whose parent is not written` };
  return combine('safe', `set ${fix.written} to ${JSON.stringify(fix.value)}`, editor.set(parent, key, fix.value));
}

/** Each mapping as plain data once per run, whatever the number of policies that read it (nothing mutates it). */
const plainData = new WeakMap<object, unknown>();
function plain(view: MapView): unknown {
  if (!plainData.has(view.node)) plainData.set(view.node, view.toJS());
  return plainData.get(view.node);
}

/** A policy's level as a default severity: `off` is the config's setting (see loadPolicies), so `--select` can turn it on at error. */
function defaultSeverityOf(level: string | undefined): Severity {
  const named = level === undefined ? undefined : levelOf(level);
  return named === 'warn' ? 'warn' : 'error';
}

function siteName(site: PolicyTargetSite): string {
  if (site.container) return ` (container ${site.container.name ?? '(unnamed)'})`;
  return site.template?.role ? ` (${site.template.role})` : '';
}

/** The `profile` variable: its name, and the timings of a profiled workload in seconds. */
function profileValue(subject: DrainSubject | undefined): Record<string, unknown> {
  if (!subject) return { name: 'none' };
  return { name: subject.profile.name, longestRequest: subject.budget.longestRequest, preStop: subject.preStopSeconds, margin: subject.budget.margin, budget: subject.budget.total };
}

/** The `replicas`, `pdbs`, `services` and `hpas` variables of a workload (null and empty lists for other objects). */
function relatedObjects(context: RuleContext): (workload: Workload | undefined) => Record<string, unknown> {
  const { index } = context;
  let servicesOf: Map<Workload, KubeObject[]> | undefined;
  return (workload) => {
    if (!workload) return { replicas: null, pdbs: [], services: [], hpas: [] };
    if (!servicesOf) {
      servicesOf = new Map();
      for (const service of index.model.services) {
        for (const selected of index.workloadsBehind(service)) servicesOf.set(selected, [...(servicesOf.get(selected) ?? []), service]);
      }
    }
    const scaler = index.scalerFor(workload);
    return {
      replicas: declaredReplicas(workload) ?? null,
      pdbs: pdbCoverage(index).pdbsOf(workload).map((pdb) => plain(pdb.root)),
      services: (servicesOf.get(workload) ?? []).map((service) => plain(service.root)),
      hpas: scaler ? [plain(scaler.root)] : [],
    };
  };
}
