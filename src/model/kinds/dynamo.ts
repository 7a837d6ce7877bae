import { ACCELERATOR_RESOURCE } from '../../domain/kubernetes.js';
import {
  DYNAMO_COMMON,
  DYNAMO_DEFAULT_GPU_RESOURCE,
  DYNAMO_DEFAULT_REPLICAS,
  DYNAMO_FRONTEND,
  DYNAMO_FRONTEND_COMMAND,
  DYNAMO_FRONTEND_TYPE,
  DYNAMO_MAIN_CONTAINER,
  DYNAMO_RUNTIME,
  DYNAMO_SYSTEM_PORT,
  DYNAMO_WORKER,
  DYNAMO_WORKER_DRAIN,
  DYNAMO_WORKER_TYPES,
} from '../../domain/operators.js';
import { isField, type MapView } from '../../languages/shared/node.js';
import { viewAt, type GpuCount, type OperatorFacts, type Resource, type TemplateSite, type WorkloadKind } from './kind.js';

const WORKER: OperatorFacts = {
  defaults: DYNAMO_WORKER,
  defaultsTo: DYNAMO_MAIN_CONTAINER,
  drainsWithoutPreStop: DYNAMO_WORKER_DRAIN,
  leavesWithoutReadiness: DYNAMO_WORKER_DRAIN,
  statusPorts: [DYNAMO_SYSTEM_PORT],
  engineDrainedBy: DYNAMO_RUNTIME,
};
const FRONTEND: OperatorFacts = { defaults: DYNAMO_FRONTEND, defaultsTo: DYNAMO_MAIN_CONTAINER, startsContainer: DYNAMO_FRONTEND_COMMAND, engineDrainedBy: DYNAMO_RUNTIME };
const OTHER: OperatorFacts = { defaults: DYNAMO_COMMON, defaultsTo: DYNAMO_MAIN_CONTAINER, engineDrainedBy: DYNAMO_RUNTIME };

/** What the operator adds to a component of this type (v1alpha1 `componentType`, v1beta1 `type`). */
function operatorFor(type: string | undefined): OperatorFacts {
  if (type !== undefined && DYNAMO_WORKER_TYPES.includes(type)) return WORKER;
  return type === DYNAMO_FRONTEND_TYPE ? FRONTEND : OTHER;
}

function text(view: MapView, key: string): string | undefined {
  const value = view.string(key);
  return isField(value) ? value.value : undefined;
}

/**
 * v1alpha1 `spec.services.<name>`: the pod spec is `extraPodSpec`, container `main` is built
 * from `extraPodSpec.mainContainer` over the service's probes and `resources` (whose `gpu`
 * count is a GPU). A service without `extraPodSpec` has no pod field to judge or fix.
 */
function services(spec: MapView): TemplateSite[] {
  const all = spec.map('services');
  if (!all) return [];
  return all.keys().flatMap((name): TemplateSite[] => {
    const service = all.map(name);
    const podSpec = service?.map('extraPodSpec');
    if (!service || !podSpec) return [];
    const main = podSpec.map('mainContainer');
    const gpus = (['limits', 'requests'] as const).flatMap((section): GpuCount[] => {
      const amounts = viewAt(service, ['resources', section]);
      return amounts ? [{ view: amounts, key: 'gpu', typeKey: 'gpuType', defaultResource: DYNAMO_DEFAULT_GPU_RESOURCE }] : [];
    });
    return [
      {
        role: `service ${name}`,
        view: podSpec,
        shape: 'podSpec',
        operator: operatorFor(text(service, 'componentType')),
        replicas: { at: service, key: 'replicas', default: DYNAMO_DEFAULT_REPLICAS },
        ...(main ? { builtContainers: [{ name: DYNAMO_MAIN_CONTAINER, view: main, probes: service, gpus }] } : {}),
      },
    ];
  });
}

/** v1beta1 `spec.components[]`: a PodTemplateSpec each, the defaults going to container `main`. */
function components(spec: MapView): TemplateSite[] {
  return spec.maps('components').flatMap((component): TemplateSite[] => {
    const view = component.map('podTemplate');
    if (!view) return [];
    return [
      {
        role: `component ${text(component, 'name') ?? '(unnamed)'}`,
        view,
        shape: 'template',
        operator: operatorFor(text(component, 'type')),
        replicas: { at: component, key: 'replicas', default: DYNAMO_DEFAULT_REPLICAS },
      },
    ];
  });
}

/**
 * NVIDIA Dynamo's DynamoGraphDeployment (`nvidia.com`; CRDS.md §7): v1alpha1 `spec.services`
 * (a map of services) and v1beta1 `spec.components` (a list), one pod template each. The group is
 * the same for both versions, so one entry reads whichever shape the resource has.
 */
export const DYNAMO_KINDS: readonly WorkloadKind[] = [
  {
    group: 'nvidia.com',
    kind: 'DynamoGraphDeployment',
    templates: (object: Resource) => {
      const spec = object.root.map('spec');
      return spec ? [...services(spec), ...components(spec)] : [];
    },
  },
];
