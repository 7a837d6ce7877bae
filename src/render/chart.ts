import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

/** A chart a user keeps in the repository: its directory (relative to the current directory, `/` separators) and its name. */
export interface Chart {
  dir: string;
  name: string;
  /** A library chart (`type: library`) holds only helpers: helm refuses to render it, and it has no objects. */
  library: boolean;
}

export const CHART_FILE = 'Chart.yaml';

/** `hasChartFile` for many files of one walk: each directory's Chart.yaml is looked for once. */
export function chartFileProbe(): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  return (dir) => {
    let has = known.get(dir);
    if (has === undefined) known.set(dir, (has = existsSync(join(dir, CHART_FILE))));
    return has;
  };
}

/**
 * The chart a file belongs to: the nearest directory above it (or itself) with a Chart.yaml, and
 * for a subchart (`<chart>/charts/<sub>`) the chart that vendors it, which is the one rendered.
 * Directories above `cwd` are not searched.
 */
export function chartDirOf(path: string, cwd: string, hasChartFile: (dir: string) => boolean = (dir) => existsSync(join(dir, CHART_FILE))): string | undefined {
  const root = resolve(cwd);
  let chart: string | undefined;
  for (let dir = resolve(cwd, path); dir === root || dir.startsWith(`${root}/`); dir = dirname(dir)) {
    if (hasChartFile(dir) && (chart === undefined || dirname(chart) === join(dir, 'charts'))) chart = dir;
    if (dir === root) break;
  }
  return chart === undefined ? undefined : relativePath(cwd, chart);
}

/** The chart's name from its Chart.yaml (helm names rendered templates `<name>/templates/…`), else its directory's name. */
export function chartAt(dir: string, cwd: string): Chart {
  let name: unknown;
  let type: unknown;
  try {
    const document = parseDocument(readFileSync(resolve(cwd, dir, CHART_FILE), 'utf8'));
    [name, type] = [document.get('name'), document.get('type')];
  } catch {
    name = undefined;
  }
  return { dir, name: typeof name === 'string' && name !== '' ? name : basename(resolve(cwd, dir)), library: type === 'library' };
}

export function relativePath(cwd: string, absolute: string): string {
  const root = resolve(cwd);
  if (absolute === root) return '.';
  return absolute.startsWith(`${root}/`) ? absolute.slice(root.length + 1) : absolute;
}
