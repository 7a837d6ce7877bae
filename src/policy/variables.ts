import type { CelVariable } from './cel.js';
import type { PolicyTarget } from './spec.js';

const SHARED: readonly CelVariable[] = [
  { name: 'object', type: 'map', description: 'the whole object, as the API server reads it' },
  { name: 'profile', type: 'map', description: 'the drain profile: name (gpu-inference, long-lived, none); for a profiled workload also longestRequest, preStop, margin and budget, in seconds' },
  { name: 'replicas', type: 'dyn', description: 'the replicas the workload asks for (its replica field, else its kind\'s default); null for an object that is not a workload' },
  { name: 'pdbs', type: 'list<dyn>', description: 'the PodDisruptionBudgets that select the workload\'s pods' },
  { name: 'services', type: 'list<dyn>', description: 'the Services that select the workload\'s pods' },
  { name: 'hpas', type: 'list<dyn>', description: 'the HorizontalPodAutoscaler (or KEDA ScaledObject, AIBrix PodAutoscaler) that targets the workload' },
];
const POD_SPEC: CelVariable = { name: 'podSpec', type: 'map', description: 'the pod spec being checked' };
const CONTAINER: CelVariable = { name: 'container', type: 'map', description: 'the container being checked' };

/** The variables a policy's expressions may read: those its target gives, so any other is a compile error. */
export function policyVariables(target: PolicyTarget): readonly CelVariable[] {
  switch (target) {
    case 'object':
      return SHARED;
    case 'podSpec':
      return [...SHARED, POD_SPEC];
    case 'container':
    case 'servingContainer':
      return [...SHARED, POD_SPEC, CONTAINER];
  }
}
