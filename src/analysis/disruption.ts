import { isField } from '../languages/shared/node.js';
import type { KubeObject } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';
import type { PodDisruptionBudget } from '../model/policy.js';
import type { LabelSelector } from '../model/selector.js';
import { scaled } from '../model/rollout.js';
import { describeScalerCeiling, describeScalerFloor } from '../model/scalers.js';
import { declaredReplicas, templateReplicas, type PodTemplate, type Workload } from '../model/workload.js';
import { templateMatches } from './object-index.js';
import { overlaysDisagreeOnReplicas } from './overlay-replicas.js';
import { describeObject } from '../model/objects.js';
import { scaleOwner } from '../model/workload-ref.js';
import { plural } from '../core/plural.js';

/** How many pods a workload is expected to run, and why (for messages). */
export interface ExpectedPods {
  workload: Workload;
  /** Undefined where it depends on the cluster (a DaemonSet: one per node). */
  count: number | undefined;
  description: string;
  /** False for bare pods: the disruption controller ignores them when it counts others. */
  hasController: boolean;
  /**
   * Whether the controller has a scale subresource (Deployment, StatefulSet, …). Without one
   * (a DaemonSet, bare pods) only an integer minAvailable can be computed (k8s "configure-pdb").
   */
  scalable: boolean;
}

/** Each index's answers: every PDB rule asks for the pods of the same workloads. */
const expectedPodsByIndex = new WeakMap<ObjectIndex, Map<Workload, ExpectedPods | undefined>>();

/**
 * Expected pods at the smallest scale that runs any: a scaler's floor where one targets the
 * workload (an HPA's `minReplicas`; for a ScaledObject the HPA KEDA creates, `max(minReplicaCount, 1)`:
 * scaled to zero, no pod is left to evict).
 */
export function expectedPods(workload: Workload, index: ObjectIndex): ExpectedPods | undefined {
  let answers = expectedPodsByIndex.get(index);
  if (!answers) expectedPodsByIndex.set(index, (answers = new Map()));
  if (!answers.has(workload)) answers.set(workload, countExpectedPods(workload, index));
  return answers.get(workload);
}

function countExpectedPods(workload: Workload, index: ObjectIndex): ExpectedPods | undefined {
  // A Deployment an Argo Rollout takes its template from runs the Rollout's replicas.
  const owner = scaleOwner(workload);
  if (owner !== workload) {
    const pods = expectedPods(owner, index);
    return pods && { ...pods, workload, description: `${pods.description} of ${describeObject(owner)}` };
  }
  const base = { workload, hasController: workload.kind !== 'Pod', scalable: workload.workloadKind.podOwnerScales !== false };
  switch (workload.kind) {
    case 'Job':
    case 'CronJob':
      return undefined;
    case 'Pod':
      return { ...base, count: 1, description: 'a pod with no controller' };
    case 'DaemonSet':
      return { ...base, count: undefined, description: 'one pod per node' };
  }
  const scaler = index.scalerFor(workload);
  if (scaler?.floor) {
    return { ...base, count: scaler.floor.replicas * groupSize(workload), description: describeScalerFloor(scaler, scaler.floor) };
  }
  // Groups with counts of their own (a KubeRay cluster's head and worker groups): all their pods.
  // A budget over one group is judged against them all, so it may look looser than it is, never tighter.
  if (countsPerGroup(workload)) {
    const count = podsOfGroups(workload.templates);
    return count === undefined ? undefined : { ...base, count, description: `${plural(count, 'pod')} in ${plural(workload.templates.length, 'group')}` };
  }
  const replicas = declaredReplicas(workload);
  if (replicas === undefined) return undefined;
  // A kustomize base and its patch both in the run: which replicas apply is decided at build time.
  if (overlaysDisagreeOnReplicas(workload, replicas, index)) {
    return { ...base, count: undefined, description: 'replicas that differ between overlays of it' };
  }
  const size = groupSize(workload);
  const description = size > 1 ? `${plural(replicas, 'group')} of ${size} pods` : plural(replicas, 'replica');
  return { ...base, count: replicas * size, description };
}

/**
 * The largest scale a rollout can start at: a scaler's ceiling where one targets the workload
 * (an HPA's `maxReplicas`, a ScaledObject's `maxReplicaCount`: the scaler owns the replica
 * count), else the declared replicas.
 */
export function largestScale(workload: Workload, index: ObjectIndex): ExpectedPods | undefined {
  const owner = scaleOwner(workload);
  if (owner !== workload) {
    const pods = largestScale(owner, index);
    return pods && { ...pods, workload, description: `${pods.description} of ${describeObject(owner)}` };
  }
  const scaler = index.scalerFor(workload);
  if (scaler?.ceiling) {
    const { replicas } = scaler.ceiling;
    return { workload, hasController: true, scalable: true, count: replicas * groupSize(workload), description: describeScalerCeiling(scaler, scaler.ceiling) };
  }
  return expectedPods(workload, index);
}

/** A LeaderWorkerSet replica is a group of `size` pods. */
function groupSize(workload: Workload): number {
  if (workload.kind !== 'LeaderWorkerSet') return 1;
  const size = workload.root.map('spec')?.map('leaderWorkerTemplate')?.int('size', { min: 1 });
  return isField(size) ? size.value : 1;
}

/** Each selection's covered pods: the copies of a PDB (overlays) select the same workloads. */
const coveredBySelection = new WeakMap<readonly Workload[], readonly ExpectedPods[]>();

/**
 * The workloads whose pods a PDB selects (same namespace; a null selector selects none). PDBs
 * with equal selectors in one namespace get the same array, computed once.
 */
export function coveredWorkloads(pdb: PodDisruptionBudget, index: ObjectIndex): readonly ExpectedPods[] {
  if (!pdb.selector) return [];
  const selector = pdb.selector;
  // The index gives one array per namespace and selector, and the pods depend on nothing else.
  const selected = index.workloadsSelectedBy(index.namespace(pdb), selector);
  let covered = coveredBySelection.get(selected);
  if (!covered) {
    covered = selected
      .map((w) => (countsPerGroup(w) ? groupPods(w, index, selector) : expectedPods(w, index)))
      .filter((e): e is ExpectedPods => e !== undefined);
    coveredBySelection.set(selected, covered);
  }
  return covered;
}

/**
 * The most pods of `workload` a budget can count: its largest scale, or, for a workload whose
 * groups have counts of their own, the pods of the groups the budget selects.
 */
export function largestSelectedScale(pdb: PodDisruptionBudget, workload: Workload, index: ObjectIndex): ExpectedPods | undefined {
  return pdb.selector && countsPerGroup(workload) ? groupPods(workload, index, pdb.selector) : largestScale(workload, index);
}

/** Whether a workload's groups have counts of their own (a KubeRay cluster's worker groups). */
function countsPerGroup(workload: Workload): boolean {
  return workload.templates.some((t) => t.replicas);
}

/** The pods of these groups: each its own count, 1 for a group without one (a Ray head); undefined when one is unreadable. */
function podsOfGroups(templates: readonly PodTemplate[]): number | undefined {
  let total = 0;
  for (const template of templates) {
    const count = template.replicas ? templateReplicas(template)?.replicas : 1;
    if (count === undefined) return undefined;
    total += count;
  }
  return total;
}

/** The pods of the groups a budget's selector picks, for a workload whose groups have counts of their own. */
function groupPods(workload: Workload, index: ObjectIndex, selector: LabelSelector): ExpectedPods | undefined {
  const all = expectedPods(workload, index);
  if (!all || all.count === undefined) return all;
  const groups = workload.templates.filter((t) => templateMatches(selector, t));
  const count = podsOfGroups(groups);
  const names = groups.map((t) => t.role ?? 'its pods').join(', ');
  return count === undefined ? undefined : { ...all, count, description: `${plural(count, 'pod')} in ${names}` };
}

/** What the disruption controller counts of the pods a PDB selects. */
interface CountedPods {
  /** None: the PDB selects no pod. */
  some: boolean;
  /** The first counted pods without a scale subresource. */
  unscalable: ExpectedPods | undefined;
  /** Every count is known. */
  known: boolean;
  /** The known counts' sum. */
  total: number;
}

/** Each selection's counted pods: the copies of a PDB (overlays) select the same pods. */
const countedBySelection = new WeakMap<readonly ExpectedPods[], CountedPods>();

function countedPods(selected: readonly ExpectedPods[]): CountedPods {
  let counted = countedBySelection.get(selected);
  if (!counted) {
    // The disruption controller counts pods of controllers; bare pods count only when they are all
    // it selects, and then only an integer minAvailable can be computed (kubernetes#103414).
    const controlled = selected.filter((c) => c.hasController);
    const covered = controlled.length === 0 ? selected : controlled;
    counted = {
      some: covered.length > 0,
      unscalable: covered.find((c) => !c.scalable),
      known: covered.every((c) => c.count !== undefined),
      total: covered.reduce((sum, c) => sum + (c.count ?? 0), 0),
    };
    countedBySelection.set(selected, counted);
  }
  return counted;
}

/** Why a PDB allows no eviction at full health, or undefined when it allows some. */
export function blockedBecause(pdb: PodDisruptionBudget, selected: readonly ExpectedPods[]): string | undefined {
  const { some, unscalable, known, total } = countedPods(selected);
  const without = unscalable?.hasController ? `${unscalable.workload.kind} pods (no scale subresource)` : 'pods without a controller';
  if (!some) return undefined;
  if (known && total === 0) return undefined;
  const pods = known ? plural(total, 'pod') : 'its pods';

  if (isField(pdb.maxUnavailable)) {
    const value = pdb.maxUnavailable.value;
    if (scaled(value, Math.max(total, 1), true) === 0) return `maxUnavailable: ${value} lets no pod go`;
    if (unscalable) return `maxUnavailable cannot be computed for ${without}, so the disruption controller allows no eviction`;
    return undefined;
  }
  if (isField(pdb.minAvailable)) {
    const value = pdb.minAvailable.value;
    if (value === '100%') return 'minAvailable: 100% keeps every pod';
    if (typeof value === 'string' && unscalable) return `a percentage minAvailable cannot be computed for ${without}, so the disruption controller allows no eviction`;
    if (!known) return undefined;
    const needed = scaled(value, total, true);
    if (needed < total) return undefined;
    return typeof value === 'string'
      ? `minAvailable ${value} of ${pods} rounds up to ${needed}, so all ${total} must stay`
      : `minAvailable ${value} ≥ ${pods}, so all of them must stay`;
  }
  return undefined;
}

/** `deploy.yaml:12`, for naming the other object of a relation. */
export function locationOf(object: KubeObject): string {
  const { source, origin } = object.file;
  const start = source.position(object.anchor.start);
  if (!origin) return `${source.path}:${start.line}`;
  const written = origin.locate(start, source.position(object.anchor.end));
  return `${written.path}:${written.line}`;
}
