import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chartDirOf, CHART_FILE } from './chart.js';
import { planCharts } from './charts-plan.js';
import { planOverlays } from './overlays-plan.js';
import type { RenderContext, RenderPlan } from './render-plan.js';

export { RenderInvocationError, type RenderContext, type RenderPlan } from './render-plan.js';

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
    else if (dir !== undefined) {
      const files = charts.get(dir);
      if (files) files.push(file);
      else charts.set(dir, [file]);
    }
  }
  planOverlays(plan, named, context);
  planCharts(plan, charts, named, context);
  return plan;
}
