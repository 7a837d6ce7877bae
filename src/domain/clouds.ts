/** Cloud providers' spot capacity (DOMAIN.md, "Nodes"). */

export type SpotProvider = 'aws' | 'gcp' | 'azure';

export const SPOT_PROVIDER_NAMES: Readonly<Record<SpotProvider, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/**
 * Seconds a pod has from a spot reclaim notice until its instance is gone.
 * - aws: two minutes (docs.aws.amazon.com, "Spot Instance interruption notices");
 * - gcp: a spot or preemptible VM stops 30 s after its notice (cloud.google.com/compute/docs/instances/spot),
 *   and GKE's graceful node shutdown gives non-system pods only the first 15 s of them, the rest
 *   going to system-critical pods (cloud.google.com/kubernetes-engine/docs/concepts/spot-vms,
 *   "Termination and graceful shutdown of Spot VMs"; kubelet `shutdownGracePeriod` 30 s,
 *   `shutdownGracePeriodCriticalPods` 15 s);
 * - azure: at least 30 s (learn.microsoft.com, "Azure Spot Virtual Machines", Scheduled Events).
 */
export const SPOT_NOTICE_SECONDS: Readonly<Record<SpotProvider, number>> = { aws: 120, gcp: 15, azure: 30 };

/**
 * GKE: the spot VM's own notice, of which pods get SPOT_NOTICE_SECONDS.gcp by default, and the
 * graceful termination pods can get when it is extended (Standard node pools with a control plane
 * ≥ 1.35.0-gke.1171000, or a custom ComputeClass). Source: cloud.google.com/kubernetes-engine/docs/concepts/spot-vms,
 * "Termination and graceful shutdown of Spot VMs"; ../shared/DOMAIN.md, "Nodes".
 */
export const GKE_SPOT = { vmNoticeSeconds: 30, extendedTerminationSeconds: 120 } as const;

/**
 * Node labels a cloud puts on its spot nodes, with the value that means spot:
 * - EKS managed node groups: `eks.amazonaws.com/capacityType: SPOT` (docs.aws.amazon.com, "Managed
 *   node groups", capacity types);
 * - GKE: `cloud.google.com/gke-spot: "true"`, `cloud.google.com/gke-preemptible: "true"`
 *   (cloud.google.com/kubernetes-engine/docs/concepts/spot-vms, preemptible-vms);
 * - AKS: `kubernetes.azure.com/scalesetpriority: spot` (learn.microsoft.com, "Add an Azure Spot node
 *   pool").
 */
export const SPOT_NODE_LABELS: readonly { key: string; value: string; provider: SpotProvider }[] = [
  { key: 'eks.amazonaws.com/capacityType', value: 'SPOT', provider: 'aws' },
  { key: 'cloud.google.com/gke-spot', value: 'true', provider: 'gcp' },
  { key: 'cloud.google.com/gke-preemptible', value: 'true', provider: 'gcp' },
  { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', provider: 'azure' },
];

/**
 * Taints that keep pods off spot nodes unless they tolerate them: AKS puts
 * `kubernetes.azure.com/scalesetpriority=spot:NoSchedule` on every spot pool; GKE documents
 * `cloud.google.com/gke-spot=true:NoSchedule` (and the preemptible one) for spot node pools
 * (same sources as SPOT_NODE_LABELS).
 */
export const SPOT_NODE_TAINTS: readonly { key: string; value: string; effect: string; provider: SpotProvider }[] = [
  { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule', provider: 'azure' },
  { key: 'cloud.google.com/gke-spot', value: 'true', effect: 'NoSchedule', provider: 'gcp' },
  { key: 'cloud.google.com/gke-preemptible', value: 'true', effect: 'NoSchedule', provider: 'gcp' },
];

/**
 * AWS instance categories and families with GPUs or ML accelerators (g, p, inf, trn, dl, gr, vt).
 * Source: docs.aws.amazon.com/ec2/latest/instancetypes, "Accelerated computing"; Karpenter's
 * `karpenter.k8s.aws/instance-category` and `instance-family` labels.
 */
export const ACCELERATED_CATEGORY = /^(g|p|inf|trn|dl|gr|vt)$/;
export const ACCELERATED_FAMILY = /^(g\d|p\d|inf\d|trn\d|dl\d|gr\d|vt\d)/;

/** Azure SKU families with GPUs: NC, ND, NV (learn.microsoft.com, "GPU optimized virtual machine sizes"). */
export const AZURE_GPU_FAMILY = /^N[CDV]/i;
/** The same as an Azure VM size (`Standard_NC24ads_A100_v4`). */
export const AZURE_GPU_VM_SIZE = /^Standard_N[CDV]/i;

/**
 * Node requirement keys that count GPUs or name an accelerator: Karpenter AWS
 * `karpenter.k8s.aws/instance-gpu-*` / `instance-accelerator-*`, Karpenter Azure
 * `karpenter.azure.com/sku-gpu-*`, GKE `cloud.google.com/gke-accelerator` and `gke-tpu-*`
 * (karpenter.sh docs, "Well-Known Labels"; GKE docs, "About GPUs").
 */
export const GPU_REQUIREMENT_KEYS = /^(karpenter\.k8s\.aws\/instance-(gpu|accelerator)-|karpenter\.azure\.com\/sku-gpu-|cloud\.google\.com\/gke-accelerator$|cloud\.google\.com\/gke-tpu)/;
