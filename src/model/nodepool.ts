import type { Span } from '../core/source.js';
import { isField, type Field, type MapView } from '../languages/shared/node.js';
import { ACCELERATOR_RESOURCE, INSTANCE_TYPE_LABELS } from '../domain/kubernetes.js';
import type { KubeObject } from './objects.js';
import { parseDuration } from './units.js';
import { ACCELERATED_CATEGORY, ACCELERATED_FAMILY, AZURE_GPU_FAMILY, AZURE_GPU_VM_SIZE, GPU_REQUIREMENT_KEYS } from '../domain/clouds.js';

/**
 * A Karpenter NodePool (`karpenter.sh/v1`, and `karpenter.sh/v1beta1` with its older field
 * names), read the way Karpenter's CRD validates it: a value the API server would reject is an
 * `invalid-value` and is treated as unknown.
 */
export interface NodePool extends KubeObject {
  /** `v1`, `v1beta1`, or another `karpenter.sh` version read with the v1 field names. */
  version: string;
  /** `spec.template.metadata.labels`: every node of the pool carries them. */
  templateLabels: Map<string, string>;
  requirements: NodeRequirement[];
  /** `spec.template.spec.taints` (startup taints are removed once the node is ready). */
  taints: Taint[];
  /** `spec.template.spec.terminationGracePeriod`; undefined when unset (no default). */
  terminationGracePeriod?: KarpenterDuration | 'invalid';
  /** v1 `spec.template.spec.expireAfter`, v1beta1 `spec.disruption.expireAfter` (720h when unset). */
  expireAfter: KarpenterDuration | 'invalid';
  disruption: Disruption;
  /** `spec.limits`, resource name → the field, for telling which pools offer GPUs. */
  limits: Map<string, Field<string | number>>;
  nodeClassRef?: { group?: string; kind?: string; name?: string };
  /** Where a finding about a missing field points: `spec:`, else the name. */
  specAnchor: Span;
  /** `spec.template.spec`, where `terminationGracePeriod` and `expireAfter` (v1) go. */
  templateSpec?: MapView;
}

/** A Karpenter duration: seconds, or `Never`; `field` is undefined for a default. */
export interface KarpenterDuration {
  seconds: number | 'Never';
  field?: Field<string>;
}

export interface NodeRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
  span: Span;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Disruption {
  view?: MapView;
  /** The policy in effect (the version's default when unset); 'invalid' when unreadable. */
  consolidationPolicy: { value: string; field?: Field<string> } | 'invalid';
  /** When consolidation may start; 0 s when unset (v1 default, v1beta1 WhenUnderutilized). */
  consolidateAfter: KarpenterDuration | 'invalid';
  /** The budgets as written; empty means Karpenter's default single budget of 10 %. */
  budgets: Budget[] | 'invalid';
  budgetsField?: Span;
}

export interface Budget {
  /** `nodes` as a percent (`10%`) or a count (`5`). */
  nodes: { percent: number } | { count: number };
  /** Disruption reasons the budget applies to; undefined means all of them. */
  reasons?: string[];
  /** A budget with a schedule is only active for `duration` after each cron hit. */
  schedule?: string;
  span: Span;
}

/** Karpenter's CRD patterns (pkg/apis/v1/nodepool.go, nodeclaim.go). */
const DURATION = /^([0-9]+(s|m|h))+$/;
const DURATION_OR_NEVER = /^(([0-9]+(s|m|h))+|Never)$/;
const BUDGET_NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const POLICIES: Record<string, readonly string[]> = {
  v1: ['WhenEmpty', 'WhenEmptyOrUnderutilized', 'Balanced'],
  v1beta1: ['WhenEmpty', 'WhenUnderutilized'],
};
/** The policy each version defaults to. */
const DEFAULT_POLICY: Record<string, string> = { v1: 'WhenEmptyOrUnderutilized', v1beta1: 'WhenUnderutilized' };
const REASONS = new Set(['Underutilized', 'Empty', 'Drifted']);

export function isNodePool(object: KubeObject): boolean {
  return object.kind === 'NodePool' && object.apiVersion.startsWith('karpenter.sh/');
}

export function readNodePool(object: KubeObject): NodePool | undefined {
  if (!isNodePool(object)) return undefined;
  const version = object.apiVersion.slice('karpenter.sh/'.length) === 'v1beta1' ? 'v1beta1' : 'v1';
  const spec = object.root.map('spec');
  const template = spec?.map('template');
  const templateSpec = template?.map('spec');
  const templateLabels = new Map([...(template?.map('metadata')?.stringMap('labels') ?? [])].map(([k, v]) => [k, v.value]));
  const disruptionView = spec?.map('disruption');
  const expireAfter = version === 'v1beta1' ? readDuration(disruptionView, 'expireAfter', DURATION_OR_NEVER) : readDuration(templateSpec, 'expireAfter', DURATION_OR_NEVER);
  const terminationGracePeriod = readDuration(templateSpec, 'terminationGracePeriod', DURATION);
  const nodeClass = templateSpec?.map('nodeClassRef');
  const limits = new Map<string, Field<string | number>>();
  const limitsView = spec?.map('limits');
  for (const key of limitsView?.keys() ?? []) {
    const read = limitsView!.intOrString(key);
    if (isField(read)) limits.set(key, read);
  }
  return {
    ...object,
    version,
    templateLabels,
    requirements: readRequirements(templateSpec),
    taints: readTaints(templateSpec),
    ...(terminationGracePeriod !== undefined ? { terminationGracePeriod } : {}),
    expireAfter: expireAfter ?? { seconds: 720 * 3600 },
    disruption: readDisruption(disruptionView, version),
    limits,
    ...(nodeClass ? { nodeClassRef: readNodeClassRef(nodeClass) } : {}),
    specAnchor: spec ? object.root.keySpan('spec') : object.anchor,
    ...(templateSpec ? { templateSpec } : {}),
  };
}

/** `group` (v1) or the group of `apiVersion` (v1beta1), `kind` and `name`. */
function readNodeClassRef(view: MapView): NonNullable<NodePool['nodeClassRef']> {
  const text = (key: string) => {
    const read = view.string(key);
    return isField(read) ? read.value : undefined;
  };
  const group = text('group') ?? text('apiVersion')?.replace(/\/.*$/, '');
  const kind = text('kind');
  const name = text('name');
  return { ...(group ? { group } : {}), ...(kind ? { kind } : {}), ...(name ? { name } : {}) };
}

function readDuration(view: MapView | undefined, key: string, pattern: RegExp): KarpenterDuration | 'invalid' | undefined {
  const read = view?.string(key);
  if (read === undefined) return undefined;
  if (read === 'invalid') return 'invalid';
  const text = read.value;
  if (!pattern.test(text)) {
    const allowed = pattern === DURATION ? 'a duration such as "90s", "15m" or "2h"' : 'a duration such as "90s", "15m" or "2h", or "Never"';
    view!.sink.add(read.span, `${view!.childPath(key)} must be ${allowed} (Karpenter accepts only s, m and h units), got ${JSON.stringify(text)}`);
    return 'invalid';
  }
  return { seconds: text === 'Never' ? 'Never' : parseDuration(text)!, field: read };
}

function readRequirements(templateSpec: MapView | undefined): NodeRequirement[] {
  const requirements: NodeRequirement[] = [];
  for (const item of templateSpec?.maps('requirements') ?? []) {
    const requirement = readRequirement(item);
    if (requirement) requirements.push(requirement);
  }
  return requirements;
}

/** A node selector requirement (`key`, `operator`, `values`); Gt and Lt take one integer. */
export function readRequirement(item: MapView): NodeRequirement | undefined {
  const key = item.string('key');
  const operator = item.string('operator');
  const values = item.strings('values');
  if (!isField(key) || !isField(operator)) return undefined;
  if (!OPERATORS.has(operator.value)) {
    item.sink.add(operator.span, `${item.childPath('operator')} must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt, got ${JSON.stringify(operator.value)}`);
    return undefined;
  }
  if (values === 'invalid') return undefined;
  const list = isField(values) ? values.value : [];
  const op = operator.value as NodeRequirement['operator'];
  if ((op === 'In' || op === 'NotIn') && list.length === 0) {
    item.sink.add(isField(values) ? values.span : operator.span, `${item.childPath('values')} must not be empty for operator ${op}`);
    return undefined;
  }
  if ((op === 'Gt' || op === 'Lt') && (list.length !== 1 || !/^-?\d+$/.test(list[0]!))) {
    item.sink.add(isField(values) ? values.span : operator.span, `${item.childPath('values')} must be a single integer for operator ${op}, got ${JSON.stringify(list)}`);
    return undefined;
  }
  return { key: key.value, operator: op, values: list, span: item.span };
}

function readTaints(templateSpec: MapView | undefined): Taint[] {
  const taints: Taint[] = [];
  for (const item of templateSpec?.maps('taints') ?? []) {
    const key = item.string('key');
    const value = item.string('value');
    const effect = item.string('effect');
    if (!isField(key) || !isField(effect)) continue;
    if (!EFFECTS.has(effect.value)) {
      item.sink.add(effect.span, `${item.childPath('effect')} must be one of NoSchedule, PreferNoSchedule, NoExecute, got ${JSON.stringify(effect.value)}`);
      continue;
    }
    taints.push({ key: key.value, ...(isField(value) ? { value: value.value } : {}), effect: effect.value });
  }
  return taints;
}

function readDisruption(view: MapView | undefined, version: string): Disruption {
  const policies = POLICIES[version]!;
  const policyRead = view?.string('consolidationPolicy');
  let consolidationPolicy: Disruption['consolidationPolicy'];
  if (policyRead === 'invalid') consolidationPolicy = 'invalid';
  else if (policyRead === undefined) consolidationPolicy = { value: DEFAULT_POLICY[version]! };
  else if (!policies.includes(policyRead.value)) {
    view!.sink.add(policyRead.span, `${view!.childPath('consolidationPolicy')} must be one of ${policies.join(', ')} in karpenter.sh/${version}, got ${JSON.stringify(policyRead.value)}`);
    consolidationPolicy = 'invalid';
  } else consolidationPolicy = { value: policyRead.value, field: policyRead };

  let consolidateAfter: Disruption['consolidateAfter'] = readDuration(view, 'consolidateAfter', DURATION_OR_NEVER) ?? { seconds: 0 };
  // v1 defaults a missing disruption block to {consolidateAfter: 0s}, but requires the field in one that is written.
  if (version === 'v1' && view && !view.has('consolidateAfter')) {
    view.sink.add(view.anchor, `${view.path}.consolidateAfter is required in karpenter.sh/v1 when disruption is set (the API server rejects the NodePool without it)`);
    consolidateAfter = 'invalid';
  }
  // v1beta1's CEL rule: consolidateAfter goes with WhenEmpty only (or is "Never").
  if (
    version === 'v1beta1' &&
    typeof consolidationPolicy === 'object' &&
    consolidationPolicy.value === 'WhenUnderutilized' &&
    typeof consolidateAfter === 'object' &&
    consolidateAfter.field &&
    consolidateAfter.seconds !== 'Never'
  ) {
    view!.sink.add(consolidateAfter.field.fieldSpan, `${view!.path}: consolidateAfter cannot be combined with consolidationPolicy: WhenUnderutilized in karpenter.sh/v1beta1 (the API server rejects it)`);
    consolidateAfter = 'invalid';
  }

  const budgets: Budget[] = [];
  let invalid = false;
  for (const item of view?.maps('budgets') ?? []) {
    const nodes = item.intOrString('nodes');
    if (nodes === 'invalid') {
      invalid = true;
      continue;
    }
    if (nodes === undefined) {
      item.sink.add(item.anchor, `${item.path}.nodes is required`);
      invalid = true;
      continue;
    }
    const text = String(nodes.value);
    if (typeof nodes.value !== 'string' || !BUDGET_NODES.test(text)) {
      item.sink.add(nodes.span, `${item.childPath('nodes')} must be a string with a node count or a percent such as "10%" or "1", got ${JSON.stringify(nodes.value)}`);
      invalid = true;
      continue;
    }
    const reasons = item.strings('reasons');
    if (isField(reasons)) {
      for (const reason of reasons.value.filter((r) => !REASONS.has(r))) {
        item.sink.add(reasons.span, `${item.childPath('reasons')} must list Underutilized, Empty or Drifted, got ${JSON.stringify(reason)}`);
      }
    }
    const schedule = item.string('schedule');
    budgets.push({
      nodes: text.endsWith('%') ? { percent: Number(text.slice(0, -1)) } : { count: Number(text) },
      ...(isField(reasons) ? { reasons: reasons.value } : {}),
      ...(isField(schedule) ? { schedule: schedule.value } : {}),
      span: item.span,
    });
  }
  return {
    ...(view ? { view } : {}),
    consolidationPolicy,
    consolidateAfter,
    budgets: invalid ? 'invalid' : budgets,
    ...(view?.has('budgets') ? { budgetsField: view.fieldSpan('budgets') } : {}),
  };
}

/** Whether the pool consolidates nodes that still run pods (not only empty ones). */
export function consolidatesUnderutilized(pool: NodePool): boolean | undefined {
  const { consolidationPolicy, consolidateAfter } = pool.disruption;
  if (consolidationPolicy === 'invalid' || consolidateAfter === 'invalid') return undefined;
  if (consolidateAfter.seconds === 'Never') return false;
  return consolidationPolicy.value !== 'WhenEmpty';
}


/**
 * Whether a pool's nodes have GPUs: `some` when it says so (GPU instance requirements, GPU
 * limits or taints), `none` when its instance requirements leave no GPU instance type, and
 * `unknown` when it does not restrict instance types at all (Karpenter may pick a GPU one).
 */
export function poolGpus(pool: NodePool): { offers: 'some' | 'none' | 'unknown'; why?: string } {
  for (const [resource] of pool.limits) if (ACCELERATOR_RESOURCE.test(resource)) return { offers: 'some', why: `limits ${resource}` };
  for (const taint of pool.taints) if (ACCELERATOR_RESOURCE.test(taint.key)) return { offers: 'some', why: `taint ${taint.key}` };
  let restricted = false;
  for (const r of pool.requirements) {
    if (GPU_REQUIREMENT_KEYS.test(r.key)) {
      const zero =
        r.operator === 'DoesNotExist' ||
        (r.operator === 'In' && r.values.every((v) => v === '0')) ||
        (r.operator === 'Lt' && Number(r.values[0]) <= 1);
      if (zero) restricted = true;
      else if (r.operator !== 'NotIn') return { offers: 'some', why: `requirement ${r.key} ${r.operator}${r.values.length ? ` [${r.values.join(', ')}]` : ''}` };
      continue;
    }
    const test =
      r.key === 'karpenter.k8s.aws/instance-category' ? (v: string) => ACCELERATED_CATEGORY.test(v)
      : r.key === 'karpenter.k8s.aws/instance-family' ? (v: string) => ACCELERATED_FAMILY.test(v)
      : INSTANCE_TYPE_LABELS.includes(r.key) ? (v: string) => ACCELERATED_FAMILY.test(v) || AZURE_GPU_VM_SIZE.test(v)
      : r.key === 'karpenter.azure.com/sku-family' ? (v: string) => AZURE_GPU_FAMILY.test(v)
      : undefined;
    if (!test || r.operator !== 'In') continue;
    const accelerated = r.values.filter(test);
    if (accelerated.length > 0) return { offers: 'some', why: `requirement ${r.key} In [${accelerated.join(', ')}]` };
    restricted = true;
  }
  return restricted ? { offers: 'none' } : { offers: 'unknown' };
}
