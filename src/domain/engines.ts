/**
 * Inference engines: how to recognise them and what they do at SIGTERM (DOMAIN.md, "Inference
 * engines"). Profiles, the engine-flag reader and engine-shutdown-timeout all read this list.
 */

/** The engines whose own SIGTERM drain the rules judge. */
export type JudgedEngine = 'vllm' | 'tgi' | 'triton';

/**
 * A command that starts the engine: a program (with its first arguments), or a Python module run
 * with `python -m` (with `submodules`, any module under it: `vllm.entrypoints.openai.api_server`).
 */
export type EntryPoint = { program: string; args?: readonly string[] } | { pythonModule: string; submodules?: boolean };

/** The engine's own drain at SIGTERM, and the setting that bounds it. */
export interface ShutdownFacts {
  /** The flag that bounds the drain, in seconds. */
  flag: string;
  /** The flag's one-letter form, where the engine has one (clap's `short`). */
  shortFlag?: string;
  /** An environment variable that sets the same value when the flag is absent. */
  env?: string;
  /** The engine's value when neither is set (undefined: the flag is off by default). */
  defaultSeconds?: number;
  /** The first release that has the flag, as [major, minor] or [major, minor, patch]. */
  since?: readonly number[];
  /**
   * Shutdown flags that were proposed and never shipped: the engine's argument parser exits on
   * them, so the server does not start.
   */
  neverShipped?: readonly string[];
}

/** What the rules know of an engine they judge: id, display name, entry points and drain facts. */
export interface JudgedEngineFacts {
  id: JudgedEngine;
  name: string;
  entryPoints: readonly EntryPoint[];
  /** Whether its argument parser reads `--a_b` as `--a-b`. */
  underscoresInFlags: boolean;
  shutdown: ShutdownFacts;
  /**
   * The engine's own image repositories, whose tag is the engine's release (`vllm/vllm-openai:v0.11.0`);
   * another image's tag is its own product's version (`ghcr.io/llm-d/llm-d-cuda:v0.3.0`). Docker
   * Hub repositories are written without `docker.io/`.
   */
  releaseRepositories?: readonly string[];
  /**
   * Where a repository name carries the engine's version (captures: major, minor), for images
   * whose tag does not.
   */
  versionInRepository?: RegExp;
}

export interface InferenceEngine {
  /** A word (or `-`-joined words) of an image's repository name (its last path segment) that names the engine. */
  image: string;
  /** Published repositories whose last segment does not name the engine (`nvcr.io/nvidia/tensorrt-llm/release`). */
  repositories?: readonly string[];
  /** For the engines the rules judge. */
  judged?: JudgedEngineFacts;
}

/**
 * vllm/vllm-openai; `--shutdown-timeout` from v0.18.0 (vllm-project/vllm PR #36666): SIGTERM then
 * rejects new requests and waits up to N s, then aborts what is left; the default 0 aborts
 * in-flight requests at once. Only the OpenAI-compatible API server has it (not
 * vllm.entrypoints.grpc_server). `--shutdown-mode` and `--shutdown-drain-timeout` were proposed
 * and never shipped: `vllm serve` exits on them as unknown arguments (DOMAIN.md, "Inference
 * engines").
 */
export const VLLM = {
  id: 'vllm',
  name: 'vLLM',
  entryPoints: [{ program: 'vllm', args: ['serve'] }, { pythonModule: 'vllm.entrypoints.openai.api_server' }],
  underscoresInFlags: true,
  shutdown: { flag: '--shutdown-timeout', since: [0, 18], neverShipped: ['--shutdown-mode', '--shutdown-drain-timeout'] },
  // AWS's vLLM Deep Learning Containers are tagged with the vLLM release they ship
  // (`deep-learning-containers/vllm:0.14.0-gpu-…`: aws/deep-learning-containers, docs/releasenotes/vllm;
  // `pytorch-inference-vllm-neuronx:0.9.1-neuronx-…`: aws-neuron/deep-learning-containers README).
  releaseRepositories: ['vllm/vllm-openai', 'public.ecr.aws/deep-learning-containers/vllm', 'public.ecr.aws/neuron/pytorch-inference-vllm-neuronx'],
} as const satisfies JudgedEngineFacts;

/**
 * ghcr.io/huggingface/text-generation-inference: `--graceful-termination-timeout` (clap
 * `#[clap(default_value = "90", long, short, env)]`, so also `-g` and env `GRACEFUL_TERMINATION_TIMEOUT`),
 * from v3.2.2 (huggingface/text-generation-inference PR #3126, launcher/src/main.rs; before it the
 * launcher waited a fixed 90 s). At SIGTERM the launcher waits that long for the webserver and
 * each shard, then kills them. TGI is in maintenance mode.
 */
export const TGI = {
  id: 'tgi',
  name: 'TGI',
  entryPoints: [{ program: 'text-generation-launcher' }],
  underscoresInFlags: true,
  shutdown: { flag: '--graceful-termination-timeout', shortFlag: '-g', env: 'GRACEFUL_TERMINATION_TIMEOUT', defaultSeconds: 90, since: [3, 2, 2] },
  // Google Cloud's Hugging Face Deep Learning Containers name TGI's version after the CUDA one:
  // `huggingface-text-generation-inference-cu124.2-3.ubuntu2204.py311` is TGI 2.3 (built from
  // containers/tgi/gpu/2.3.1/Dockerfile: huggingface/Google-Cloud-Containers, containers/tgi/README.md).
  releaseRepositories: ['ghcr.io/huggingface/text-generation-inference'],
  versionInRepository: /^huggingface-text-generation-inference-cu\d+\.(\d+)-(\d+)\./,
} as const satisfies JudgedEngineFacts;

/** nvcr.io/nvidia/tritonserver: `--exit-timeout-secs`, default 30 (tritonserver --help). */
export const TRITON = {
  id: 'triton',
  name: 'Triton',
  entryPoints: [{ program: 'tritonserver' }],
  underscoresInFlags: false,
  shutdown: { flag: '--exit-timeout-secs', defaultSeconds: 30 },
} as const satisfies JudgedEngineFacts;

/**
 * Ray Serve: how long a replica it stops (scale-down, a new version of the application) gets to
 * finish in-flight requests, per deployment in a RayService's `serveConfigV2`. KubeRay does not
 * drain Ray on a pod deletion, so this is Serve's own stop, not the pod's SIGTERM. Source:
 * ray@0016b72beb2c `python/ray/serve/_private/constants.py` (`DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT_S = 20`),
 * ray@002086c3df3b `python/ray/serve/_private/config.py` (`DeploymentConfig`); CRDS.md §5.
 */
export const RAY_SERVE = {
  name: 'Ray Serve',
  configField: 'serveConfigV2',
  timeoutKey: 'graceful_shutdown_timeout_s',
  defaultSeconds: 20,
} as const;

/**
 * Words of an image's repository name that make it something other than the server: a mock, an
 * SDK, a client or a benchmark (`aibrix/vllm-mock`). RULES.md, "Reading preStop and engine
 * invocations" (issue 15: `aibrix/vllm-mock` was judged as vLLM).
 */
export const NOT_A_SERVER_WORDS: ReadonlySet<string> = new Set(['mock', 'sdk', 'client', 'bench', 'benchmark', 'benchmarks']);

/** In matching order: an image is the first engine one of whose words its repository name contains. */
export const INFERENCE_ENGINES: readonly InferenceEngine[] = [
  { image: 'vllm', judged: VLLM },
  // lmsysorg/sglang: drains on SIGTERM with no upper bound (DOMAIN.md, "Inference engines").
  { image: 'sglang' },
  { image: 'text-generation-inference', judged: TGI },
  { image: 'tritonserver', judged: TRITON },
  // openmmlab/lmdeploy (LMDeploy's published images, hub.docker.com/r/openmmlab/lmdeploy).
  { image: 'lmdeploy' },
  // nvcr.io/nvidia/tensorrt-llm/release (NVIDIA NGC, TensorRT-LLM containers).
  { image: 'tensorrt-llm', repositories: ['nvcr.io/nvidia/tensorrt-llm/release'] },
  // rayproject/ray, rayproject/ray-ml (Ray Serve): graceful_shutdown_timeout_s default 20 s per
  // deployment in a RayService's serveConfigV2 (DOMAIN.md, "Inference engines").
  { image: 'ray' },
];

/** The judged engines by id. */
export const JUDGED_ENGINES: Readonly<Record<JudgedEngine, JudgedEngineFacts>> = { vllm: VLLM, tgi: TGI, triton: TRITON };

/**
 * Commands that start an inference server, in a container's command, args or shell script: a pod
 * running one is reached by connections even with no containerPort, probe or Service (RULES.md,
 * "Reading preStop and engine invocations"; issue 15: TGI and SGLang manifests declare none).
 * vLLM: `vllm serve` and the `vllm.entrypoints` API servers; SGLang: `python -m
 * sglang.launch_server` (SGLang docs, "Server arguments"); TGI: `text-generation-launcher`;
 * Triton: `tritonserver`.
 */
export const SERVER_ENTRY_POINTS: readonly EntryPoint[] = [
  { program: 'vllm', args: ['serve'] },
  { pythonModule: 'vllm.entrypoints', submodules: true },
  { pythonModule: 'sglang.launch_server' },
  ...TGI.entryPoints,
  ...TRITON.entryPoints,
];

/**
 * Image repositories whose own ENTRYPOINT starts the server, so a container that sets only `args`
 * runs it: vllm/vllm-openai (vllm-project/vllm docker/Dockerfile, stage vllm-openai: `ENTRYPOINT
 * ["vllm", "serve"]`, before it `["python3", "-m", "vllm.entrypoints.openai.api_server"]`) and TGI
 * (huggingface/text-generation-inference Dockerfile, final stage: `ENTRYPOINT
 * ["text-generation-launcher"]`). Not nvcr.io/nvidia/tritonserver (its entrypoint runs the command
 * it is given, `tritonserver` must be named), nor lmsysorg/sglang or rayproject/ray (a shell).
 * Docker Hub repositories are written without `docker.io/`.
 */
export const SERVER_ENTRYPOINT_IMAGES: ReadonlySet<string> = new Set(['vllm/vllm-openai', 'ghcr.io/huggingface/text-generation-inference']);

/**
 * A multi-node rank: SGLang's non-zero ranks run only scheduler processes, no HTTP server
 * (sgl-project/sglang python/sglang/srt/entrypoints/engine.py, `_launch_subprocesses`: "non-zero
 * rank nodes do not need to run tokenizer or detokenizer, so they can just wait here"), so an entry point with a rank other than a literal 0 may be a worker
 * (a LeaderWorkerSet's workerTemplate) and shows no server by itself.
 */
export const NODE_RANK_FLAG = '--node-rank';

/** A flag that makes any program a server listening on a port (`--port 30000`, `--port=8080`). */
export const SERVER_PORT_FLAG = '--port';

/** An environment variable naming the port a server listens on (TGI reads `PORT`; so do many web servers). */
export const SERVER_PORT_ENV = 'PORT';

/**
 * Commands that run on a GPU pod without serving anyone, even with a `--port` flag (the server a
 * benchmark client calls) or a `PORT` variable: GPU smoke tests, idling, and benchmark clients
 * (`vllm bench`, vLLM's `benchmarks/benchmark_serving.py`, SGLang's `python -m sglang.bench_serving`,
 * NVIDIA's `genai-perf`). RULES.md, "Reading preStop and engine invocations".
 */
export const NOT_A_SERVER_COMMANDS: readonly EntryPoint[] = [
  { program: 'nvidia-smi' },
  { program: 'sleep' },
  { program: 'pause' },
  { program: 'vllm', args: ['bench'] },
  { program: 'genai-perf' },
  { pythonModule: 'vllm.benchmarks', submodules: true },
  { pythonModule: 'sglang.bench_serving' },
  { pythonModule: 'sglang.bench_one_batch' },
  { pythonModule: 'sglang.bench_offline_throughput' },
];

/** Benchmark scripts run as `python benchmarks/benchmark_serving.py …` (vLLM's `benchmarks/` folder). */
export const BENCHMARK_SCRIPT = /^benchmark_\w+\.py$/;

/** Image repository names (last path segment) of containers that only hold a pod's namespaces: `registry.k8s.io/pause`. */
export const PAUSE_IMAGES: ReadonlySet<string> = new Set(['pause']);
