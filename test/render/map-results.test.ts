/** Findings of rendered inputs moved to the files a user edits, merged with plain files' findings. */
import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/core/findings.js';
import { mapRenderedResults, type RenderedSource } from '../../src/render/map-results.js';

function finding(line: number, message: string): Finding {
  return { ruleId: 'pdb-missing', severity: 'warn', message, line, column: 3, endLine: line, endColumn: 9, fixable: false, fingerprint: `f${line}` };
}

/** An overlay whose every rendered line N is written at line N + 100 of base/deployment.yaml. */
function overlay(name: string): RenderedSource {
  return {
    path: `kustomize build overlays/${name}`,
    home: `overlays/${name}/kustomization.yaml`,
    label: `overlay overlays/${name}`,
    origin: { locate: (start, end) => ({ path: 'base/deployment.yaml', line: start.line + 100, column: start.column, endLine: end.line + 100, endColumn: end.column }) },
  };
}

describe('mapRenderedResults', () => {
  it("moves each finding to where it is written; a file two overlays build says whose each finding is; the same finding from both is reported once, naming both", () => {
    const results: FileResult[] = [
      { path: 'kustomize build overlays/aws', findings: [finding(4, 'Deployment vllm runs 3 replicas'), finding(9, 'same')], coverage: { workloads: 1, uncheckedKinds: [] } },
      { path: 'kustomize build overlays/gke', findings: [finding(4, 'Deployment vllm runs 2 replicas'), finding(9, 'same')], coverage: { workloads: 1, uncheckedKinds: [] } },
      { path: 'plain/x.yaml', findings: [finding(1, 'plain')] },
    ];
    const mapped = mapRenderedResults(results, [overlay('aws'), overlay('gke')]);
    const base = mapped.find((r) => r.path === 'base/deployment.yaml')!;
    expect(base.findings.map((f) => `${f.line} ${f.message}`)).toEqual([
      '104 Deployment vllm runs 2 replicas [overlay overlays/gke]',
      '104 Deployment vllm runs 3 replicas [overlay overlays/aws]',
      '109 same [overlay overlays/aws, overlay overlays/gke]',
    ]);
    expect(mapped.find((r) => r.path === 'overlays/aws/kustomization.yaml')!.coverage).toEqual({ workloads: 1, uncheckedKinds: [] });
    expect(mapped.find((r) => r.path === 'plain/x.yaml')!.findings.map((f) => f.message)).toEqual(['plain']);
  });

  it('a file only one rendered input writes to gets its findings as they are, and a staged-file run keeps only those files', () => {
    const only = mapRenderedResults([{ path: 'kustomize build overlays/aws', findings: [finding(4, 'one')] }], [overlay('aws')]);
    expect(only.find((r) => r.path === 'base/deployment.yaml')!.findings.map((f) => f.message)).toEqual(['one']);
    const staged = mapRenderedResults([{ path: 'kustomize build overlays/aws', findings: [finding(4, 'one')] }], [{ ...overlay('aws'), reportOnly: new Set(['overlays/aws/patch.yaml']) }]);
    expect(staged.flatMap((r) => r.findings)).toEqual([]);
  });
});
