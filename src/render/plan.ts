import { chartDirOf, chartFileProbe } from './chart.js';
import type { CommandRunner } from './command.js';
import { overlayCandidates } from './overlay-candidates.js';
import type { RenderContext, RenderPlan } from './render-plan.js';

export { RenderInvocationError, type RenderContext, type RenderPlan } from './render-plan.js';

/**
 * Sorts the discovered files: those of a chart are never read as YAML, the chart is rendered
 * (once per configured release) instead. `named` are the files the command line named one by
 * one (a pre-commit run): a chart reached only through them reports only on its named templates.
 * The code that renders charts and builds overlays is loaded only when the run has one.
 * `context.run` runs helm and kustomize (default: as processes).
 */
export async function planRendering(discovered: readonly string[], named: ReadonlySet<string>, context: Omit<RenderContext, 'run'> & { run?: CommandRunner }): Promise<RenderPlan> {
  const plan: RenderPlan = { plain: [], rendered: [], problems: [], notices: [] };
  const charts = new Map<string, string[]>();
  const hasChartFile = chartFileProbe();
  for (const file of discovered) {
    const dir = chartDirOf(file, context.cwd, hasChartFile);
    // A helper template outside any chart is no manifest (the pre-commit hook passes every staged .tpl).
    if (dir === undefined && !file.endsWith('.tpl')) plan.plain.push(file);
    else if (dir !== undefined) {
      const files = charts.get(dir);
      if (files) files.push(file);
      else charts.set(dir, [file]);
    }
  }
  const overlays = overlayCandidates(plan.plain, named, context.cwd);
  if (overlays.candidates.length === 0 && charts.size === 0) return plan;
  const rendering: RenderContext = { ...context, run: context.run ?? (await import('./command.js')).runCommand };
  if (overlays.candidates.length > 0) (await import('./overlays-plan.js')).planOverlays(plan, named, overlays, rendering);
  if (charts.size > 0) (await import('./charts-plan.js')).planCharts(plan, charts, named, rendering);
  return plan;
}
