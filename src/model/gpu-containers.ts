import { isMap, isScalar, isSeq, type TreeMap } from '../languages/shared/tree.js';
import { ACCELERATOR_RESOURCE } from '../domain/kubernetes.js';
import { ProblemSink, type MapView } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';

/** A container found anywhere in an object: a mapping with an `image` that requests a GPU-class resource. */
export interface GpuContainer {
  view: MapView;
  /** The resource it requests (`nvidia.com/gpu`). */
  resource: string;
  /** Keys and indexes from the object root (`['spec', 'roles', 0, 'template', 'spec', 'containers', 0]`). */
  segments: readonly (string | number)[];
}

/**
 * Every container of an object that asks for a GPU, wherever the object keeps it: for kinds no
 * reader knows, whose pod templates may be anywhere. Read silently (nothing here is a field the
 * rules judge) and each mapping once (aliases cannot make the walk grow).
 */
export function gpuContainers(object: KubeObject): GpuContainer[] {
  const found: GpuContainer[] = [];
  const visited = new Set<TreeMap>();
  const rootDepth = object.root.context.rootDepth;
  const stack: MapView[] = [object.root.withSink(new ProblemSink())];
  while (stack.length > 0) {
    const view = stack.pop()!;
    if (visited.has(view.node)) continue;
    visited.add(view.node);
    const resource = view.has('image') ? gpuRequest(view) : undefined;
    if (resource) {
      found.push({ view, resource, segments: view.segments.slice(rootDepth) });
      continue;
    }
    const children: MapView[] = [];
    for (const key of view.keys()) {
      const node = view.valueNode(key);
      if (isMap(node)) children.push(view.map(key)!);
      else if (isSeq(node)) children.push(...view.maps(key));
    }
    // Depth first, in document order.
    stack.push(...children.reverse());
  }
  return found;
}

/** The GPU-class resource a container's limits or requests name with a non-zero amount. */
function gpuRequest(container: MapView): string | undefined {
  const resources = isMap(container.valueNode('resources')) ? container.map('resources') : undefined;
  for (const list of ['limits', 'requests']) {
    const amounts = resources && isMap(resources.valueNode(list)) ? resources.map(list) : undefined;
    for (const name of amounts?.keys() ?? []) {
      const amount = amounts!.valueNode(name);
      if (ACCELERATOR_RESOURCE.test(name) && !(isScalar(amount) && (amount.value === 0 || amount.value === '0'))) return name;
    }
  }
  return undefined;
}
