import { INEXPRESSIBLE, KUBEAI_PROFILE_ACCELERATORS, KUBEAI_SERVER_CONTAINER, KUBEAI_VLLM_COMMAND, KUBEAI_VLLM_PORT, KUBEAI_VLLM_PROBES } from '../../domain/operators.js';
import { isField, type MapView } from '../../languages/shared/node.js';
import type { FlatContainer, Resource, TemplateSite, WorkloadKind } from './kind.js';

/**
 * A KubeAI Model has no pod fields: its vLLM container is `spec.image`, KubeAI's vLLM command
 * with `spec.args` appended, and the accelerator its `resourceProfile` names. Grace, preStop and
 * probes cannot be set (CRDS.md §13). Only engine VLLM is judged: the other engines' pods are
 * not described in CRDS.md.
 */
function templates(resource: Resource): TemplateSite[] {
  const spec = resource.root.map('spec');
  const engine = spec?.string('engine');
  if (!spec || !isField(engine) || engine.value !== 'VLLM') return [];
  const image = spec.string('image');
  const reason = INEXPRESSIBLE.kubeaiModel;
  return [
    {
      view: spec,
      shape: 'flat',
      container: {
        name: KUBEAI_SERVER_CONTAINER,
        view: spec,
        anchor: spec.anchor,
        ...(isField(image) ? { image } : {}),
        command: { value: KUBEAI_VLLM_COMMAND },
        args: { view: spec, key: 'args' },
        accelerators: profileAccelerators(spec),
        ports: [{ ...KUBEAI_VLLM_PORT }],
      },
      podLabels: { app: 'model', ...(resource.name ? { model: resource.name } : {}) },
      operator: { defaults: KUBEAI_VLLM_PROBES, defaultsTo: 'first', inexpressible: { grace: reason, preStop: reason, probes: reason } },
    },
  ];
}

/** `resourceProfile: nvidia-gpu-h100:8`: eight of the profile's accelerator (1 when no count is given). */
function profileAccelerators(spec: MapView): NonNullable<FlatContainer['accelerators']> {
  const profile = spec.string('resourceProfile');
  if (!isField(profile)) return [];
  const [name, count] = profile.value.split(':');
  const accelerator = KUBEAI_PROFILE_ACCELERATORS.find((a) => name!.startsWith(a.prefix));
  if (!accelerator) return [];
  const amount = count === undefined ? 1 : /^\d+$/.test(count) ? Number(count) : undefined;
  if (amount === undefined) spec.sink.add(profile.span, `${spec.childPath('resourceProfile')} must be <profile>:<count>, got ${JSON.stringify(profile.value)}`);
  return [{ resource: accelerator.resource, amount, field: profile }];
}

/** KubeAI's Model (`kubeai.org/v1`): the autoscaler keeps at least `minReplicas` (default 0: scale to zero). CRDS.md §13. */
export const KUBEAI_KINDS: readonly WorkloadKind[] = [
  { group: 'kubeai.org', kind: 'Model', templates, replicas: ['spec', 'minReplicas'], defaultReplicas: 0 },
];
