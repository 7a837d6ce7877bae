import type { Model } from '../model/build.js';
import type { KubeObject } from '../model/objects.js';
import { linksUnknown, namespaceOf } from '../model/objects.js';
import type { PodDisruptionBudget } from '../model/policy.js';
import type { Scaler } from '../model/scalers.js';
import type { Service } from '../model/network.js';
import { PlacementIndex } from '../model/placement.js';
import type { BackendConfig, InferencePool, IngressClass } from '../model/proxies.js';
import { equalitySelector, matches, type LabelSelector } from '../model/selector.js';
import type { PodTemplate, Workload } from '../model/workload.js';


const labelKey = (key: string, value: string) => `${key}\u0000${value}`;

/**
 * Cross-resource lookups through hash indexes: a selector is matched against the workloads that
 * carry its rarest label, never against every workload of the run.
 */
export class ObjectIndex {
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  private readonly workloadsByLabel = new Map<string, Map<string, Workload[]>>();
  private readonly servicesByName = new Map<string, Service>();
  private readonly scalersByTarget = new Map<string, Scaler>();
  private readonly pdbsByNamespace = new Map<string, PodDisruptionBudget[]>();
  private workloadsSelectedByService: Set<Workload> | undefined;
  /** One answer per namespace and selector: copies of an object (overlays) ask the same question. */
  private readonly selections = new Map<string, readonly Workload[]>();
  private proxiesByService: Map<string, KubeObject[]> | undefined;
  private readonly objectsByIdentity = new Map<string, KubeObject[]>();
  private readonly backendConfigsByName = new Map<string, BackendConfig>();
  private readonly inferencePoolsByName = new Map<string, InferencePool>();
  readonly ingressClasses = new Map<string, IngressClass>();
  private placementIndex: PlacementIndex | undefined;
  /** Some PDB or scaler of the run has a selector, target or namespace a TypeScript source computes. */
  readonly somePdbLinksUnknown: boolean;
  readonly someScalerLinksUnknown: boolean;

  constructor(
    readonly model: Model,
    readonly defaultNamespace: string,
  ) {
    for (const workload of model.workloads) {
      // Labels or a namespace a TypeScript source computes: no selector is known to pick it.
      if (linksUnknown(workload)) continue;
      const namespace = this.namespace(workload);
      push(this.workloadsByNamespace, namespace, workload);
      const byLabel = getOrCreate(this.workloadsByLabel, namespace, () => new Map<string, Workload[]>());
      const seen = new Set<string>();
      for (const template of workload.templates) {
        for (const [key, field] of template.labels) {
          const k = labelKey(key, field.value);
          if (seen.has(k)) continue;
          seen.add(k);
          push(byLabel, k, workload);
        }
      }
    }
    for (const service of model.services) {
      this.servicesByName.set(`${this.namespace(service)}/${service.name}`, service);
    }
    for (const scaler of model.scalers) {
      // One that scales a single role of its target (an AIBrix PodAutoscaler's roleName) does not set the whole target's scale.
      if (scaler.target && !scaler.role) this.scalersByTarget.set(`${this.namespace(scaler)}/${scaler.target.kind}/${scaler.target.name}`, scaler);
    }
    for (const pdb of model.pdbs) push(this.pdbsByNamespace, this.namespace(pdb), pdb);
    this.somePdbLinksUnknown = model.pdbs.some(linksUnknown);
    this.someScalerLinksUnknown = model.scalers.some(linksUnknown);
    for (const object of model.objects) push(this.objectsByIdentity, this.identity(object), object);
    for (const config of model.backendConfigs) this.backendConfigsByName.set(`${this.namespace(config)}/${config.name}`, config);
    for (const pool of model.inferencePools) this.inferencePoolsByName.set(`${this.namespace(pool)}/${pool.name}`, pool);
    for (const ingressClass of model.ingressClasses) if (ingressClass.name) this.ingressClasses.set(ingressClass.name, ingressClass);
  }

  backendConfig(namespace: string, name: string): BackendConfig | undefined {
    return this.backendConfigsByName.get(`${namespace}/${name}`);
  }

  inferencePool(namespace: string, name: string): InferencePool | undefined {
    return this.inferencePoolsByName.get(`${namespace}/${name}`);
  }

  /** Workloads behind an InferencePool's selector (an empty one selects none). */
  workloadsInPool(pool: InferencePool): readonly Workload[] {
    if (pool.selector.size === 0) return [];
    return this.workloadsSelectedBy(this.namespace(pool), equalitySelector(pool.selector));
  }

  /** Which NodePools each pod can land on (built on first use). */
  get placement(): PlacementIndex {
    return (this.placementIndex ??= new PlacementIndex(this.model.nodePools));
  }

  private identity(object: KubeObject): string {
    return `${object.kind}/${this.namespace(object)}/${object.name}`;
  }

  /**
   * The objects of the run with the same kind, namespace and name as this one (overlays and
   * patches), itself included: one array per group, the same for each of its members.
   */
  sameIdentityGroup(object: KubeObject): readonly KubeObject[] {
    return this.objectsByIdentity.get(this.identity(object)) ?? [object];
  }

  namespace(object: KubeObject): string {
    return namespaceOf(object, this.defaultNamespace);
  }

  /** The workloads of the run in `namespace` (those whose labels and namespace are known). */
  workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /**
   * Workloads in `namespace` with a pod template that `selector` matches, in run order. Equal
   * selectors in one namespace get the same array, computed once.
   */
  workloadsSelectedBy(namespace: string, selector: LabelSelector): readonly Workload[] {
    const key = selectionKey(namespace, selector);
    let selected = this.selections.get(key);
    if (!selected) {
      selected = this.select(namespace, selector);
      this.selections.set(key, selected);
    }
    return selected;
  }

  private select(namespace: string, selector: LabelSelector): Workload[] {
    let candidates = this.workloadsByNamespace.get(namespace) ?? [];
    const byLabel = this.workloadsByLabel.get(namespace);
    for (const [key, value] of selector.matchLabels) {
      const withLabel = byLabel?.get(labelKey(key, value)) ?? [];
      if (withLabel.length < candidates.length) candidates = withLabel;
    }
    return candidates.filter((workload) => workload.templates.some((t) => templateMatches(selector, t)));
  }

  /** Workloads behind a Service's selector (a Service without a selector selects none). */
  workloadsBehind(service: Service): readonly Workload[] {
    if (service.selector.size === 0) return [];
    return this.workloadsSelectedBy(this.namespace(service), equalitySelector(service.selector));
  }

  /** Whether some Service's selector picks this workload's pods. */
  isSelectedByService(workload: Workload): boolean {
    if (!this.workloadsSelectedByService) {
      const selected = new Set<Workload>();
      // Copies of a Service share one selection: each is walked once.
      const walked = new Set<readonly Workload[]>();
      for (const service of this.model.services) {
        const behind = this.workloadsBehind(service);
        if (walked.has(behind)) continue;
        walked.add(behind);
        for (const w of behind) selected.add(w);
      }
      this.workloadsSelectedByService = selected;
    }
    return this.workloadsSelectedByService.has(workload);
  }

  /** The Ingresses, HTTPRoutes and GRPCRoutes of the run that name this Service as a backend, each once. */
  proxiesOf(service: Service): readonly KubeObject[] {
    if (!this.proxiesByService) {
      const byService = new Map<string, KubeObject[]>();
      const add = (key: string, proxy: KubeObject) => {
        const list = getOrCreate(byService, key, () => []);
        if (!list.includes(proxy)) list.push(proxy);
      };
      for (const ingress of this.model.ingresses) {
        for (const backend of ingress.backends) add(`${this.namespace(ingress)}/${backend.serviceName}`, ingress);
      }
      for (const route of [...this.model.httpRoutes, ...this.model.grpcRoutes]) {
        for (const rule of route.rules) {
          for (const backend of rule.backends) {
            if (backend.kind === 'Service') add(`${backend.namespace ?? this.namespace(route)}/${backend.name}`, route);
          }
        }
      }
      this.proxiesByService = byService;
    }
    return this.proxiesByService.get(`${this.namespace(service)}/${service.name}`) ?? [];
  }

  service(namespace: string, name: string): Service | undefined {
    return this.servicesByName.get(`${namespace}/${name}`);
  }

  /** The HorizontalPodAutoscaler, ScaledObject or PodAutoscaler that targets the workload (same namespace, kind and name). */
  scalerFor(workload: Workload): Scaler | undefined {
    return this.scalersByTarget.get(`${this.namespace(workload)}/${workload.kind}/${workload.name}`);
  }

  pdbsIn(namespace: string): readonly PodDisruptionBudget[] {
    return this.pdbsByNamespace.get(namespace) ?? [];
  }
}

export function templateMatches(selector: LabelSelector, template: PodTemplate): boolean {
  return matches(selector, podLabels(template));
}

const podLabelsByTemplate = new WeakMap<PodTemplate, ReadonlyMap<string, string>>();

/** A pod template's labels as values (built once per template). */
export function podLabels(template: PodTemplate): ReadonlyMap<string, string> {
  let labels = podLabelsByTemplate.get(template);
  if (!labels) {
    labels = new Map([...template.labels].map(([k, v]) => [k, v.value]));
    podLabelsByTemplate.set(template, labels);
  }
  return labels;
}

function selectionKey(namespace: string, selector: LabelSelector): string {
  return JSON.stringify([namespace, [...selector.matchLabels], selector.requirements.map((r) => [r.key, r.operator, r.values])]);
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  getOrCreate(map, key, () => []).push(value);
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
