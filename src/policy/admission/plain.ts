import type { KubeObject } from '../../model/objects.js';

/** Readers of plain data (an object's `toJS()`), which tolerate any shape: a wrong type reads as absent. */
export type Plain = Record<string, unknown>;

export function record(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === 'string');
}

/** An object's manifest as plain data, as the API server reads it. */
export function plainOf(object: KubeObject): Plain {
  return record(object.root.toJS()) ?? {};
}
