/**
 * Go-style durations as Kubernetes objects write them (`15s`, `1m30s`, `2h`, `1.5h`, `500ms`),
 * plus a bare number of seconds where a field accepts one. Returns seconds, or undefined.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return Number(trimmed);
  const pattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/gy;
  const unitSeconds: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  let consumed = 0;
  for (let match = pattern.exec(trimmed); match; match = pattern.exec(trimmed)) {
    total += Number(match[1]) * unitSeconds[match[2]!]!;
    consumed = pattern.lastIndex;
  }
  return consumed > 0 && consumed === trimmed.length ? total : undefined;
}

/** Seconds as messages write them, without the unit: whole, or to one decimal. */
export function secondsValue(seconds: number): number | string {
  return Number.isInteger(seconds) ? seconds : seconds.toFixed(1);
}

export function formatSeconds(seconds: number): string {
  return `${secondsValue(seconds)} s`;
}

const BINARY_SUFFIXES: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIXES: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes resource quantity (`1`, `500m`, `2Gi`, `1e3`) as a number, or undefined. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(input.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  const suffix = match[3] ?? '';
  return base * (BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix]!);
}

/** `180s`, `5m`, `2h`: a whole number of seconds as a Go duration (Karpenter, Gateway API), in its largest whole unit. */
export function durationText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
