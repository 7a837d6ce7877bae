import { ADMISSION_POLICY } from '../../core/diagnostics.js';
import type { Severity } from '../../core/severity.js';
import type { Rule, RuleContext } from '../../engine/rule.js';
import { apiGroup } from '../../model/kinds/index.js';
import type { KubeObject } from '../../model/objects.js';
import { compilePolicy, expressionsOf, type CompiledPolicy } from './compile.js';
import { evaluatePolicy } from './evaluate.js';
import { fieldSpan } from './field-span.js';
import { matchResources } from './match.js';
import { plainOf, record, strings, text, type Plain } from './plain.js';
import { Targets } from './request.js';

const ADMISSION_GROUP = 'admissionregistration.k8s.io';

const MESSAGES = {
  denied: '{{policy}}: {{message}}',
  expression: '{{policy}}: {{field}} cannot be evaluated offline ({{reason}}), so the policy was not evaluated',
  params: '{{policy}}: parameters ({{field}}) are not supported yet, so binding {{binding}} was not evaluated',
} as const;

/**
 * `admission-policy`: the run's ValidatingAdmissionPolicies, through their bindings, judge the
 * run's objects as the API server would judge their creation (docs/admission-policies.md). Not a
 * rule of the catalogue: it states no opinion of its own, only the cluster's policies.
 */
export const admissionPolicyCheck: Rule = {
  meta: {
    id: ADMISSION_POLICY,
    description: 'A ValidatingAdmissionPolicy of the run rejects or warns about an object of the run.',
    defaultSeverity: 'error',
    fixable: 'none',
    docsUrl: 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/admission-policies.md',
    docs: { finds: 'objects a ValidatingAdmissionPolicy of the run would reject or warn about', alsoWarns: true },
    messages: MESSAGES,
    optionSpecs: {},
    defaultOptions: {},
  },
  check: checkAdmissionPolicies,
};

function checkAdmissionPolicies(context: RuleContext): void {
  const objects = context.index.model.objects;
  const policies = new Map<string, CompiledPolicy>();
  for (const object of objects) {
    if (!isAdmission(object, 'ValidatingAdmissionPolicy')) continue;
    const policy = compilePolicy(object, plainOf(object));
    if (!policies.has(policy.name)) policies.set(policy.name, policy);
    reportExpressionsThatDoNotCompile(context, policy);
  }
  if (policies.size === 0) return;
  const targets = new Targets(objects, context.index.defaultNamespace);
  // Two bindings of one policy that select the same object fail it once.
  const reported = new Set<string>();
  for (const binding of objects) {
    if (!isAdmission(binding, 'ValidatingAdmissionPolicyBinding')) continue;
    const spec = record(plainOf(binding).spec) ?? {};
    // A binding of a policy the run does not hold binds one of the cluster's: nothing to evaluate.
    const policy = policies.get(text(spec.policyName) ?? '');
    // A policy with an expression the evaluator cannot run was reported at that expression.
    if (!policy || !expressionsOf(policy).every((expression) => expression.compiled.ok)) continue;
    if (policy.paramKind || record(spec.paramRef)) reportParameters(context, policy, binding, spec);
    else judgeObjects(context, policy, spec, targets, reported);
  }
}

/** Every object of the linted files that the policy and the binding select, judged as its creation would be. */
function judgeObjects(context: RuleContext, policy: CompiledPolicy, bindingSpec: Plain, targets: Targets, reported: Set<string>): void {
  const severity = severityOf(strings(bindingSpec.validationActions));
  if (!severity) return;
  for (const object of context.index.model.objects) {
    const target = targets.of(object);
    if (!target) continue;
    if (matchResources(policy.matchConstraints, target.target, true) !== true) continue;
    if (matchResources(record(bindingSpec.matchResources), target.target, false) !== true) continue;
    for (const decision of evaluatePolicy(policy, target.inputs)) {
      const span = fieldSpan(object, decision.fieldPath ?? []);
      const key = `${target.key}\u0000${span.start}\u0000${severity}\u0000${decision.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      context.report({ object, span, severity, messageId: 'denied', data: { policy: policy.name, message: decision.message } });
    }
  }
}

function reportParameters(context: RuleContext, policy: CompiledPolicy, binding: KubeObject, bindingSpec: Plain): void {
  const paramRef = record(bindingSpec.paramRef) !== undefined;
  context.report({
    object: binding,
    span: fieldSpan(binding, ['spec', paramRef ? 'paramRef' : 'policyName']),
    severity: 'warn',
    messageId: 'params',
    data: { policy: policy.name, field: paramRef ? 'spec.paramRef' : `paramKind of ValidatingAdmissionPolicy ${policy.name}`, binding: binding.name ?? '(unnamed)' },
  });
}

/** Deny fails the request (an error); Warn returns a warning; Audit only records it, which a linter has no log for. */
function severityOf(actions: readonly string[]): Severity | undefined {
  if (actions.includes('Deny')) return 'error';
  if (actions.includes('Warn')) return 'warn';
  return undefined;
}

function reportExpressionsThatDoNotCompile(context: RuleContext, policy: CompiledPolicy): void {
  for (const expression of expressionsOf(policy)) {
    if (expression.compiled.ok) continue;
    context.report({
      object: policy.object,
      span: fieldSpan(policy.object, expression.at),
      severity: 'warn',
      messageId: 'expression',
      data: { policy: policy.name, field: pathText(expression.at), reason: expression.compiled.message },
    });
  }
}

function isAdmission(object: KubeObject, kind: string): boolean {
  return object.kind === kind && apiGroup(object.apiVersion) === ADMISSION_GROUP;
}

function pathText(segments: readonly (string | number)[]): string {
  return segments.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

