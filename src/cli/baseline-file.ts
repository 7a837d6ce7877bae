import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { BASELINE_TOOL, BASELINE_VERSION, type Baseline, type BaselineEntry } from '../core/baseline.js';
import { BaselineError } from './baseline-error.js';

/**
 * How the baseline names a reported file: relative to the baseline file's directory, with `/`
 * separators, so the same file has the same name from any working directory and on any system.
 * `root` is the directory reported paths are relative to (FormatContext.root).
 */
export function baselinePath(reported: string, root: string, baselineFile: string): string {
  if (reported === '<stdin>') return reported;
  const path = relative(dirname(baselineFile), resolve(root, reported));
  return (isAbsolute(path) ? path : path.split(sep).join('/')) || '.';
}

/** Reads and checks a baseline file (`shown` is how messages name it). */
export function readBaseline(file: string, shown: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist (create it with --baseline-write)' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error));
    throw new BaselineError(`cannot read the baseline ${shown}: ${why}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const { line, column } = syntaxPosition(text, (error as Error).message);
    throw new BaselineError(`${shown}:${line}:${column}: the baseline is not valid JSON (${(error as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '')})`);
  }
  return checked(data, shown);
}

/** Writes a baseline: indented JSON, one field a line, a newline at the end. */
export function writeBaseline(file: string, shown: string, baseline: Baseline): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new BaselineError(`cannot write the baseline ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function checked(data: unknown, shown: string): Baseline {
  const fail = (what: string) => new BaselineError(`${shown}: not a gpu-drain-lint baseline: ${what}`);
  if (!isObject(data)) throw fail('it is not a JSON object');
  if (data.tool !== BASELINE_TOOL) throw fail(`"tool" is ${JSON.stringify(data.tool)}, not "${BASELINE_TOOL}"`);
  if (data.version !== BASELINE_VERSION) {
    throw new BaselineError(`${shown}: baseline version ${JSON.stringify(data.version)} is not ${BASELINE_VERSION}, the version this gpu-drain-lint reads: record it again with --baseline-write`);
  }
  if (!Array.isArray(data.findings)) throw fail('"findings" is not a list');
  const findings = data.findings.map((entry: unknown, i): BaselineEntry => {
    const at = `findings[${i}]`;
    if (!isObject(entry)) throw fail(`${at} is not an object`);
    for (const key of ['fingerprint', 'rule', 'path'] as const) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw fail(`${at}.${key} is not a non-empty string`);
    }
    if (entry.count !== undefined && !(Number.isInteger(entry.count) && (entry.count as number) >= 1)) throw fail(`${at}.count is not a whole number of at least 1`);
    return {
      fingerprint: entry.fingerprint as string,
      rule: entry.rule as string,
      path: entry.path as string,
      ...(typeof entry.object === 'string' ? { object: entry.object } : {}),
      message: typeof entry.message === 'string' ? entry.message : '',
      ...(entry.count !== undefined ? { count: entry.count as number } : {}),
    };
  });
  return { version: BASELINE_VERSION, tool: BASELINE_TOOL, findings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where JSON.parse stopped: Node names an offset for some errors ("at position 42") and only the
 * token for others; then the YAML parser, reading the text as JSON, finds the place.
 */
function syntaxPosition(text: string, message: string): { line: number; column: number } {
  const stripped = text.replace(/^\uFEFF/, '');
  const position = /at position (\d+)/.exec(message);
  let offset = position ? Number(position[1]) : undefined;
  if (offset === undefined) {
    const document = parseDocument(stripped, { schema: 'json', prettyErrors: false });
    // An unexpected end, or an error only JSON.parse sees: the end of the text.
    offset = document.errors[0]?.pos[0] ?? stripped.length;
  }
  const before = stripped.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
