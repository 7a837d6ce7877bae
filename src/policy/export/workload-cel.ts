/**
 * The drain profile and serving container of a pod template, as CEL a ValidatingAdmissionPolicy
 * evaluates on one object: RULES.md "Drain profiles" read from the object alone (its annotations,
 * the config's `workloads[]`, GPU resources, engine images, ports, probes and server invocations).
 * What needs other objects (a Service selecting the pods, an Ingress's long timeouts, an Argo
 * Rollout's workloadRef) is out of an admission request's sight and is not inferred.
 */
import { LONGEST_REQUEST_ANNOTATION, PROFILE_ANNOTATION, PROFILE_NAMES, type ProfileConfig, type WorkloadDeclaration } from '../../analysis/profile.js';
import {
  ACCELERATOR_RESOURCE,
  INFERENCE_ENGINES,
  NOT_A_SERVER_COMMANDS,
  NOT_A_SERVER_WORDS,
  PAUSE_IMAGES,
  SERVER_ENTRY_POINTS,
  SERVER_ENTRYPOINT_IMAGES,
  SERVER_PORT_ENV,
  SERVER_PORT_FLAG,
  NODE_RANK_FLAG,
  type EntryPoint,
} from '../../domain/index.js';
import { allOf, anyOf, celString, celStrings, escapeRegex, literalAlternatives } from './cel-text.js';

/** A pod template a kind holds at a fixed place: its index in `variables.templates`, and its field path. */
export interface TemplateSlot {
  index: number;
  /** The template's field path in the object (`spec.template`; '' for a Pod, which is its own template). */
  fieldPath: string;
  /** A LeaderWorkerSet's worker template: it serves clients only when the set has no leader template. */
  workerOfLeader?: string;
}

/** A pod-bearing kind the export judges: its REST coordinates and where its pod templates are. */
export interface ExportedKind {
  group: string;
  versions: readonly string[];
  resource: string;
  kind: string;
  /** CEL giving the kind's templates, in slot order (null where one is not written). */
  templates: string;
  slots: readonly TemplateSlot[];
}

const LWS_LEADER = 'object.spec.?leaderWorkerTemplate.?leaderTemplate';

/**
 * The kinds whose pods the timeline rules judge and an admission request shows whole: the built-in
 * pod-bearing kinds that serve (not Jobs or CronJobs, which run to completion), Argo Rollouts and
 * LeaderWorkerSets (src/model/kinds: builtin.ts, rollout.ts, lws.ts). Operators' custom resources
 * are not: their operator composes the pods from other objects (a ServingRuntime, a preset).
 */
export const EXPORTED_KINDS: readonly ExportedKind[] = [
  { group: '', versions: ['v1'], resource: 'pods', kind: 'Pod', templates: '[object]', slots: [{ index: 0, fieldPath: '' }] },
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => singleTemplate('apps', ['v1'], kind)),
  singleTemplate('argoproj.io', ['v1alpha1'], 'Rollout'),
  {
    group: 'leaderworkerset.x-k8s.io',
    versions: ['v1'],
    resource: 'leaderworkersets',
    kind: 'LeaderWorkerSet',
    templates: `[${LWS_LEADER}.orValue(null), object.spec.?leaderWorkerTemplate.?workerTemplate.orValue(null)]`,
    slots: [
      { index: 0, fieldPath: 'spec.leaderWorkerTemplate.leaderTemplate' },
      { index: 1, fieldPath: 'spec.leaderWorkerTemplate.workerTemplate', workerOfLeader: `${LWS_LEADER}.hasValue()` },
    ],
  },
];

function singleTemplate(group: string, versions: readonly string[], kind: string): ExportedKind {
  return { group, versions, resource: `${kind.toLowerCase()}s`, kind, templates: '[object.spec.?template.orValue(null)]', slots: [{ index: 0, fieldPath: 'spec.template' }] };
}

/** CEL for `variables.templates`: the object's pod templates by kind, null where one is not written. */
export function templatesExpression(): string {
  return EXPORTED_KINDS.reduceRight((otherwise, kind) => `object.kind == ${celString(kind.kind)} ? ${kind.templates} : ${otherwise}`, '[]');
}

const containersOf = (template: string) => `${template}.?spec.?containers.orValue([])`;

/** A container asks for a positive amount (or a templated one) of a GPU-class resource. */
export function gpuContainer(c: string): string {
  const amount = `string(${c}.resources[part][name])`;
  return `['requests', 'limits'].exists(part, ${c}.?resources[?part].orValue({}).exists(name, name.matches(${celString(ACCELERATOR_RESOURCE.source)}) && (isQuantity(${amount}) ? quantity(${amount}).isGreaterThan(quantity('0')) : ${amount}.matches(${celString(PLACEHOLDER)}))))`;
}

/** `${GPU_COUNT}`, `{{ .Values.gpus }}`, `<gpus>`: a value a template fills in later (languages/shared/node.ts `isPlaceholder`). */
const PLACEHOLDER = '^\\s*(\\$\\{[^}]+\\}|\\$[A-Za-z_][A-Za-z0-9_]*|<[^<>]+>|__[A-Z0-9_]+__)\\s*$|\\{\\{.*\\}\\}';

/** The image's last path segment (tag and digest removed) as the image regexes below read it. */
const IMAGE_PREFIX = '^(?:[^@]*/)?';
const IMAGE_SUFFIX = '(?::[^/@]*)?(?:@.*)?$';
const word = (alternatives: string) => `${IMAGE_PREFIX}(?:[^/:@]*[-_.])?(?:${alternatives})(?:[-_.][^/:@]*)?${IMAGE_SUFFIX}`;
const wordsOf = (name: string) => name.split('-').map(escapeRegex).join('[-_.]');

/** An inference engine's image (model/engine-flags.ts `engineOf`): a catalogue repository, or an engine's words in its name, unless a mock, SDK, client or benchmark's. */
export function engineContainer(c: string): string {
  const repositories = INFERENCE_ENGINES.flatMap((engine) => engine.repositories ?? []);
  const known = `^(?:${literalAlternatives(repositories)})${IMAGE_SUFFIX}`;
  const named = word(INFERENCE_ENGINES.map((engine) => wordsOf(engine.image)).join('|'));
  const notAServer = word([...NOT_A_SERVER_WORDS].map(escapeRegex).join('|'));
  return `has(${c}.image) && (${c}.image.matches(${celString(known)}) || (!${c}.image.lowerAscii().matches(${celString(notAServer)}) && ${c}.image.lowerAscii().matches(${celString(named)})))`;
}

const argv = (c: string) => `(${c}.?command.orValue([]) + ${c}.?args.orValue([])).join(' ')`;
const commandStart = '(^|[\\s/;&|\'"])';
const commandEnd = '(\\s|;|&|\\||\'|"|$)';

function entryPointRegex(entry: EntryPoint): string {
  if ('program' in entry) return `${commandStart}${escapeRegex(entry.program)}${(entry.args ?? []).map((arg) => `\\s+${escapeRegex(arg)}`).join('')}${commandEnd}`;
  return `(^|\\s)-m\\s+${escapeRegex(entry.pythonModule)}${entry.submodules ? '(\\.\\S+)?' : ''}${commandEnd}`;
}

/**
 * The container runs a server (model/engine-server.ts `runsServer`), read from its command and
 * args joined into one line: an engine's entry point (not on a multi-node rank other than 0), only
 * args on an image whose entrypoint serves, a `--port` flag on anything but a benchmark client, or
 * a `PORT` variable on anything but a smoke test or an idle container.
 */
export function serverContainer(c: string): string {
  const line = argv(c);
  const entryPoints = SERVER_ENTRY_POINTS.map(entryPointRegex).join('|');
  const notAServer = [...NOT_A_SERVER_COMMANDS.map(entryPointRegex), '(^|[\\s/])benchmark_\\w+\\.py'].join('|');
  const otherRank = `${line}.matches(${celString(`${escapeRegex(NODE_RANK_FLAG)}[= ]`)}) && !${line}.matches(${celString(`${escapeRegex(NODE_RANK_FLAG)}[= ]+0(\\s|$)`)})`;
  const entrypointImages = `^(?:(?:index\\.)?docker\\.io/)?(?:${literalAlternatives([...SERVER_ENTRYPOINT_IMAGES])})${IMAGE_SUFFIX}`;
  const pause = word([...PAUSE_IMAGES].map(escapeRegex).join('|'));
  return allOf([
    `!(has(${c}.image) && ${c}.image.lowerAscii().matches(${celString(pause)}))`,
    anyOf([
      `${line}.matches(${celString(entryPoints)}) && !(${otherRank})`,
      `${c}.?command.orValue([]).size() == 0 && ${c}.?args.orValue([]).size() > 0 && has(${c}.image) && ${c}.image.matches(${celString(entrypointImages)}) && !(${otherRank})`,
      `${line}.matches(${celString(`(^|\\s)${escapeRegex(SERVER_PORT_FLAG)}(=|\\s|$)`)}) && !${line}.matches(${celString(notAServer)})`,
      `${c}.?env.orValue([]).exists(e, e.?name.orValue('') == ${celString(SERVER_PORT_ENV)}) && !${line}.matches(${celString(`^\\s*(\\S*/)?(sleep|nvidia-smi|pause|true)${commandEnd}`)})`,
    ]),
  ]);
}

const networkProbe = (c: string, probe: string) => `has(${c}.${probe}) && (has(${c}.${probe}.httpGet) || has(${c}.${probe}.tcpSocket) || has(${c}.${probe}.grpc))`;

/** Connections reach the template's pods (analysis/profile.ts `receivesTraffic`): a port, a readiness probe, a network probe, or a server. */
export function receivesTraffic(template: string): string {
  return `${containersOf(template)}.exists(c, c.?ports.orValue([]).exists(p, has(p.containerPort)) || has(c.readinessProbe) || (${networkProbe('c', 'livenessProbe')}) || (${networkProbe('c', 'startupProbe')}) || (${serverContainer('c')}))`;
}

/**
 * The serving container as a list of none or one (analysis/profile.ts `servingContainer`): the
 * first with a GPU, else the first running an engine, else the only one, else the first with a
 * readiness or liveness probe.
 */
export function servingContainers(template: string): string {
  const containers = containersOf(template);
  const firstWhere = (condition: (c: string) => string) => `${containers}.exists(c, ${condition('c')}) ? [${containers}.filter(c, ${condition('c')})[0]]`;
  return `${firstWhere(gpuContainer)} : ${firstWhere(engineContainer)} : ${containers}.size() == 1 ? ${containers} : ${firstWhere((c) => `has(${c}.readinessProbe) || has(${c}.livenessProbe)`)} : []`;
}

/** An annotation of the object, else of the template (analysis/profile.ts `annotationOf`). */
function annotation(template: string, key: string): string {
  return `object.metadata.?annotations[?${celString(key)}].orValue(${template}.?metadata.?annotations[?${celString(key)}].orValue(''))`;
}

/** A config `workloads[]` entry matches the object (analysis/profile.ts `declarationMatches`). */
function declarationMatches(declaration: WorkloadDeclaration, defaultNamespace: string): string {
  const { apiGroup, kind, namespace, name, labels } = declaration.match;
  return allOf([
    ...(kind === undefined ? [] : [`object.kind == ${celString(kind)}`]),
    ...(apiGroup === undefined ? [] : [apiGroup === '' ? "!object.apiVersion.contains('/')" : `object.apiVersion.startsWith(${celString(`${apiGroup}/`)})`]),
    ...(namespace === undefined ? [] : [`object.metadata.?namespace.orValue(${celString(defaultNamespace)}) == ${celString(namespace)}`]),
    ...(name === undefined ? [] : [`object.metadata.?name.orValue('') == ${celString(name)}`]),
    ...Object.entries(labels ?? {}).map(([key, value]) => `object.metadata.?labels[?${celString(key)}].orValue(null) == ${celString(value)}`),
  ]);
}

/** The first declaration of `config.workloads` that sets `field` and matches, as a conditional chain ending in `otherwise`. */
function declared(config: ProfileConfig, defaultNamespace: string, value: (d: WorkloadDeclaration) => string | undefined, otherwise: string): string {
  return config.workloads.reduceRight((rest, declaration) => {
    const given = value(declaration);
    return given === undefined ? rest : `(${declarationMatches(declaration, defaultNamespace)}) ? ${given} : ${rest}`;
  }, otherwise);
}

/**
 * `variables.inferred`: the profile GPU resources or an engine image give the workload when its
 * pods serve (analysis/profile.ts `inferProfile`): `gpu-inference` or `none`.
 */
export function inferredProfile(): string {
  const serving = "variables.templates.filter(t, t != null && !(t.?spec.?restartPolicy.orValue('Always') in ['Never', 'OnFailure']))";
  return `${serving}.exists(t, ${receivesTraffic('t')}) && ${serving}.exists(t, ${containersOf('t')}.exists(c, (${gpuContainer('c')}) || (${engineContainer('c')}))) ? 'gpu-inference' : 'none'`;
}

/** The template's profile name: its annotation, else the config's declaration, else `variables.inferred`. */
export function profileOf(template: string, config: ProfileConfig, defaultNamespace: string): string {
  const written = `${annotation(template, PROFILE_ANNOTATION)}.trim()`;
  const fromConfig = declared(config, defaultNamespace, (d) => (d.profile === undefined ? undefined : celString(d.profile)), 'variables.inferred');
  return `${written} in ${celStrings(PROFILE_NAMES)} ? ${written} : ${fromConfig}`;
}

/** A Go duration CEL's `duration()` reads (`90s`, `1m30s`), or whole seconds (`90`). */
const DURATION = '^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))*$';

/** The longest request in whole seconds: the annotation, else the config's declaration, else the profile's. */
function longestRequest(template: string, profile: string, config: ProfileConfig, defaultNamespace: string): string {
  const written = `${annotation(template, LONGEST_REQUEST_ANNOTATION)}.trim()`;
  const byProfile = `(${profile} == 'long-lived' ? ${config.profiles['long-lived'].longestRequest} : ${config.profiles['gpu-inference'].longestRequest})`;
  const fromConfig = declared(config, defaultNamespace, (d) => (d.longestRequest === undefined ? undefined : String(Math.ceil(d.longestRequest))), byProfile);
  return `${written}.matches('^[0-9]+$') && int(${written}) > 0 ? int(${written}) : ${written}.matches(${celString(DURATION)}) && duration(${written}) > duration('0s') ? int(duration(${written}).getSeconds()) : ${fromConfig}`;
}

const setting = (profile: string, config: ProfileConfig, key: 'preStop' | 'marginSeconds' | 'marginPercent') =>
  `(${profile} == 'long-lived' ? ${config.profiles['long-lived'][key]} : ${config.profiles['gpu-inference'][key]})`;

/**
 * The preStop seconds the grace budget counts (analysis/subjects.ts `drainSubject`): a native
 * sleep's, an exec `sleep N` (seconds or minutes, not in a loop), else the profile's; none when
 * the hook is missing from pods no connection reaches.
 */
function preStopSeconds(serving: string, receives: string, profile: string, config: ProfileConfig): string {
  const assumed = setting(profile, config, 'preStop');
  // Read through a bound container: has() takes a field of a variable (cel-js refuses `has(list[0].f)`).
  const hook = 'c.lifecycle.preStop';
  const script = `${hook}.exec.command.join(' ')`;
  const sleep = `${script}.find('sleep\\\\s+[0-9]+m?')`;
  const slept = `int(${sleep}.find('[0-9]+')) * (${sleep}.endsWith('m') ? 60 : 1)`;
  const seconds = [
    `!has(c.lifecycle) || !has(${hook}) ? (${receives} ? ${assumed} : 0)`,
    `has(${hook}.sleep) && type(${hook}.sleep.seconds) == int ? ${hook}.sleep.seconds`,
    `has(${hook}.exec) && has(${hook}.exec.command) && ${sleep} != '' && !${script}.matches('(^|\\\\W)(while|until|for)\\\\W') ? ${slept}`,
    assumed,
  ].join(' : ');
  return `${serving}.size() == 0 ? (${receives} ? ${assumed} : 0) : ${serving}.map(c, ${seconds})[0]`;
}

/**
 * The grace budget in whole seconds (analysis/profile.ts `graceBudget`): preStop + longest request
 * + max(marginSeconds, marginPercent × (preStop + longest request)).
 */
export function graceBudget(template: string, serving: string, receives: string, profile: string, config: ProfileConfig, defaultNamespace: string): string {
  const work = `((${preStopSeconds(serving, receives, profile, config)}) + (${longestRequest(template, profile, config, defaultNamespace)}))`;
  const percent = `((${setting(profile, config, 'marginPercent')} * ${work} + 99) / 100)`;
  const seconds = setting(profile, config, 'marginSeconds');
  return `${work} + (${seconds} > ${percent} ? ${seconds} : ${percent})`;
}
