/**
 * Kubernetes' own defaults and limits the drain timeline rests on. Each fact once, with its
 * source (../shared/DOMAIN.md, "Pod termination").
 */

/**
 * `terminationGracePeriodSeconds` when a pod spec leaves it unset.
 * Source: k8s.io/api core/v1 `DefaultTerminationGracePeriodSeconds`; kubernetes.io/docs "Pod
 * Lifecycle: Termination of Pods".
 */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

/**
 * The Kubernetes minor version (1.x) from which the native preStop `sleep` action
 * (`lifecycle.preStop.sleep.seconds`, feature gate PodLifecycleSleepAction, KEP-3960) is on by
 * default: beta from 1.30, GA in 1.34. Source: ../shared/DOMAIN.md, "Pod termination";
 * kubernetes.io/docs "Container Lifecycle Hooks".
 */
export const NATIVE_SLEEP_MINOR = 30;

/** A Kubernetes release as [major, minor, patch]. */
export type KubernetesRelease = readonly [number, number, number];

/**
 * The releases in which the `MaxUnavailableStatefulSet` feature gate is on by default, so a
 * StatefulSet's `rollingUpdate.maxUnavailable` takes effect (elsewhere the controller ignores it
 * and replaces one pod at a time); `to` is inclusive, a range without one is open. Alpha (off)
 * from 1.24; beta and on in 1.35 (kubernetes#133153); turned off again in 1.35.4 and 1.36 after
 * a regression in Parallel pod management (kubernetes#137409; #137904, cherry-picked to 1.35 as
 * #137926); on again from 1.37 (kubernetes#139466). Source: ../shared/DOMAIN.md, "Rollouts";
 * kubernetes.io/docs "Feature Gates: MaxUnavailableStatefulSet" (kubernetes/website#55997, #56128). A
 * percentage rounds down, never below 1: kubernetes pkg/controller/statefulset/stateful_set_control.go,
 * `getStatefulSetMaxUnavailable`.
 */
export const MAX_UNAVAILABLE_STATEFULSET_ON_BY_DEFAULT: readonly { from: KubernetesRelease; to?: KubernetesRelease }[] = [
  { from: [1, 35, 0], to: [1, 35, 3] },
  { from: [1, 37, 0] },
];

/** The probe timing fields, as the core/v1 Probe type names them. */
export type ProbeTiming = 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'failureThreshold' | 'successThreshold';

/** Probe timing when a field is unset. Source: k8s.io/api core/v1 `Probe` field docs. */
export const PROBE_DEFAULTS: Readonly<Record<ProbeTiming, number>> = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
};

/**
 * The shortest failure window (periodSeconds × failureThreshold) a liveness probe on a serving
 * port should have, so a long generation or a load spike does not get the server restarted:
 * RULES.md, rule 5 (liveness-gates-on-load); DOMAIN.md, mistake 5 ("loose thresholds").
 */
export const LIVENESS_MIN_WINDOW_SECONDS = 60;

/** The smallest value the API server accepts for each probe timing field (core/v1 validation). */
export const PROBE_MINIMUMS: Readonly<Record<ProbeTiming, number>> = {
  initialDelaySeconds: 0,
  periodSeconds: 1,
  timeoutSeconds: 1,
  failureThreshold: 1,
  successThreshold: 1,
};

/** A node's instance type label, and its deprecated beta form (kubernetes.io/docs, "Well-Known Labels, Annotations and Taints"). */
export const INSTANCE_TYPE_LABELS: readonly string[] = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];

/**
 * The label the LeaderWorkerSet controller puts on every pod of a set, with the set's name.
 * Source: kubernetes-sigs/lws, api/leaderworkerset/v1 `SetNameLabelKey`.
 */
export const LWS_NAME_LABEL = 'leaderworkerset.sigs.k8s.io/name';

/**
 * What the value of a label a controller puts on its pods is: the workload's name, a pod's
 * name (`<workload>-<ordinal>`), an ordinal (`0`, `1`…), or a value no manifest shows (a hash).
 */
export type ControllerLabelValue = 'workloadName' | 'podName' | 'ordinal' | 'unknown';

/**
 * Labels a controller adds to every pod it creates, beyond the pod template's, by workload kind.
 * A selector naming one may select the controller's pods although no manifest shows the label.
 * Sources: kubernetes pkg/controller/statefulset/stateful_set_utils.go `updateIdentity` (called by
 * `initIdentity`): `statefulset.kubernetes.io/pod-name` = the pod's name, and
 * `apps.kubernetes.io/pod-index` = its ordinal (feature gate PodIndexLabel, beta and on by
 * default since Kubernetes 1.28, KEP-4017); the StatefulSet and DaemonSet controllers'
 * `controller-revision-hash` (apps/v1 `ControllerRevisionHashLabelKey`); the Deployment
 * controller's `pod-template-hash` (apps/v1 `DefaultDeploymentUniqueLabelKey`, also in the
 * template of each ReplicaSet it creates); Argo Rollouts' `rollouts-pod-template-hash`
 * (argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1 `DefaultRolloutUniqueLabelKey`); the
 * LeaderWorkerSet controller's labels (kubernetes-sigs/lws, "Labels, Annotations and Environment
 * Variables": `name`, `group-index`, `worker-index`, `group-key`, `template-revision-hash`).
 */
export const CONTROLLER_POD_LABELS: Readonly<Record<string, readonly { key: string; value: ControllerLabelValue }[]>> = {
  StatefulSet: [
    { key: 'statefulset.kubernetes.io/pod-name', value: 'podName' },
    { key: 'apps.kubernetes.io/pod-index', value: 'ordinal' },
    { key: 'controller-revision-hash', value: 'unknown' },
  ],
  DaemonSet: [{ key: 'controller-revision-hash', value: 'unknown' }],
  Deployment: [{ key: 'pod-template-hash', value: 'unknown' }],
  ReplicaSet: [{ key: 'pod-template-hash', value: 'unknown' }],
  Rollout: [{ key: 'rollouts-pod-template-hash', value: 'unknown' }],
  LeaderWorkerSet: [
    { key: LWS_NAME_LABEL, value: 'workloadName' },
    { key: 'leaderworkerset.sigs.k8s.io/group-index', value: 'ordinal' },
    { key: 'leaderworkerset.sigs.k8s.io/worker-index', value: 'ordinal' },
    { key: 'leaderworkerset.sigs.k8s.io/group-key', value: 'unknown' },
    { key: 'leaderworkerset.sigs.k8s.io/template-revision-hash', value: 'unknown' },
  ],
};

/** `spec.replicas` of a Deployment, StatefulSet or ReplicaSet when unset. Source: k8s.io/api apps/v1 `DeploymentSpec.replicas` ("Defaults to 1"). */
export const DEFAULT_REPLICAS = 1;

/**
 * A HorizontalPodAutoscaler's `minReplicas` when unset. Source: k8s.io/api autoscaling/v2
 * `HorizontalPodAutoscalerSpec.minReplicas` ("It defaults to 1 pod").
 */
export const HPA_DEFAULT_MIN_REPLICAS = 1;

/**
 * Extended resources that put a pod on an accelerator (DOMAIN.md, "GPU-class resources"):
 * nvidia.com/gpu and MIG slices, AMD, Intel, TPU, Neuron, Gaudi.
 */
export const ACCELERATOR_RESOURCE = /^(nvidia\.com\/(gpu|mig-.+)|amd\.com\/gpu|gpu\.intel\.com\/.+|google\.com\/tpu|aws\.amazon\.com\/neuron.*|habana\.ai\/gaudi)$/;

/**
 * When the API server's YAML reader (go-yaml, vendored by sigs.k8s.io/yaml) refuses a document
 * as "document contains excessive aliasing": counting every node it decodes, and those decoded
 * through an alias, it fails once more than 100 came through aliases, more than 1,000 were
 * decoded in all, and the aliased share is above the allowed ratio: 99% up to 400,000 decodes,
 * falling linearly to 10% at 4,000,000. Source: go-yaml decode.go, `decoder.unmarshal` and
 * `allowedAliasRatio` (the fix for CVE-2019-11254, yaml.v2 2.2.8, unchanged in yaml.v3).
 */
export const YAML_ALIAS_LIMITS = {
  aliasDecodes: 100,
  decodes: 1000,
  ratioRange: { from: 400_000, to: 4_000_000 },
  ratios: { from: 0.99, to: 0.1 },
} as const;

/**
 * A variable reference in a container's `command` or `args`: the kubelet replaces `$(NAME)`
 * with the container's environment variable before the program (a shell, say) ever sees it.
 * Source: kubernetes.io/docs "Define a Command and Arguments for a Container", "Use environment
 * variables to define arguments"; core/v1 `Container.command` ("Variable references $(VAR_NAME)
 * are expanded using the container's environment").
 */
export const VARIABLE_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)/;

/**
 * Whether an API group is one Kubernetes itself serves: the core group (`v1`), the groups named
 * without a dot (`apps`, `batch`, `policy`, `autoscaling`), and `*.k8s.io` (`networking.k8s.io`,
 * `rbac.authorization.k8s.io`, ...). The project's add-ons define custom resources under
 * `*.x-k8s.io` (LeaderWorkerSet, the Inference Extension's alpha) and under a few approved
 * `*.k8s.io` groups: of those only Gateway API's (a Gateway may get a proxy Deployment) and the
 * Inference Extension's are counted as custom here; the others (`snapshot.storage.k8s.io`) run no
 * pods. Of the built-in kinds only the workloads run pods; an object of any other group is a
 * custom resource, whose operator may run pods with labels no manifest shows. Source:
 * kubernetes.io/docs "API Overview" (API groups); kubernetes/enhancements KEP-2337 "k8s.io group
 * protection" (`*.k8s.io` and `*.kubernetes.io` reserved for the project, CRDs there need API approval).
 */
/**
 * Custom resources that are cluster-scoped (`<group>/<kind>`, their CRD's `scope: Cluster`): one
 * written without `metadata.namespace` belongs to no namespace, not to the default one. Sources:
 * Gateway API `GatewayClass` ("GatewayClass is a Cluster level resource", gateway-api
 * apis/v1/gatewayclass_types.go `+kubebuilder:resource:scope=Cluster`); cert-manager
 * `ClusterIssuer` (cert-manager.io docs, "Issuer and ClusterIssuer"); Karpenter `NodePool`,
 * `NodeClaim` (kubernetes-sigs/karpenter pkg/apis/v1, `scope=Cluster`), `EC2NodeClass`
 * (aws/karpenter-provider-aws pkg/apis/v1) and `AKSNodeClass` (Azure/karpenter-provider-azure);
 * GKE `ComputeClass` (cloud.google.com/v1, GKE docs "About custom compute classes");
 * External Secrets `ClusterSecretStore`, `ClusterExternalSecret` (external-secrets.io docs);
 * KEDA `ClusterTriggerAuthentication` (keda.sh docs, "Authentication"); Kyverno `ClusterPolicy`
 * (kyverno.io docs); the NVIDIA GPU Operator's `ClusterPolicy` (nvidia.com/v1, GPU Operator docs).
 */
export const CLUSTER_SCOPED_CUSTOM_KINDS: ReadonlySet<string> = new Set([
  'gateway.networking.k8s.io/GatewayClass',
  'cert-manager.io/ClusterIssuer',
  'karpenter.sh/NodePool',
  'karpenter.sh/NodeClaim',
  'karpenter.k8s.aws/EC2NodeClass',
  'karpenter.azure.com/AKSNodeClass',
  'cloud.google.com/ComputeClass',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
  'keda.sh/ClusterTriggerAuthentication',
  'kyverno.io/ClusterPolicy',
  'nvidia.com/ClusterPolicy',
]);

export function isBuiltInApiGroup(group: string): boolean {
  if (!group.includes('.')) return true;
  if (!group.endsWith('.k8s.io') || group.endsWith('.x-k8s.io')) return false;
  return !/^(?:gateway|inference)\.networking\.k8s\.io$/.test(group);
}

/**
 * With `publishNotReadyAddresses: true` the endpoint controllers mark every selected pod's
 * endpoint ready, before its readiness probe passes and while it terminates; its primary use is a
 * StatefulSet's headless Service publishing DNS records for peer discovery. Source: k8s.io/api
 * core/v1 `ServiceSpec.publishNotReadyAddresses`; kubernetes/kubernetes
 * staging/src/k8s.io/endpointslice/utils.go `podToEndpoint`
 * (`ready := service.Spec.PublishNotReadyAddresses || (serving && !terminating)`).
 */
export const PUBLISH_NOT_READY_FIELD = 'publishNotReadyAddresses';

/**
 * The API server's runtime cost limits for CEL: per evaluation of one expression, and overall per
 * ValidatingAdmissionPolicyBinding or custom resource. Source: k8s.io/apiserver pkg/apis/cel
 * `PerCallLimit` ("roughly 0.1 second for each expression validation call") and `RuntimeCELCostBudget`.
 */
export const CEL_PER_CALL_COST_LIMIT = 1_000_000;
export const CEL_RUNTIME_COST_BUDGET = 10_000_000;
