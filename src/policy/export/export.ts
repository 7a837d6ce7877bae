/**
 * `gpu-drain-lint export vap`: the rules one object decides, and the team's CEL policies, as
 * ValidatingAdmissionPolicies with their bindings, so the cluster enforces what pre-commit checks.
 */
import { DEFAULT_PROFILES, type ProfileConfig } from '../../analysis/profile.js';
import { admissionObjects, type ValidationAction } from './admission-objects.js';
import { EXPORTABLE_RULES, NOT_EXPORTABLE } from './builtin-rules.js';
import { exportTeamPolicy, type TeamPolicy } from './team-policies.js';

/** A built-in rule as the config leaves it. */
export interface RuleToExport {
  id: string;
  description: string;
  level: 'off' | 'warn' | 'error';
  options: Readonly<Record<string, unknown>>;
}

export interface ExportRequest {
  rules: readonly RuleToExport[];
  policies: readonly TeamPolicy[];
  /** Config `profiles` and `workloads`; the profiles' defaults without a config. */
  config?: ProfileConfig;
  /** Config `defaultNamespace` ('default' without a config). */
  defaultNamespace?: string;
  /** Overrides the actions the levels give (error: Deny, warn: Warn). */
  actions?: readonly ValidationAction[];
}

export interface ExportResult {
  /** Each exported rule or policy: its id and its two objects (policy, binding). */
  exported: { id: string; objects: Record<string, unknown>[] }[];
  /** What was not exported, and why (a level of off is not listed). */
  skipped: { id: string; reason: string }[];
}

/** The name of the objects of a rule or policy: `gpu-drain-lint.grace-period-default`, `acme.prod-grace`. */
export function exportedName(id: string): string {
  return id.includes('/') ? id.replace('/', '.') : `gpu-drain-lint.${id}`;
}

function actionsFor(level: 'warn' | 'error', override: readonly ValidationAction[] | undefined): readonly ValidationAction[] {
  return override ?? (level === 'error' ? ['Deny'] : ['Warn']);
}

export function exportAdmissionPolicies(request: ExportRequest): ExportResult {
  const result: ExportResult = { exported: [], skipped: [] };
  const config = request.config ?? { profiles: DEFAULT_PROFILES, workloads: [] };
  const defaultNamespace = request.defaultNamespace ?? 'default';
  for (const rule of request.rules) {
    if (rule.level === 'off') continue;
    const ruleLevel = rule.level;
    const build = EXPORTABLE_RULES[rule.id];
    if (!build) {
      result.skipped.push({ id: rule.id, reason: NOT_EXPORTABLE[rule.id] ?? 'it has no single-object form yet' });
      continue;
    }
    const built = build({ config, defaultNamespace, description: rule.description, options: rule.options });
    if ('reason' in built) {
      result.skipped.push({ id: rule.id, reason: built.reason });
      continue;
    }
    const objects = (Array.isArray(built) ? built : [built]).flatMap((checks) => {
      const name = exportedName(rule.id) + (checks.part ? `.${checks.part.suffix}` : '');
      const level = checks.part?.severity ?? ruleLevel;
      return admissionObjects({ name, source: `gpu-drain-lint rule ${rule.id}`, checks, actions: actionsFor(level, request.actions) });
    });
    result.exported.push({ id: rule.id, objects });
  }
  for (const policy of request.policies) {
    if (policy.level === 'off') continue;
    const exported = exportTeamPolicy(policy, { config, defaultNamespace });
    if ('reason' in exported) {
      result.skipped.push({ id: policy.id, reason: exported.reason });
      continue;
    }
    const name = exportedName(policy.id);
    result.exported.push({ id: policy.id, objects: admissionObjects({ ...exported, name, source: `gpu-drain-lint policy ${policy.id}`, actions: actionsFor(policy.level, request.actions) }) });
  }
  return result;
}
