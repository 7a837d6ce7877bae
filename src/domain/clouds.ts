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
