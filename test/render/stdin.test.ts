/**
 * A `helm template` stream on stdin is mapped to the chart that rendered it: the one whose name
 * its `# Source:` comments give, never a chart of another name the current directory or
 * `--stdin-filename` happens to be in.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderedStdin } from '../../src/render/stdin.js';
import { tempDir } from '../support/temp.js';

const TEMPLATE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n';
const STREAM = '---\n# Source: vllm-server/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vllm\nspec:\n  replicas: 1\n';

function repository(): string {
  return tempDir({
    'charts/vllm-server/Chart.yaml': 'apiVersion: v2\nname: vllm-server\nversion: 0.1.0\n',
    'charts/vllm-server/templates/deployment.yaml': TEMPLATE,
    'charts/ray-cluster/Chart.yaml': 'apiVersion: v2\nname: ray-cluster\nversion: 0.1.0\n',
    'charts/ray-cluster/templates/deployment.yaml': TEMPLATE,
  });
}

/** Where the `replicas: 1` line of the stream (line 8) is reported. */
function replicasLine(cwd: string, stdinFilename?: string) {
  const source = renderedStdin(STREAM, '<stdin>', stdinFilename, cwd);
  return source && { home: source.home, at: source.origin.locate({ line: 8, column: 3 }, { line: 8, column: 14 }) };
}

describe('a helm template stream on stdin', () => {
  it('is mapped to the chart it names: the current directory, --stdin-filename, or the one chart below of that name', () => {
    const repo = repository();
    expect(replicasLine(join(repo, 'charts/vllm-server'))).toMatchObject({ home: 'Chart.yaml', at: { path: 'templates/deployment.yaml', line: 6 } });
    expect(replicasLine(repo, 'charts/vllm-server')).toMatchObject({ home: 'charts/vllm-server/Chart.yaml', at: { path: 'charts/vllm-server/templates/deployment.yaml', line: 6 } });
    expect(replicasLine(repo)).toMatchObject({ home: 'charts/vllm-server/Chart.yaml', at: { path: 'charts/vllm-server/templates/deployment.yaml', line: 6 } });
  });

  it('is not mapped to a chart of another name the current directory is in', () => {
    const repo = repository();
    expect(replicasLine(join(repo, 'charts/ray-cluster'))).toBeUndefined();
  });

  it('named with the --stdin-filename of a chart of another name, is mapped to the chart of its own name below', () => {
    const repo = repository();
    expect(replicasLine(repo, 'charts/ray-cluster')).toMatchObject({ home: 'charts/vllm-server/Chart.yaml', at: { path: 'charts/vllm-server/templates/deployment.yaml' } });
  });
});
