import type { PodTemplate, Workload } from '../model/workload.js';

/**
 * Whether clients send requests to a pod template's pods, given that connections reach them at
 * all (`receivesTraffic`: a port, a network probe, a Service). A LeaderWorkerSet with a leader
 * template serves through its leaders; its workers run the engine's distributed shards, which
 * often declare the leader's ports but only talk to their own group. Without a leader template
 * the worker template is the leader's too, so it is judged like any other.
 */
export function servesClients(workload: Workload, template: PodTemplate, receivesTraffic: boolean): boolean {
  if (!receivesTraffic) return false;
  const workerOfALeader =
    workload.kind === 'LeaderWorkerSet' && template.role === 'workerTemplate' && workload.templates.some((t) => t.role === 'leaderTemplate');
  return !workerOfALeader;
}
