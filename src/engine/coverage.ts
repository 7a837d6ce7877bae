import { defaultSeverityOf, UNCHECKED_WORKLOAD } from '../core/diagnostics.js';
import type { FileCoverage } from '../core/coverage.js';
import { isUnjudgedCustomResource } from '../analysis/unseen-pods.js';
import { isField, ProblemSink } from '../languages/shared/node.js';
import type { Model, ReadObject } from '../model/build.js';
import { gpuContainers, type GpuContainer } from '../model/gpu-containers.js';
import { declarationText, templatePathOf } from '../model/kinds/declared.js';
import { apiGroup } from '../model/kinds/index.js';
import { describeObject, type KubeObject } from '../model/objects.js';
import { toFinding, type Collected } from './findings.js';
import type { LoadedFile } from './load.js';
import type { LintOptions } from './options.js';

/** What was judged in one file: its workloads, and its custom resources of kinds no reader judges, by kind. */
export function fileCoverage(objects: readonly ReadObject[], model: Model): FileCoverage {
  const coverage: FileCoverage = { workloads: 0, uncheckedKinds: [] };
  const workloads = workloadNodes(model);
  for (const { object } of objects) {
    if (workloads.has(object.root.node)) coverage.workloads++;
    if (!isUnjudged(object, model)) continue;
    const same = coverage.uncheckedKinds.find((u) => u.apiVersion === object.apiVersion && u.kind === object.kind);
    if (same) same.count++;
    else coverage.uncheckedKinds.push({ apiVersion: object.apiVersion, kind: object.kind, count: 1 });
  }
  return coverage;
}

/**
 * One `unchecked-workload` per custom resource of a kind no reader judges that holds a container
 * requesting a GPU: at that container, with the `workloadKinds` entry that would make it judged.
 */
export function collectUncheckedWorkloads(loaded: readonly LoadedFile[], model: Model, options: LintOptions, collected: Collected): void {
  const level = options.settings.get(UNCHECKED_WORKLOAD)?.level ?? defaultSeverityOf(UNCHECKED_WORKLOAD);
  if (level === 'off') return;
  for (const { file, objects } of loaded) {
    if (!file.reportable) continue;
    for (const { object } of objects) {
      if (!isUnjudged(object, model)) continue;
      const containers = gpuContainers(object);
      if (containers.length === 0) continue;
      const first = containers[0]!;
      const message = uncheckedMessage(object, first, containers);
      collected.get(file)!.push({ finding: toFinding(file.source, first.view.anchor, UNCHECKED_WORKLOAD, level, message, object), object });
    }
  }
}

const nodesOfWorkloads = new WeakMap<Model, ReadonlySet<unknown>>();

function workloadNodes(model: Model): ReadonlySet<unknown> {
  let nodes = nodesOfWorkloads.get(model);
  if (!nodes) {
    nodes = new Set(model.workloads.map((w) => w.root.node));
    nodesOfWorkloads.set(model, nodes);
  }
  return nodes;
}

function isUnjudged(object: KubeObject, model: Model): boolean {
  return isUnjudgedCustomResource(object, workloadNodes(model).has(object.root.node) || model.readAsOther.has(object.root.node));
}

function uncheckedMessage(object: KubeObject, first: GpuContainer, containers: readonly GpuContainer[]): string {
  const name = first.view.string('name');
  const container = isField(name) ? `container ${name.value}` : `a container at ${first.view.path}`;
  const what = `${describeObject(object)} has ${container} requesting ${first.resource}, but gpu-drain-lint does not read ${object.kind} of ${apiGroup(object.apiVersion)}: its drain was not checked`;
  const templates = [...new Set(containers.map((c) => templatePathOf(c.segments)))];
  if (templates.includes(undefined)) {
    const flat = containers.find((c) => templatePathOf(c.segments) === undefined)!;
    return `${what} (its container at ${flat.view.path} is not in a pod template's containers, so config workloadKinds cannot declare it)`;
  }
  const spec = object.root.withSink(new ProblemSink()).map('spec');
  const replicas = spec && isField(spec.int('replicas')) ? 'spec.replicas' : undefined;
  const entry = declarationText({ apiVersion: object.apiVersion, kind: object.kind, templates: templates as string[], ...(replicas ? { replicas } : {}) });
  return `${what}; to check it, declare its pod templates in the config: workloadKinds: [${entry}]`;
}
