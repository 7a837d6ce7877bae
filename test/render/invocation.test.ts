/**
 * The command lines the linter runs: `helm template` for a release (tested here with a runner
 * that records the call, since CI has no helm; the stand-in and a real helm take the same line),
 * and `kubectl kustomize` / `kustomize build` of a wrapper kustomization that asks for origin
 * annotations, with the overlay as its one resource.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandRunner } from '../../src/render/command.js';
import { findExecutable } from '../../src/render/command.js';
import { helmTemplateArgs, releaseOf, renderRelease } from '../../src/render/helm.js';
import { buildOverlay, kustomizeRenderer } from '../../src/render/kustomize.js';
import { tempDir } from '../support/temp.js';

interface Call {
  command: string;
  args: readonly string[];
  cwd: string;
  /** The wrapper kustomization as it was when the call was made (it is removed afterwards). */
  wrapper?: string;
}

function recordingRunner(outcomes: CommandOutcome[]): { run: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const run: CommandRunner = (command, args, { cwd }) => {
    const dir = args.at(-1)!;
    const wrapper = join(dir, 'kustomization.yaml');
    calls.push({ command, args, cwd, ...(existsSync(wrapper) ? { wrapper: readFileSync(wrapper, 'utf8') } : {}) });
    return outcomes.shift() ?? { ran: true, code: 0, stdout: '', stderr: '' };
  };
  return { run, calls };
}

const chart = { dir: 'charts/vllm-server', name: 'vllm-server', library: false };

describe('helm template', () => {
  it('is called with the release, the chart directory, the namespace and each values file in order', () => {
    const release = releaseOf(chart, { release: 'vllm', namespace: 'inference', values: ['charts/vllm-server/values-prod.yaml', 'env/gpu.yaml'] }, 'default');
    expect(helmTemplateArgs(release)).toEqual(['template', 'vllm', 'charts/vllm-server', '--namespace', 'inference', '--values', 'charts/vllm-server/values-prod.yaml', '--values', 'env/gpu.yaml']);
  });

  it('a chart config does not list is its own release, in the default namespace', () => {
    expect(helmTemplateArgs(releaseOf(chart, { values: [] }, 'ml'))).toEqual(['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'ml']);
  });

  it("runs the binary from the current directory and classifies helm's answers", () => {
    const release = releaseOf(chart, { values: [] }, 'default');
    const context = { cwd: '/repo', env: {} };
    const { run, calls } = recordingRunner([
      { ran: true, code: 0, stdout: '---\n# Source: vllm-server/templates/x.yaml\nkind: Service\n', stderr: '' },
      { ran: true, code: 1, stdout: '', stderr: 'Error: execution error at (vllm-server/templates/deployment.yaml:12:20): image.tag is required\n' },
      { ran: true, code: 1, stdout: '', stderr: 'Error: unknown flag: --bogus\n' },
      { ran: false, reason: 'not found' },
    ]);
    expect(renderRelease('/usr/local/bin/helm', release, run, context)).toEqual({ kind: 'rendered', stream: '---\n# Source: vllm-server/templates/x.yaml\nkind: Service\n' });
    expect(calls[0]).toEqual({ command: '/usr/local/bin/helm', args: ['template', 'vllm-server', 'charts/vllm-server', '--namespace', 'default'], cwd: '/repo' });
    expect(renderRelease('helm', release, run, context)).toEqual({
      kind: 'failed',
      message: 'execution error at (vllm-server/templates/deployment.yaml:12:20): image.tag is required',
      at: { path: 'charts/vllm-server/templates/deployment.yaml', line: 12, column: 20 },
    });
    expect(renderRelease('helm', release, run, context)).toEqual({ kind: 'broken', message: 'helm template unknown flag: --bogus' });
    expect(renderRelease('helm', release, run, context)).toEqual({ kind: 'broken', message: 'helm (helm) not found' });
  });

  it('leaves out what helm warned before its error (a symlinked CRD, a values table overwritten)', () => {
    const release = releaseOf(chart, { values: [] }, 'default');
    const stderr = [
      'walk.go:75: found symbolic link in path: /repo/charts/vllm-server/crds/a.yaml resolves to /repo/pkg/crds/a.yaml. Contents of linked file included and used',
      'coalesce.go:298: warning: cannot overwrite table with non table for vllm-server.resources (map[])',
      'Error: execution error at (vllm-server/templates/deployment.yaml:153:25): a valid settings.clusterName is required',
      'Use --debug flag to render out invalid YAML',
      '',
    ].join('\n');
    const { run } = recordingRunner([{ ran: true, code: 1, stdout: '', stderr }]);
    expect(renderRelease('helm', release, run, { cwd: '/repo', env: {} })).toEqual({
      kind: 'failed',
      message: 'execution error at (vllm-server/templates/deployment.yaml:153:25): a valid settings.clusterName is required',
      at: { path: 'charts/vllm-server/templates/deployment.yaml', line: 153, column: 25 },
    });
  });
});

describe('kustomize', () => {
  function binaries(...names: string[]): string {
    const dir = tempDir();
    for (const name of names) {
      writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
      chmodSync(join(dir, name), 0o755);
    }
    return dir;
  }

  it('prefers kubectl (kubectl kustomize), then kustomize (kustomize build), or what config names', () => {
    const both = binaries('kubectl', 'kustomize');
    expect(kustomizeRenderer(undefined, { PATH: both }, '/')!.args('d')).toEqual(['kustomize', 'd']);
    expect(kustomizeRenderer(undefined, { PATH: binaries('kustomize') }, '/')!.args('d')).toEqual(['build', 'd']);
    expect(kustomizeRenderer('kustomize', { PATH: both }, '/')).toMatchObject({ path: join(both, 'kustomize') });
    expect(kustomizeRenderer(undefined, { PATH: binaries() }, '/')).toBeUndefined();
    expect(findExecutable('./kubectl', {}, both)).toBe(join(both, 'kubectl'));
  });

  it('builds a wrapper that names the overlay by a relative path and asks for origin and transformer annotations', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'deploy/overlays/aws'), { recursive: true });
    const { run, calls } = recordingRunner([{ ran: true, code: 0, stdout: 'kind: Deployment\n', stderr: '' }]);
    const outcome = buildOverlay({ path: '/usr/bin/kubectl', args: (dir) => ['kustomize', dir] }, 'deploy/overlays/aws', run, { cwd, env: {} });
    expect(outcome).toMatchObject({ kind: 'rendered', stream: 'kind: Deployment\n', traced: true });
    const [call] = calls;
    expect(call!.command).toBe('/usr/bin/kubectl');
    expect(call!.args[0]).toBe('kustomize');
    const wrapperDir = call!.args[1]!;
    const target = JSON.parse(/^resources:\n {2}- (.+)$/m.exec(call!.wrapper!)![1]!) as string;
    expect(target.startsWith('/')).toBe(false);
    expect(resolve(wrapperDir, target)).toBe(join(cwd, 'deploy/overlays/aws'));
    expect(call!.wrapper).toContain('buildMetadata: [originAnnotations, transformerAnnotations]\n');
    // The wrapper is gone afterwards; the overlay was never written to.
    expect(existsSync(wrapperDir)).toBe(false);
  });

  it("a kustomize too old for build metadata builds the overlay itself, untraced; kustomize's error is the overlay's", () => {
    const cwd = tempDir();
    const { run, calls } = recordingRunner([
      { ran: true, code: 1, stdout: '', stderr: 'Error: json: unknown field "buildMetadata"\n' },
      { ran: true, code: 0, stdout: 'kind: Service\n', stderr: '' },
      { ran: true, code: 1, stdout: '', stderr: 'traced failed' },
      { ran: true, code: 1, stdout: '', stderr: 'E1203 17:50:56.510408   18963 run.go:72] "command failed" err="accumulating resources: \'missing.yaml\' must resolve to a file"\n' },
    ]);
    const renderer = { path: '/usr/bin/kustomize', args: (dir: string) => ['build', dir] };
    expect(buildOverlay(renderer, 'overlay', run, { cwd, env: {} })).toMatchObject({ kind: 'rendered', traced: false, stream: 'kind: Service\n' });
    expect(calls[1]!.args).toEqual(['build', join(cwd, 'overlay')]);
    expect(buildOverlay(renderer, 'overlay', run, { cwd, env: {} })).toEqual({ kind: 'failed', message: "accumulating resources: 'missing.yaml' must resolve to a file" });
  });
});

describe("kustomize's error", () => {
  // kubectl 1.32 (klog) prints a multi-line error as a block: `err=<`, tab-indented lines, ` >`.
  const block = (cwd: string) =>
    `E1203 18:43:59.000627     807 run.go:72] "command failed" err=<\n\ttrouble configuring builtin PatchTransformer with config: \`\n\tpath: configmap/patch.yaml\n\t\`: failed to get the patch file from path(configmap/patch.yaml): evalsymlink failure on '${cwd}/overlay/configmap/patch.yaml' : lstat ${cwd}/overlay/configmap/patch.yaml: no such file or directory\n >\n`;
  const renderer = { path: '/usr/bin/kubectl', args: (dir: string) => ['kustomize', dir] };

  it('is the message of a klog block, without its time and process id, with paths relative to the current directory', () => {
    const cwd = tempDir();
    const failing = (stderr: string): CommandRunner => () => ({ ran: true, code: 1, stdout: '', stderr });
    const first = buildOverlay(renderer, 'overlay', failing(block(cwd)), { cwd, env: {} });
    expect(first).toEqual({
      kind: 'failed',
      message:
        "trouble configuring builtin PatchTransformer with config: ` path: configmap/patch.yaml `: failed to get the patch file from path(configmap/patch.yaml): evalsymlink failure on 'overlay/configmap/patch.yaml' : lstat overlay/configmap/patch.yaml: no such file or directory",
    });
    // Another run (another time, another process id) says the same.
    const again = buildOverlay(renderer, 'overlay', failing(block(cwd).replace('18:43:59.000627     807', '09:01:02.123456   31337')), { cwd, env: {} });
    expect(again).toEqual(first);
  });

  it('keeps a path outside the current directory, and a message that is not klog, as they are', () => {
    const cwd = tempDir();
    const outcome = buildOverlay(renderer, 'overlay', () => ({ ran: true, code: 1, stdout: '', stderr: "Error: accumulating resources: '/elsewhere/base' must resolve to a file\n" }), { cwd, env: {} });
    expect(outcome).toEqual({ kind: 'failed', message: "accumulating resources: '/elsewhere/base' must resolve to a file" });
  });
});
