import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/gpu-drain-lint.js');
const docs = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md'));

/** actionlint's rule: a doc's example output is the real output, so docs cannot drift. */
describe('rule docs show real output', () => {
  for (const doc of docs) {
    it(doc, () => {
      const text = readFileSync(join(root, 'docs/rules', doc), 'utf8');
      const example = /## Example\n[\s\S]*?```yaml\n([\s\S]*?)```\s*```text\n\$ gpu-drain-lint example\.yaml\n([\s\S]*?)```/.exec(text);
      expect(example, 'an Example section with a yaml block and a `$ gpu-drain-lint example.yaml` text block').not.toBeNull();
      const [, manifest, expected] = example!;
      const dir = mkdtempSync(join(tmpdir(), 'gdl-doc-'));
      writeFileSync(join(dir, 'example.yaml'), manifest!);
      const run = spawnSync(process.execPath, [bin, '--no-color', 'example.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(run.stderr).toBe('');
      expect(run.stdout.trimEnd()).toBe(expected!.trimEnd());
    });
  }
});
