import type { Severity } from './severity.js';

export const YAML_SYNTAX = 'yaml-syntax';
export const TYPESCRIPT_SYNTAX = 'typescript-syntax';
export const UNKNOWN_VALUE = 'unknown-value';
export const INVALID_VALUE = 'invalid-value';
export const UNUSED_SUPPRESSION = 'unused-suppression';
export const UNCHECKED_WORKLOAD = 'unchecked-workload';
export const RENDER_FAILED = 'render-failed';
export const CHART_NOT_RENDERED = 'chart-not-rendered';
export const ADMISSION_POLICY = 'admission-policy';
export const POLICY_ERROR = 'policy-error';

export type DiagnosticId =
  | typeof YAML_SYNTAX
  | typeof TYPESCRIPT_SYNTAX
  | typeof UNKNOWN_VALUE
  | typeof INVALID_VALUE
  | typeof UNUSED_SUPPRESSION
  | typeof UNCHECKED_WORKLOAD
  | typeof RENDER_FAILED
  | typeof CHART_NOT_RENDERED
  | typeof ADMISSION_POLICY
  | typeof POLICY_ERROR;

/** A finding the engine reports itself, not a rule of the registry. */
export interface BuiltinDiagnostic {
  id: DiagnosticId;
  description: string;
  defaultSeverity: Severity;
  /** Whether a config may set its level (a file that does not parse is never silenced). */
  configurable: boolean;
}

/** The built-in diagnostics, in the order SARIF lists them after the rules. */
export const BUILTIN_DIAGNOSTICS: readonly BuiltinDiagnostic[] = [
  { id: YAML_SYNTAX, description: 'The file or a document does not parse as YAML (or is an unrendered Helm template), so it was not linted.', defaultSeverity: 'error', configurable: false },
  { id: TYPESCRIPT_SYNTAX, description: 'A TypeScript source does not parse, so the objects it defines were not linted.', defaultSeverity: 'error', configurable: false },
  { id: UNKNOWN_VALUE, description: 'A value the rules need is computed in a TypeScript source (a call, a spread, an import), so the checks that need it skipped it.', defaultSeverity: 'warn', configurable: true },
  { id: INVALID_VALUE, description: 'A field the rules read has the wrong type or an out-of-range value; the API server would reject it.', defaultSeverity: 'error', configurable: true },
  { id: UNUSED_SUPPRESSION, description: 'A suppression comment, annotation or config entry silenced nothing.', defaultSeverity: 'warn', configurable: true },
  {
    id: UNCHECKED_WORKLOAD,
    description: 'A custom resource of a kind gpu-drain-lint does not read holds a container that requests a GPU, so its drain was not checked; config `workloadKinds` can declare where its pod templates are.',
    defaultSeverity: 'warn',
    configurable: true,
  },
  {
    id: RENDER_FAILED,
    description: "A Helm chart or Kustomize overlay could not be rendered (helm's or kustomize's own error: a missing value, a missing dependency, a patch that matches nothing), so its objects were not linted.",
    defaultSeverity: 'error',
    configurable: false,
  },
  {
    id: CHART_NOT_RENDERED,
    description: 'A Helm chart was found but no helm binary to render it (install helm, or name it in config `helm.binary`), so its objects were not linted.',
    defaultSeverity: 'warn',
    configurable: true,
  },
  {
    id: ADMISSION_POLICY,
    description:
      "A ValidatingAdmissionPolicy of the run, bound by a ValidatingAdmissionPolicyBinding, rejects (Deny: error) or warns about (Warn) an object of the run, as the API server would on its creation; or one of the policy's expressions cannot be evaluated offline.",
    defaultSeverity: 'error',
    configurable: true,
  },
  {
    id: POLICY_ERROR,
    description: 'A policy of the config could not be evaluated on an object (a missing key, a wrong type, its budget spent), so the object was not checked by it.',
    defaultSeverity: 'error',
    configurable: false,
  },
];

/** The diagnostics a config may set the level of, in the order the config schema lists them. */
export const CONFIGURABLE_DIAGNOSTICS: readonly BuiltinDiagnostic[] = [INVALID_VALUE, UNKNOWN_VALUE, UNUSED_SUPPRESSION, UNCHECKED_WORKLOAD, CHART_NOT_RENDERED, ADMISSION_POLICY].map(
  (id) => BUILTIN_DIAGNOSTICS.find((d) => d.id === id)!,
);

export function defaultSeverityOf(id: DiagnosticId): Severity {
  return BUILTIN_DIAGNOSTICS.find((d) => d.id === id)!.defaultSeverity;
}
