import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { FileChange } from '../core/file-change.js';
import { PARSE_OPTIONS, parseDocuments } from '../languages/yaml/parse.js';
import { diffObjects, formatPath, labelOf, valueAt, valueOf } from './kustomize/object-diff.js';
import { plural } from '../core/plural.js';

/**
 * Copies `root` (a chart, or the directory that holds an overlay and everything it reads) to a
 * temporary directory, writes the changes into the copy, and hands the copy to `render`; the copy
 * is removed afterwards. A change outside `root` (a values file kept elsewhere) is written beside
 * the copy, and `relocate` names where any original path now is.
 */
export function withChangesInCopy<T>(root: string, changes: readonly FileChange[], cwd: string, render: (copy: string, relocate: (path: string) => string) => T): T {
  const scratch = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-rerender-'));
  try {
    const copy = join(scratch, 'root');
    const source = resolve(cwd, root);
    cpSync(source, copy, { recursive: true, verbatimSymlinks: true, filter: (path) => !/(^|\/)(\.git|node_modules)$/.test(path) });
    const outside = new Map(
      changes
        .map((change) => resolve(cwd, change.path))
        .filter((absolute) => !isWithin(source, absolute))
        .map((absolute) => [absolute, join(scratch, 'outside', relative('/', absolute))]),
    );
    const relocate = (path: string) => {
      const absolute = resolve(cwd, path);
      return isWithin(source, absolute) ? join(copy, relative(source, absolute)) : (outside.get(absolute) ?? absolute);
    };
    for (const change of changes) {
      const target = relocate(change.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, change.after);
    }
    return render(copy, relocate);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function isWithin(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside === '' || (!inside.startsWith('..') && !inside.startsWith('/'));
}

/**
 * What rendering the fixed chart or overlay again gave that the fixed rendering does not hold: the
 * first field that differs, for the reason a fix is refused; undefined when the objects are the same.
 */
export function rebuildDifference(rebuilt: string, fixed: string): string | undefined {
  const objectsOf = (text: string) => parseDocuments(text, PARSE_OPTIONS).map(valueOf).filter((value) => value !== null && value !== undefined);
  const [built, wanted] = [objectsOf(rebuilt), objectsOf(fixed)];
  if (built.length !== wanted.length) return `it gave ${plural(built.length, 'object')}, not ${wanted.length}`;
  for (const [index, object] of wanted.entries()) {
    const diff = diffObjects(object, built[index]);
    if ('reason' in diff) return `the items of a list of ${labelOf(object)} differ`;
    const [first] = diff;
    if (!first) continue;
    const field = `${formatPath(first.path)} of ${labelOf(object)}`;
    const value = valueAt(built[index], first.path);
    return first.kind === 'remove' ? `${field} would be missing` : `${field} would be ${JSON.stringify(value)}${first.kind === 'add' ? ', not unset' : `, not ${JSON.stringify(valueAt(object, first.path))}`}`;
  }
  return undefined;
}
