/**
 * The VS Code extension's lookup of the CLI (editors/vscode/src/server-path.ts, which imports no
 * `vscode`): a configured path wins, else the workspace's installed package, else nothing.
 */
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveServerPath, serverPathCandidates } from '../../editors/vscode/src/server-path.js';
import { tempDir } from '../support/temp.js';

const PACKAGE_BIN = 'node_modules/gpu-drain-lint/bin/gpu-drain-lint.js';
const SCRIPT = '#!/usr/bin/env node\n';

describe('the CLI the VS Code extension starts', () => {
  it('is the configured path when one is set, even with the package installed in the workspace', () => {
    const workspace = tempDir({ [PACKAGE_BIN]: SCRIPT, 'tools/my-lint.js': SCRIPT });
    const configured = join(workspace, 'tools/my-lint.js');
    expect(resolveServerPath({ configuredPath: configured, workspaceFolders: [workspace] })).toEqual({ bin: configured, cwd: workspace });
  });

  it('reads a relative configured path from the first workspace folder', () => {
    const workspace = tempDir({ 'tools/my-lint.js': SCRIPT });
    const other = tempDir();
    expect(resolveServerPath({ configuredPath: 'tools/my-lint.js', workspaceFolders: [workspace, other] })?.bin).toBe(join(workspace, 'tools/my-lint.js'));
  });

  it('reads ~/ in a configured path as the home directory', () => {
    expect(serverPathCandidates({ configuredPath: '~/bin/gpu-drain-lint.js', workspaceFolders: [] })).toEqual([join(homedir(), 'bin/gpu-drain-lint.js')]);
  });

  it('finds nothing when the configured path does not exist, rather than another CLI', () => {
    const workspace = tempDir({ [PACKAGE_BIN]: SCRIPT });
    expect(resolveServerPath({ configuredPath: join(workspace, 'missing.js'), workspaceFolders: [workspace] })).toBeUndefined();
  });

  it('is the package installed in the workspace when no path is configured (a blank setting counts as none)', () => {
    const workspace = tempDir({ [PACKAGE_BIN]: SCRIPT });
    for (const configuredPath of [undefined, '', '  ']) {
      expect(resolveServerPath({ configuredPath, workspaceFolders: [workspace] })).toEqual({ bin: join(workspace, PACKAGE_BIN), cwd: workspace });
    }
  });

  it('looks in the node_modules of parent directories, nearest first, as Node resolves a package', () => {
    const repo = tempDir({ [PACKAGE_BIN]: SCRIPT, [`deploy/${PACKAGE_BIN}`]: SCRIPT, 'platform/pdbs/.keep': '' });
    expect(resolveServerPath({ workspaceFolders: [join(repo, 'platform/pdbs')] })?.bin).toBe(join(repo, PACKAGE_BIN));
    expect(resolveServerPath({ workspaceFolders: [join(repo, 'deploy')] })?.bin).toBe(join(repo, 'deploy', PACKAGE_BIN));
  });

  it('takes the first workspace folder that has the package, and starts the server there', () => {
    const without = tempDir({ 'deploy/x.yaml': '' });
    const withPackage = tempDir({ [PACKAGE_BIN]: SCRIPT });
    expect(resolveServerPath({ workspaceFolders: [without, withPackage] })).toEqual({ bin: join(withPackage, PACKAGE_BIN), cwd: withPackage });
  });

  it('follows npm’s node_modules/.bin link to the script it leads to, and ignores a .bin entry that is no JavaScript', () => {
    const linked = tempDir({ 'store/gpu-drain-lint/bin/gpu-drain-lint.js': SCRIPT });
    mkdirSync(join(linked, 'node_modules/.bin'), { recursive: true });
    symlinkSync(relative(join(linked, 'node_modules/.bin'), join(linked, 'store/gpu-drain-lint/bin/gpu-drain-lint.js')), join(linked, 'node_modules/.bin/gpu-drain-lint'));
    expect(resolveServerPath({ workspaceFolders: [linked] })?.bin).toBe(join(linked, 'store/gpu-drain-lint/bin/gpu-drain-lint.js'));

    const shellShim = tempDir({ 'node_modules/.bin/gpu-drain-lint': '#!/bin/sh\nexec node "$basedir/../gpu-drain-lint/bin/gpu-drain-lint.js" "$@"\n' });
    expect(resolveServerPath({ workspaceFolders: [shellShim] })).toBeUndefined();
  });

  it('is undefined when neither a path is configured nor the package installed', () => {
    const workspace = tempDir({ 'deploy/vllm.yaml': 'kind: Deployment\n', 'node_modules/other/index.js': '' });
    expect(resolveServerPath({ workspaceFolders: [workspace] })).toBeUndefined();
    expect(resolveServerPath({ workspaceFolders: [] })).toBeUndefined();
  });

  it('lists the places it looked, for the message when nothing is found', () => {
    const workspace = tempDir();
    const looked = serverPathCandidates({ workspaceFolders: [workspace] });
    expect(looked.slice(0, 2)).toEqual([join(workspace, PACKAGE_BIN), join(workspace, 'node_modules/.bin/gpu-drain-lint')]);
    expect(looked.at(-2)).toBe(join('/', PACKAGE_BIN));
  });
});

describe('the root project and editors/vscode', () => {
  const ROOT = new URL('../../', import.meta.url).pathname;
  const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

  it('neither type-checks the extension (it needs the vscode types, installed only there) nor builds, installs or ships it', () => {
    for (const config of ['tsconfig.json', 'tsconfig.build.json']) {
      const include = json(config).include as string[];
      expect(include.filter((entry) => entry.startsWith('editors')), config).toEqual([]);
    }
    const pkg = json('package.json');
    expect((pkg.files as string[]).filter((entry) => entry.startsWith('editors'))).toEqual([]);
    expect(pkg.workspaces).toBeUndefined();
  });

  it('the extension, docs/editors.md and the README start the server with the same command line', () => {
    const extension = readFileSync(join(ROOT, 'editors/vscode/src/extension.ts'), 'utf8');
    expect(extension).toContain("args: [found.bin, 'lsp', '--stdio']");
    for (const doc of ['docs/editors.md', 'README.md']) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      // Helix (TOML) and Neovim (Lua): the project's CLI through npx, never downloaded.
      expect(text, doc).toContain('args = ["--no", "gpu-drain-lint", "lsp", "--stdio"]');
      expect(text.replace(/\s+/g, ' '), doc).toContain("cmd = { 'npx', '--no', 'gpu-drain-lint', 'lsp', '--stdio' }");
    }
  });
});
