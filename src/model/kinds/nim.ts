import { INEXPRESSIBLE, NIM_API_PORT, NIM_CONTAINER_SUFFIX, NIM_LAUNCHER, NIM_PROBES, type OperatorPodDefaults } from '../../domain/operators.js';
import { isField, type Field, type MapView } from '../../languages/shared/node.js';
import { viewAt, type FlatContainer, type Resource, type TemplateSite, type WorkloadKind } from './kind.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/**
 * A NIMService has no pod template: the NIM container is read from `spec` itself (`image`,
 * `command`, `args`, `env`, `resources`), each probe from `spec.<probe>.probe`. A probe with
 * `enabled: false` is left out of the pod; one enabled but unwritten is the operator's default
 * (k8s-nim-operator `nimservice_types.go:647-734, 1308-1316`; CRDS.md §9).
 */
function templates(resource: Resource): TemplateSite[] {
  const spec = resource.root.map('spec');
  if (!spec) return [];
  const probes: FlatContainer['probes'] = {};
  const probePaths: FlatContainer['probePaths'] = {};
  const disabled = new Set<(typeof PROBES)[number]>();
  for (const key of PROBES) {
    probePaths[key] = `${spec.childPath(key)}.probe`;
    const holder = spec.map(key);
    const enabled = holder?.boolean('enabled');
    if (isField(enabled) && !enabled.value) {
      disabled.add(key);
      continue;
    }
    const probe = holder?.map('probe');
    if (probe) probes[key] = probe;
  }
  const image = nimImage(spec.map('image'));
  const port = spec.map('expose')?.map('service')?.int('port', { min: 1, max: 65535 });
  const defaults: OperatorPodDefaults = { ...NIM_PROBES };
  for (const key of disabled) delete defaults[key];
  return [
    {
      view: spec,
      shape: 'flat',
      container: {
        name: `${resource.name ?? '(unnamed)'}${NIM_CONTAINER_SUFFIX}`,
        view: spec,
        anchor: spec.anchor,
        ...(image ? { image } : {}),
        command: { view: spec, key: 'command' },
        args: { view: spec, key: 'args' },
        env: { view: spec, key: 'env' },
        ...(spec.map('resources') ? { resources: spec.map('resources')! } : {}),
        probes,
        probePaths,
        ports: [{ name: NIM_API_PORT.name, containerPort: isField(port) ? port.value : NIM_API_PORT.containerPort }],
      },
      ...(resource.name ? { podLabels: { app: resource.name } } : {}),
      operator: { defaults, defaultsTo: 'first', startsContainer: NIM_LAUNCHER, inexpressible: { grace: INEXPRESSIBLE.nimService, preStop: INEXPRESSIBLE.nimService } },
    },
  ];
}

/** `spec.image` {repository, tag} as the operator joins them (`nimservice_types.go:621-623`). */
function nimImage(image: MapView | undefined): Field<string> | undefined {
  const repository = image?.string('repository');
  if (!image || !isField(repository)) return undefined;
  const tag = image.intOrString('tag');
  return { ...repository, value: isField(tag) ? `${repository.value}:${tag.value}` : repository.value };
}

/** With `spec.scale.enabled` the operator's HPA owns the scale: its `minReplicas` (default 1) is the floor. */
function replicas(resource: Resource): readonly string[] {
  const enabled = viewAt(resource.root, ['spec', 'scale'])?.boolean('enabled');
  return isField(enabled) && enabled.value ? ['spec', 'scale', 'hpa', 'minReplicas'] : ['spec', 'replicas'];
}

/** NVIDIA NIM Operator's NIMService (`apps.nvidia.com/v1alpha1`; CRDS.md §9). */
export const NIM_KINDS: readonly WorkloadKind[] = [{ group: 'apps.nvidia.com', kind: 'NIMService', templates, replicas }];
