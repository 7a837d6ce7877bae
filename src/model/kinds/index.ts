import type { WorkloadKind } from './kind.js';
import { AIBRIX_KINDS } from './aibrix.js';
import { BUILTIN_KINDS } from './builtin.js';
import { DYNAMO_KINDS } from './dynamo.js';
import { KNATIVE_KINDS } from './knative.js';
import { KSERVE_KINDS } from './kserve.js';
import { KUBERAY_KINDS } from './kuberay.js';
import { LLMISVC_KINDS } from './llminferenceservice.js';
import { LWS_KINDS } from './lws.js';
import { ROLLOUT_KINDS } from './rollout.js';
import { NIM_KINDS } from './nim.js';
import { KUBEAI_KINDS } from './kubeai.js';
import { PRODUCTION_STACK_KINDS } from './production-stack.js';
import { KAITO_KINDS } from './kaito.js';

/** Every kind of object whose pods the rules judge (see WorkloadKind). */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  ...BUILTIN_KINDS,
  ...ROLLOUT_KINDS,
  ...LWS_KINDS,
  ...KUBERAY_KINDS,
  ...LLMISVC_KINDS,
  ...KSERVE_KINDS,
  ...KNATIVE_KINDS,
  ...NIM_KINDS,
  ...KUBEAI_KINDS,
  ...PRODUCTION_STACK_KINDS,
  ...KAITO_KINDS,
  ...DYNAMO_KINDS,
  ...AIBRIX_KINDS,
];

/** The apiVersion's group: `apps` of `apps/v1`, '' for the core `v1`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Looks kinds up by apiVersion group and kind; a built-in kind matches on kind alone. */
export class WorkloadKindCatalogue {
  private readonly byKind = new Map<string, WorkloadKind[]>();

  constructor(kinds: readonly WorkloadKind[]) {
    for (const kind of kinds) {
      const entries = this.byKind.get(kind.kind) ?? [];
      // A declared kind (config workloadKinds) comes first, so it can refine a shipped one.
      entries.push(kind);
      this.byKind.set(kind.kind, entries);
    }
  }

  lookup(object: { apiVersion: string; kind: string }): WorkloadKind | undefined {
    const group = apiGroup(object.apiVersion);
    const entries = this.byKind.get(object.kind) ?? [];
    return entries.find((entry) => entry.group === group) ?? entries.find((entry) => entry.group === undefined && !isCustomGroup(group));
  }
}

/** A group of a custom resource: one with a dot that is not one of Kubernetes' own (`apps`, `batch`, `networking.k8s.io`). */
export function isCustomGroup(group: string): boolean {
  return group.includes('.') && !group.endsWith('.k8s.io');
}

export const SHIPPED_KINDS = new WorkloadKindCatalogue(WORKLOAD_KINDS);

/** The shipped kinds and those a config declares; a declared kind wins over a shipped one of the same group and kind. */
export function catalogueWith(declared: readonly WorkloadKind[]): WorkloadKindCatalogue {
  return declared.length === 0 ? SHIPPED_KINDS : new WorkloadKindCatalogue([...declared, ...WORKLOAD_KINDS]);
}
