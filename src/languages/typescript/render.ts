import { lineEnding } from '../shared/edit-support.js';
import type { Json } from '../shared/editor.js';

/** How a TypeScript file writes literals, as far as a fix needs to copy it. */
export interface TsStyle {
  quote: "'" | '"';
  /** One level of indentation (two or four spaces, or a tab). */
  indent: string;
  /** Whether multi-line object and array literals end their last entry with a comma. */
  trailingComma: boolean;
  eol: '\n' | '\r\n';
  /**
   * cdk8s types int-or-string fields as `IntOrString`: the expression that names the class
   * (`IntOrString`, `k8s.IntOrString`), when the file has one.
   */
  intOrString?: string;
}

/**
 * Fields the Kubernetes API types as int-or-string (cdk8s wants `IntOrString.fromNumber(…)`
 * there): a probe's or hook's `httpGet`/`tcpSocket` port (a `grpc` port is a plain number).
 */
const INT_OR_STRING_KEYS = new Set(['targetPort', 'maxUnavailable', 'maxSurge', 'minAvailable']);
const INT_OR_STRING_PORT_PARENTS = new Set(['httpGet', 'tcpSocket']);

function intOrString(key: string | undefined, parentKey: string | undefined): boolean {
  return key !== undefined && (INT_OR_STRING_KEYS.has(key) || (key === 'port' && INT_OR_STRING_PORT_PARENTS.has(parentKey ?? '')));
}

const PRINT_WIDTH = 100;

export function detectTsStyle(text: string): TsStyle {
  const singles = text.match(/(?<![\w'"])'[^'\n]*'/g)?.length ?? 0;
  const doubles = text.match(/(?<![\w'"])"[^"\n]*"/g)?.length ?? 0;
  const indent = /\n(\t+|[ ]{2,})\S/.exec(text)?.[1];
  const multiLineEnds = text.match(/[^\s{[(,]\s*\n\s*[}\]]/g)?.length ?? 0;
  const commaEnds = text.match(/,\s*\n\s*[}\]]/g)?.length ?? 0;
  const intOrString = /\b((?:[A-Za-z_$][\w$]*\.)?IntOrString)\.from(?:Number|String)\(/.exec(text)?.[1] ?? (/\bIntOrString\b/.test(text) ? 'IntOrString' : undefined);
  return {
    quote: doubles > singles ? '"' : "'",
    indent: indent?.startsWith('\t') ? '\t' : indent && indent.length % 4 === 0 && !/\n {2}\S/.test(text) ? '    ' : '  ',
    trailingComma: commaEnds >= multiLineEnds,
    eol: lineEnding(text),
    ...(intOrString ? { intOrString } : {}),
  };
}

export function tsString(value: string, style: TsStyle): string {
  const json = JSON.stringify(value);
  if (style.quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

export function tsKey(key: string, style: TsStyle): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key, style);
}

/** Rendering context: the key the value is written under, and whether cdk8s types apply. */
export interface RenderAt {
  key?: string;
  /** The key of the mapping the value is written in (`httpGet` for its `port`). */
  parentKey?: string;
  cdk8s: boolean;
  /** Inside an object written on one line: stay on one line, however long. */
  inline?: boolean;
}

/**
 * A value as a TypeScript literal: on one line when it fits, else one entry per line at
 * `indent` + one level. Returns undefined when cdk8s needs `IntOrString` and the file has none.
 */
export function renderTs(value: Json, indent: string, style: TsStyle, at: RenderAt): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number') {
    if (at.cdk8s && intOrString(at.key, at.parentKey)) {
      if (!style.intOrString) return undefined;
      return `${style.intOrString}.${typeof value === 'number' ? 'fromNumber' : 'fromString'}(${typeof value === 'number' ? value : tsString(value, style)})`;
    }
    return typeof value === 'number' ? String(value) : tsString(value, style);
  }
  if (typeof value === 'boolean') return String(value);
  const inner = indent + style.indent;
  const entries: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const rendered = renderTs(item, inner, style, { cdk8s: at.cdk8s, inline: at.inline === true, ...(at.key !== undefined ? { parentKey: at.key } : {}) });
      if (rendered === undefined) return undefined;
      entries.push(rendered);
    }
  } else {
    for (const [key, item] of Object.entries(value)) {
      const rendered = renderTs(item, inner, style, { key, cdk8s: at.cdk8s, inline: at.inline === true, ...(at.key !== undefined ? { parentKey: at.key } : {}) });
      if (rendered === undefined) return undefined;
      entries.push(`${tsKey(key, style)}: ${rendered}`);
    }
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const oneLine = `${open}${entries.join(', ')}${close}`.replace(/^\[ /, '[');
  if (at.inline || (!oneLine.includes('\n') && indent.length + oneLine.length <= PRINT_WIDTH)) return oneLine;
  const lines = entries.map((e, i) => `${inner}${e}${i < entries.length - 1 || style.trailingComma ? ',' : ''}`);
  return `${open.trim()}${style.eol}${lines.join(style.eol)}${style.eol}${indent}${close.trim()}`;
}
