import type { Formatter } from './types.js';

export const FORMATS = [
  'stylish',
  'concise',
  'json',
  'sarif',
  'github',
  'gitlab',
  'junit',
] as const;
export type Format = (typeof FORMATS)[number];

/** Loads only the formatter asked for. */
export async function loadFormatter(format: Format): Promise<Formatter> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).json;
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'concise':
      return (await import('./concise.js')).concise;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'github':
      return (await import('./github.js')).github;
    case 'gitlab':
      return (await import('./gitlab.js')).gitlab;
    case 'junit':
      return (await import('./junit.js')).junit;
  }
}
