import { describeObject } from '../model/objects.js';
import type { Container } from '../model/pod.js';
import { preStopTiming, type PreStopTiming } from '../model/prestop.js';
import { graceBudget, receivesTraffic, servingContainer, type DrainProfile, type GraceBudget } from './profile.js';
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
  /** The preStop seconds the budget counts: measured, else the profile's value. */
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
  const preStop: PreStopTiming = serving ? preStopTiming(serving) : { kind: 'missing' };
  const connected = receivesTraffic(template) || (selectedByService && workload.templates.length === 1);
  // Pods that no connection reaches are not asked for a preStop, so none is budgeted for them.
  const assumedPreStop = connected ? profile.settings.preStop : 0;
  const preStopSeconds = preStop.kind === 'measured' ? preStop.seconds : preStop.kind === 'missing' ? assumedPreStop : profile.settings.preStop;
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

/** Why the budget counts the preStop seconds it does, when they were not read from the hook. */
export function preStopAssumption(subject: DrainSubject): string | undefined {
  const { preStop, profile } = subject;
  if (preStop.kind === 'missing') {
    return subject.receivesTraffic ? `no preStop yet: counted at the ${profile.name} profile's ${profile.settings.preStop} s` : undefined;
  }
  if (preStop.kind === 'unknown') return `${preStop.why}: counted at the ${profile.name} profile's ${profile.settings.preStop} s`;
  return undefined;
}
