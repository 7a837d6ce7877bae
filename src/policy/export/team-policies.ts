/**
 * A team's CEL policy (config `policies`) as a ValidatingAdmissionPolicy: its match as resource
 * rules, match conditions and an object selector; its target as a loop over the object's pod
 * templates or containers; its expressions unchanged. A policy whose expressions read what only
 * the linter knows (`profile`, `replicas`, the PDBs, Services and HPAs), or that is a JSON Schema,
 * is not exported.
 */
import type { ProfileConfig } from '../../analysis/profile.js';
import { resourceOfKind } from '../../domain/index.js';
import { compileCel, type CelVariable } from '../cel.js';
import { wildcardSource } from '../match.js';
import type { PolicySpec, ValidationSpec } from '../spec.js';
import { policyVariables } from '../variables.js';
import { ALL_RESOURCES, workloadResourceRules, type ResourceRule } from './admission-objects.js';
import type { ExportedChecks, ExportedValidation, ExportedVariable } from './builtin-rules.js';
import { anyOf, celString } from './cel-text.js';
import { EXPORTED_KINDS, inferredProfile, profileOf, servingContainers, slotIndices, templatesExpression } from './workload-cel.js';

export type TeamPolicy = Omit<PolicySpec, 'level'> & { level: 'off' | 'warn' | 'error' };

export interface TeamExport {
  checks: ExportedChecks;
  resourceRules: ResourceRule[];
  matchConditions: { name: string; expression: string }[];
  objectSelector?: { matchLabels: Record<string, string> };
}

/** What an admission request holds of the linter's variables: the object, and what the export loops give. */
const ADMISSION_HELD = new Set(['object', 'podSpec', 'container']);

export function exportTeamPolicy(policy: TeamPolicy, context: { config: ProfileConfig; defaultNamespace: string }): TeamExport | { reason: string } {
  if (!policy.validations) return { reason: 'a JSON Schema policy has no CEL to export: write it as validations' };
  const target = policy.target ?? 'object';
  const variables = policyVariables(target).filter((v) => ADMISSION_HELD.has(v.name));
  const unreadable = firstUnreadable(policy.validations, variables);
  if (unreadable) return { reason: unreadable };
  const resourceRules = resourcesOf(policy);
  if (typeof resourceRules === 'string') return { reason: resourceRules };
  const profile = policy.match?.profile ?? 'any';
  const needsTemplates = target !== 'object' || profile !== 'any';
  const exportedVariables: ExportedVariable[] = needsTemplates
    ? [
        { name: 'templates', expression: templatesExpression() },
        { name: 'inferred', expression: inferredProfile() },
        { name: 'profiles', expression: `variables.templates.map(t, t == null ? 'none' : ${profileOf('t', context.config, context.defaultNamespace)})` },
        ...(target === 'servingContainer' ? [{ name: 'serving', expression: `variables.templates.map(t, t == null ? [] : ${servingContainers('t')})` }] : []),
      ]
    : [];
  const validations = target === 'object' ? objectValidations(policy.validations, profile) : templateValidations(policy.validations, target, profile);
  return {
    checks: { resources: 'workloads', variables: exportedVariables, validations },
    resourceRules,
    matchConditions: policy.match?.namespaces ? [{ name: 'namespaces', expression: `request.namespace.matches(${celString(namespaceRegex(policy.match.namespaces))})` }] : [],
    ...(policy.match?.labels ? { objectSelector: { matchLabels: policy.match.labels } } : {}),
  };
}

function firstUnreadable(validations: readonly ValidationSpec[], variables: readonly CelVariable[]): string | undefined {
  for (const validation of validations) {
    for (const source of [validation.expression, validation.messageExpression]) {
      if (source === undefined) continue;
      const compiled = compileCel(source, variables);
      if (!compiled.ok) return `"${source}" reads what an admission request does not hold (${compiled.message})`;
    }
  }
  return undefined;
}

/** The resources the policy matches: its kinds (in its API groups, or any), else every resource (object target) or every exported workload kind. */
function resourcesOf(policy: TeamPolicy): ResourceRule[] | string {
  const groups = policy.match?.apiGroups ?? ['*'];
  const kinds = policy.match?.kinds?.filter((kind) => kind !== '*');
  if ((policy.target ?? 'object') === 'object') {
    if (!kinds || kinds.length === 0) return ALL_RESOURCES.map((rule) => ({ ...rule, apiGroups: groups }));
    return [{ apiGroups: groups, apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: kinds.map(resourceOfKind) }];
  }
  const rules = workloadResourceRules()
    .map((rule) => ({ ...rule, resources: rule.resources.filter((resource) => !kinds || kinds.length === 0 || kinds.some((kind) => resourceOfKind(kind) === resource)) }))
    .filter((rule) => rule.resources.length > 0 && (groups.includes('*') || groups.includes(rule.apiGroups[0]!)));
  if (rules.length === 0) return `none of its kinds (${kinds?.join(', ')}) is one whose pod templates the export reads (${EXPORTED_KINDS.map((k) => k.kind).join(', ')})`;
  return rules;
}

/** The namespace globs as one regular expression. */
function namespaceRegex(globs: readonly string[]): string {
  return `^(${globs.map(wildcardSource).join('|')})$`;
}

const messageOf = (validation: ValidationSpec) => validation.message ?? `failed expression: ${validation.expression}`;

/** The object target: the expressions as written, behind the profile of the object's first pod template. */
function objectValidations(validations: readonly ValidationSpec[], profile: string): ExportedValidation[] {
  // The profile of the first pod template the object writes (slots may be null: a LeaderWorkerSet without a leader).
  const first = `(${slotIndices()}.filter(i, i < variables.templates.size() && variables.templates[i] != null).map(i, variables.profiles[i]) + ['none'])[0]`;
  const gate = profile === 'any' ? undefined : `${first} != ${celString(profile)}`;
  return validations.map((validation) => ({
    expression: gate ? anyOf([gate, validation.expression]) : validation.expression,
    message: messageOf(validation),
    ...(validation.messageExpression ? { messageExpression: validation.messageExpression } : {}),
    ...(validation.fieldPath ? { fieldPath: validation.fieldPath } : {}),
  }));
}

/** Pod spec and container targets: one validation per template slot of each kind, looping the expression over what it checks. */
function templateValidations(validations: readonly ValidationSpec[], target: string, profile: string): ExportedValidation[] {
  return EXPORTED_KINDS.flatMap((kind) =>
    kind.slots.flatMap((slot) => {
      const template = `variables.templates[${slot.index}]`;
      const spec = `${template}.spec`;
      const prefix = `${slot.fieldPath === '' ? '' : `${slot.fieldPath}.`}spec`;
      const gate = profile === 'any' ? [] : [`variables.profiles[${slot.index}] != ${celString(profile)}`];
      const withPodSpec = (expression: string) => `[${spec}].all(podSpec, ${expression})`;
      const containers = target === 'servingContainer' ? `variables.serving[${slot.index}]` : `${spec}.?containers.orValue([])`;
      return validations.map((validation) => {
        const check = target === 'podSpec' ? withPodSpec(validation.expression) : `${containers}.all(container, ${withPodSpec(validation.expression)})`;
        const message = validation.messageExpression
          ? target === 'podSpec'
            ? `[${spec}].map(podSpec, ${validation.messageExpression})[0]`
            : `(${containers}.filter(container, !${withPodSpec(validation.expression)}).map(container, [${spec}].map(podSpec, ${validation.messageExpression})[0]) + [''])[0]`
          : undefined;
        const fieldPath = target === 'podSpec' ? (validation.fieldPath ? `${prefix}.${validation.fieldPath}` : prefix) : `${prefix}.containers`;
        return {
          expression: anyOf([`object.kind != ${celString(kind.kind)}`, `${template} == null`, ...gate, check]),
          message: messageOf(validation),
          ...(message ? { messageExpression: message } : {}),
          fieldPath,
        };
      });
    }),
  );
}
