import fg from 'fast-glob';
import { dirname } from 'node:path';
import { chartAt, chartDirOf, CHART_FILE, type Chart } from './chart.js';
import { helmOriginMap } from './helm/origin-map.js';
import { readChartFile } from './render-plan.js';
import type { RenderedSource } from './map-results.js';

const SOURCE_COMMENT = /^# Source: ([^/\r\n]+)\//m;

/**
 * A `helm template` stream piped to stdin is mapped to its chart like a chart the run renders:
 * the chart is `--stdin-filename` (the chart's directory or a file in it), else the chart the
 * current directory is in, else the one chart below it with the name the `# Source:` comments give.
 * A chart of another name did not render the stream (its template lines would be matched to the
 * wrong files), so it is passed over.
 */
export function renderedStdin(text: string, path: string, stdinFilename: string | undefined, cwd: string): RenderedSource | undefined {
  const name = SOURCE_COMMENT.exec(text)?.[1];
  if (name === undefined) return undefined;
  const chart = chartNamed(name, stdinFilename, cwd);
  if (!chart) return undefined;
  const origin = helmOriginMap(text, { dir: chart.dir, readFile: (path: string) => readChartFile(cwd, path) });
  return { path, origin, home: chart.dir === '.' ? CHART_FILE : `${chart.dir}/${CHART_FILE}` };
}

function chartNamed(name: string, stdinFilename: string | undefined, cwd: string): Chart | undefined {
  for (const start of [stdinFilename, '.']) {
    if (start === undefined) continue;
    const dir = chartDirOf(start, cwd);
    const chart = dir === undefined ? undefined : chartAt(dir, cwd);
    if (chart?.name === name) return chart;
  }
  const found = fg
    .sync(`**/${CHART_FILE}`, { cwd, ignore: ['**/node_modules/**', '**/.git/**'], deep: 6, followSymbolicLinks: false, suppressErrors: true })
    .map((file) => chartAt(dirname(file), cwd))
    .filter((chart) => chart.name === name);
  return found.length === 1 ? found[0] : undefined;
}
