import type { YamlStyle } from './style.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Plain scalars YAML 1.1 would read as something other than a string. */
const NOT_A_PLAIN_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9._:]+(?:[eE][-+]?[0-9]+)?|\.inf|\.nan)$/i;

export function renderScalar(value: Exclude<Json, Json[] | { [key: string]: Json }>, style: YamlStyle): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (/^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(value) && !/ $/.test(value) && !NOT_A_PLAIN_STRING.test(value)) return value;
  return quoted(value, style);
}

function quoted(value: string, style: YamlStyle): string {
  return style.quote === "'" && !/[\n\t\\]/.test(value) ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

export function renderFlow(value: Json, style: YamlStyle): string {
  if (Array.isArray(value)) {
    return `[${value.map((v) => (typeof v === 'string' && style.quoteFlowItems ? quoted(v, style) : renderFlow(v, style))).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${renderFlow(v, style)}`).join(', ')}}`;
  }
  return renderScalar(value, style);
}

const isScalar = (value: Json): value is Exclude<Json, Json[] | { [key: string]: Json }> => value === null || typeof value !== 'object';

/**
 * `key: value` in block style at `column`, its first line unindented (it goes where the cursor
 * is) and the rest indented; lines joined with the file's line ending.
 */
export function renderPair(key: string, value: Json, column: number, style: YamlStyle): string {
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
