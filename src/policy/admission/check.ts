import { ADMISSION_POLICY } from '../../core/diagnostics.js';
import type { Severity } from '../../core/severity.js';
import { ADMISSION_EXEMPT_KINDS, CLUSTER_SCOPED_BUILTIN_KINDS, CLUSTER_SCOPED_CUSTOM_KINDS, resourceOfKind } from '../../domain/index.js';
import type { Rule, RuleContext } from '../../engine/rule.js';
import { isMap, isSeq, isUnknown, type TreeNode } from '../../languages/shared/tree.js';
import { apiGroup } from '../../model/kinds/index.js';
import { namespaceOf, type KubeObject } from '../../model/objects.js';
import { compilePolicy, expressionsOf, type CompiledPolicy } from './compile.js';
import { evaluatePolicy } from './evaluate.js';
import { fieldSpan } from './field-span.js';
import { matchResources, NAMESPACE_NAME_LABEL, type AdmissionTarget } from './match.js';
import { record, strings, text, type Plain } from './plain.js';

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
    if (policy.paramKind || record(spec.paramRef)) {
      const field = record(spec.paramRef) ? 'spec.paramRef' : `paramKind of ValidatingAdmissionPolicy ${policy.name}`;
      const at = record(spec.paramRef) ? fieldSpan(binding, ['spec', 'paramRef']) : fieldSpan(binding, ['spec', 'policyName']);
      context.report({ object: binding, span: at, severity: 'warn', messageId: 'params', data: { policy: policy.name, field, binding: binding.name ?? '(unnamed)' } });
      continue;
    }
    const severity = severityOf(strings(spec.validationActions));
    if (!severity) continue;
    for (const object of objects) {
      if (!object.file.reportable || ADMISSION_EXEMPT_KINDS.has(`${apiGroup(object.apiVersion)}/${object.kind}`)) continue;
      // A value a TypeScript source computes could make any expression pass or fail: no verdict.
      if (holdsComputedValue(object.root.node)) continue;
      const target = targets.of(object);
      if (matchResources(policy.matchConstraints, target.target, true) !== true) continue;
      if (matchResources(record(spec.matchResources), target.target, false) !== true) continue;
      for (const decision of evaluatePolicy(policy, target.inputs)) {
        const span = fieldSpan(object, decision.fieldPath ?? []);
        const key = `${targets.keyOf(object)}\u0000${span.start}\u0000${severity}\u0000${decision.message}`;
        if (reported.has(key)) continue;
        reported.add(key);
        context.report({ object, span, severity, messageId: 'denied', data: { policy: policy.name, message: decision.message } });
      }
    }
  }
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

function holdsComputedValue(node: TreeNode | null | undefined): boolean {
  if (isUnknown(node)) return true;
  if (isMap(node)) return node.hidden !== undefined || node.items.some((pair) => holdsComputedValue(pair.key) || holdsComputedValue(pair.value));
  if (isSeq(node)) return node.items.some(holdsComputedValue);
  return false;
}

function isAdmission(object: KubeObject, kind: string): boolean {
  return object.kind === kind && apiGroup(object.apiVersion) === ADMISSION_GROUP;
}

function plainOf(object: KubeObject): Plain {
  return record(object.root.toJS()) ?? {};
}

function pathText(segments: readonly (string | number)[]): string {
  return segments.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Each object of the run as an admission request: what matching reads, and the CEL variables. */
class Targets {
  private readonly namespaces = new Map<string, { labels: Map<string, string>; data: Plain }>();
  private readonly cache = new Map<KubeObject, { target: AdmissionTarget; inputs: Record<string, unknown> }>();
  private readonly keys = new Map<KubeObject, number>();

  constructor(
    objects: readonly KubeObject[],
    private readonly defaultNamespace: string,
  ) {
    for (const object of objects) {
      if (object.kind !== 'Namespace' || object.apiVersion !== 'v1' || object.name === undefined) continue;
      if (!this.namespaces.has(object.name)) this.namespaces.set(object.name, { labels: labelsOf(object), data: plainOf(object) });
    }
  }

  keyOf(object: KubeObject): number {
    let key = this.keys.get(object);
    if (key === undefined) this.keys.set(object, (key = this.keys.size));
    return key;
  }

  of(object: KubeObject): { target: AdmissionTarget; inputs: Record<string, unknown> } {
    let entry = this.cache.get(object);
    if (!entry) this.cache.set(object, (entry = this.build(object)));
    return entry;
  }

  private build(object: KubeObject) {
    const group = apiGroup(object.apiVersion);
    const version = object.apiVersion.slice(object.apiVersion.indexOf('/') + 1);
    const clusterScoped = CLUSTER_SCOPED_BUILTIN_KINDS.has(`${group}/${object.kind}`) || CLUSTER_SCOPED_CUSTOM_KINDS.has(`${group}/${object.kind}`);
    const namespace = clusterScoped ? '' : namespaceOf(object, this.defaultNamespace);
    const namespaceEntry = object.kind === 'Namespace' && group === '' ? { labels: labelsOf(object), data: plainOf(object) } : this.namespaces.get(namespace);
    const resource = resourceOfKind(object.kind);
    const data = plainOf(object);
    // The API server admits a namespaced object with the request's namespace in its metadata.
    if (!clusterScoped) data.metadata = { ...record(data.metadata), namespace };
    const target: AdmissionTarget = {
      group,
      version,
      kind: object.kind,
      resource,
      name: object.name ?? '',
      namespace,
      clusterScoped,
      labels: new Map([...object.labels].map(([key, field]) => [key, field.value])),
      namespaceLabels: namespaceEntry?.labels,
    };
    const kind = { group, version, kind: object.kind };
    const resourceRef = { group, version, resource };
    const request = {
      uid: '',
      kind,
      resource: resourceRef,
      subResource: '',
      requestKind: kind,
      requestResource: resourceRef,
      requestSubResource: '',
      name: object.name ?? '',
      namespace,
      operation: 'CREATE',
      userInfo: { username: '', groups: [] },
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    };
    const namespaceObject = clusterScoped ? null : (this.namespaces.get(namespace)?.data ?? null);
    return { target, inputs: { object: data, oldObject: null, request, params: null, namespaceObject } };
  }
}

/** A Namespace's labels, with the name label the API server sets on every Namespace. */
function labelsOf(namespace: KubeObject): Map<string, string> {
  const labels = new Map([...namespace.labels].map(([key, field]) => [key, field.value]));
  if (namespace.name !== undefined) labels.set(NAMESPACE_NAME_LABEL, namespace.name);
  return labels;
}
