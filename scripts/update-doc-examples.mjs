// Rewrites the output block of every rule doc's Example with the CLI's real output
// (run after `npm run build`; test/project/docs-output.test.ts checks the result).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/gpu-drain-lint.js');
const example = /(## Example\n[\s\S]*?```yaml\n)([\s\S]*?)(```\s*```text\n\$ gpu-drain-lint example\.yaml\n)([\s\S]*?)(```)/;

for (const name of readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md'))) {
  const path = join(root, 'docs/rules', name);
  const doc = readFileSync(path, 'utf8');
  const match = example.exec(doc);
  if (!match) {
    console.error(`${name}: no Example with a yaml block and a "$ gpu-drain-lint example.yaml" block`);
    process.exitCode = 1;
    continue;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gdl-doc-'));
  writeFileSync(join(dir, 'example.yaml'), match[2]);
  const run = spawnSync(process.execPath, [bin, '--no-color', 'example.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const start = match.index + match[1].length + match[2].length + match[3].length;
  const updated = `${doc.slice(0, start)}${run.stdout.trimEnd()}\n${doc.slice(start + match[4].length)}`;
  if (updated !== doc) {
    writeFileSync(path, updated);
    console.log(`updated ${name}`);
  }
}
