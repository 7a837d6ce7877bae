import { parse } from 'yaml';
import { joinPath } from './stream.js';

/** A chart directory and how to read its files (paths relative to the cwd, '/' separators). */
export interface HelmChart {
  dir: string;
  readFile(relPath: string): string | undefined;
}

/**
 * The file in the chart directory a `# Source:` path names. Each subchart on the way
 * (`<chart>/charts/<name>/…`) is the directory `charts/<name>` with a Chart.yaml, or, when `<name>`
 * is a dependency's alias (helm names the subchart after its alias: getAliasDependency, helm
 * v3.17.2 pkg/chartutil/dependencies.go line 123), the directory of the chart it aliases.
 * Undefined when the path climbs out of the chart or a subchart has no directory (packed as a
 * `.tgz`).
 */
export function templateFileIn(chart: HelmChart, source: string): string | undefined {
  const segments = source.split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  let dir = chart.dir;
  let index = 1;
  while (segments[index] === 'charts' && index + 2 < segments.length) {
    const subchart = subchartDir(chart, dir, segments[index + 1]!);
    if (subchart === undefined) return undefined;
    dir = subchart;
    index += 2;
  }
  return joinPath(dir, segments.slice(index).join('/'));
}

function subchartDir(chart: HelmChart, dir: string, name: string): string | undefined {
  const isChart = (candidate: string) => chart.readFile(joinPath(candidate, 'Chart.yaml')) !== undefined;
  const direct = joinPath(dir, `charts/${name}`);
  if (isChart(direct)) return direct;
  const aliased = aliasedName(chart.readFile(joinPath(dir, 'Chart.yaml')), name);
  const target = aliased === undefined ? undefined : joinPath(dir, `charts/${aliased}`);
  return target !== undefined && isChart(target) ? target : undefined;
}

/** The name of the dependency a Chart.yaml gives `alias`, if any. */
function aliasedName(chartYaml: string | undefined, alias: string): string | undefined {
  if (chartYaml === undefined) return undefined;
  try {
    const dependencies = (parse(chartYaml) as { dependencies?: unknown } | null)?.dependencies;
    if (!Array.isArray(dependencies)) return undefined;
    const dependency = dependencies.find((entry): entry is { name: string } => typeof entry === 'object' && entry !== null && entry.alias === alias && typeof entry.name === 'string');
    return dependency && !/[/\\]|^\.\.?$/.test(dependency.name) ? dependency.name : undefined;
  } catch {
    return undefined;
  }
}
