/**
 * Scopes: objects relate (PDBs, Services, scalers, NodePools) only within their scope. Plain
 * files are one scope unless config `scopes` splits them: a GKE workload is not tied to the AWS
 * NodePool of another cluster's directory. Runs the CLI's main() in-process.
 */
import { describe, expect, it } from 'vitest';
import { allFindings, expectCleanExit, gpuDeployment, gpuPdb, parseReport, runInProcess, tempDir } from './run.js';

/** A Karpenter NodePool that force-deletes pods 60 s into a drain: too short for any GPU Deployment it may run. */
const AWS_NODEPOOL = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: gpu
spec:
  template:
    spec:
      terminationGracePeriod: 60s
      requirements:
        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: ["g5", "g6"]
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: gpu
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 10m
`;

/** A drain-ready GPU Deployment with a 180 s grace period and its PDB. */
const GKE_WORKLOAD = `${gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 180'] })}---\n${gpuPdb()}`;

function repository(config?: string): string {
  return tempDir({
    'clusters/aws/nodepool.yaml': AWS_NODEPOOL,
    'clusters/gke/vllm.yaml': GKE_WORKLOAD,
    ...(config ? { '.gpu-drain-lint.yaml': config } : {}),
  });
}

async function ruleIds(cwd: string, args: string[] = ['.']): Promise<string[]> {
  const result = await runInProcess([...args, '--format', 'json'], { cwd });
  expectCleanExit(result);
  return allFindings(parseReport(result.stdout)).map((f) => `${f.path} ${f.ruleId}`);
}

describe('scopes', () => {
  it('without config, every plain file of the run is one scope: the NodePool of one directory judges the workload of another', async () => {
    expect(await ruleIds(repository())).toEqual(['clusters/aws/nodepool.yaml nodepool-grace-too-short']);
  });

  it('config scopes: each directory a glob matches is a scope of its own', async () => {
    expect(await ruleIds(repository('scopes: ["clusters/*"]\n'))).toEqual([]);
  });

  it('the files a glob matches itself form one scope together', async () => {
    expect(await ruleIds(repository('scopes: ["clusters/**/*.yaml"]\n'))).toEqual(['clusters/aws/nodepool.yaml nodepool-grace-too-short']);
  });

  it('a PDB relates only to the workloads of its scope: split from its Deployment, the Deployment has none', async () => {
    const cwd = tempDir({
      'a/vllm.yaml': gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 180'] }),
      'b/pdb.yaml': gpuPdb(),
      '.gpu-drain-lint.yaml': 'scopes: ["a", "b"]\n',
    });
    expect(await ruleIds(cwd)).toEqual(['a/vllm.yaml pdb-missing']);
    const together = tempDir({ 'a/vllm.yaml': gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 180'] }), 'b/pdb.yaml': gpuPdb() });
    expect(await ruleIds(together)).toEqual([]);
  });

  it('a scope pattern that does not compile is refused at its position', async () => {
    const result = await runInProcess(['.'], { cwd: repository('scopes:\n  - "clusters/[z-a]"\n') });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\.gpu-drain-lint\.yaml:2:5: scopes entry "clusters\/\[z-a\]": the character class \[z-a\] is not valid/);
  });
});
