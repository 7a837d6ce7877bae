import { isAbsolute, relative } from 'node:path';

/**
 * A result's path as CI reports name files: relative to `root` with `/` separators (GitLab and
 * JUnit consumers resolve paths against the repository); a path outside `root` stays absolute.
 */
export function reportPath(path: string, root: string): string {
  if (isAbsolute(path)) {
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
    path = inside;
  }
  return path.split('\\').join('/').replace(/^(\.\/)+/, '');
}
