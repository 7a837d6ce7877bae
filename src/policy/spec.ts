/** The targets a policy checks: the whole object, each pod spec, each container, or the serving container. */
export const POLICY_TARGETS = ['object', 'podSpec', 'container', 'servingContainer'] as const;
export type PolicyTarget = (typeof POLICY_TARGETS)[number];

/** The drain profiles a policy may match; `any` (the default) matches every object. */
export const POLICY_PROFILES = ['gpu-inference', 'long-lived', 'none', 'any'] as const;
export type PolicyProfile = (typeof POLICY_PROFILES)[number];

/** A namespaced policy id, `<prefix>/<name>`: lowercase letters, digits and dashes on each side. */
export const POLICY_ID_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** A CEL validation, in ValidatingAdmissionPolicy's shape. */
export interface ValidationSpec {
  expression: string;
  message?: string;
  messageExpression?: string;
  /** Where a failure is reported, relative to the target: `spec.containers[0].image`, `metadata.labels['team']`. */
  fieldPath?: string;
}

/** A policy as written in the config or a policy file (the public configuration shape). */
export interface PolicySpec {
  id: string;
  level?: string;
  description: string;
  docs?: string;
  match?: {
    kinds?: string[];
    apiGroups?: string[];
    namespaces?: string[];
    labels?: Record<string, string>;
    profile?: PolicyProfile;
  };
  target?: PolicyTarget;
  validations?: ValidationSpec[];
  schema?: Record<string, unknown> | boolean;
  /** A safe fix for every failure: set the scalar at `path` (relative to the target, fieldPath syntax) to `value`. */
  fix?: { path: string; value: string | number | boolean };
}
