import {
  BENCHMARK_SCRIPT,
  NODE_RANK_FLAG,
  NOT_A_SERVER_COMMANDS,
  PAUSE_IMAGES,
  SERVER_ENTRY_POINTS,
  SERVER_ENTRYPOINT_IMAGES,
  SERVER_PORT_ENV,
  SERVER_PORT_FLAG,
  type EntryPoint,
} from '../domain/engines.js';
import { entryPointLength, imageRepository } from './engine-flags.js';
import type { Container } from './pod.js';
import { INSTANT_COMMANDS } from './prestop.js';
import { commandsIn, isShell } from './shell.js';

/**
 * How a container shows it runs a server when it declares no port, probe or Service (RULES.md,
 * "Reading preStop and engine invocations"): an engine's server entry point in its command, args
 * or `sh -c` script (`python3 -m sglang.launch_server`), else a `--port` flag, else a `PORT`
 * variable (a multi-node worker rank shows no server by itself). A smoke test (`nvidia-smi`), `sleep`, a pause container or a benchmark client
 * (`vllm bench`, `benchmark_serving.py`, `genai-perf`) serves nothing, whatever port it names: a
 * `--port` counts on any other command, a `PORT` unless every command is one of those (or returns at once).
 * Only `args` on an image whose entrypoint is the server (vLLM's, TGI's) run the server too.
 * Undefined when none shows; the text says which one did, for messages.
 */
export function serverInvocation(container: Container): string | undefined {
  if (!invocations.has(container)) invocations.set(container, readServerInvocation(container));
  return invocations.get(container);
}

/** Once per container: every profile and drain subject of its workload asks. */
const invocations = new WeakMap<Container, string | undefined>();

function readServerInvocation(container: Container): string | undefined {
  if (container.image !== undefined && PAUSE_IMAGES.has(repositoryName(container.image))) return undefined;
  const commands = commandsOf(container);
  // Only args: the image's entrypoint runs with them (`args: ["--model-id", "m"]` on TGI's image).
  if (runsServingEntrypoint(container) && !isWorkerRank(commands[0]!)) return `image ${container.image}`;
  for (const words of commands) {
    const rank = lastFlagIndex(words, NODE_RANK_FLAG);
    for (let start = 0; start < words.length; start++) {
      const length = firstMatch(words, SERVER_ENTRY_POINTS, start);
      if (length !== undefined && !(rank > start && mayBeWorker(words, rank))) {
        return `command ${[basename(words[start]!), ...words.slice(start + 1, start + length)].join(' ')}`;
      }
    }
  }
  // A `--port` counts on a command that may serve: not a benchmark client's (`vllm bench serve
  // --port 8000`), nor a worker rank's (SGLang's non-zero ranks take `--port` and serve no HTTP).
  const mayServe = commands.filter((words) => !isNotAServer(words) && !isWorkerRank(words));
  for (const words of mayServe) {
    const index = words.findIndex((w) => w === SERVER_PORT_FLAG || w.startsWith(`${SERVER_PORT_FLAG}=`));
    if (index !== -1) return `flag ${words[index]!.includes('=') ? words[index] : `${SERVER_PORT_FLAG} ${words[index + 1] ?? ''}`.trim()}`;
  }
  // `nvidia-smi; sleep infinity` serves nothing whatever PORT says; `nvidia-smi && python app.py` may.
  if (commands.length > 0 && mayServe.every((words) => INSTANT_COMMANDS.has(words[0]!))) return undefined;
  const port = portVariable(container);
  return port === undefined ? undefined : `env ${SERVER_PORT_ENV}=${port}`;
}

function runsServingEntrypoint(container: Container): boolean {
  if ((container.command?.value.length ?? 0) > 0 || (container.args?.value.length ?? 0) === 0 || container.image === undefined) return false;
  return SERVER_ENTRYPOINT_IMAGES.has(imageRepository(container.image).replace(/^(index\.)?docker\.io\//, ''));
}

/** The commands a container runs, each as its words: one argv, or the commands of a `sh -c` script. */
function commandsOf(container: Container): string[][] {
  const argv = [...(container.command?.value ?? []), ...(container.args?.value ?? [])];
  const [program] = argv;
  if (program === undefined) return [];
  if (isShell(program)) {
    const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
    const script = flag === -1 ? undefined : argv[flag + 1];
    if (script !== undefined) return commandsIn(script) ?? [];
  }
  return [[basename(program), ...argv.slice(1)]];
}

/** The index of a flag's last occurrence (the one an argument parser keeps), `--flag value` or `--flag=value`; -1 when absent. */
function lastFlagIndex(words: readonly string[], flag: string): number {
  for (let i = words.length - 1; i >= 0; i--) if (words[i] === flag || words[i]!.startsWith(`${flag}=`)) return i;
  return -1;
}

/** A multi-node rank (the flag at `index`) other than a literal 0 (`--node-rank $(LWS_WORKER_INDEX)`): perhaps a worker that serves no HTTP. */
function mayBeWorker(words: readonly string[], index: number): boolean {
  const word = words[index]!;
  const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : words[index + 1];
  return value !== '0';
}

function isWorkerRank(words: readonly string[]): boolean {
  const rank = lastFlagIndex(words, NODE_RANK_FLAG);
  return rank !== -1 && mayBeWorker(words, rank);
}

function isNotAServer(words: string[]): boolean {
  if (firstMatch(words, NOT_A_SERVER_COMMANDS) !== undefined) return true;
  // `python benchmarks/benchmark_serving.py …`, `torchrun … benchmark_latency.py`.
  return words.some((word) => BENCHMARK_SCRIPT.test(basename(word)));
}

function firstMatch(words: readonly string[], entries: readonly EntryPoint[], start = 0): number | undefined {
  for (const entry of entries) {
    const length = entryPointLength(words, entry, start);
    if (length !== undefined) return length;
  }
  return undefined;
}

/** A literal `PORT` in the container's env, read as plain data (env is otherwise read only for engines). */
function portVariable(container: Container): string | undefined {
  const data = container.view.toJS() as { env?: unknown } | null;
  if (!Array.isArray(data?.env)) return undefined;
  for (const item of data.env as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, value } = item as { name?: unknown; value?: unknown };
    if (name === SERVER_PORT_ENV && (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '') return String(value);
  }
  return undefined;
}

function repositoryName(image: string): string {
  const repository = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  return repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
