import { basename } from 'node:path';
import { CHART_NOT_RENDERED, RENDER_FAILED } from '../core/diagnostics.js';
import type { Translation } from '../core/file-change.js';
import { chartAt, CHART_FILE, type Chart } from './chart.js';
import { findExecutable } from './command.js';
import { translateHelmFix } from './helm/fix.js';
import { helmOriginMap, type HelmChart } from './helm/origin-map.js';
import { joinPath } from './helm/stream.js';
import { releaseOf, renderRelease, type Release } from './helm.js';
import { problem, readChartFile, RenderInvocationError, type RenderContext, type RenderPlan } from './render-plan.js';
import { rebuildDifference, withChangesInCopy } from './rerender.js';
import type { RenderSettings } from './settings.js';

/**
 * Renders each chart once per release (config's, else one with the defaults) into a rendered
 * input of its own scope; a chart reached only through `named` files reports only on its named
 * templates. Without helm, each chart is one `chart-not-rendered` warning; helm's own error is a
 * `render-failed` error at the file helm names.
 */
export function planCharts(plan: RenderPlan, charts: ReadonlyMap<string, readonly string[]>, named: ReadonlySet<string>, context: RenderContext): void {
  if (charts.size === 0) return;
  const helm = helmBinary(context);
  const { defaults, releases } = context.settings.helm;
  const unlisted = [...charts.keys()].filter((dir) => !releases.some((r) => r.chart === dir));
  if (unlisted.length > 1 && (defaults.values.length > 0 || defaults.release !== undefined)) {
    plan.notices.push(`--helm-release and --helm-values apply to each of the ${unlisted.length} charts config helm.charts does not list (${unlisted.join(', ')}); list a release per chart there to give each its own`);
  }
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
        const at = outcome.at ?? { path: home, ...dependenciesLine(outcome.message, readChartFile(context.cwd, home)) };
        plan.problems.push(problem(at.path, RENDER_FAILED, 'error', `helm could not render chart ${chart.name} (release ${release.name}), so its objects were not linted: ${outcome.message}`, at.line, at.column));
        continue;
      }
      const path = `helm template ${release.name} ${chart.dir}`;
      const files: HelmChart = { dir: chart.dir, readFile: (file: string) => readChartFile(context.cwd, file) };
      const origin = helmOriginMap(outcome.stream, files, valuesFilesOf(files, release));
      plan.rendered.push({
        input: { path, content: Buffer.from(outcome.stream), reportable: true, scope: path, origin },
        source: { path, origin, home, label: `release ${release.name}`, ...(reportOnly ? { reportOnly } : {}), translate: (original, fixed) => translateChartFix(original, fixed, files, helm, release, context),
          preview: (original, fixed) => translateHelmFix(original, fixed, files, valuesFilesOf(files, release)),
        },
      });
    }
  }
}


/** A fix of a chart's rendering, made in its templates and values, and kept only when a second render gives the fixed objects. */
function translateChartFix(original: string, fixed: string, chart: HelmChart, helm: string, release: Release, context: RenderContext): Translation {
  const translation = translateHelmFix(original, fixed, chart, valuesFilesOf(chart, release));
  if (!translation.ok) return translation;
  const proof = withChangesInCopy(chart.dir, translation.changes, context.cwd, (copy, relocate) =>
    renderRelease(helm, { ...release, values: release.values.map(relocate) }, context.run, context, copy),
  );
  if (proof.kind !== 'rendered') return { ok: false, reason: `a second render of the fixed chart failed: ${proof.message}` };
  const difference = rebuildDifference(proof.stream, fixed);
  if (difference) return { ok: false, reason: `a second render of the fixed chart did not give the fixed objects: ${difference}` };
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

/** A dependency helm cannot find is reported at Chart.yaml's `dependencies:`; other errors without a place at its first line. */
function dependenciesLine(message: string, chartYaml: string | undefined): { line: number; column: number } {
  const index = /dependenc/i.test(message) ? (chartYaml?.split(/\r?\n/).findIndex((text) => /^dependencies:/.test(text)) ?? -1) : -1;
  return { line: index === -1 ? 1 : index + 1, column: 1 };
}

function homeOf(chart: Chart): string {
  return chart.dir === '.' ? CHART_FILE : `${chart.dir}/${CHART_FILE}`;
}

