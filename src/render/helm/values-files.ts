import { parse } from 'yaml';
import type { HelmChart } from './chart-files.js';
import type { ValuesPath } from './template-lines.js';

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
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in value)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return true;
}
