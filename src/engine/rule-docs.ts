import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let docsDir: string | null | undefined;

/**
 * A rule's doc, docs/rules/<id>.md of this package, found upward from this module (which may be
 * src/engine in the repository, the bundle in dist/ of an installed package, or the Action's
 * bundle); undefined when there is none.
 */
export function ruleDoc(id: string): string | undefined {
  if (docsDir === undefined) {
    docsDir = null;
    for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
      try {
        readFileSync(join(dir, 'docs/rules/grace-period-default.md'));
        docsDir = join(dir, 'docs/rules');
        break;
      } catch {
        // keep looking upward
      }
    }
  }
  if (!docsDir || !/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return readFileSync(join(docsDir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
