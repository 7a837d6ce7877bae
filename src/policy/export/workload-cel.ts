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
import { INSTANT_COMMANDS } from '../../model/prestop.js';
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

/** CEL for the list of template indices, `[0, 1]`: the most slots a kind has. */
export function slotIndices(): string {
  const slots = Math.max(...EXPORTED_KINDS.map((kind) => kind.slots.length));
  return `[${Array.from({ length: slots }, (_, i) => i).join(', ')}]`;
}

/** CEL for `variables.templates`: the object's pod templates by kind, null where one is not written. */
export function templatesExpression(): string {
  return EXPORTED_KINDS.reduceRight((otherwise, kind) => `object.kind == ${celString(kind.kind)} ? ${kind.templates} : ${otherwise}`, '[]');
}

const containersOf = (template: string) => `${template}.?spec.?containers.orValue([])`;

/** A container asks for a positive amount (or a templated one) of a GPU-class resource; a limit overrides a request of the same resource. */
export function gpuContainer(c: string): string {
  const amount = `string(${c}.resources[part][name])`;
  const overridden = `part == 'requests' && name in ${c}.resources.?limits.orValue({})`;
  return `['requests', 'limits'].exists(part, ${c}.?resources[?part].orValue({}).exists(name, name.matches(${celString(ACCELERATOR_RESOURCE.source)}) && !(${overridden}) && (isQuantity(${amount}) ? quantity(${amount}).isGreaterThan(quantity('0')) : ${amount}.matches(${celString(PLACEHOLDER)}))))`;
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
/** The commands of a joined command line, split where a shell would chain them. */
const commandsOf = (line: string) => `${line}.replace('&&', ';').replace('||', ';').replace('|', ';').replace('&', ';').replace('\\n', ';').split(';')`;
const commandStart = '(^|[\\s/;&|\'"])';
const commandEnd = '(\\s|;|&|\\||\'|"|$)';
/** A command's first word, after a shell (`sh -c`), `exec` and a directory. */
const PROGRAM_START = '^\\s*(?:(?:\\S*/)?(?:sh|bash|dash|ash|zsh)\\s+(?:-[a-zA-Z]+\\s+)*)?(?:exec\\s+)?(?:\\S*/)?';
const PYTHON = 'python([0-9](\\.[0-9]+)?)?';

/** An entry point as a regex: a program and its leading args, or `python -m <module>` (model/engine-flags.ts `entryPointLength`). */
function entryPointRegex(entry: EntryPoint, start: string): string {
  if ('program' in entry) return `${start}${escapeRegex(entry.program)}${(entry.args ?? []).map((arg) => `\\s+${escapeRegex(arg)}`).join('')}${commandEnd}`;
  return `${start}${PYTHON}\\s+-m\\s+${escapeRegex(entry.pythonModule)}${entry.submodules ? '(\\.\\S+)?' : ''}${commandEnd}`;
}

/** A command that returns at once (`echo`, `touch`): it serves nothing and sleeps no time (model/prestop.ts). */
const INSTANT = `${PROGRAM_START}(${literalAlternatives([...INSTANT_COMMANDS])})${commandEnd}`;

const flag = escapeRegex(NODE_RANK_FLAG);
/** A literal rank other than 0 (`--node-rank 1`): a worker, whatever port it names. */
const workerRank = (command: string) => `${command}.matches(${celString(`${flag}[= ]+0*[1-9][0-9]*(\\s|$)`)})`;
/** A rank that may be other than 0 (a literal, or a variable): an entry point after it may be a worker's. */
const otherRank = (command: string) => `${command}.matches(${celString(`${flag}[= ]`)}) && !${command}.matches(${celString(`${flag}[= ]+0(\\s|$)`)})`;

/**
 * The container runs a server (model/engine-server.ts `runsServer`), read from its command and
 * args joined into one line and split into commands: an engine's entry point (not on a
 * multi-node rank other than 0), only args on an image whose entrypoint serves, a `--port` flag
 * on a command that is not a benchmark client or a worker rank, or a literal `PORT` variable
 * unless every such command is a smoke test, an idle one or one that returns at once.
 */
export function serverContainer(c: string): string {
  const line = argv(c);
  const commands = commandsOf(line);
  const entryPoints = SERVER_ENTRY_POINTS.map((entry) => entryPointRegex(entry, commandStart)).join('|');
  const notAServer = [...NOT_A_SERVER_COMMANDS.map((entry) => entryPointRegex(entry, PROGRAM_START)), '(^|[\\s/])benchmark_\\w+\\.py(\\s|$)'].join('|');
  const mayServe = (command: string) => `${command}.trim() != '' && !${command}.matches(${celString(notAServer)}) && !${workerRank(command)}`;
  const entrypointImages = `^(?:(?:index\\.)?docker\\.io/)?(?:${literalAlternatives([...SERVER_ENTRYPOINT_IMAGES])})${IMAGE_SUFFIX}`;
  const pause = `${IMAGE_PREFIX}(?:${literalAlternatives([...PAUSE_IMAGES])})${IMAGE_SUFFIX}`;
  const portVariable = `${c}.?env.orValue([]).exists(e, e.?name.orValue('') == ${celString(SERVER_PORT_ENV)} && has(e.value) && (type(e.value) == string || type(e.value) == int) && string(e.value).trim() != '')`;
  return allOf([
    `!(has(${c}.image) && ${c}.image.lowerAscii().matches(${celString(pause)}))`,
    anyOf([
      `${commands}.exists(cmd, cmd.matches(${celString(entryPoints)}) && !(${otherRank('cmd')}))`,
      `${c}.?command.orValue([]).size() == 0 && ${c}.?args.orValue([]).size() > 0 && has(${c}.image) && ${c}.image.matches(${celString(entrypointImages)}) && !(${otherRank(line)})`,
      `${commands}.exists(cmd, cmd.matches(${celString(`(^|\\s)${escapeRegex(SERVER_PORT_FLAG)}(=|\\s|$)`)}) && ${mayServe('cmd')})`,
      `${portVariable} && !(${line}.trim() != '' && ${commands}.filter(cmd, ${mayServe('cmd')}).all(cmd, cmd.matches(${celString(INSTANT)})))`,
    ]),
  ]);
}

const networkProbe = (c: string, probe: string) => `has(${c}.${probe}) && (has(${c}.${probe}.httpGet) || has(${c}.${probe}.tcpSocket) || has(${c}.${probe}.grpc))`;

/** Connections reach the template's pods (analysis/profile.ts `receivesTraffic`): a port, a readiness probe, a network probe, or a server. */
export function receivesTraffic(template: string): string {
  return `${containersOf(template)}.exists(c, c.?ports.orValue([]).exists(p, has(p.containerPort) && type(p.containerPort) == int) || has(c.readinessProbe) || (${networkProbe('c', 'livenessProbe')}) || (${networkProbe('c', 'startupProbe')}) || (${serverContainer('c')}))`;
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
  // Whole seconds, rounded up: `9.5` and `1.5s` count as 10 and 2.
  const number = `double(${written})`;
  const seconds = `int(duration(${written}).getSeconds())`;
  return [
    `${written}.matches('^([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)$') && ${number} > 0.0 ? int(${number}) + (${number} > double(int(${number})) ? 1 : 0)`,
    `${written}.matches(${celString(DURATION)}) && duration(${written}) > duration('0s') ? ${seconds} + (duration(${written}) > duration(string(${seconds}) + 's') ? 1 : 0)`,
    fromConfig,
  ].join(' : ');
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
  // Every `sleep N` (seconds, or minutes) of the script, in sequence (model/prestop.ts).
  const sleeps = `${script}.findAll('(^|[\\\\s;&|/(])sleep\\\\s+[0-9]+m?')`;
  const slept = `${sleeps}.map(m, int(m.find('[0-9]+')) * (m.endsWith('m') ? 60 : 1)).sum()`;
  const seconds = [
    `!has(c.lifecycle) || !has(${hook}) ? (${receives} ? ${assumed} : 0)`,
    `has(${hook}.sleep) && type(${hook}.sleep.seconds) == int ? ${hook}.sleep.seconds`,
    // Its sleeps, when it sleeps or only runs commands that return at once; not a loop's.
    `has(${hook}.exec) && has(${hook}.exec.command) && !${script}.matches('(^|\\\\W)(while|until|for)\\\\W') && (${sleeps}.size() > 0 || ${commandsOf(script)}.all(cmd, cmd.trim() == '' || cmd.matches(${celString(INSTANT)}))) ? ${slept}`,
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
