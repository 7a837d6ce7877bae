import type { WorkloadKind } from './kind.js';
import { templateAt } from './kind.js';

/** The built-in controllers and the bare Pod. Matched on kind alone, whatever apiVersion a client writes. */
export const BUILTIN_KINDS: readonly WorkloadKind[] = [
  { kind: 'Pod', templates: (object) => [{ view: object.root, shape: 'template' }], podOwnerScales: false },
  { kind: 'Deployment', templates: templateAt(['spec', 'template']), replicas: ['spec', 'replicas'] },
  { kind: 'StatefulSet', templates: templateAt(['spec', 'template']), replicas: ['spec', 'replicas'] },
  { kind: 'ReplicaSet', templates: templateAt(['spec', 'template']), replicas: ['spec', 'replicas'], headroom: false },
  { kind: 'DaemonSet', templates: templateAt(['spec', 'template']), podOwnerScales: false },
  { kind: 'Job', templates: templateAt(['spec', 'template']), runsToCompletion: true },
  { kind: 'CronJob', templates: templateAt(['spec', 'jobTemplate', 'spec', 'template']), runsToCompletion: true },
];
