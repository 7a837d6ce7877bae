import type { ParsedDocument } from '../parse/yaml.js';
import { asObjectRoot, ProblemSink, rootView } from './node.js';
import { readIngress, readService } from './network.js';
import type { Model } from './object-index.js';
import { listItems, readObject, type KubeObject, type LintFile } from './objects.js';
import { readHorizontalPodAutoscaler, readPodDisruptionBudget } from './policy.js';
import { readWorkload } from './workload.js';

/** An object read from a document, with the invalid values found while reading it. */
export interface ReadObject {
  object: KubeObject;
  sink: ProblemSink;
}

/** The Kubernetes objects of a parsed document: the document itself, or a `List`'s items. */
export function readObjects(file: LintFile, document: ParsedDocument): ReadObject[] {
  const root = rootView(document.document, new ProblemSink());
  if (!root) return [];
  const objects: ReadObject[] = [];
  for (const candidate of listItems(root) ?? [root]) {
    const sink = new ProblemSink();
    const object = readObject(file, document, asObjectRoot(candidate, sink));
    if (object) objects.push({ object, sink });
  }
  return objects;
}

/** Sorts the objects of a run into the typed views the rules read. */
export function buildModel(objects: KubeObject[]): Model {
  const model: Model = { objects, workloads: [], pdbs: [], hpas: [], services: [], ingresses: [] };
  for (const object of objects) {
    const workload = readWorkload(object);
    if (workload) {
      model.workloads.push(workload);
      continue;
    }
    const pdb = readPodDisruptionBudget(object);
    if (pdb) model.pdbs.push(pdb);
    const hpa = readHorizontalPodAutoscaler(object);
    if (hpa) model.hpas.push(hpa);
    const service = readService(object);
    if (service) model.services.push(service);
    const ingress = readIngress(object);
    if (ingress) model.ingresses.push(ingress);
  }
  return model;
}
