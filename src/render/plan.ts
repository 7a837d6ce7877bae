import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import fg from 'fast-glob';

import { CHART_NOT_RENDERED, RENDER_FAILED } from '../core/diagnostics.js';
import type { FileResult, Finding } from '../core/findings.js';
import { hash } from '../engine/findings.js';
import type { LintInput } from '../engine/lint.js';
import { chartAt, chartDirOf, CHART_FILE, relativePath, type Chart } from './chart.js';
import { findExecutable, type CommandRunner } from './command.js';
import { translateHelmFix } from './helm/fix.js';
import { helmOriginMap, type HelmChart } from './helm/origin-map.js';
import { joinPath } from './helm/stream.js';
import { sameObjects, withChangesInCopy } from './rerender.js';
import type { Translation } from '../core/file-change.js';
import { releaseOf, renderRelease, type Release } from './helm.js';
import type { RenderedSource } from './map-results.js';
import type { RenderSettings } from './settings.js';
import { buildOverlay, kustomizeRenderer, type KustomizeRenderer } from './kustomize.js';
import { splitBuildMetadata } from './kustomize/build-metadata.js';
import { copyRootOf, tooLargeToCopy } from './kustomize/copy-root.js';
import { diskReader } from './kustomize/files.js';
import { rebuildDifference, translateKustomizeFix } from './kustomize/fix.js';
import { KUSTOMIZATION_FILE_NAMES } from './kustomize/kustomization.js';
import { kustomizeOriginMap, type KustomizeOriginMap } from './kustomize/origin-map.js';
import { filesOf, overlayRoots } from './kustomize/roots.js';

/** A call of a renderer that cannot work as configured (a binary that is not there): exit 2. */
export class RenderInvocationError extends Error {}

/** What the run lints: plain files, rendered inputs (each its own scope), and the charts and overlays that could not be rendered. */
export interface RenderPlan {
  plain: string[];
  rendered: { input: LintInput; source: RenderedSource }[];
  problems: FileResult[];
  notices: string[];
}

export interface RenderContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  run: CommandRunner;
  settings: RenderSettings;
}

/**
 * Sorts the discovered files: those of a chart are never read as YAML, the chart is rendered
 * (once per configured release) instead. `named` are the files the command line named one by
 * one (a pre-commit run): a chart reached only through them reports only on its named templates.
 */
export function planRendering(discovered: readonly string[], named: ReadonlySet<string>, context: RenderContext): RenderPlan {
  const plan: RenderPlan = { plain: [], rendered: [], problems: [], notices: [] };
  const charts = new Map<string, string[]>();
  const chartFiles = new Map<string, boolean>();
  const hasChartFile = (dir: string) => {
    let found = chartFiles.get(dir);
    if (found === undefined) chartFiles.set(dir, (found = existsSync(join(dir, CHART_FILE))));
    return found;
  };
  for (const file of discovered) {
    const dir = chartDirOf(file, context.cwd, hasChartFile);
    // A helper template outside any chart is no manifest (the pre-commit hook passes every staged .tpl).
    if (dir === undefined && !file.endsWith('.tpl')) plan.plain.push(file);
    else if (dir !== undefined) charts.set(dir, [...(charts.get(dir) ?? []), file]);
  }
  planOverlays(plan, named, context);
  if (charts.size === 0) return plan;
  const helm = helmBinary(context);
  for (const [dir, files] of charts) {
    const chart = chartAt(dir, context.cwd);
    if (chart.library) continue;
    const home = homeOf(chart);
    if (!helm) {
      plan.problems.push(problem(home, CHART_NOT_RENDERED, 'warn', `Helm chart ${chart.name} was not rendered, so its objects were not linted: helm is not on PATH (install helm, or name its path in config helm.binary)`));
      continue;
    }
    const reportOnly = reportedFiles(files, named);
    for (const release of releasesOf(chart, context.settings)) {
      const outcome = renderRelease(helm, release, context.run, context);
      if (outcome.kind === 'broken') throw new RenderInvocationError(outcome.message);
      if (outcome.kind === 'failed') {
        const at = outcome.at ?? { path: home, line: 1, column: 1 };
        plan.problems.push(problem(at.path, RENDER_FAILED, 'error', `helm could not render chart ${chart.name} (release ${release.name}), so its objects were not linted: ${outcome.message}`, at.line, at.column));
        continue;
      }
      const path = `helm template ${release.name} ${chart.dir}`;
      const files: HelmChart = { dir: chart.dir, readFile: (file: string) => readChartFile(context.cwd, file) };
      const origin = helmOriginMap(outcome.stream, files);
      plan.rendered.push({
        input: { path, content: Buffer.from(outcome.stream), reportable: true, scope: path, origin },
        source: { path, origin, home, ...(reportOnly ? { reportOnly } : {}), translate: (original, fixed) => translateChartFix(original, fixed, files, helm, release, context),
          preview: (original, fixed) => translateHelmFix(original, fixed, files, valuesFilesOf(files, release)),
        },
      });
    }
  }
  return plan;
}

/** A fix of a chart's rendering, made in its templates and values, and kept only when a second render gives the fixed objects. */
function translateChartFix(original: string, fixed: string, chart: HelmChart, helm: string, release: Release, context: RenderContext): Translation {
  const translation = translateHelmFix(original, fixed, chart, valuesFilesOf(chart, release));
  if (!translation.ok) return translation;
  const proof = withChangesInCopy(chart.dir, translation.changes, context.cwd, (copy, relocate) =>
    renderRelease(helm, { ...release, values: release.values.map(relocate) }, context.run, context, copy),
  );
  if (proof.kind !== 'rendered') return { ok: false, reason: `a second render of the fixed chart failed: ${proof.message}` };
  if (!sameObjects(proof.stream, fixed)) return { ok: false, reason: 'a second render of the fixed chart did not give the fixed objects' };
  return translation;
}

/** The values files of a release, in helm's order: the chart's values.yaml, then each `--values` file. */
function valuesFilesOf(chart: HelmChart, release: Release): string[] {
  return [joinPath(chart.dir, 'values.yaml'), ...release.values];
}

function helmBinary(context: RenderContext): string | undefined {
  const configured = context.settings.helm.binary;
  const found = findExecutable(configured ?? 'helm', context.env, context.cwd);
  if (configured && !found) throw new RenderInvocationError(`config helm.binary "${configured}" is not an executable file`);
  return found;
}

function releasesOf(chart: Chart, settings: RenderSettings): Release[] {
  const configured = settings.helm.releases.filter((r) => r.chart === chart.dir);
  return configured.length > 0 ? configured.map((r) => releaseOf(chart, r, settings.defaultNamespace)) : [releaseOf(chart, settings.helm.defaults, settings.defaultNamespace)];
}

/**
 * A chart reached only through named files reports on its named templates; a named values
 * file, helper or Chart.yaml changes every object, so the whole chart is reported.
 */
function reportedFiles(files: readonly string[], named: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (!files.every((f) => named.has(f))) return undefined;
  if (files.some((f) => !/(^|\/)templates\//.test(f) || basename(f).startsWith('_'))) return undefined;
  return new Set(files);
}

function homeOf(chart: Chart): string {
  return chart.dir === '.' ? CHART_FILE : `${chart.dir}/${CHART_FILE}`;
}

/** A file of a chart (relative to the current directory), as text; undefined when it cannot be read. */
export function readChartFile(cwd: string, path: string): string | undefined {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    return undefined;
  }
}

function problem(path: string, ruleId: string, severity: Finding['severity'], message: string, line = 1, column = 1): FileResult {
  return {
    path,
    findings: [{ ruleId, severity, message, line, column, endLine: line, endColumn: column, fixable: false, fingerprint: hash(`${ruleId}\u0000${path}\u0000${message}`) }],
  };
}

/**
 * Kustomize overlay roots (kustomizations no other one in the run builds) are built, each one
 * scope, and the files their builds read are not linted again as plain files. A file named on
 * the command line builds every root of the repository that reads it, which then reports only
 * on the named files (all of it when a named file is a kustomization). Without kubectl or
 * kustomize, the files stay plain, with one notice.
 */
function planOverlays(plan: RenderPlan, named: ReadonlySet<string>, context: RenderContext): void {
  const isKustomization = (file: string) => (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(file));
  const walked = plan.plain.filter((file) => isKustomization(file) && !named.has(file)).map((file) => resolve(context.cwd, dirname(file)));
  const namedFiles = plan.plain.filter((file) => named.has(file)).map((file) => resolve(context.cwd, file));
  const candidates = namedFiles.length > 0 ? [...walked, ...kustomizationDirsBelow(context.cwd)] : walked;
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

function kustomizationDirsBelow(cwd: string): string[] {
  return fg
    .sync(`**/{${KUSTOMIZATION_FILE_NAMES.join(',')}}`, { cwd, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false, suppressErrors: true })
    .map((file) => resolve(cwd, dirname(file)));
}

function kustomizationPathOf(dir: string, root: string): string {
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => diskReader.readFile(resolve(root, n)) !== undefined) ?? KUSTOMIZATION_FILE_NAMES[0];
  return dir === '.' ? name : `${dir}/${name}`;
}
