import { isField } from '../../languages/shared/node.js';
import { viewAt, type Resource, type TemplateSite, type WorkloadKind } from './kind.js';

/**
 * AIBrix StormService (`orchestration.aibrix.ai/v1alpha1`; CRDS.md §10): `spec.replicas` RoleSets,
 * each running every role of `spec.template.spec.roles[]` (`replicas` pods of its `template`).
 * AIBrix adds nothing to the pods (no grace, preStop or probes). Its RayClusterFleet is a KubeRay
 * kind (kuberay.ts).
 */
export const AIBRIX_KINDS: readonly WorkloadKind[] = [
  {
    group: 'orchestration.aibrix.ai',
    kind: 'StormService',
    templates: (object: Resource) =>
      (viewAt(object.root, ['spec', 'template', 'spec'])?.maps('roles') ?? []).flatMap((role): TemplateSite[] => {
        const view = role.map('template');
        const name = role.string('name');
        return view ? [{ role: `role ${isField(name) ? name.value : '(unnamed)'}`, view, shape: 'template' }] : [];
      }),
  },
];
