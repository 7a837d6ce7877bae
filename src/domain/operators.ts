/**
 * What inference operators add to the pods they create, and what their custom resources let a
 * user set. Each fact once, with the operator source it was read from (../shared/CRDS.md gives
 * every one with `repo@commit path:line`; the section is named beside each fact).
 */

/** A probe an operator adds, as the core/v1 Probe it writes (timing fields left out take the Kubernetes defaults). */
export interface OperatorProbe {
  handler: { httpGet: { path: string; port: number | string } } | { exec: { command: readonly string[] } } | { tcpSocket: { port: number | string } };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

/** A preStop hook an operator adds. */
export type OperatorPreStop = { exec: { command: readonly string[] } } | { httpGet: { path: string; port: number } };

/** What an operator writes into the pod spec it creates from a custom resource, where the user leaves it unset. */
export interface OperatorPodDefaults {
  /** How messages name the source: `KServe's LLMInferenceService preset`. */
  by: string;
  terminationGracePeriodSeconds?: number;
  preStop?: OperatorPreStop;
  /** How long that preStop holds the pod at least, where it is not a sleep the linter can read. */
  preStopSeconds?: { seconds: number; why: string };
  readinessProbe?: OperatorProbe;
  livenessProbe?: OperatorProbe;
  startupProbe?: OperatorProbe;
}

/**
 * KServe LLMInferenceService presets (`kserve-config-llm-template` and the decode, prefill and
 * worker variants), as KServe v0.20 ships them, merged under every LLMInferenceService: container
 * `main`, port 8000. Source: kserve@aaac4e294dae `config/llmisvcconfig/config-llm-template.yaml:198-240`
 * (preStop, probes, grace; kserve#5485, #5602, #5677); CRDS.md §4.
 */
export const LLMISVC_PRESET: OperatorPodDefaults = {
  by: "KServe's LLMInferenceService preset",
  terminationGracePeriodSeconds: 60,
  preStop: { exec: { command: ['/bin/sleep', '15'] } },
  readinessProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 2 },
  livenessProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 10 },
  startupProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, periodSeconds: 10, failureThreshold: 60 },
};

/** The container of an LLMInferenceService the presets fill in (merged by name). Source: CRDS.md §4. */
export const LLMISVC_MAIN_CONTAINER = 'main';

/**
 * Engine flags the LLMInferenceService preset passes, derived from the pod's grace period: vLLM
 * `--shutdown-timeout` = max(0, grace − preStop − min(5, grace)), 40 s at the preset's 60 s (vLLM ≥ 0.18).
 * Source: kserve@aaac4e294dae `pkg/controller/v1alpha2/llmisvc/config_merge.go:766-788` (test
 * "60-15-min(5,60)=40", `config_merge_test.go:1829`); CRDS.md §4.
 */
export const LLMISVC_DERIVED_FLAGS: readonly string[] = ['--shutdown-timeout'];

/**
 * KubeRay's probes on the Ray container (`containers[0]`) when it has none: readiness and
 * liveness on the dashboard agent's `/api/healthz` (Ray ≥ 2.53; older Ray: an exec wget of the
 * raylet, same timing). RayService worker pods get readiness failureThreshold 1 (Serve proxy
 * check). Source: kuberay@feeaf72facab `ray-operator/controllers/ray/common/pod.go:721-830`,
 * `utils/constant.go:306-344`; CRDS.md §5. KubeRay adds no grace, preStop or startupProbe.
 */
export const KUBERAY_PROBES: OperatorPodDefaults = {
  by: 'KubeRay',
  readinessProbe: { handler: { httpGet: { path: '/api/healthz', port: 52365 } }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 10 },
  livenessProbe: { handler: { httpGet: { path: '/api/healthz', port: 52365 } }, initialDelaySeconds: 30, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 120 },
};
export const KUBERAY_SERVE_WORKER_READINESS_FAILURE_THRESHOLD = 1;
/** The head's probes wait 5 s for an answer, the workers' 2 s. Source: kuberay `utils/constant.go:306-344` (`DefaultHeadLivenessProbeTimeoutSeconds`), `common/pod.go:796-798`; CRDS.md §5. */
export const KUBERAY_HEAD_PROBE_TIMEOUT_SECONDS = 5;

/**
 * KubeRay runs the Ray container with a generated `ray start` command (head or worker, with the
 * group's `rayStartParams`): an inference engine in its image runs inside Ray (Ray Serve), not as
 * its own server. Source: kuberay `ray-operator/controllers/ray/common/pod.go` (`BuildPod`,
 * `generateRayStartCommand`).
 */
export const KUBERAY_RAY_START = 'ray start';

/**
 * A RayCluster annotated `ray.io/overwrite-container-cmd: "true"` keeps the containers' own
 * command and args (KubeRay only puts its command in `KUBERAY_GEN_RAY_START_CMD`). Source: kuberay
 * `ray-operator/controllers/ray/common/pod.go` (`isOverwriteRayContainerCmd`), test
 * `TestBuildPod_WithOverwriteCommand`; `utils/constant.go` (`RayOverwriteContainerCmdAnnotationKey`).
 */
export const KUBERAY_OVERWRITE_CMD_ANNOTATION = 'ray.io/overwrite-container-cmd';

/**
 * A KubeRay worker group's `replicas` and `minReplicas` when unset. Its pods are owned by the
 * RayCluster, whose CRD has no scale subresource (only `status`), so a PDB over them can only use
 * an integer `minAvailable`. Source: kuberay@feeaf72facab `ray-operator/apis/ray/v1/raycluster_types.go:377-485`,
 * `config/crd/bases/ray.io_rayclusters.yaml` (`subresources: status`); CRDS.md §5.
 */
export const KUBERAY_WORKER_REPLICAS_DEFAULT = 0;

/** The index of the Ray container in a KubeRay pod template. Source: kuberay `utils/constant.go:51` (`RayContainerIndex = 0`). */
export const KUBERAY_RAY_CONTAINER_INDEX = 0;

/**
 * Knative Serving: the revision's grace period is its `timeoutSeconds` (default 300, at most
 * 600), a preStop `httpGet :8022 /wait-for-drain` is added to user containers, readiness probes
 * are run by queue-proxy (503 while draining), and the webhook rejects `terminationGracePeriodSeconds`
 * and `lifecycle`. Source: knative/serving@98e5ef90aa70 `pkg/reconciler/revision/resources/deploy.go:104-114, 309`,
 * `pkg/apis/config/defaults.go:41-53`, `pkg/apis/serving/fieldmask.go:296, 338`; CRDS.md §12.
 */
export const KNATIVE_DEFAULT_TIMEOUT_SECONDS = 300;
export const KNATIVE_MAX_TIMEOUT_SECONDS = 600;
export const KNATIVE_DRAIN_PRESTOP: OperatorPreStop = { httpGet: { path: '/wait-for-drain', port: 8022 } };
/**
 * queue-proxy's drainer answers `/wait-for-drain` only once 30 s have passed without a new
 * request (`drainSleepDuration`): the preStop holds the pod at least that long. Source:
 * knative/serving@98e5ef90aa70 `pkg/queue/sharedmain/main.go:60-71, 316-340`; CRDS.md §12.
 */
export const KNATIVE_DRAIN_SECONDS = { seconds: 30, why: "queue-proxy's /wait-for-drain preStop returns only after 30 s without a new request" };
/**
 * Knative gives a user container with no readiness probe a TCP one on its port (queue-proxy runs
 * it); the user port defaults to 8080. Source: knative/serving@98e5ef90aa70
 * `pkg/apis/serving/v1/revision_defaults.go:160-170`, `revision_helpers.go:30`; CRDS.md §12.
 */
export const KNATIVE_DEFAULT_USER_PORT = 8080;
export function knativeReadiness(port: number): OperatorProbe {
  return { handler: { tcpSocket: { port } } };
}

/** KServe's deployment-mode annotation and its values (legacy names normalized). Source: kserve `pkg/constants/constants.go:562-590`; CRDS.md §2. */
export const KSERVE_DEPLOYMENT_MODE_ANNOTATION = 'serving.kserve.io/deploymentMode';
export const KSERVE_KNATIVE_MODES: readonly string[] = ['Knative', 'Serverless'];
export const KSERVE_STANDARD_MODES: readonly string[] = ['Standard', 'RawDeployment'];
/** The mode KServe ships as its cluster default (configmap `defaultDeploymentMode: Serverless`; Helm `deploymentMode: Knative`). Source: CRDS.md §2. */
export const KSERVE_SHIPPED_DEFAULT_MODE = 'Knative';
/** The container a KServe predictor's `model` (and its ServingRuntime's container) becomes. Source: CRDS.md §2–3. */
export const KSERVE_CONTAINER = 'kserve-container';
/** A transformer's and a multi-node worker's container names. Source: kserve@aaac4e294dae `pkg/constants/constants.go:496-503`. */
export const KSERVE_TRANSFORMER_CONTAINER = 'transformer-container';
export const KSERVE_WORKER_CONTAINER = 'worker-container';

/**
 * A predictor's framework shortcuts: each is a Container that becomes `kserve-container`, like
 * `model`. Source: kserve@aaac4e294dae `pkg/apis/serving/v1beta1/predictor.go:32-87`; CRDS.md §2.
 */
export const KSERVE_PREDICTOR_FRAMEWORKS: readonly string[] = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'pmml', 'lightgbm', 'paddle'];
/** An explainer's shortcut container. Source: kserve@aaac4e294dae `pkg/apis/serving/v1beta1/explainer.go:29` (`art`). */
export const KSERVE_EXPLAINER_FRAMEWORKS: readonly string[] = ['art'];

/** A component's `minReplicas` "defaults to 1". Source: kserve@aaac4e294dae `pkg/apis/serving/v1beta1/component.go:82-132`; CRDS.md §2. */
export const KSERVE_DEFAULT_MIN_REPLICAS = 1;

/**
 * Pod labels of an InferenceService component: `serving.kserve.io/inferenceservice: <name>` and
 * `component: <component>` in every mode (`predictor.go:501-513`, `constants.go:61, 405`), and in
 * Standard mode `app: isvc.<name>-<component>` (`deployment_reconciler.go:146`, `constants.go:758-760`).
 * Source: kserve@aaac4e294dae; CRDS.md §2.
 */
export const KSERVE_ISVC_LABEL = 'serving.kserve.io/inferenceservice';
export const KSERVE_COMPONENT_LABEL = 'component';
export const KSERVE_RAW_APP_LABEL = 'app';

/**
 * KServe Standard (RawDeployment) mode: `setDefaultPodSpec` sets terminationGracePeriodSeconds to
 * 30 when unset, and a TCP readiness probe (the container's first port, else 8080; period 10,
 * failureThreshold 3, timeout 1) on `kserve-container` and `transformer-container` when they have
 * none. No preStop. Source: kserve@aaac4e294dae
 * `pkg/controller/v1beta1/inferenceservice/reconcilers/deployment/deployment_reconciler.go:283-330`; CRDS.md §2, 1b.
 */
export const KSERVE_STANDARD_BY = "KServe's Standard (RawDeployment) mode";
export const KSERVE_STANDARD_GRACE_SECONDS = 30;
export const KSERVE_STANDARD_READINESS_PORT = 8080;
export const KSERVE_STANDARD_READINESS: Omit<OperatorProbe, 'handler'> = { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 1 };
export const KSERVE_STANDARD_READINESS_CONTAINERS: readonly string[] = [KSERVE_CONTAINER, KSERVE_TRANSFORMER_CONTAINER];

/**
 * KServe's Knative mode builds a Knative Service per component: its `timeout` becomes the
 * revision's `timeoutSeconds` (so the grace period), and min-scale is `minReplicas`, or 1 when
 * unset. Source: kserve@aaac4e294dae `…/reconcilers/knative/ksvc_reconciler.go:207-213`,
 * `pkg/controller/v1alpha1/utils/utils.go:69-80`; CRDS.md §2.
 */
export const KSERVE_KNATIVE_BY = "Knative's queue-proxy (KServe Knative mode)";
export const KSERVE_KNATIVE_MIN_SCALE = 1;

/**
 * Knative's replica floor: annotation `autoscaling.knative.dev/min-scale` on the revision template
 * (legacy `minScale` still read), cluster default 0 (scale to zero). Source:
 * knative/serving@98e5ef90aa70 `pkg/apis/autoscaling/register.go:47-57, 249-251`,
 * `pkg/autoscaler/config/config.go:44-65`; CRDS.md §12.
 */
export const KNATIVE_MIN_SCALE_ANNOTATIONS: readonly string[] = ['autoscaling.knative.dev/min-scale', 'autoscaling.knative.dev/minScale'];
export const KNATIVE_DEFAULT_MIN_SCALE = 0;
/** The label Knative puts on a Service's revision pods (a PDB can select it). Source: CRDS.md §12. */
export const KNATIVE_SERVICE_LABEL = 'serving.knative.dev/service';

/**
 * NVIDIA Dynamo gives every component pod `terminationGracePeriodSeconds: 60`; workers (and
 * prefill/decode components) get liveness `/live` period 5 failureThreshold 1, readiness `/health`
 * p10 f3, startup `/live` p10 f720, all on the `system` port. Source: ai-dynamo/dynamo
 * `deploy/operator/internal/dynamo/component_common.go`@015d780ba9c3 (`getCommonPodSpec`),
 * `component_worker.go`@015d780ba9c3 (`GetBaseContainer`); CRDS.md §7.
 */
export const DYNAMO_WORKER: OperatorPodDefaults = {
  by: 'the Dynamo operator',
  terminationGracePeriodSeconds: 60,
  readinessProbe: { handler: { httpGet: { path: '/health', port: 'system' } }, periodSeconds: 10, timeoutSeconds: 4, failureThreshold: 3 },
  livenessProbe: { handler: { httpGet: { path: '/live', port: 'system' } }, periodSeconds: 5, timeoutSeconds: 4, failureThreshold: 1 },
  startupProbe: { handler: { httpGet: { path: '/live', port: 'system' } }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 720 },
};

/**
 * Dynamo's frontend (the OpenAI-compatible HTTP server, port `http` 8000): grace 60, liveness
 * `/live` delay 15 p10 t1 f3, readiness `/health` delay 10 p10 t3 f3 (503 while draining), startup
 * `/live` p10 t1 f30 (runtimes that support it, as the newest ships). Source: ai-dynamo/dynamo
 * `deploy/operator/internal/dynamo/component_frontend.go`@132ccbe3dd5f, `docs/fault-tolerance/graceful-shutdown.md`@00a36384eb50
 * ("Frontend HTTP Draining"); CRDS.md §7.
 */
export const DYNAMO_FRONTEND: OperatorPodDefaults = {
  by: 'the Dynamo operator',
  terminationGracePeriodSeconds: 60,
  readinessProbe: { handler: { httpGet: { path: '/health', port: 'http' } }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  livenessProbe: { handler: { httpGet: { path: '/live', port: 'http' } }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
  startupProbe: { handler: { httpGet: { path: '/live', port: 'http' } }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 30 },
};

/** What every other Dynamo component (planner, router…) gets: the grace period only. Source: `component_common.go` (`getCommonPodSpec`); CRDS.md §7. */
export const DYNAMO_COMMON: OperatorPodDefaults = { by: 'the Dynamo operator', terminationGracePeriodSeconds: 60 };

/** Dynamo component types that run a backend worker (v1alpha1 `componentType` / `subComponentType`, v1beta1 `type`). Source: `shared_spec_conversion.go`@0d531a945b18 (`sharedComponentTypeToHub`); CRDS.md §7. */
export const DYNAMO_WORKER_TYPES: readonly string[] = ['worker', 'prefill', 'decode'];
export const DYNAMO_FRONTEND_TYPE = 'frontend';
/** The command the operator gives the frontend container (whatever its image: `vllm-runtime` runs Dynamo's own HTTP server there). Source: `component_frontend.go`@132ccbe3dd5f. */
export const DYNAMO_FRONTEND_COMMAND = 'python3 -m dynamo.frontend';

/** Dynamo's container that receives the operator defaults. Source: CRDS.md §7. */
export const DYNAMO_MAIN_CONTAINER = 'main';

/**
 * The port of Dynamo's system status server (`DYN_SYSTEM_PORT`, 9090): health and metrics only;
 * a worker gets its requests from the frontend through Dynamo's request plane, never on it.
 * Source: `component_worker.go`@015d780ba9c3 ("Transport does not use Kubernetes Service"); CRDS.md §7.
 */
export const DYNAMO_SYSTEM_PORT = 'system';

/**
 * A Dynamo worker leaves routing on SIGTERM: it unregisters from discovery first, keeps serving
 * for a short grace (`DYN_GRACEFUL_SHUTDOWN_GRACE_PERIOD_SECS`, 5 s), then drains in-flight
 * requests; its readiness does not route traffic. Source: `docs/fault-tolerance/graceful-shutdown.md`@00a36384eb50,
 * `component_worker.go`@015d780ba9c3; CRDS.md §1d, §7.
 */
export const DYNAMO_WORKER_DRAIN = 'a Dynamo worker unregisters from discovery as soon as SIGTERM arrives, and the frontend routes by discovery, not by readiness';

/**
 * v1alpha1 services: `resources.{requests,limits}.gpu` becomes `nvidia.com/gpu` unless `gpuType`
 * names another resource; `extraPodSpec.mainContainer` is merged over the service's own
 * `resources`, `envs` and probes into container `main`. Source: ai-dynamo/dynamo
 * `deploy/operator/api/v1alpha1/common.go` (`ResourceItem`), `shared_spec_conversion.go`@0d531a945b18
 * (`buildPodTemplateToHub`, `mergeExtraPodSpecMainContainer`); CRDS.md §7.
 */
export const DYNAMO_DEFAULT_GPU_RESOURCE = 'nvidia.com/gpu';

/**
 * A Dynamo service's (component's) pods when `replicas` is unset: one each; every service has
 * its own count (`spec.services.<name>.replicas`, `spec.components[].replicas`). Source: CRDS.md §1a, §7.
 */
export const DYNAMO_DEFAULT_REPLICAS = 1;

/**
 * Dynamo's runtime images (`ai-dynamo/vllm-runtime`, `sglang-runtime`…) run Dynamo's components
 * (`python3 -m dynamo.vllm`, `dynamo.frontend`), which embed the engine: its drain is Dynamo's
 * (`DYN_*` shutdown settings), not the engine server's flags. Source: `docs/fault-tolerance/graceful-shutdown.md`@00a36384eb50; CRDS.md §7.
 */
export const DYNAMO_RUNTIME = "Dynamo's runtime (its DYN_* shutdown settings)";


/**
 * NIM Operator's default probes on the NIM container (port `api`, 8000); no grace or preStop field.
 * Source: k8s-nim-operator@f63f74d7ad22 `api/apps/v1alpha1/nimservice_types.go:656-734`; CRDS.md §9.
 */
export const NIM_PROBES: OperatorPodDefaults = {
  by: 'the NIM Operator',
  readinessProbe: { handler: { httpGet: { path: '/v1/health/ready', port: 'api' } }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
  livenessProbe: { handler: { httpGet: { path: '/v1/health/live', port: 'api' } }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
  startupProbe: { handler: { httpGet: { path: '/v1/health/ready', port: 'api' } }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 120 },
};

/**
 * A NIM container runs NVIDIA's own entrypoint, which chooses and starts the inference backend
 * (TensorRT-LLM, vLLM, SGLang) with its own settings: an engine name in the image
 * (`vllm-oss-nim-llm`) is not a `vllm serve` the linter can judge. Source: k8s-nim-operator
 * `api/apps/v1alpha1/nimservice_types.go` (no command field is required; the image's entrypoint
 * runs); CRDS.md §9.
 */
export const NIM_LAUNCHER = "the NIM image's own launcher";

/**
 * KubeAI's vLLM model pods (bare Pods, port 8000 `http`). Source: kubeai@2f32ef498da6
 * `internal/modelcontroller/engine_vllm.go:66-136`; CRDS.md §13.
 */
export const KUBEAI_VLLM_PROBES: OperatorPodDefaults = {
  by: 'KubeAI',
  readinessProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
  livenessProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, periodSeconds: 30, timeoutSeconds: 3, failureThreshold: 3 },
  startupProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, periodSeconds: 2, failureThreshold: 5400 },
};

/**
 * vLLM production-stack's VLLMRuntime Deployment probes (port 8000). Source: production-stack@a6c01db05f65
 * `operator/internal/controller/vllmruntime_controller.go:392-438`; CRDS.md §14.
 */
export const VLLM_RUNTIME_PROBES: OperatorPodDefaults = {
  by: 'the production-stack operator',
  readinessProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, initialDelaySeconds: 10, periodSeconds: 20, failureThreshold: 10 },
  livenessProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, initialDelaySeconds: 10, periodSeconds: 20, failureThreshold: 10 },
  startupProbe: { handler: { httpGet: { path: '/health', port: 8000 } }, initialDelaySeconds: 120, periodSeconds: 20, failureThreshold: 100 },
};

/**
 * KAITO's preset inference StatefulSet (port 5000): readiness `/health` delay 30 p10, liveness
 * p10 f3, startup p10 × ceil(timeout/10) (default 30 min). Source: kaito@056b8280b1a8
 * `pkg/workspace/inference/preset_inferences.go:51-109, 403-422, 808-821`; CRDS.md §8.
 */
export const KAITO_PRESET_PROBES: OperatorPodDefaults = {
  by: 'KAITO',
  readinessProbe: { handler: { httpGet: { path: '/health', port: 5000 } }, initialDelaySeconds: 30, periodSeconds: 10 },
  livenessProbe: { handler: { httpGet: { path: '/health', port: 5000 } }, periodSeconds: 10, failureThreshold: 3 },
  startupProbe: { handler: { httpGet: { path: '/health', port: 5000 } }, periodSeconds: 10, failureThreshold: 180 },
};

/**
 * The NIM Operator's Deployment: container `<name>-ctr`, pod label `app: <name>`, strategy fixed at
 * RollingUpdate maxUnavailable 25 %, maxSurge 0 (no field in NIMService). Source: k8s-nim-operator@f63f74d7ad22
 * `manifests/deployment.yaml:14-30`, `api/apps/v1alpha1/nimservice_types.go:596-599`; CRDS.md §9.
 */
export const NIM_CONTAINER_SUFFIX = '-ctr';
export const NIM_ROLLOUT = { maxUnavailable: '25%', maxSurge: 0 } as const;
/** The NIM container's named port and its default number (`spec.expose.service.port`). Source: `common_types.go:33-35`; CRDS.md §9. */
export const NIM_API_PORT = { name: 'api', containerPort: 8000 } as const;

/**
 * KubeAI's vLLM container: `server`, started as `python3 -m vllm.entrypoints.openai.api_server`
 * with the Model's `args` appended, port 8000 `http`; pods labelled `app: model`, `model: <name>`.
 * Source: kubeai@2f32ef498da6 `internal/modelcontroller/engine_vllm.go:41, 80-96`,
 * `model_controller.go:47, 217-225`; CRDS.md §13.
 */
export const KUBEAI_SERVER_CONTAINER = 'server';
export const KUBEAI_VLLM_COMMAND: readonly string[] = ['python3', '-m', 'vllm.entrypoints.openai.api_server'];
export const KUBEAI_VLLM_PORT = { name: 'http', containerPort: 8000 } as const;

/**
 * What a KubeAI `resourceProfile` (`<profile>:<count>`) asks for: the chart's profiles `nvidia-gpu-*`
 * limit `nvidia.com/gpu: 1`, `amd-gpu-*` `amd.com/gpu: 1`, each times the count; `cpu` none. Profiles
 * are cluster configuration (Helm `resourceProfiles`): a profile of another name is read as no accelerator.
 * Source: kubeai@2f32ef498da6 `charts/kubeai/values.yaml:99-210`.
 */
export const KUBEAI_PROFILE_ACCELERATORS: readonly { prefix: string; resource: string }[] = [
  { prefix: 'nvidia-gpu-', resource: 'nvidia.com/gpu' },
  { prefix: 'amd-gpu-', resource: 'amd.com/gpu' },
];

/**
 * production-stack's VLLMRuntime Deployment: container `vllm` running `/opt/venv/bin/vllm serve`
 * with generated flags and then `vllmConfig.extraArgs`; image `deploymentConfig.image.registry` +
 * `/` + `.name`; the GPU `deploymentConfig.resources.gpu` of `gpuType` (default `nvidia.com/gpu`);
 * label `app: <name>`; strategy type `deploymentConfig.deploymentStrategy` (Kubernetes' 25 %/25 %
 * for RollingUpdate: no field for maxUnavailable). Source: production-stack@a6c01db05f65
 * `operator/internal/controller/vllmruntime_controller.go:392, 441-510, 640-653, 776-783, 810-813`; CRDS.md §14.
 */
export const VLLM_RUNTIME_CONTAINER = 'vllm';
export const VLLM_RUNTIME_COMMAND: readonly string[] = ['/opt/venv/bin/vllm', 'serve'];
export const VLLM_RUNTIME_DEFAULT_GPU_TYPE = 'nvidia.com/gpu';
export const VLLM_RUNTIME_DEFAULT_PORT = 8000;

/**
 * KAITO's preset inference container: named after the Workspace, port 5000 `http`, GPUs as
 * `nvidia.com/gpu`; pods labelled `kaito.sh/workspace: <name>`. Presets are GPU models, so a
 * preset Workspace is read as requesting a GPU. Source: kaito@056b8280b1a8
 * `pkg/workspace/inference/preset_inferences.go:72, 560, 650, 808-821`, `pkg/utils/nodes/nodes.go:33`,
 * `pkg/workspace/manifests/manifests.go:46, 135-186`; CRDS.md §8.
 */
export const KAITO_WORKSPACE_LABEL = 'kaito.sh/workspace';
export const KAITO_GPU_RESOURCE = 'nvidia.com/gpu';
export const KAITO_PRESET_PORT = { name: 'http', containerPort: 5000 } as const;

/** Why a resource cannot express a drain field, with the upstream limitation. Source: CRDS.md §1c, §8, §9, §13, §14. */
export const INEXPRESSIBLE = {
  kaitoPreset: 'a KAITO preset Workspace has no pod fields: grace, preStop and probes cannot be set (kaito-project/kaito#2253; PR #2271 is not released)',
  nimService: 'NIMService has no terminationGracePeriodSeconds or lifecycle field (NVIDIA/k8s-nim-operator NIMServiceSpec)',
  kubeaiModel: 'a KubeAI Model has no pod fields: only the cluster-wide Helm value modelServerPods.jsonPatches can add them (substratusai/kubeai internal/config/system.go)',
  vllmRuntime: 'VLLMRuntime has no terminationGracePeriodSeconds, lifecycle or probe field (vllm-project/production-stack VLLMRuntimeSpec)',
  nimRollout: 'NIMService has no strategy field: the NIM Operator fixes maxUnavailable 25 % and maxSurge 0 (NVIDIA/k8s-nim-operator manifests/deployment.yaml)',
  vllmRuntimeRollout: 'VLLMRuntime sets only the strategy type (deploymentConfig.deploymentStrategy): RollingUpdate keeps Kubernetes\' 25 % maxUnavailable (vllm-project/production-stack VLLMRuntimeSpec)',
  servingRuntime: 'a ServingRuntime has no terminationGracePeriodSeconds (kserve ServingRuntimePodSpec): set it on the InferenceService',
  knative: 'Knative rejects terminationGracePeriodSeconds and lifecycle (fieldmask.go): the grace period is the revision timeout and queue-proxy supplies the preStop',
} as const;

/**
 * The kinds an Argo Rollout's `spec.workloadRef` may name: its pods then use that object's pod
 * template, and the Rollout keeps their replicas and strategy (the Deployment is usually scaled to
 * 0). Source: argo-rollouts@9f8d111d8f8e `pkg/apis/rollouts/v1alpha1/types.go:52-55`; CRDS.md §15.
 */
export const ARGO_WORKLOAD_REF_KINDS: readonly string[] = ['Deployment'];
