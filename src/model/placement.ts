import type { Span } from '../core/source.js';
import { isField, type Field, type MapView } from '../languages/shared/node.js';
import { poolGpus, readRequirement, type NodePool, type NodeRequirement } from './nodepool.js';
import { KARPENTER_LABEL_DEFAULTS, KARPENTER_WELL_KNOWN_LABELS, KARPENTER_WELL_KNOWN_PREFIX, NODEPOOL_LABEL } from '../domain/karpenter.js';

/** A pod's node constraints: where the scheduler (and Karpenter) may put it. */
export interface PodPlacement {
  nodeSelector: Map<string, Field<string>>;
  /** Required node affinity: terms are ORed, each term's requirements ANDed. Undefined: none. */
  required?: NodeRequirement[][];
  /** Preferred node affinity terms (they allow a node; they never exclude one). */
  preferred: NodeRequirement[][];
  tolerations: Toleration[];
  /** The pod spec's `spec:` key, where a finding about placement as a whole points. */
  anchor: Span;
}

export interface Toleration {
  key?: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect?: string;
  span: Span;
}

/** Reads `nodeSelector`, `affinity.nodeAffinity` and `tolerations` of a pod spec. */
export function readPodPlacement(spec: MapView, anchor: Span): PodPlacement {
  const nodeAffinity = spec.map('affinity')?.map('nodeAffinity');
  const requiredView = nodeAffinity?.map('requiredDuringSchedulingIgnoredDuringExecution');
  const terms = (view: MapView) => view.maps('matchExpressions').flatMap((e) => readRequirement(e) ?? []);
  const required = requiredView ? requiredView.maps('nodeSelectorTerms').map(terms) : undefined;
  const preferred = (nodeAffinity?.maps('preferredDuringSchedulingIgnoredDuringExecution') ?? []).flatMap((p) => {
    const preference = p.map('preference');
    return preference ? [terms(preference)] : [];
  });
  const tolerations: Toleration[] = [];
  for (const item of spec.maps('tolerations')) {
    const key = item.string('key');
    const operator = item.string('operator');
    const value = item.string('value');
    const effect = item.string('effect');
    if (isField(operator) && operator.value !== 'Equal' && operator.value !== 'Exists') {
      item.sink.add(operator.span, `${item.childPath('operator')} must be Equal or Exists, got ${JSON.stringify(operator.value)}`);
      continue;
    }
    if ([key, operator, value, effect].includes('invalid')) continue;
    tolerations.push({
      ...(isField(key) && key.value !== '' ? { key: key.value } : {}),
      operator: isField(operator) ? (operator.value as Toleration['operator']) : 'Equal',
      ...(isField(value) ? { value: value.value } : {}),
      ...(isField(effect) && effect.value !== '' ? { effect: effect.value } : {}),
      span: item.span,
    });
  }
  return {
    nodeSelector: spec.stringMap('nodeSelector'),
    ...(required ? { required } : {}),
    preferred,
    tolerations,
    anchor,
  };
}

/** Whether a taint with this key, value and effect is tolerated. */
export function tolerates(tolerations: readonly Toleration[], taint: { key: string; value?: string; effect: string }): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== taint.effect) return false;
    if (t.key === undefined) return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

/**
 * The values a node of `pool` can have for a label key: the template's label, narrowed by the
 * pool's requirements; for Karpenter's well-known labels without a requirement any value (or
 * Karpenter's default: on-demand, amd64, linux); for any other key, no label at all.
 */
interface Domain {
  /** Undefined: any value. */
  values?: Set<string>;
  excluded: Set<string>;
  gt?: number;
  lt?: number;
  /** Whether a node may lack the label. */
  mayBeAbsent: boolean;
}


export function isWellKnownLabel(key: string): boolean {
  return KARPENTER_WELL_KNOWN_LABELS.has(key) || KARPENTER_WELL_KNOWN_PREFIX.test(key);
}

export function poolDomain(pool: NodePool, key: string): Domain {
  const domain: Domain = { excluded: new Set(), mayBeAbsent: false };
  const constraints = pool.requirements.filter((r) => r.key === key);
  if (key === NODEPOOL_LABEL) {
    domain.values = new Set(pool.name ? [pool.name] : []);
    return domain;
  }
  const label = pool.templateLabels.get(key);
  if (label !== undefined) domain.values = new Set([label]);
  else if (!isWellKnownLabel(key)) {
    domain.values = new Set();
    domain.mayBeAbsent = true;
  } else if (constraints.length === 0 && KARPENTER_LABEL_DEFAULTS[key]) {
    domain.values = new Set([KARPENTER_LABEL_DEFAULTS[key]]);
  }
  for (const r of constraints) {
    switch (r.operator) {
      case 'In': {
        const allowed = new Set(r.values);
        domain.values = domain.values && (domain.values.size > 0 || !domain.mayBeAbsent) ? new Set([...domain.values].filter((v) => allowed.has(v))) : allowed;
        domain.mayBeAbsent = false;
        break;
      }
      case 'NotIn':
        for (const v of r.values) domain.excluded.add(v);
        break;
      case 'Exists':
        if (domain.values?.size === 0 && domain.mayBeAbsent) delete domain.values;
        domain.mayBeAbsent = false;
        break;
      case 'DoesNotExist':
        domain.values = new Set();
        domain.mayBeAbsent = true;
        break;
      case 'Gt':
      case 'Lt': {
        const n = Number(r.values[0]);
        if (r.operator === 'Gt') domain.gt = Math.max(domain.gt ?? -Infinity, n);
        else domain.lt = Math.min(domain.lt ?? Infinity, n);
        if (domain.values?.size === 0 && domain.mayBeAbsent) delete domain.values;
        domain.mayBeAbsent = false;
        break;
      }
    }
  }
  return domain;
}

function admits(domain: Domain, value: string): boolean {
  if (domain.values && !domain.values.has(value)) return false;
  if (domain.excluded.has(value)) return false;
  if (domain.gt !== undefined || domain.lt !== undefined) {
    if (!/^-?\d+$/.test(value)) return false;
    const n = Number(value);
    if (domain.gt !== undefined && !(n > domain.gt)) return false;
    if (domain.lt !== undefined && !(n < domain.lt)) return false;
  }
  return true;
}

/** Whether some node value (or a missing label) satisfies both the domain and `requirement`. */
function satisfiable(domain: Domain, requirement: Pick<NodeRequirement, 'operator' | 'values'>): boolean {
  const { operator, values } = requirement;
  const anyValue = () => (domain.values ? [...domain.values].some((v) => admits(domain, v)) : rangeNonEmpty(domain));
  switch (operator) {
    case 'In':
      return values.some((v) => admits(domain, v));
    case 'NotIn':
      return domain.mayBeAbsent || (domain.values ? [...domain.values].some((v) => admits(domain, v) && !values.includes(v)) : rangeNonEmpty(domain));
    case 'Exists':
      return anyValue();
    case 'DoesNotExist':
      return domain.mayBeAbsent;
    case 'Gt':
    case 'Lt': {
      const n = Number(values[0]);
      const bounded: Domain = { ...domain, ...(operator === 'Gt' ? { gt: Math.max(domain.gt ?? -Infinity, n) } : { lt: Math.min(domain.lt ?? Infinity, n) }) };
      return domain.values ? [...domain.values].some((v) => admits(bounded, v)) : rangeNonEmpty(bounded);
    }
  }
}

function rangeNonEmpty(domain: Domain): boolean {
  if (domain.gt === undefined || domain.lt === undefined) return true;
  return domain.lt - domain.gt > 1;
}

/** The pod's constraints as requirements: the nodeSelector, and each required term's. */
function podTerms(placement: PodPlacement): Pick<NodeRequirement, 'key' | 'operator' | 'values'>[][] {
  const selector = [...placement.nodeSelector].map(([key, field]) => ({ key, operator: 'In' as const, values: [field.value] }));
  if (!placement.required || placement.required.length === 0) return [selector];
  return placement.required.map((term) => [...selector, ...term]);
}

/** Why `pool` cannot run the pod, or undefined when it can. */
export function poolRejects(pool: NodePool, placement: PodPlacement, gpu: string | undefined): string | undefined {
  for (const taint of pool.taints) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(placement.tolerations, taint)) {
      return `its taint ${taint.key}${taint.value !== undefined ? `=${taint.value}` : ''}:${taint.effect} is not tolerated`;
    }
  }
  if (gpu && poolGpus(pool).offers === 'none') return `it offers no instance type with ${gpu}`;
  const terms = podTerms(placement);
  const domains = new Map<string, Domain>();
  const domainOf = (key: string) => {
    let domain = domains.get(key);
    if (!domain) domains.set(key, (domain = poolDomain(pool, key)));
    return domain;
  };
  const failing = terms.map((term) => term.find((r) => !satisfiable(domainOf(r.key), r)));
  if (failing.every((f) => f !== undefined)) {
    const r = failing[0]!;
    return `its nodes cannot satisfy ${r.key} ${r.operator}${r.values.length ? ` [${r.values.join(', ')}]` : ''}`;
  }
  return undefined;
}

/**
 * Which NodePools a pod can land on. Pods are looked up by their constraints' signature, and
 * a nodeSelector on a pool-specific label narrows the candidates through a label index, so the
 * cost grows with distinct placements, not with workloads × pools.
 */
export class PlacementIndex {
  private readonly byLabel = new Map<string, NodePool[]>();
  private readonly byRequirementKey = new Map<string, NodePool[]>();
  private readonly cache = new Map<string, NodePool[]>();

  constructor(readonly pools: readonly NodePool[]) {
    for (const pool of pools) {
      for (const [key, value] of pool.templateLabels) push(this.byLabel, `${key}\u0000${value}`, pool);
      if (pool.name) push(this.byLabel, `${NODEPOOL_LABEL}\u0000${pool.name}`, pool);
      for (const key of new Set(pool.requirements.map((r) => r.key))) push(this.byRequirementKey, key, pool);
    }
  }

  poolsFor(placement: PodPlacement, gpu: string | undefined): NodePool[] {
    if (this.pools.length === 0) return [];
    const signature = JSON.stringify([
      [...placement.nodeSelector].map(([k, v]) => [k, v.value]).sort(),
      placement.required?.map((t) => t.map((r) => [r.key, r.operator, r.values])),
      placement.tolerations.map((t) => [t.key, t.operator, t.value, t.effect]),
      gpu !== undefined,
    ]);
    let pools = this.cache.get(signature);
    if (!pools) {
      pools = this.candidates(placement).filter((pool) => poolRejects(pool, placement, gpu) === undefined);
      this.cache.set(signature, pools);
    }
    return pools;
  }

  /** Pools that can carry a nodeSelector's pool-specific label; every pool otherwise. */
  private candidates(placement: PodPlacement): readonly NodePool[] {
    let best: readonly NodePool[] = this.pools;
    for (const [key, field] of placement.nodeSelector) {
      if (isWellKnownLabel(key)) continue;
      const set =
        key === NODEPOOL_LABEL
          ? (this.byLabel.get(`${key}\u0000${field.value}`) ?? [])
          : [...new Set([...(this.byLabel.get(`${key}\u0000${field.value}`) ?? []), ...(this.byRequirementKey.get(key) ?? [])])];
      if (set.length < best.length) best = set;
    }
    return best;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
