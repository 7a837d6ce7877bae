import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { kustomizationDirsBelow, overlayCandidates } from '../../src/render/overlay-candidates.js';
import { tempDir } from '../support/temp.js';

const K = 'resources: []\n';

/** What the glob library finds for the same search (what kustomizationDirsBelow replaced), in its order. */
function globbed(cwd: string): string[] {
  return fg
    .sync('**/{kustomization.yaml,kustomization.yml,Kustomization}', { cwd, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false, suppressErrors: true })
    .map((file) => resolve(cwd, dirname(file)));
}

describe('kustomizationDirsBelow', () => {
  it('finds what the glob found, in the same order: hidden directories, node_modules and symbolic links apart', () => {
    const dir = tempDir({
      'kustomization.yaml': K,
      'base/kustomization.yml': K,
      'base/deploy.yaml': 'kind: Deployment\n',
      'overlays/aws/Kustomization': K,
      'overlays/gcp/kustomization.yaml': K,
      'overlays/gcp/deep/er/kustomization.yaml': K,
      'overlays/kustomization.yaml/not-a-file.txt': '',
      'overlays/KUSTOMIZATION.YAML': K,
      '.github/kustomization.yaml': K,
      'app/.hidden/kustomization.yaml': K,
      'node_modules/pkg/kustomization.yaml': K,
      'app/node_modules/kustomization.yaml': K,
      '.git/kustomization.yaml': K,
      'linked-target/kustomization.yaml': K,
    });
    mkdirSync(join(dir, 'links'));
    symlinkSync(join(dir, 'linked-target'), join(dir, 'links/dir-link'));
    symlinkSync(join(dir, 'base/kustomization.yml'), join(dir, 'links/kustomization.yaml'));
    const found = kustomizationDirsBelow(dir);
    expect(found).toEqual(globbed(dir));
    expect([...found].sort()).toEqual(
      [dir, join(dir, 'base'), join(dir, 'overlays/aws'), join(dir, 'overlays/gcp'), join(dir, 'overlays/gcp/deep/er'), join(dir, 'linked-target')].sort(),
    );
  });

  it('finds nothing below a directory that does not exist', () => {
    expect(kustomizationDirsBelow(join(tempDir(), 'missing'))).toEqual([]);
  });
});

describe('overlayCandidates', () => {
  it('walks the current directory only when files are named one by one', () => {
    const dir = tempDir({ 'app/kustomization.yaml': K, 'app/x.yaml': '', 'other/kustomization.yaml': K });
    expect(overlayCandidates(['app/x.yaml'], new Set(['app/x.yaml']), dir).candidates.sort()).toEqual([join(dir, 'app'), join(dir, 'other')]);
    expect(overlayCandidates(['app/x.yaml', 'app/kustomization.yaml'], new Set(), dir)).toEqual({ walked: [join(dir, 'app')], namedFiles: [], candidates: [join(dir, 'app')] });
    expect(overlayCandidates(['x.yaml'], new Set(), dir).candidates).toEqual([]);
  });
});
