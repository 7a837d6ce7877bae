/**
 * The path policy of reports (src/cli/report-paths.ts): what a path becomes, and which `path:line`
 * places of a message are rewritten (the paths the run read, and other existing files) and which
 * are left alone (words that only look like one).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/core/findings.js';
import { ReportPaths } from '../../src/cli/report-paths.js';
import { tempDir } from '../support/temp.js';

function finding(message: string, editPath?: string): Finding {
  return {
    ruleId: 'r',
    severity: 'error',
    message,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    fixable: editPath !== undefined,
    ...(editPath !== undefined ? { fix: { safety: 'safe' as const, description: 'd', edits: [{ start: 0, end: 0, text: 'x', path: editPath }], expect: [] } } : {}),
    fingerprint: '0'.repeat(32),
  };
}

describe('ReportPaths', () => {
  const repo = tempDir();
  const cwd = join(repo, 'deploy');
  mkdirSync(join(repo, 'other'), { recursive: true });
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(repo, 'other/pdb.yaml'), '');
  const paths = new ReportPaths(cwd, repo, new Set(['<stdin>']));

  it('shows paths relative to the root, with / and without ./; outside it absolute; names as they are', () => {
    expect(paths.show('vllm.yaml')).toBe('deploy/vllm.yaml');
    expect(paths.show('./a/../vllm.yaml')).toBe('deploy/vllm.yaml');
    expect(paths.show('../other/pdb.yaml')).toBe('other/pdb.yaml');
    expect(paths.show(join(repo, 'x.yaml'))).toBe('x.yaml');
    expect(paths.show('../../elsewhere.yaml')).toBe(join(repo, '..', 'elsewhere.yaml'));
    expect(paths.show('<stdin>')).toBe('<stdin>');
  });

  it('rewrites the places a message names: paths the run read, and other existing files', () => {
    const results: FileResult[] = [
      {
        path: 'vllm.yaml',
        findings: [
          finding('PDB p (../other/pdb.yaml:4) blocks Deployment d (vllm.yaml:3, 2 replicas); see "context.yaml:9" and ../other/pdb.yaml:12:3', 'values.yaml'),
        ],
      },
    ];
    const [shown] = paths.results(results, ['vllm.yaml', 'context.yaml']);
    expect(shown!.path).toBe('deploy/vllm.yaml');
    expect(shown!.findings[0]!.message).toBe(
      'PDB p (other/pdb.yaml:4) blocks Deployment d (deploy/vllm.yaml:3, 2 replicas); see "deploy/context.yaml:9" and other/pdb.yaml:12:3',
    );
    expect(shown!.findings[0]!.fix!.edits[0]!.path).toBe('deploy/values.yaml');
    // The input is left as it was: only what is shown changes.
    expect(results[0]!.path).toBe('vllm.yaml');
  });

  it('leaves words that only look like places alone', () => {
    const message = 'probe http://localhost:8000/health, port:8000, image vllm:0.6, missing.yaml:3, 10:30';
    const [shown] = paths.results([{ path: 'vllm.yaml', findings: [finding(message)] }], ['vllm.yaml']);
    expect(shown!.findings[0]!.message).toBe(message);
  });
});
