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
import { entryPointLength, hubRepository, repositoryName } from './engine-flags.js';
import type { Container } from './pod.js';
import { INSTANT_COMMANDS } from './prestop.js';
import { basename, commandsIn, shellScriptIndex } from './shell.js';

/**
 * Whether a container shows it runs a server when it declares no port, probe or Service (RULES.md,
 * "Reading preStop and engine invocations"): an engine's server entry point in its command, args
 * or `sh -c` script (`python3 -m sglang.launch_server`), only `args` on an image whose entrypoint
 * is the server (vLLM's, TGI's), else a `--port` flag, else a `PORT` variable. A multi-node worker
 * rank shows no server, whatever port it names; nor does a smoke test (`nvidia-smi`), `sleep`, a
 * pause container or a benchmark client (`vllm bench`, `benchmark_serving.py`, `genai-perf`): a
 * `--port` counts on any other command, a `PORT` unless every command is one of those (or returns
 * at once). Read once per container: every profile and drain subject of its workload asks.
 */
export function runsServer(container: Container): boolean {
  let known = servers.get(container);
  if (known === undefined) servers.set(container, (known = readRunsServer(container)));
  return known;
}

const servers = new WeakMap<Container, boolean>();

function readRunsServer(container: Container): boolean {
  if (container.image !== undefined && PAUSE_IMAGES.has(repositoryName(container.image))) return false;
  const commands = commandsOf(container);
  // Only args: the image's entrypoint runs with them (`args: ["--model-id", "m"]` on TGI's image).
  if (runsServingEntrypoint(container) && !mayBeWorker(commands[0]!, -1)) return true;
  if (commands.some(startsServer)) return true;
  // A `--port` counts on a command that may serve: not a benchmark client's (`vllm bench serve
  // --port 8000`), nor a worker rank's (SGLang's non-zero ranks take `--port` and serve no HTTP).
  // A rank from a variable (`--node-rank $POD_INDEX` in a StatefulSet) is 0 on one pod, which serves.
  const mayServe = commands.filter((words) => !isNotAServer(words) && !isWorkerRank(words));
  if (mayServe.some((words) => lastFlag(words, SERVER_PORT_FLAG) !== undefined)) return true;
  // `nvidia-smi; sleep infinity` serves nothing whatever PORT says; `nvidia-smi && python app.py` may.
  if (commands.length > 0 && mayServe.every((words) => INSTANT_COMMANDS.has(words[0]!))) return false;
  return hasPortVariable(container);
}

function runsServingEntrypoint(container: Container): boolean {
  if ((container.command?.value.length ?? 0) > 0 || (container.args?.value.length ?? 0) === 0 || container.image === undefined) return false;
  return SERVER_ENTRYPOINT_IMAGES.has(hubRepository(container.image));
}

/** The commands a container runs, each as its words: one argv, or the commands of a `sh -c` script. */
function commandsOf(container: Container): string[][] {
  const argv = [...(container.command?.value ?? []), ...(container.args?.value ?? [])];
  const [program] = argv;
  if (program === undefined) return [];
  const script = shellScriptIndex(argv);
  if (script !== undefined) return commandsIn(argv[script]!) ?? [];
  return [[basename(program), ...argv.slice(1)]];
}

/**
 * An entry point at any word (after wrappers such as `dumb-init --`), unless a multi-node rank
 * other than 0 follows it. Each word is tried against the entry points' few words: linear.
 */
function startsServer(words: readonly string[]): boolean {
  for (let start = 0; start < words.length; start++) {
    if (firstMatch(words, SERVER_ENTRY_POINTS, start) !== undefined) return !mayBeWorker(words, start);
  }
  return false;
}

/** A multi-node rank after `start` other than a literal 0 (`--node-rank $(LWS_WORKER_INDEX)`): perhaps a worker that serves no HTTP. */
function mayBeWorker(words: readonly string[], start: number): boolean {
  const rank = lastFlag(words, NODE_RANK_FLAG);
  return rank !== undefined && rank.index > start && rank.value !== '0';
}

/** A literal multi-node rank other than 0 (`--node-rank 1`): a worker, whatever port it is given. */
function isWorkerRank(words: readonly string[]): boolean {
  const rank = lastFlag(words, NODE_RANK_FLAG)?.value;
  return rank !== undefined && /^\d+$/.test(rank) && Number(rank) !== 0;
}

/** A flag's last occurrence (the one an argument parser keeps), as `--flag value` or `--flag=value`. */
function lastFlag(words: readonly string[], flag: string): { index: number; value: string | undefined } | undefined {
  for (let index = words.length - 1; index >= 0; index--) {
    const word = words[index]!;
    if (word === flag) return { index, value: words[index + 1] };
    if (word.startsWith(`${flag}=`)) return { index, value: word.slice(flag.length + 1) };
  }
  return undefined;
}

function isNotAServer(words: readonly string[]): boolean {
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
function hasPortVariable(container: Container): boolean {
  const data = container.view.toJS() as { env?: unknown } | null;
  if (!Array.isArray(data?.env)) return false;
  return (data.env as unknown[]).some((item) => {
    if (typeof item !== 'object' || item === null) return false;
    const { name, value } = item as { name?: unknown; value?: unknown };
    return name === SERVER_PORT_ENV && (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '';
  });
}
