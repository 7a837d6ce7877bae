import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { RAY_SERVE } from '../domain/engines.js';
import type { Span } from '../core/source.js';
import { isField } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';

/** A deployment of a Ray Serve application, as a RayService's `serveConfigV2` declares it. */
export interface ServeDeployment {
  application: string;
  name: string;
  /** `graceful_shutdown_timeout_s` when set to a number. */
  gracefulShutdownTimeout?: number;
  /** Where to point: the timeout's line, else the deployment's, inside the config (else the config's key). */
  span: Span;
}

/**
 * The deployments of a RayService's `serveConfigV2` (a YAML document in a string). Positions
 * inside the string are mapped back to the manifest where it is a literal block (`|`), the way
 * every upstream sample writes it; otherwise findings point at the `serveConfigV2` key.
 */
export function readServeDeployments(object: KubeObject): ServeDeployment[] {
  const spec = object.root.map('spec');
  const config = spec?.string(RAY_SERVE.configField);
  if (!spec || !isField(config)) return [];
  const document = parseDocument(config.value, { uniqueKeys: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return [];
  const toSource = literalBlockOffsets(object.file.source.text, config.span, spec.keySpan(RAY_SERVE.configField).start);
  const spanOf = (node: Node | undefined): Span => {
    const range = node?.range;
    const start = range ? toSource?.(range[0]) : undefined;
    return range && start !== undefined ? { start, end: toSource!(range[1]) ?? start } : spec.keySpan(RAY_SERVE.configField);
  };
  const deployments: ServeDeployment[] = [];
  const applications = document.contents.get('applications', true);
  for (const application of isSeq(applications) ? applications.items : []) {
    if (!isMap(application)) continue;
    const appName = String(application.get('name') ?? '(unnamed)');
    const list = application.get('deployments', true);
    for (const deployment of isSeq(list) ? list.items : []) {
      if (!isMap(deployment)) continue;
      const timeout = deployment.get(RAY_SERVE.timeoutKey, true);
      const pair = deployment.items.find((p) => isScalar(p.key) && p.key.value === (isScalar(timeout) ? RAY_SERVE.timeoutKey : 'name'));
      deployments.push({
        application: appName,
        name: String(deployment.get('name') ?? '(unnamed)'),
        ...(isScalar(timeout) && typeof timeout.value === 'number' ? { gracefulShutdownTimeout: timeout.value } : {}),
        span: spanOf(pair?.key as Node | undefined),
      });
    }
  }
  return deployments;
}

/**
 * For a literal block scalar (`|`, `|-`, `|2`) at `span`, the value of the key at `keyStart`: maps an offset in its value to the
 * manifest (its lines are the block's lines less their indentation). Undefined for other styles.
 */
function literalBlockOffsets(text: string, span: Span, keyStart: number): ((offset: number) => number | undefined) | undefined {
  const source = text.slice(span.start, span.end);
  if (!source.startsWith('|')) return undefined;
  // The value's lines end in "\n" whatever the file's line endings: a CRLF's "\r" is not in it.
  const raw = source.split('\n');
  const lines = raw.map((line) => line.replace(/\r$/, ''));
  const firstContent = lines.findIndex((line, i) => i > 0 && line.trim() !== '');
  if (firstContent === -1) return undefined;
  // An explicit indentation indicator (`|2`) counts from the key's line (the header may stand on
  // a line of its own); otherwise the first content line sets the block's indentation (YAML 1.2, 8.1.1.1).
  const indicator = /^\|[-+]?([1-9])|^\|([1-9])/.exec(lines[0]!);
  const keyLineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = indicator ? /^ */.exec(text.slice(keyLineStart))![0].length + Number(indicator[1] ?? indicator[2]) : /^ */.exec(lines[firstContent]!)![0].length;
  const lineStarts: number[] = [];
  let at = span.start;
  for (const line of raw) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  return (offset) => {
    let line = 1;
    let rest = offset;
    while (line < lines.length && rest > Math.max(0, lines[line]!.length - indent)) {
      rest -= Math.max(0, lines[line]!.length - indent) + 1;
      line++;
    }
    return line < lines.length ? lineStarts[line]! + indent + rest : undefined;
  };
}
