/** Cloud providers' spot capacity (DOMAIN.md, "Nodes"). */

export type SpotProvider = 'aws' | 'gcp' | 'azure';

export const SPOT_PROVIDER_NAMES: Readonly<Record<SpotProvider, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/**
 * Seconds of notice before a spot instance is reclaimed.
 * - aws: two minutes (docs.aws.amazon.com, "Spot Instance interruption notices");
 * - gcp: 30 s for spot and preemptible VMs (cloud.google.com/compute/docs/instances/spot);
 * - azure: at least 30 s (learn.microsoft.com, "Azure Spot Virtual Machines", Scheduled Events).
 */
export const SPOT_NOTICE_SECONDS: Readonly<Record<SpotProvider, number>> = { aws: 120, gcp: 30, azure: 30 };

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
