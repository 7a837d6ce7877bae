import type { Json } from '../shared/editor.js';
import type { YamlStyle } from './style.js';



/** Plain scalars YAML 1.1 would read as something other than a string. */
const NOT_A_PLAIN_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9._:]+(?:[eE][-+]?[0-9]+)?|[-+]?\.inf|\.nan)$/i;

/**
 * Whether a string can be written plain: no indicator at the start (a `-` or `:` is fine before
 * a non-space), no `: ` or ` #` inside, no surrounding spaces, and not a YAML 1.1 boolean,
 * number or null.
 */
export function plainSafe(value: string): boolean {
  if (value === '' || value !== value.trim() || NOT_A_PLAIN_STRING.test(value)) return false;
  if (/^[?,[\]{}#&*!|>'"%@`]/.test(value) || /^[-:](\s|$)/.test(value)) return false;
  return !/: |:$| #|[\n\t]/.test(value) && !/[,[\]{}]/.test(value);
}

export function renderScalar(value: Exclude<Json, Json[] | { [key: string]: Json }>, style: YamlStyle): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return plainSafe(value) ? value : quoted(value, style);
}

export function quoted(value: string, style: YamlStyle): string {
  return style.quote === "'" && !/[\n\t\\]/.test(value) ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

/** A mapping key: plain where YAML 1.1 reads it back as the same string (`"on"` must be quoted). */
export function renderKey(key: string, style: YamlStyle): string {
  return plainSafe(key) ? key : quoted(key, style);
}

export function renderFlow(value: Json, style: YamlStyle): string {
  if (Array.isArray(value)) {
    return `[${value.map((v) => (typeof v === 'string' && style.quoteFlowItems ? quoted(v, style) : renderFlow(v, style))).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${renderKey(k, style)}: ${renderFlow(v, style)}`).join(', ')}}`;
  }
  return renderScalar(value, style);
}

const isScalar = (value: Json): value is Exclude<Json, Json[] | { [key: string]: Json }> => value === null || typeof value !== 'object';

/**
 * `key: value` in block style at `column`, its first line unindented (it goes where the cursor
 * is) and the rest indented; lines joined with the file's line ending.
 */
export function renderPair(rawKey: string, value: Json, column: number, style: YamlStyle): string {
  const key = renderKey(rawKey, style);
  if (isScalar(value)) return `${key}: ${renderScalar(value, style)}`;
  if (Array.isArray(value) && (value.length === 0 || (value.every(isScalar) && style.flowStringLists))) {
    return `${key}: ${renderFlow(value, style)}`;
  }
  if (!Array.isArray(value) && Object.keys(value).length === 0) return `${key}: {}`;
  return `${key}:${style.eol}${' '.repeat(column + (Array.isArray(value) ? style.sequenceIndent : style.indent))}${renderBlock(value, column + (Array.isArray(value) ? style.sequenceIndent : style.indent), style)}`;
}

/** A mapping or list in block style at `column`, first line unindented. */
export function renderBlock(value: Json, column: number, style: YamlStyle): string {
  const pad = (n: number) => ' '.repeat(n);
  if (Array.isArray(value)) {
    return value
      .map((item) => `- ${isScalar(item) ? renderScalar(item, style) : renderBlock(item, column + 2, style)}`)
      .join(`${style.eol}${pad(column)}`);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => renderPair(k, v, column, style))
      .join(`${style.eol}${pad(column)}`);
  }
  return renderScalar(value, style);
}
