import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { CommandRunner } from './command.js';
import { findExecutable } from './command.js';

/** The program that builds an overlay: `kubectl kustomize DIR` or `kustomize build DIR`. */
export interface KustomizeRenderer {
  path: string;
  args(dir: string): string[];
}

/** The configured renderer, else kubectl, else kustomize on PATH; undefined when there is none. */
export function kustomizeRenderer(configured: string | undefined, env: NodeJS.ProcessEnv, cwd: string): KustomizeRenderer | undefined {
  for (const candidate of configured ? [configured] : ['kubectl', 'kustomize']) {
    const path = findExecutable(candidate, env, cwd);
    if (!path) continue;
    return basename(path).startsWith('kubectl') ? { path, args: (dir) => ['kustomize', dir] } : { path, args: (dir) => ['build', dir] };
  }
  return undefined;
}

/** What a build gave: the rendered stream (with origin annotations when `traced`), or kustomize's error, or a call that is broken. */
export type KustomizeOutcome =
  | { kind: 'rendered'; stream: string; traced: boolean; wrapperDir: string }
  | { kind: 'failed'; message: string }
  | { kind: 'broken'; message: string };

// kustomize's buildMetadata (v4.5.4+, kubectl 1.24+): kubernetes-sigs/kustomize api/types/kustomization.go (BuildMetadata, OriginAnnotations, TransformerAnnotations).
const TRACING = 'buildMetadata: [originAnnotations, transformerAnnotations]';

/**
 * Builds an overlay root through a temporary wrapper kustomization that asks for origin and
 * transformer annotations (the overlay itself is never touched); a kustomize too old for them
 * builds the overlay as it is, untraced. The wrapper's directory is where the origin paths start.
 */
export function buildOverlay(renderer: KustomizeRenderer, root: string, run: CommandRunner, context: { cwd: string; env: NodeJS.ProcessEnv }): KustomizeOutcome {
  const wrapperDir = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-kustomize-'));
  try {
    // kustomize refuses an absolute path as a resource ("new root cannot be absolute").
    const target = relative(wrapperDir, resolve(context.cwd, root)) || '.';
    writeFileSync(join(wrapperDir, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(target)}\n${TRACING}\n`);
    const traced = run(renderer.path, renderer.args(wrapperDir), context);
    if (traced.ran && traced.code === 0) return { kind: 'rendered', stream: traced.stdout, traced: true, wrapperDir };
    const plain = run(renderer.path, renderer.args(resolve(context.cwd, root)), context);
    if (!plain.ran) return { kind: 'broken', message: `${renderer.path} ${plain.reason}` };
    if (plain.code === 0) return { kind: 'rendered', stream: plain.stdout, traced: false, wrapperDir: resolve(context.cwd, root) };
    // Paths below the current directory are said as the report says them: relative.
    const message = kustomizeError(plain.stderr).split(`${resolve(context.cwd)}/`).join('');
    return { kind: 'failed', message: message || `${basename(renderer.path)} exited with code ${plain.code} and no message` };
  } finally {
    rmSync(wrapperDir, { recursive: true, force: true });
  }
}

/**
 * kustomize's error, without klog's prefix (`E1203 17:50:56.510408   18963 run.go:72] "command failed"
 * err=`): a one-line message is quoted (`err="…"`), a multi-line one is a block (`err=<`, each line
 * tab-indented, closed by ` >`). The prefix holds a time and a process id, so keeping it would make
 * every run's message, and its fingerprint, different.
 */
export function kustomizeError(stderr: string): string {
  const text = stderr.trim();
  const klog = /err="((?:[^"\\]|\\.)*)"/.exec(text);
  if (klog) return klog[1]!.replace(/\\"/g, '"').replace(/\\'/g, "'");
  const block = /err=<\r?\n([\s\S]*?)\r?\n\s*>\s*$/.exec(text);
  if (block) return oneLine(block[1]!.split(/\r?\n/).map((line) => line.replace(/^\t/, '')));
  return oneLine(text.replace(/^Error: /, '').split(/\r?\n/));
}

function oneLine(lines: readonly string[]): string {
  return lines.map((line) => line.trim()).filter(Boolean).join(' ');
}
