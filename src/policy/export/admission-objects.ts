/**
 * ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects (admissionregistration.k8s.io/v1,
 * GA in Kubernetes 1.30) for exported checks, as plain data to be written as YAML.
 */
import type { ExportedChecks } from './builtin-rules.js';
import { EXPORTED_KINDS } from './workload-cel.js';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';
export const VALIDATION_ACTIONS: readonly ValidationAction[] = ['Deny', 'Warn', 'Audit'];

const API_VERSION = 'admissionregistration.k8s.io/v1';

/**
 * Objects a controller created (a Deployment's ReplicaSets and Pods, an operator's Deployments)
 * are judged where they are written, not again when the controller creates them: denying those
 * would leave a rollout stuck instead of rejecting the apply.
 */
export const NOT_OWNED_CONDITION = { name: 'not-created-by-a-controller', expression: "!has(object.metadata.ownerReferences) || object.metadata.ownerReferences.size() == 0" };

export interface PolicyDocument {
  name: string;
  /** Where it comes from, for the annotation: `gpu-drain-lint rule grace-period-default`. */
  source: string;
  checks: ExportedChecks;
  /** Resource rules other than those `checks.resources` names (a team policy's kinds). */
  resourceRules?: ResourceRule[];
  /** More match conditions (a team policy's namespaces and profile). */
  matchConditions?: { name: string; expression: string }[];
  objectSelector?: { matchLabels: Record<string, string> };
  actions: readonly ValidationAction[];
}

export interface ResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  operations: string[];
  resources: string[];
}

const OPERATIONS = ['CREATE', 'UPDATE'];

/** The resource rules of the exported workload kinds, one per API group. */
export function workloadResourceRules(): ResourceRule[] {
  const groups = new Map<string, ResourceRule>();
  for (const kind of EXPORTED_KINDS) {
    const rule = groups.get(kind.group) ?? { apiGroups: [kind.group], apiVersions: [...kind.versions], operations: OPERATIONS, resources: [] };
    rule.resources.push(kind.resource);
    groups.set(kind.group, rule);
  }
  return [...groups.values()];
}

export const ALL_RESOURCES: ResourceRule[] = [{ apiGroups: ['*'], apiVersions: ['*'], operations: OPERATIONS, resources: ['*'] }];

/** The policy and its binding (to every namespace, with the given actions). */
export function admissionObjects(document: PolicyDocument): [Record<string, unknown>, Record<string, unknown>] {
  const { checks } = document;
  const resourceRules = document.resourceRules ?? (checks.resources === 'all' ? ALL_RESOURCES : workloadResourceRules());
  const policy = {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: document.name, annotations: { 'gpu-drain-lint.io/exported-from': document.source } },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules },
      matchConditions: [NOT_OWNED_CONDITION, ...(document.matchConditions ?? [])],
      ...(checks.variables.length > 0 ? { variables: checks.variables } : {}),
      validations: checks.validations.map((v) => ({
        expression: v.expression,
        message: v.message,
        ...(v.messageExpression ? { messageExpression: v.messageExpression } : {}),
        ...(v.fieldPath ? { fieldPath: v.fieldPath } : {}),
        reason: 'Invalid',
      })),
    },
  };
  const binding = {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: document.name },
    spec: {
      policyName: document.name,
      validationActions: [...document.actions],
      ...(document.objectSelector ? { matchResources: { objectSelector: document.objectSelector } } : {}),
    },
  };
  return [policy, binding];
}
