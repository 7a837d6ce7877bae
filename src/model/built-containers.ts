import { isField, isPlaceholder, type Field } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';
import { optionalProbe, readContainer, type BorrowedField, type Container, type PodSpec } from './pod.js';
import { parseQuantity } from './units.js';
import type { BuiltContainer, Resource } from './kinds/kind.js';

/**
 * Puts first in the pod the containers its operator builds from fields outside `containers[]`
 * (see BuiltContainer), in place of a `containers[]` item of the same name or at the same place,
 * which the operator overwrites. `holderOf` finds the object of the run a base container's
 * resource is (a ServingRuntime).
 */
export function addBuiltContainers(spec: PodSpec, built: readonly BuiltContainer[], holderOf: (resource: Resource) => KubeObject | undefined): void {
  const containers = built.flatMap((b) => {
    const container = builtContainer(b, holderOf);
    if (container) addKeptBeside(container, b);
    return container ?? [];
  });
  if (containers.length === 0) return;
  const replaced = (c: Container) => containers.some((b) => b.name === c.name || b.view.node === c.view.node);
  spec.containers = [...containers, ...spec.containers.filter((c) => !replaced(c))];
}

/** The probes and GPU counts the resource keeps beside the container (Dynamo's service), where the container sets none. */
function addKeptBeside(container: Container, built: BuiltContainer): void {
  for (const key of ['readinessProbe', 'livenessProbe'] as const) {
    if (container[key] || !built.probes) continue;
    Object.assign(container, optionalProbe(key, built.probes));
  }
  for (const gpu of built.gpus ?? []) {
    const amount = gpu.view.intOrString(gpu.key);
    if (!isField(amount)) continue;
    const type = gpu.typeKey ? gpu.view.string(gpu.typeKey) : undefined;
    const resource = isField(type) ? type.value : gpu.defaultResource;
    if (container.resources.has(resource)) continue;
    const quantity = parseQuantity(amount.value);
    if (quantity === undefined && !isPlaceholder(amount.value)) gpu.view.sink.add(amount.span, `${gpu.view.childPath(gpu.key)} must be a resource quantity, got ${JSON.stringify(amount.value)}`);
    container.resources.set(resource, { amount: quantity, field: amount });
  }
}

/**
 * A container an operator builds from a resource's own fields (an InferenceService's `model`),
 * merged over the base container of another resource of the run (its ServingRuntime's
 * `kserve-container`) as KServe merges them: the resource's fields win, `args` are concatenated
 * (the base's first), resources and ports are united. Source: kserve@aaac4e294dae
 * `pkg/controller/v1beta1/inferenceservice/utils/utils.go:253-297`; CRDS.md §3.
 * Fields taken from the base keep their views and spans there, and are listed in `merged`, so a
 * rule can report and fix them on the resource that holds them.
 */
function builtContainer(built: BuiltContainer, holderOf: (resource: Resource) => KubeObject | undefined): Container | undefined {
  const own = built.view ? readContainer(built.view, false) : undefined;
  const from = built.base ? holderOf(built.base.resource) : undefined;
  const base = built.base && from ? readContainer(built.base.view, false) : undefined;
  if (!base || !from) return own ? { ...own, name: built.name } : undefined;
  if (!own) {
    const all: BorrowedField[] = ['image', 'command', 'args', 'ports', 'resources', 'preStop', 'readinessProbe', 'livenessProbe', 'startupProbe'];
    return { ...base, name: built.name, merged: { from, base: base.view, borrowed: new Set(all), whole: true, baseArgs: base.args?.value.length ?? 0 } };
  }
  const borrowed = new Set<BorrowedField>();
  const take = <K extends keyof Container>(key: K, field: BorrowedField): Pick<Container, K> | Record<string, never> => {
    if (own[key] !== undefined) return { [key]: own[key] } as Pick<Container, K>;
    if (base[key] === undefined) return {};
    borrowed.add(field);
    return { [key]: base[key] } as Pick<Container, K>;
  };
  // `lifecycle` is taken whole: the resource's, else the base's.
  const ownsLifecycle = own.lifecycle !== undefined || own.opaque.has('lifecycle');
  const lifecycleOf = (c: Container) => ({ ...(c.lifecycle ? { lifecycle: c.lifecycle } : {}), ...(c.preStop ? { preStop: c.preStop } : {}) });
  if (!ownsLifecycle && base.preStop) borrowed.add('preStop');
  const resources = new Map([...base.resources, ...own.resources]);
  if ([...base.resources.keys()].some((k) => !own.resources.has(k))) borrowed.add('resources');
  const ports = [...own.ports, ...base.ports.filter((p) => !own.ports.some((o) => o.containerPort === p.containerPort))];
  if (ports.length > own.ports.length) borrowed.add('ports');
  const args = concatenated(base.args, own.args);
  if (base.args && !own.args) borrowed.add('args');
  return {
    ...own,
    name: built.name,
    ...take('image', 'image'),
    ...take('command', 'command'),
    ...(args ? { args } : {}),
    resources,
    ports,
    ...take('readinessProbe', 'readinessProbe'),
    ...take('livenessProbe', 'livenessProbe'),
    ...take('startupProbe', 'startupProbe'),
    ...lifecycleOf(ownsLifecycle ? own : base),
    opaque: new Set([...base.opaque, ...own.opaque]),
    merged: { from, base: base.view, borrowed, whole: false, baseArgs: base.args?.value.length ?? 0, ...(own.args ? { ownArgs: own.args } : {}) },
  };
}

/** The base's args, then the resource's: pointing at the resource's own list where it writes one. */
function concatenated(base: Field<string[]> | undefined, own: Field<string[]> | undefined): Field<string[]> | undefined {
  if (!base || !own) return own ?? base;
  return { ...own, value: [...base.value, ...own.value] };
}
