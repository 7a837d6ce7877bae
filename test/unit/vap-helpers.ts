/**
 * Runs the admission-policy check the way the CLI does (the engine's `lint` with the check as its
 * only rule) on YAML texts, and returns its findings as `severity line:column message`.
 */
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { lint } from '../../src/engine/lint.js';
import type { RuleSetting } from '../../src/engine/options.js';
import { admissionPolicyCheck } from '../../src/policy/admission/check.js';

export interface VapFile {
  path: string;
  text: string;
  /** False for a `--context` file. */
  reportable?: boolean;
}

export function admissionFindings(files: readonly VapFile[], settings: ReadonlyMap<string, RuleSetting> = new Map()): string[] {
  const results = lint(
    files.map((f) => ({ path: f.path, content: new TextEncoder().encode(f.text), reportable: f.reportable ?? true })),
    { rules: [admissionPolicyCheck], settings, profiles: { profiles: DEFAULT_PROFILES, workloads: [] }, defaultNamespace: 'default' },
  );
  return results.flatMap((result) =>
    result.findings.filter((f) => f.ruleId === 'admission-policy').map((f) => `${result.path} ${f.severity} ${f.line}:${f.column} ${f.message}`),
  );
}

/** A policy over apps/v1 Deployments with these spec lines (indented by the caller as under `spec:`). */
export function policy(name: string, specLines: string): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
${specLines}`;
}

export function binding(policyName: string, actions: string, extraSpec = ''): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${policyName}-binding
spec:
  policyName: ${policyName}
  validationActions: ${actions}
${extraSpec}`;
}

export function deployment(name: string, options: { namespace?: string; replicas?: number; labels?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${options.namespace ? `  namespace: ${options.namespace}\n` : ''}${options.labels ? `  labels: ${options.labels}\n` : ''}spec:
  replicas: ${options.replicas ?? 1}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
}

export const docs = (...parts: string[]) => parts.join('---\n');
