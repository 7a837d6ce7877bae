import { resolve } from 'node:path';
import { RENDER_FAILED } from '../core/diagnostics.js';
import type { Translation } from '../core/file-change.js';
import { relativePath } from './chart.js';
import { buildOverlay, kustomizeRenderer, type KustomizeRenderer } from './kustomize.js';
import { splitBuildMetadata } from './kustomize/build-metadata.js';
import { copyRootOf, tooLargeToCopy } from './kustomize/copy-root.js';
import { diskReader } from './kustomize/files.js';
import { translateKustomizeFix } from './kustomize/fix.js';
import { KUSTOMIZATION_FILE_NAMES } from './kustomize/file-names.js';
import { kustomizeOriginMap, type KustomizeOriginMap } from './kustomize/origin-map.js';
import { filesOf, overlayRoots } from './kustomize/roots.js';
import { problem, RenderInvocationError, type RenderContext, type RenderPlan } from './render-plan.js';
import { rebuildDifference, withChangesInCopy } from './rerender.js';
import { isKustomization, type OverlayCandidates } from './overlay-candidates.js';

/**
 * Kustomize overlay roots (kustomizations no other one in the run builds) are built, each one
 * scope, and the files their builds read are not linted again as plain files. A file named on
 * the command line builds every root of the repository that reads it, which then reports only
 * on the named files (all of it when a named file is a kustomization). Without kubectl or
 * kustomize, the files stay plain, with one notice.
 */
export function planOverlays(plan: RenderPlan, named: ReadonlySet<string>, { walked, namedFiles, candidates }: OverlayCandidates, context: RenderContext): void {
  if (candidates.length === 0) return;
  const renderer = kustomizeRenderer(context.settings.kustomize.binary, context.env, context.cwd);
  if (context.settings.kustomize.binary && !renderer) throw new RenderInvocationError(`config kustomize.binary "${context.settings.kustomize.binary}" is not an executable file`);
  const walkedRoots = new Set(overlayRoots(walked, diskReader));
  const roots = overlayRoots(candidates, diskReader)
    .map((root) => ({ root, files: filesOf(root, diskReader) }))
    .filter(({ root, files }) => walkedRoots.has(root) || files.some((file) => namedFiles.includes(file)));
  if (roots.length === 0) return;
  if (!renderer) {
    plan.notices.push(`${roots.length === 1 ? 'a Kustomize overlay is' : `${roots.length} Kustomize overlays are`} linted as plain manifests, patches apart from what they patch: neither kubectl nor kustomize is on PATH`);
    return;
  }
  const built = new Set<string>();
  for (const { root, files } of roots) {
    for (const file of files) built.add(relativePath(context.cwd, file));
    const dir = relativePath(context.cwd, root);
    const home = kustomizationPathOf(dir, root);
    const outcome = buildOverlay(renderer, dir, context.run, context);
    if (outcome.kind === 'broken') throw new RenderInvocationError(outcome.message);
    if (outcome.kind === 'failed') {
      plan.problems.push(problem(home, RENDER_FAILED, 'error', `kustomize could not build overlay ${dir}, so its objects were not linted: ${outcome.message}`));
      continue;
    }
    const path = `kustomize build ${dir}`;
    // What is linted is the stream without kustomize's build metadata: what a user would deploy.
    const origin = kustomizeOriginMap(outcome.stream, { wrapperDir: outcome.wrapperDir, cwd: resolve(context.cwd), fs: diskReader, root });
    const relativeFiles = files.map((file) => relativePath(context.cwd, file));
    const reportedNamed = walkedRoots.has(root) || relativeFiles.some((file) => named.has(file) && isKustomization(file)) ? undefined : new Set(relativeFiles.filter((file) => named.has(file)));
    plan.rendered.push({
      input: { path, content: Buffer.from(origin.text), reportable: true, scope: path, origin },
      source: {
        path,
        origin,
        home,
        label: `overlay ${dir}`,
        ...(reportedNamed ? { reportOnly: reportedNamed } : {}),
        translate: (original, fixed, edited) => translateOverlayFix(original, fixed, edited, origin, { renderer, root, files }, context),
        preview: (original, fixed) => translateKustomizeFix(original, fixed, origin, diskReader),
      },
    });
  }
  plan.plain = plan.plain.filter((file) => !built.has(file));
}

/**
 * A fix of an overlay's rendering, made in its bases and patches, and kept only when building a
 * copy of the overlay again, with the changes the run makes to its files, gives the fixed objects
 * (build metadata aside). The copy is of the lowest directory that holds the root and every file
 * the build reads, and is refused when large.
 */
function translateOverlayFix(
  original: string,
  fixed: string,
  edited: ReadonlyMap<string, string>,
  map: KustomizeOriginMap,
  overlay: { renderer: KustomizeRenderer; root: string; files: readonly string[] },
  context: RenderContext,
): Translation {
  const translation = translateKustomizeFix(original, fixed, map, diskReader, edited);
  if (!translation.ok) return translation;
  const copied = copyRootOf(overlay.root, overlay.files);
  const tooLarge = tooLargeToCopy(copied);
  if (tooLarge) return { ok: false, reason: `the fix is not proven by building the overlay again: ${tooLarge}, too much to copy` };
  // Built from the files as the run leaves them: with what earlier fixes (another overlay's, of a shared base) changed too.
  const read = new Set(overlay.files);
  const earlier = [...edited]
    .filter(([path]) => read.has(resolve(context.cwd, path)) && !translation.changes.some((change) => change.path === path))
    .map(([path, after]) => ({ path, before: after, after }));
  const proof = withChangesInCopy(copied, [...translation.changes, ...earlier], context.cwd, (_copy, relocate) => buildOverlay(overlay.renderer, relocate(overlay.root), context.run, context));
  if (proof.kind !== 'rendered') return { ok: false, reason: `building the fixed overlay again failed: ${proof.message}` };
  const difference = rebuildDifference(splitBuildMetadata(proof.stream).text, fixed);
  if (difference) return { ok: false, reason: `building the fixed overlay again did not give the fixed objects: ${difference}` };
  return translation;
}

function kustomizationPathOf(dir: string, root: string): string {
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => diskReader.readFile(resolve(root, n)) !== undefined) ?? KUSTOMIZATION_FILE_NAMES[0];
  return dir === '.' ? name : `${dir}/${name}`;
}
