import { parse } from 'yaml';
import type { HelmChart } from './chart-files.js';
import { EACH_ITEM, type ValuesPath } from './template-lines.js';

/** The last of a release's values files (in helm's order) that sets `path`; undefined when none does. */
export function valuesFileSetting(chart: HelmChart, valuesFiles: readonly string[], path: ValuesPath, texts: ReadonlyMap<string, string> = new Map()): string | undefined {
  return [...valuesFiles].reverse().find((file) => {
    const text = texts.get(file) ?? chart.readFile(file);
    return text !== undefined && holds(text, path);
  });
}

function holds(text: string, path: ValuesPath): boolean {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return false;
  }
  return holdsIn(value, path);
}

/** Whether `path` leads somewhere in `value`; at a list's EACH_ITEM, in any of its items. */
function holdsIn(value: unknown, path: ValuesPath): boolean {
  const [key, ...rest] = path;
  if (key === undefined) return true;
  if (key === EACH_ITEM) return Array.isArray(value) && value.some((item) => holdsIn(item, rest));
  if (value === null || typeof value !== 'object' || !(key in value)) return false;
  return holdsIn((value as Record<string, unknown>)[key], rest);
}
