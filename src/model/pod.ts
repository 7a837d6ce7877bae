import type { Span } from '../core/source.js';
import { isField, isPlaceholder, type Field, type MapView, type Read } from '../languages/shared/node.js';
import { isSeq } from '../languages/shared/tree.js';
import { parseQuantity } from './units.js';
import type { FlatContainer, WrittenAt } from './kinds/kind.js';
import type { KubeObject } from './objects.js';
import { ACCELERATOR_RESOURCE, DEFAULT_TERMINATION_GRACE_SECONDS, PROBE_DEFAULTS, PROBE_MINIMUMS, type ProbeTiming } from '../domain/kubernetes.js';

export type HandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep' | 'unknown';

/** A probe or lifecycle action: exactly one handler in a valid spec. */
export interface Handler {
  kind: HandlerKind;
  view: MapView;
  command?: Field<string[]>;
  httpGet?: HttpGet;
  tcpSocketPort?: Field<number | string>;
  grpcPort?: Field<number>;
  sleepSeconds?: Read<number>;
}

export interface HttpGet {
  path?: Field<string>;
  port?: Field<number | string>;
  host?: Field<string>;
  scheme?: Field<string>;
  headers: { name: string; value: string }[];
  /** Fields that are set but cannot be read (computed, or not strings): a copy of the request would differ. */
  unreadable: string[];
}

export interface Probe extends Handler {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  /** The threshold fields as written, for pointing at them. */
  fields: Partial<Record<ProbeTiming, Field<number>>>;
}


export interface ContainerPort {
  name?: string;
  containerPort?: number;
}

/** An `env` entry of a container: a literal `value`, or one from a reference (unknown). */
export interface EnvVar {
  name: string;
  value?: Field<string>;
  /** Set from `valueFrom` (a ConfigMap, Secret or field): the linter cannot know it. */
  fromReference: boolean;
  view: MapView;
}

export interface Container {
  /**
   * The fields its operator adds (KubeRay's probes, an LLMInferenceService preset's preStop):
   * present in the pod, not in the manifest, so judged by timing only and never edited.
   */
  supplied?: { by: string; fields: ReadonlySet<SuppliedField> };
  /**
   * Where the container is merged over another resource's (an InferenceService's `model` over its
   * ServingRuntime's `kserve-container`): that resource, and the fields that come from it.
   */
  merged?: MergedFrom;
  /** The `env` of a container that runs an inference engine (read by buildModel; others are not read). */
  engineEnv?: EnvVar[];
  view: MapView;
  /** Where a finding about a missing container field points: the item's `name:` line. */
  anchor: Span;
  name?: string;
  image?: string;
  isInit: boolean;
  /** Resource name → amount, from limits over requests (a GPU is only ever in both or limits). */
  resources: Map<string, { amount: number | undefined; field: Field<string | number> }>;
  ports: ContainerPort[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: MapView;
  preStop?: Handler;
  command?: Field<string[]>;
  args?: Field<string[]>;
  /**
   * The probes and `lifecycle` a TypeScript source computes, wholly or in part: rules about
   * them stay silent (a default timing or a missing handler would be a guess).
   */
  opaque: ReadonlySet<OpaqueField>;
  /**
   * Where a container with no container mapping of its own (a NIMService's, read from the
   * resource's fields) writes its lists; a list missing here is written nowhere. Read through {@link listAt}.
   */
  lists?: Partial<Record<ContainerList, WrittenAt>>;
  /** The operator writes the command (KubeAI's, production-stack's vLLM entrypoint): it is not in the manifest. */
  commandBy?: string;
  /** Where the user writes each probe to replace the operator's, where that is not the container's own key. */
  probePaths?: FlatContainer['probePaths'];
}

export type ContainerList = 'command' | 'args' | 'env';

/** Where the container's `command`, `args` or `env` is written (or would be added); undefined when the resource has no place for it. */
export function listAt(container: Container, list: ContainerList): WrittenAt | undefined {
  return container.lists ? container.lists[list] : { view: container.view, key: list };
}

export type OpaqueField = 'lifecycle' | 'readinessProbe' | 'livenessProbe' | 'startupProbe';

/** The fields a merged container may take from the base it is merged over. */
export type BorrowedField = SuppliedField | 'image' | 'command' | 'args' | 'ports' | 'resources';

/** A container merged over a base container of another resource (a ServingRuntime's). */
export interface MergedFrom {
  /** The resource that holds the base container. */
  from: KubeObject;
  /** The base container as written there. */
  base: MapView;
  /** The fields the pod gets from the base (the resource's own are unset). */
  borrowed: ReadonlySet<BorrowedField>;
  /** The resource writes no container of its own: every field, and the container's anchor, are the base's. */
  whole: boolean;
  /** How many of `args` come first from the base (runtime args first, the resource's appended). */
  baseArgs: number;
  /** The resource's own `args` as written. */
  ownArgs?: Field<string[]>;
}

/** The container fields an operator may supply. */
export type SuppliedField = 'preStop' | 'readinessProbe' | 'livenessProbe' | 'startupProbe';

export interface PodSpec {
  view: MapView;
  terminationGracePeriodSeconds: Read<number>;
  /** The grace period the resource's operator sets where `terminationGracePeriodSeconds` is unset. */
  suppliedGrace?: { seconds: number; by: string };
  restartPolicy?: string;
  containers: Container[];
  initContainers: Container[];
}

/** Reads a pod spec; `complete` adds what an operator writes into it before the spec is checked. */
export function readPodSpec(view: MapView, complete?: (spec: PodSpec) => void): PodSpec {
  const restartPolicy = view.string('restartPolicy');
  const spec: PodSpec = {
    view,
    terminationGracePeriodSeconds: view.int('terminationGracePeriodSeconds', { min: 0 }),
    ...(isField(restartPolicy) ? { restartPolicy: restartPolicy.value } : {}),
    containers: view.maps('containers').map((c) => readContainer(c, false)),
    initContainers: view.maps('initContainers').map((c) => readContainer(c, true)),
  };
  complete?.(spec);
  checkNativeSleeps(spec);
  return spec;
}

/**
 * The pod spec of a resource with no pod template: its one container read from the resource's
 * own fields (see FlatContainer); `view` stands for the pod spec (placement, pod-level anchors).
 * There is no grace field: the operator's, or the default, applies.
 */
export function readFlatPodSpec(view: MapView, flat: FlatContainer, complete?: (spec: PodSpec) => void): PodSpec {
  const spec: PodSpec = { view, terminationGracePeriodSeconds: undefined, containers: [readFlatContainer(flat)], initContainers: [] };
  complete?.(spec);
  return spec;
}

function readFlatContainer(flat: FlatContainer): Container {
  const listField = (at: WrittenAt | undefined) => (at ? at.view.strings(at.key) : undefined);
  const args = listField(flat.args);
  const written = flat.command && 'key' in flat.command ? listField(flat.command) : undefined;
  const supplied = flat.command && !('key' in flat.command) ? flat.command.value : undefined;
  const command: Read<string[]> = supplied ? { value: [...supplied], span: flat.anchor, fieldSpan: flat.anchor } : written;
  const resources = readResources(flat.resources);
  for (const { resource, amount, field } of flat.accelerators ?? []) resources.set(resource, { amount, field });
  const probes: Pick<Container, 'readinessProbe' | 'livenessProbe' | 'startupProbe'> = {};
  for (const [key, probe] of Object.entries(flat.probes ?? {}) as [keyof typeof probes, MapView][]) probes[key] = readProbe(probe);
  const lists: Container['lists'] = {
    ...(flat.command && 'key' in flat.command ? { command: flat.command } : {}),
    ...(flat.args ? { args: flat.args } : {}),
    ...(flat.env ? { env: flat.env } : {}),
  };
  return {
    view: flat.view,
    anchor: flat.anchor,
    name: flat.name,
    ...(flat.image ? { image: flat.image.value } : {}),
    isInit: false,
    resources,
    ports: [...(flat.ports ?? [])],
    ...probes,
    ...(isField(command) ? { command } : {}),
    ...(isField(args) ? { args } : {}),
    opaque: new Set(),
    lists,
    ...(supplied ? { commandBy: 'its operator' } : {}),
    ...(flat.probePaths ? { probePaths: flat.probePaths } : {}),
  };
}

/** The grace period the pod gets: its terminationGracePeriodSeconds, or the default; undefined when unreadable. */
export function effectiveGrace(spec: PodSpec): number | undefined {
  const grace = spec.terminationGracePeriodSeconds;
  if (grace === undefined) return spec.suppliedGrace?.seconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
  return isField(grace) ? grace.value : undefined;
}

/**
 * The API server rejects a pod whose native preStop sleep is longer than its grace period
 * (`validateSleepAction`; DOMAIN.md, "Native preStop sleep"), the default 30 s when it is unset.
 */
function checkNativeSleeps(spec: PodSpec): void {
  const grace = spec.terminationGracePeriodSeconds;
  const seconds = effectiveGrace(spec);
  if (seconds === undefined) return;
  for (const container of [...spec.containers, ...spec.initContainers]) {
    const sleep = container.preStop?.kind === 'sleep' ? container.preStop.sleepSeconds : undefined;
    if (!isField(sleep) || sleep.value <= seconds) continue;
    const path = container.preStop!.view.map('sleep')?.childPath('seconds') ?? 'lifecycle.preStop.sleep.seconds';
    const given = grace
    ? `its terminationGracePeriodSeconds (${seconds})`
    : spec.suppliedGrace
      ? `the grace period (${seconds} s, set by ${spec.suppliedGrace.by}: terminationGracePeriodSeconds is unset)`
      : `the grace period (${seconds} s, the default: terminationGracePeriodSeconds is unset)`;
    spec.view.sink.add(sleep.span, `${path} is ${sleep.value}, more than ${given}: the API server rejects the pod`);
  }
}

export function readContainer(view: MapView, isInit: boolean): Container {
  const opaque = new Set<OpaqueField>();
  /** Reads one field, noting whether it met a value no one can read statically. */
  const watched = <T>(field: OpaqueField, read: () => T): T => {
    const before = view.sink.unknownReads;
    const result = read();
    if (view.sink.unknownReads !== before) opaque.add(field);
    return result;
  };
  const name = view.string('name');
  const image = view.string('image');
  const lifecycle = watched('lifecycle', () => view.map('lifecycle'));
  const preStopView = watched('lifecycle', () => lifecycle?.map('preStop'));
  const preStop = watched('lifecycle', () => (preStopView ? readHandler(preStopView) : undefined));
  const command = view.strings('command');
  const args = view.strings('args');
  return {
    view,
    anchor: view.anchor,
    ...(isField(name) ? { name: name.value } : {}),
    ...(isField(image) ? { image: image.value } : {}),
    isInit,
    resources: readResources(view.map('resources')),
    ports: view.maps('ports').map(readPort),
    ...watched('readinessProbe', () => optionalProbe('readinessProbe', view)),
    ...watched('livenessProbe', () => optionalProbe('livenessProbe', view)),
    ...watched('startupProbe', () => optionalProbe('startupProbe', view)),
    ...(lifecycle ? { lifecycle } : {}),
    ...(preStop ? { preStop } : {}),
    ...(isField(command) ? { command } : {}),
    ...(isField(args) ? { args } : {}),
    opaque,
  };
}

/** The probe under `key` of a mapping, as a spread (none when absent). */
export function optionalProbe(key: 'readinessProbe' | 'livenessProbe' | 'startupProbe', container: MapView) {
  const view = container.map(key);
  return view ? { [key]: readProbe(view) } : {};
}

function readResources(view: MapView | undefined): Container['resources'] {
  const result: Container['resources'] = new Map();
  for (const section of ['requests', 'limits'] as const) {
    const amounts = view?.map(section);
    if (!amounts) continue;
    for (const resource of amounts.keys()) {
      const read = amounts.intOrString(resource);
      if (!isField(read)) continue;
      const amount = parseQuantity(read.value);
      if (amount === undefined && !isPlaceholder(read.value)) {
        amounts.sink.add(read.span, `${amounts.childPath(resource)} must be a resource quantity, got ${JSON.stringify(read.value)}`);
      }
      result.set(resource, { amount, field: read });
    }
  }
  return result;
}

function readPort(view: MapView): ContainerPort {
  const name = view.string('name');
  const port = view.int('containerPort', { min: 1, max: 65535 });
  return {
    ...(isField(name) ? { name: name.value } : {}),
    ...(isField(port) ? { containerPort: port.value } : {}),
  };
}

function readHttpGet(view: MapView): HttpGet {
  const [path, port, host, scheme] = [view.string('path'), view.intOrString('port'), view.string('host'), view.string('scheme')];
  const unreadable = Object.entries({ path, port, host, scheme }).flatMap(([key, read]) => (view.has(key) && !isField(read) ? [key] : []));
  const headers: HttpGet['headers'] = [];
  if (view.has('httpHeaders')) {
    const items = view.maps('httpHeaders');
    for (const item of items) {
      const [name, value] = [item.string('name'), item.string('value')];
      if (isField(name) && isField(value)) headers.push({ name: name.value, value: value.value });
    }
    const written = view.valueNode('httpHeaders');
    if (!isSeq(written) || headers.length !== written.items.length) unreadable.push('httpHeaders');
  }
  return {
    ...(isField(path) ? { path } : {}),
    ...(isField(port) ? { port } : {}),
    ...(isField(host) ? { host } : {}),
    ...(isField(scheme) ? { scheme } : {}),
    headers,
    unreadable,
  };
}

export function readHandler(view: MapView): Handler {
  const exec = view.map('exec');
  if (exec) {
    const command = exec.strings('command');
    return { kind: 'exec', view, ...(isField(command) ? { command } : {}) };
  }
  const httpGet = view.map('httpGet');
  if (httpGet) {
    return { kind: 'httpGet', view, httpGet: readHttpGet(httpGet) };
  }
  const tcp = view.map('tcpSocket');
  if (tcp) {
    const port = tcp.intOrString('port');
    return { kind: 'tcpSocket', view, ...(isField(port) ? { tcpSocketPort: port } : {}) };
  }
  const grpc = view.map('grpc');
  if (grpc) {
    const port = grpc.int('port', { min: 1, max: 65535 });
    return { kind: 'grpc', view, ...(isField(port) ? { grpcPort: port } : {}) };
  }
  const sleep = view.map('sleep');
  if (sleep) return { kind: 'sleep', view, sleepSeconds: sleep.int('seconds', { min: 0 }) };
  return { kind: 'unknown', view };
}

function readProbe(view: MapView): Probe {
  const fields: Probe['fields'] = {};
  const timing = { ...PROBE_DEFAULTS };
  for (const key of Object.keys(PROBE_DEFAULTS) as ProbeTiming[]) {
    const read = view.int(key, { min: PROBE_MINIMUMS[key] });
    if (isField(read)) {
      fields[key] = read;
      timing[key] = read.value;
    }
  }
  return { ...readHandler(view), ...timing, fields };
}

/** The GPU-class resource a container asks for (a positive amount), if any. */
export function gpuResource(container: Container): string | undefined {
  for (const [name, { amount, field }] of container.resources) {
    if (!ACCELERATOR_RESOURCE.test(name)) continue;
    // A templated amount (`${GPU_COUNT}`) still asks for a GPU.
    if (amount === undefined ? isPlaceholder(field.value) : amount > 0) return name;
  }
  return undefined;
}

/** Whether the container's operator supplies `field` (it is not in the manifest). */
export function isSupplied(container: Container, field: SuppliedField): boolean {
  return container.supplied?.fields.has(field) === true;
}

/**
 * Why a supplied field has no fix: it is not in the manifest, and writing one replaces the
 * operator's (where the resource can hold one: `cannotReplace` says why it cannot).
 */
export function suppliedUnfixable(container: Container, field: SuppliedField, cannotReplace?: string): { unfixable: string } {
  const by = `${container.supplied?.by ?? 'its operator'} adds this ${field}`;
  if (cannotReplace) return { unfixable: `${by}, and the resource cannot express its own: ${cannotReplace}` };
  const path = field === 'preStop' ? undefined : container.probePaths?.[field];
  return { unfixable: `${by}; write your own ${path ?? `${field} on container ${container.name ?? '(unnamed)'}`} to change it` };
}
