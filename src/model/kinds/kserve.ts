import {
  KNATIVE_DEFAULT_USER_PORT,
  KNATIVE_SERVICE_LABEL,
  KSERVE_COMPONENT_LABEL,
  KSERVE_CONTAINER,
  KSERVE_DEFAULT_MIN_REPLICAS,
  KSERVE_DEPLOYMENT_MODE_ANNOTATION,
  KSERVE_EXPLAINER_FRAMEWORKS,
  KSERVE_ISVC_LABEL,
  KSERVE_KNATIVE_BY,
  KSERVE_KNATIVE_MODES,
  KSERVE_PREDICTOR_FRAMEWORKS,
  KSERVE_RAW_APP_LABEL,
  KSERVE_STANDARD_BY,
  KSERVE_STANDARD_GRACE_SECONDS,
  KSERVE_STANDARD_MODES,
  KSERVE_STANDARD_READINESS,
  KSERVE_STANDARD_READINESS_CONTAINERS,
  KSERVE_STANDARD_READINESS_PORT,
  KSERVE_TRANSFORMER_CONTAINER,
  KSERVE_WORKER_CONTAINER,
} from '../../domain/operators.js';
import { isField, type MapView } from '../../languages/shared/node.js';
import { viewAt, type BuiltContainer, type OperatorFacts, type ReadContext, type Resource, type TemplateSite, type WorkloadKind } from './kind.js';
import { knativeRevisionFacts } from './knative.js';

const GROUP = 'serving.kserve.io';
const COMPONENTS = ['predictor', 'transformer', 'explainer'] as const;
type Component = (typeof COMPONENTS)[number];
const SHORTCUTS: Record<Component, readonly string[]> = { predictor: ['model', ...KSERVE_PREDICTOR_FRAMEWORKS], transformer: [], explainer: KSERVE_EXPLAINER_FRAMEWORKS };
const MODEL_MESH = 'ModelMesh';

export type KServeMode = 'knative' | 'standard' | 'modelmesh';

/**
 * The deployment mode of an InferenceService: its `serving.kserve.io/deploymentMode` annotation
 * (new or legacy names), else config `kserve.defaultDeploymentMode`. An unknown value is an
 * invalid value, and the configured default applies.
 */
export function kserveMode(resource: Resource, context: ReadContext): KServeMode {
  const annotation = resource.annotations.get(KSERVE_DEPLOYMENT_MODE_ANNOTATION);
  const named = modeNamed(annotation?.value);
  if (annotation && !named) {
    const valid = [...KSERVE_KNATIVE_MODES, ...KSERVE_STANDARD_MODES, MODEL_MESH].join(', ');
    resource.root.sink.add(annotation.span, `metadata.annotations.${KSERVE_DEPLOYMENT_MODE_ANNOTATION} must be one of ${valid}, got ${JSON.stringify(annotation.value)}`);
  }
  return named ?? modeNamed(context.kserveDefaultDeploymentMode) ?? 'knative';
}

function modeNamed(value: string | undefined): KServeMode | undefined {
  if (value === undefined) return undefined;
  if (KSERVE_KNATIVE_MODES.includes(value)) return 'knative';
  if (KSERVE_STANDARD_MODES.includes(value)) return 'standard';
  return value === MODEL_MESH ? 'modelmesh' : undefined;
}

/** The container of this name in a list of container views. */
function containerNamed(containers: readonly MapView[], name: string): MapView | undefined {
  return containers.find((c) => {
    const written = c.string('name');
    return isField(written) && written.value === name;
  });
}

/** The named ServingRuntime's (or ClusterServingRuntime's) container of this name, if the run holds it. */
function runtimeContainer(runtime: Resource | undefined, path: readonly string[], name: string): BuiltContainer['base'] {
  const spec = runtime && viewAt(runtime.root, path);
  const view = spec && containerNamed(spec.maps('containers'), name);
  return runtime && view ? { view, resource: runtime } : undefined;
}

/** The runtime a predictor's `model` names (`model.runtime`), if the run holds it. */
function namedRuntime(model: MapView | undefined, resource: Resource, context: ReadContext): Resource | undefined {
  const runtime = model?.string('runtime');
  return isField(runtime) && runtime.value ? context.servingRuntime(runtime.value, resource.namespace) : undefined;
}

/** The first port of the serving container, read from its own fields or its base: where the TCP readiness probe KServe (or Knative) adds connects. */
function firstPort(built: readonly BuiltContainer[], containers: readonly MapView[], otherwise: number): number {
  const views = [...built.flatMap((b) => [b.view, b.base?.view]), ...containers.filter((c) => KSERVE_STANDARD_READINESS_CONTAINERS.some((n) => containerNamed([c], n)))];
  for (const view of views) {
    const port = view?.maps('ports')[0]?.int('containerPort');
    if (isField(port)) return port.value;
  }
  return otherwise;
}

/** What KServe decides for a component's pods in each mode (CRDS.md §2, §12; RULES.md "Custom resources"). */
function operatorFacts(mode: KServeMode, component: MapView, port: number | undefined): OperatorFacts {
  if (mode === 'knative') {
    return knativeRevisionFacts({
      by: KSERVE_KNATIVE_BY,
      owner: component,
      key: 'timeout',
      timeout: component.int('timeout', { min: 1 }),
      readinessPort: port,
      defaultsTo: [KSERVE_CONTAINER, KSERVE_TRANSFORMER_CONTAINER],
    });
  }
  return {
    defaults: {
      by: KSERVE_STANDARD_BY,
      terminationGracePeriodSeconds: KSERVE_STANDARD_GRACE_SECONDS,
      ...(port !== undefined ? { readinessProbe: { handler: { tcpSocket: { port } }, ...KSERVE_STANDARD_READINESS } } : {}),
    },
    defaultsTo: KSERVE_STANDARD_READINESS_CONTAINERS,
  };
}

/**
 * The labels KServe puts on a component's pods: the InferenceService's own labels, the
 * component's `labels`, and its identifying labels (`predictor.go:501-513`; CRDS.md §2).
 */
function podLabels(resource: Resource, view: MapView, component: string, mode: KServeMode): Record<string, string> {
  const written = (labels: Map<string, { value: string }> | undefined) => Object.fromEntries([...(labels ?? [])].map(([key, field]) => [key, field.value]));
  const inherited = { ...written(resource.root.map('metadata')?.stringMap('labels')), ...written(view.stringMap('labels')) };
  if (!resource.name) return { ...inherited, [KSERVE_COMPONENT_LABEL]: component };
  const service = `${resource.name}-${component}`;
  return {
    ...inherited,
    [KSERVE_ISVC_LABEL]: resource.name,
    [KSERVE_COMPONENT_LABEL]: component,
    ...(mode === 'standard' ? { [KSERVE_RAW_APP_LABEL]: `isvc.${service}` } : { [KNATIVE_SERVICE_LABEL]: service }),
  };
}

/**
 * An InferenceService's components (`spec.predictor`, `spec.transformer`, `spec.explainer`: each
 * an inline PodSpec) and the predictor's `workerSpec`. The predictor's `model` (or a framework
 * shortcut) is container `kserve-container`, merged over the named runtime's `kserve-container`
 * when the run holds it; a worker's first container over the runtime's `worker-container`.
 */
function templates(resource: Resource, context: ReadContext): TemplateSite[] {
  const spec = resource.root.map('spec');
  const mode = kserveMode(resource, context);
  // ModelMesh pods are the runtime's, made by the separate modelmesh-serving controller (CRDS.md §2).
  if (!spec || mode === 'modelmesh') return [];
  const sites: TemplateSite[] = [];
  for (const component of COMPONENTS) {
    const view = spec.map(component);
    if (!view) continue;
    const shortcut = SHORTCUTS[component].find((key) => view.has(key));
    const own = shortcut ? view.map(shortcut) : undefined;
    const runtime = component === 'predictor' && shortcut === 'model' ? namedRuntime(own, resource, context) : undefined;
    const built: BuiltContainer[] = [];
    if (own) {
      const base = runtimeContainer(runtime, ['spec'], KSERVE_CONTAINER);
      built.push({ name: KSERVE_CONTAINER, view: own, ...(base ? { base } : {}) });
    }
    const containers = view.maps('containers');
    const port = firstPort(built, containers, mode === 'knative' ? KNATIVE_DEFAULT_USER_PORT : KSERVE_STANDARD_READINESS_PORT);
    sites.push({
      role: component,
      view,
      shape: 'podSpec',
      podLabels: podLabels(resource, view, component, mode),
      operator: operatorFacts(mode, view, port),
      ...(built.length > 0 ? { builtContainers: built } : {}),
    });
    const worker = component === 'predictor' ? view.map('workerSpec') : undefined;
    if (worker) {
      const first = worker.maps('containers')[0];
      const base = runtimeContainer(runtime, ['spec', 'workerSpec'], KSERVE_WORKER_CONTAINER);
      const workerBuilt: BuiltContainer[] = base || first ? [{ name: KSERVE_WORKER_CONTAINER, ...(first ? { view: first } : {}), ...(base ? { base } : {}) }] : [];
      sites.push({
        role: `${component} workerSpec`,
        view: worker,
        shape: 'podSpec',
        podLabels: podLabels(resource, view, `${component}-worker`, mode),
        operator: operatorFacts(mode, view, undefined),
        ...(workerBuilt.length > 0 ? { builtContainers: workerBuilt } : {}),
      });
    }
  }
  return sites;
}

/**
 * KServe InferenceService (`serving.kserve.io/v1beta1`; CRDS.md §2–3). Replicas: the
 * predictor's `minReplicas` (default 1). ServingRuntimes are not workloads: no pod is made from
 * one alone; they are read through the InferenceServices that name them.
 */
export const KSERVE_KINDS: readonly WorkloadKind[] = [
  { group: GROUP, kind: 'InferenceService', templates, replicas: ['spec', 'predictor', 'minReplicas'], defaultReplicas: KSERVE_DEFAULT_MIN_REPLICAS },
];

/** The kinds an InferenceService's `model.runtime` names. Source: CRDS.md §3. */
export const SERVING_RUNTIME_KINDS = { namespaced: 'ServingRuntime', cluster: 'ClusterServingRuntime', group: GROUP } as const;
