import { INEXPRESSIBLE, KAITO_GPU_RESOURCE, KAITO_PRESET_PORT, KAITO_PRESET_PROBES, KAITO_WORKSPACE_LABEL } from '../../domain/operators.js';
import { isField, type MapView } from '../../languages/shared/node.js';
import { viewAt, type Resource, type TemplateSite, type WorkloadKind } from './kind.js';

const GROUP = 'kaito.sh';

/**
 * A Workspace's `inference` (top level, no `spec`; an InferenceSet's `spec.template.inference`):
 * a custom `template` (a PodTemplateSpec, copied as it is) or a `preset`, whose container KAITO
 * generates: no pod field can be set, the probes are KAITO's, and the GPU is the preset's (CRDS.md §8).
 */
function inferenceSites(inference: MapView | undefined, workspace: string | undefined, containerName = workspace ?? '(unnamed)'): TemplateSite[] {
  if (!inference) return [];
  const podLabels = workspace ? { [KAITO_WORKSPACE_LABEL]: workspace } : undefined;
  const template = inference.map('template');
  if (template) return [{ view: template, shape: 'template', ...(podLabels ? { podLabels } : {}) }];
  const preset = inference.map('preset');
  const name = preset?.string('name');
  if (!preset || !isField(name)) return [];
  const reason = INEXPRESSIBLE.kaitoPreset;
  return [
    {
      view: inference,
      shape: 'flat',
      container: {
        name: containerName,
        view: inference,
        anchor: inference.anchor,
        accelerators: [{ resource: KAITO_GPU_RESOURCE, amount: 1, field: name }],
        ports: [{ ...KAITO_PRESET_PORT }],
      },
      ...(podLabels ? { podLabels } : {}),
      operator: { defaults: KAITO_PRESET_PROBES, defaultsTo: 'first', inexpressible: { grace: reason, preStop: reason, probes: reason } },
    },
  ];
}

/**
 * KAITO's Workspace (`kaito.sh/v1beta1`, `v1alpha1`): replicas are `resource.count` nodes (default
 * 1). An InferenceSet makes `spec.replicas` Workspaces (default 1), each named by the controller,
 * so its pods carry no workspace label a manifest could name.
 */
export const KAITO_KINDS: readonly WorkloadKind[] = [
  { group: GROUP, kind: 'Workspace', templates: (resource: Resource) => inferenceSites(resource.root.map('inference'), resource.name), replicas: ['resource', 'count'] },
  {
    group: GROUP,
    kind: 'InferenceSet',
    templates: (resource: Resource) => inferenceSites(viewAt(resource.root, ['spec', 'template', 'inference']), undefined, '(named after each Workspace)'),
    replicas: ['spec', 'replicas'],
  },
];
