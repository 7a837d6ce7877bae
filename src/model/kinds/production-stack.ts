import {
  INEXPRESSIBLE,
  VLLM_RUNTIME_COMMAND,
  VLLM_RUNTIME_CONTAINER,
  VLLM_RUNTIME_DEFAULT_GPU_TYPE,
  VLLM_RUNTIME_DEFAULT_PORT,
  VLLM_RUNTIME_PROBES,
} from '../../domain/operators.js';
import { isField, type Field, type MapView } from '../../languages/shared/node.js';
import { viewAt, type FlatContainer, type Resource, type TemplateSite, type WorkloadKind } from './kind.js';

/**
 * A VLLMRuntime has no pod template: its `vllm` container runs `vllm serve` with the flags the
 * operator derives and then `vllmConfig.extraArgs`; image and GPU come from `deploymentConfig`.
 * Pod-level findings point at `deploymentConfig`, the container's at `vllmConfig` (CRDS.md §14).
 */
function templates(resource: Resource): TemplateSite[] {
  const spec = resource.root.map('spec');
  if (!spec) return [];
  const vllm = spec.map('vllmConfig');
  const deployment = spec.map('deploymentConfig');
  const image = runtimeImage(deployment?.map('image'));
  const port = vllm?.int('port', { min: 1, max: 65535 });
  const reason = INEXPRESSIBLE.vllmRuntime;
  const container: FlatContainer = {
    name: VLLM_RUNTIME_CONTAINER,
    view: vllm ?? spec,
    anchor: (vllm ?? spec).anchor,
    ...(image ? { image } : {}),
    command: { value: VLLM_RUNTIME_COMMAND },
    ...(vllm ? { args: { view: vllm, key: 'extraArgs' }, env: { view: vllm, key: 'env' } } : {}),
    accelerators: gpu(deployment?.map('resources')),
    ports: [{ containerPort: isField(port) ? port.value : VLLM_RUNTIME_DEFAULT_PORT }],
  };
  return [
    {
      view: deployment ?? spec,
      shape: 'flat',
      container,
      ...(resource.name ? { podLabels: { app: resource.name } } : {}),
      operator: { defaults: VLLM_RUNTIME_PROBES, defaultsTo: 'first', inexpressible: { grace: reason, preStop: reason, probes: reason } },
    },
  ];
}

/** `image: {registry, name}`, joined as `<registry>/<name>`. */
function runtimeImage(image: MapView | undefined): Field<string> | undefined {
  const name = image?.string('name');
  if (!image || !isField(name)) return undefined;
  const registry = image.string('registry');
  return { ...name, value: isField(registry) && registry.value ? `${registry.value}/${name.value}` : name.value };
}

/** `resources: {gpu: "1", gpuType: nvidia.com/gpu}`: the count of that resource (default type nvidia.com/gpu). */
function gpu(resources: MapView | undefined): NonNullable<FlatContainer['accelerators']> {
  const count = resources?.intOrString('gpu');
  if (!resources || !isField(count)) return [];
  const type = resources.string('gpuType');
  const text = String(count.value).trim();
  const amount = /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  if (amount === undefined) resources.sink.add(count.span, `${resources.childPath('gpu')} must be a number of GPUs, got ${JSON.stringify(count.value)}`);
  return [{ resource: isField(type) && type.value ? type.value : VLLM_RUNTIME_DEFAULT_GPU_TYPE, amount, field: count }];
}

/** With `autoscalingConfig.enabled` the operator's KEDA ScaledObject keeps `minReplicas` (default 1). */
function replicas(resource: Resource): readonly string[] {
  const enabled = viewAt(resource.root, ['spec', 'autoscalingConfig'])?.boolean('enabled');
  return isField(enabled) && enabled.value ? ['spec', 'autoscalingConfig', 'minReplicas'] : ['spec', 'deploymentConfig', 'replicas'];
}

/** vLLM production-stack's VLLMRuntime (`production-stack.vllm.ai/v1alpha1`; CRDS.md §14). */
export const PRODUCTION_STACK_KINDS: readonly WorkloadKind[] = [{ group: 'production-stack.vllm.ai', kind: 'VLLMRuntime', templates, replicas }];
