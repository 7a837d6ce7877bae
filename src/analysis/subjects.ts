import type { GraceBudgetExplanation } from '../core/explanation.js';
import { describeObject } from '../model/objects.js';
import { isSupplied, type Container } from '../model/pod.js';
import { preStopTiming, type PreStopTiming } from '../model/prestop.js';
import type { Model } from '../model/build.js';
import type { ObjectIndex } from './object-index.js';
import {
  graceBudget,
  longLivedSignals,
  receivesTraffic,
  resolveProfile,
  servingContainer,
  type AnnotationProblem,
  type DrainProfile,
  type GraceBudget,
  type ProfileConfig,
  type TrafficFacts,
} from './profile.js';
import type { PodTemplate, Workload } from '../model/workload.js';

/**
 * One pod template of a profiled workload: the unit the timeline rules judge. Computed once
 * per run so that every rule reads the same profile, serving container and budget.
 */
export interface DrainSubject {
  workload: Workload;
  template: PodTemplate;
  profile: DrainProfile;
  serving: Container | undefined;
  preStop: PreStopTiming;
  /** The preStop seconds the budget counts: measured (or its lower bound), else the profile's value. */
  preStopSeconds: number;
  budget: GraceBudget;
  /** `Deployment vllm` or `LeaderWorkerSet lws (workerTemplate)`, for messages. */
  label: string;
  /**
   * Whether connections reach these pods: a port or network probe in the template, or a Service
   * selecting a single-template workload. A LeaderWorkerSet's workers usually do not.
   */
  receivesTraffic: boolean;
}

export function drainSubject(workload: Workload, template: PodTemplate, profile: DrainProfile, selectedByService: boolean): DrainSubject {
  const serving = servingContainer(template);
  const preStop: PreStopTiming = serving ? suppliedPreStopTiming(serving, template) ?? preStopTiming(serving) : { kind: 'missing' };
  const connected = receivesTraffic(template) || (selectedByService && workload.templates.length === 1);
  // Pods that no connection reaches are not asked for a preStop, so none is budgeted for them; nor
  // are pods whose resource cannot express one (a NIMService's): they have none and cannot get one.
  const assumedPreStop = connected && !cannotHavePreStop(template) ? profile.settings.preStop : 0;
  const preStopSeconds =
    preStop.kind === 'measured' || preStop.kind === 'at-least' ? preStop.seconds : preStop.kind === 'missing' ? assumedPreStop : profile.settings.preStop;
  return {
    workload,
    template,
    profile,
    serving,
    preStop,
    preStopSeconds,
    budget: graceBudget(profile.settings, preStopSeconds),
    label: describeObject(workload) + (template.role ? ` (${template.role})` : ''),
    receivesTraffic: connected,
  };
}

/** The resource has no way to add a preStop (a NIMService), and no operator runs the drain instead. */
function cannotHavePreStop(template: PodTemplate): boolean {
  return template.operator?.inexpressible?.preStop !== undefined && !template.operator.ownsDrain;
}

/** Why the budget counts the preStop seconds it does, when they were not read from the hook. */
export function preStopAssumption(subject: DrainSubject): string | undefined {
  const { preStop, profile } = subject;
  if (preStop.kind === 'missing') {
    const without = subject.template.operator?.drainsWithoutPreStop;
    if (without && subject.receivesTraffic) return `no preStop needed (${without}): the ${profile.name} profile's ${profile.settings.preStop} s counted for routing to stop`;
    return subject.receivesTraffic && !cannotHavePreStop(subject.template) ? `no preStop yet: counted at the ${profile.name} profile's ${profile.settings.preStop} s` : undefined;
  }
  if (preStop.kind === 'at-least') return `${preStop.why}: counted as at least its ${preStop.seconds} s of sleep`;
  if (preStop.kind === 'unknown' && preStop.unbounded) return `${preStop.why}: assumed to take the ${profile.name} profile's ${profile.settings.preStop} s`;
  if (preStop.kind === 'unknown') return `${preStop.why}: counted at the ${profile.name} profile's ${profile.settings.preStop} s`;
  return undefined;
}

/** A subject's grace budget against the grace its pods get, for the finding's `explain`. */
export function graceBudgetExplanation(subject: DrainSubject, grace: number, graceFrom: GraceBudgetExplanation['graceFrom']): GraceBudgetExplanation {
  const note = preStopAssumption(subject);
  return { kind: 'grace-budget', ...subject.budget, grace, graceFrom, ...(note ? { preStopNote: note } : {}) };
}

/**
 * The same note where a preStop exists but its duration is assumed or a lower bound (an httpGet,
 * an unreadable command, a loop, a sleep beside an unknown command): for the rules that subtract
 * the preStop from a window. A missing preStop is prestop-missing's finding, not theirs to repeat.
 */
export function preStopDurationNote(subject: DrainSubject): string | undefined {
  return subject.preStop.kind === 'missing' ? undefined : preStopAssumption(subject);
}

/**
 * The drain subjects of a run: every pod template of a workload with a profile, and the invalid
 * profile annotations met on the way, by workload node (for `invalid-value`).
 */
export function drainSubjects(model: Model, index: ObjectIndex, config: ProfileConfig): { subjects: DrainSubject[]; problems: Map<unknown, AnnotationProblem[]> } {
  const problems = new Map<unknown, AnnotationProblem[]>();
  const traffic: TrafficFacts = {
    longLived: longLivedSignals(index),
    isSelectedByService: (workload) => index.isSelectedByService(workload),
  };
  const subjects: DrainSubject[] = [];
  for (const workload of model.workloads) {
    const workloadProblems: AnnotationProblem[] = [];
    const selected = traffic.isSelectedByService(workload);
    for (const template of workload.templates) {
      const profile = resolveProfile(workload, template, config, traffic, workloadProblems, index.defaultNamespace);
      if (profile) subjects.push(drainSubject(workload, template, profile, selected));
    }
    const unique = [...new Map(workloadProblems.map((p) => [`${p.span.start}:${p.message}`, p])).values()];
    if (unique.length > 0) problems.set(workload.root.node, unique);
  }
  return { subjects, problems };
}

/** An operator's preStop that is no readable sleep but holds the pod a known least time (Knative's queue-proxy drain). */
function suppliedPreStopTiming(serving: Container, template: PodTemplate): PreStopTiming | undefined {
  const known = template.operator?.defaults?.preStopSeconds;
  return known && isSupplied(serving, 'preStop') ? { kind: 'at-least', seconds: known.seconds, why: known.why } : undefined;
}

const longestBySubjects = new WeakMap<readonly DrainSubject[], DrainSubject>();

/**
 * The first of these pod templates whose profile has the longest request. Found once per array:
 * the copies of a Service (overlays) share theirs (see subjectsOf).
 */
export function longestRequestSubject(subjects: readonly DrainSubject[]): DrainSubject {
  let longest = longestBySubjects.get(subjects);
  if (!longest) {
    longest = subjects.reduce((a, b) => (b.profile.settings.longestRequest > a.profile.settings.longestRequest ? b : a));
    longestBySubjects.set(subjects, longest);
  }
  return longest;
}
