import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { decode } from '../core/source.js';
import type { FileResult } from '../core/findings.js';
import type { LintInput } from '../engine/lint.js';

/** A file larger than this is not read again for a code frame. */
const MAX_FRAME_SOURCE_BYTES = 16 * 1024 * 1024;

/**
 * The text each reported path was linted as, for `--show-source`: a dry run's fixed text, an
 * input's bytes as read (stdin included), else the file on disk (a chart's template that a
 * rendered finding was moved to; every file after `--fix` wrote it). Undefined for what is not
 * text at hand: a rendered stream, an unreadable or binary file. Paths are reported paths
 * (relative to `root`); inputs are named as they were read, through `reportPath`.
 */
export function sourceTexts(results: readonly FileResult[], inputs: readonly LintInput[], options: { root: string; virtual: ReadonlySet<string>; fixed: boolean; reportPath: (inputPath: string) => string }): (path: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  const textOf = (path: string): string | undefined => {
    const output = results.find((r) => r.path === path)?.output;
    if (output !== undefined) return output;
    const input = options.fixed ? undefined : inputs.find((i) => options.reportPath(i.path) === path && i.content instanceof Uint8Array);
    if (input) return decoded(input.content as Uint8Array);
    if (options.virtual.has(path)) return undefined;
    try {
      const full = resolve(options.root, path);
      const stat = statSync(full);
      return stat.isFile() && stat.size <= MAX_FRAME_SOURCE_BYTES ? decoded(readFileSync(full)) : undefined;
    } catch {
      return undefined;
    }
  };
  return (path) => {
    if (!texts.has(path)) texts.set(path, textOf(path));
    return texts.get(path);
  };
}

function decoded(bytes: Uint8Array): string | undefined {
  const result = decode(bytes);
  return result.ok ? result.text : undefined;
}
