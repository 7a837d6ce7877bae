import { KUBERAY_HEAD_PROBE_TIMEOUT_SECONDS, KUBERAY_OVERWRITE_CMD_ANNOTATION, KUBERAY_PROBES, KUBERAY_RAY_START, KUBERAY_SERVE_WORKER_READINESS_FAILURE_THRESHOLD, KUBERAY_WORKER_REPLICAS_DEFAULT } from '../../domain/operators.js';
import { isField, type MapView } from '../../languages/shared/node.js';
import { viewAt, type OperatorFacts, type TemplateSite, type WorkloadKind, type Resource } from './kind.js';

const GROUP = 'ray.io';

/** Labels KubeRay puts on a cluster's pods. Source: kuberay `ray-operator/controllers/ray/utils/constant.go:19-24`; CRDS.md §5. */
const RAY_CLUSTER_LABEL = 'ray.io/cluster';
const RAY_NODE_TYPE_LABEL = 'ray.io/node-type';
const RAY_GROUP_LABEL = 'ray.io/group';

/**
 * The head and worker group templates of a RayClusterSpec, with the probes KubeRay adds to the
 * Ray container (`containers[0]`). A RayService's workers get the Serve proxy's readiness check,
 * which fails on the first miss.
 */
function rayClusterTemplates(
  clusterSpec: MapView | undefined,
  clusterName: string | undefined,
  { serveWorkers = false, groupsScale = true, keepsCommand = false }: { serveWorkers?: boolean; groupsScale?: boolean; keepsCommand?: boolean } = {},
): TemplateSite[] {
  if (!clusterSpec) return [];
  const operator = (worker: boolean): OperatorFacts => {
    const defaults = !worker
      ? {
          ...KUBERAY_PROBES,
          readinessProbe: { ...KUBERAY_PROBES.readinessProbe!, timeoutSeconds: KUBERAY_HEAD_PROBE_TIMEOUT_SECONDS },
          livenessProbe: { ...KUBERAY_PROBES.livenessProbe!, timeoutSeconds: KUBERAY_HEAD_PROBE_TIMEOUT_SECONDS },
        }
      : serveWorkers
        ? { ...KUBERAY_PROBES, readinessProbe: { ...KUBERAY_PROBES.readinessProbe!, failureThreshold: KUBERAY_SERVE_WORKER_READINESS_FAILURE_THRESHOLD } }
        : KUBERAY_PROBES;
    return { defaults, defaultsTo: 'first', ...(keepsCommand ? {} : { startsContainer: KUBERAY_RAY_START }) };
  };
  const labels = (nodeType: string, group: string): Record<string, string> => ({
    ...(clusterName ? { [RAY_CLUSTER_LABEL]: clusterName } : {}),
    [RAY_NODE_TYPE_LABEL]: nodeType,
    [RAY_GROUP_LABEL]: group,
  });
  const sites: TemplateSite[] = [];
  const head = viewAt(clusterSpec, ['headGroupSpec', 'template']);
  if (head) sites.push({ role: 'head group', view: head, shape: 'template', noHeadroom: true, podLabels: labels('head', 'headgroup'), operator: operator(false) });
  // With the in-tree autoscaler a group runs between minReplicas and maxReplicas; without, `replicas`.
  const autoscaled = clusterSpec.boolean('enableInTreeAutoscaling');
  const floorKey = isField(autoscaled) && autoscaled.value ? 'minReplicas' : 'replicas';
  for (const group of clusterSpec.maps('workerGroupSpecs')) {
    const template = group.map('template');
    const name = group.string('groupName');
    const groupName = isField(name) ? name.value : '(unnamed)';
    if (!template) continue;
    sites.push({
      role: `worker group ${groupName}`,
      view: template,
      shape: 'template',
      ...(groupsScale ? { replicas: { at: group, key: floorKey, default: KUBERAY_WORKER_REPLICAS_DEFAULT } } : {}),
      podLabels: labels('worker', groupName),
      operator: operator(true),
    });
  }
  return sites;
}

/** Whether a RayCluster's metadata asks KubeRay to keep the containers' own command. */
function keepsCommand(metadata: MapView | undefined): boolean {
  return metadata?.stringMap('annotations').get(KUBERAY_OVERWRITE_CMD_ANNOTATION)?.value.toLowerCase() === 'true';
}

/**
 * KubeRay's RayService, RayCluster and RayJob (`ray.io/v1`, `v1alpha1`), and AIBrix's
 * RayClusterFleet whose template holds a RayClusterSpec (CRDS.md §5, §10): a fleet's serving
 * unit is a whole RayCluster (`spec.replicas`), so its groups are not counted on their own. A RayService's
 * cluster name is generated (`<name>-raycluster-<hash>`), so its pods carry no cluster label a
 * PDB could name from the manifest.
 */
export const KUBERAY_KINDS: readonly WorkloadKind[] = [
  {
    group: GROUP,
    kind: 'RayService',
    templates: (object: Resource) => rayClusterTemplates(viewAt(object.root, ['spec', 'rayClusterConfig']), undefined, { serveWorkers: true }),
    profiledByGpuOnly: true,
    podOwnerScales: false,
  },
  {
    group: GROUP,
    kind: 'RayCluster',
    templates: (object: Resource) => rayClusterTemplates(object.root.map('spec'), object.name, { keepsCommand: keepsCommand(object.root.map('metadata')) }),
    profiledByGpuOnly: true,
    podOwnerScales: false,
  },
  {
    group: GROUP,
    kind: 'RayJob',
    templates: (object: Resource) => rayClusterTemplates(viewAt(object.root, ['spec', 'rayClusterSpec']), undefined),
    runsToCompletion: true,
    podOwnerScales: false,
  },
  {
    group: 'orchestration.aibrix.ai',
    kind: 'RayClusterFleet',
    templates: (object: Resource) =>
      rayClusterTemplates(viewAt(object.root, ['spec', 'template', 'spec']), undefined, { groupsScale: false, keepsCommand: keepsCommand(viewAt(object.root, ['spec', 'template', 'metadata'])) }),
    replicas: ['spec', 'replicas'],
    profiledByGpuOnly: true,
    podOwnerScales: false,
  },
];
