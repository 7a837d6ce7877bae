/**
 * Throw-away directories for tests, removed after each test file by test/support/setup.ts. Kept
 * apart from test/cli/run.ts so that the setup file loads no code under test (a file that
 * vi.mocks a module must be the first to load it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const created: string[] = [];

/** A fresh directory in the OS temp dir, removed after the test file. `files` maps relative paths to contents. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-drain-lint-e2e-'));
  created.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/**
 * Removes the directories {@link tempDir} made. Called after each test file by the setup file:
 * when test files share a worker (isolate: false) this module is loaded once, so a hook
 * registered here would run after the first file only.
 */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
