import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { resolveServerPath, serverPathCandidates } from './server-path';

/**
 * A thin client: everything the editor shows (diagnostics, quick fixes, hovers) comes from
 * `gpu-drain-lint lsp --stdio`, the CLI installed in the workspace, so the findings are those of
 * the CLI's version and configuration, never a copy bundled here.
 */

const SECTION = 'gpuDrainLint';
const NOT_FOUND_HINT = 'install gpu-drain-lint in this workspace (npm i -D gpu-drain-lint) or set gpuDrainLint.path';
const QUIET_KEY = 'gpuDrainLint.notFoundMessageOff';

/** The languages the CLI reads: YAML manifests, and cdk8s / Pulumi TypeScript sources. */
const LANGUAGES = ['yaml', 'typescript', 'typescriptreact'];

let client: LanguageClient | undefined;
let watcher: vscode.FileSystemWatcher | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('gpu-drain-lint');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(`${SECTION}.restart`, () => restart(context)),
    vscode.commands.registerCommand(`${SECTION}.showOutput`, () => output?.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The client follows trace.server by itself; the other settings decide what is started.
      const affected = ['enable', 'path', 'nodePath'].some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
      if (affected) void restart(context);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => restart(context)),
  );
  await start(context);
}

export function deactivate(): Promise<void> | undefined {
  return stop();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  watcher?.dispose();
  watcher = undefined;
  if (running) await running.stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  if (!settings.get<boolean>('enable', true)) {
    output?.appendLine('gpuDrainLint.enable is false: the language server is not started.');
    return;
  }
  const query = {
    configuredPath: settings.get<string>('path'),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
  };
  const found = resolveServerPath(query);
  if (found === undefined) {
    output?.appendLine(`gpu-drain-lint was not found. Looked at:\n${serverPathCandidates(query).map((path) => `  ${path}`).join('\n') || '  (no workspace folder and no gpuDrainLint.path)'}`);
    void tellNotFound(context, query.configuredPath?.trim());
    return;
  }

  const serverOptions: ServerOptions = {
    command: settings.get<string>('nodePath')?.trim() || 'node',
    // No `transport` field: the client would append a second --stdio.
    args: [found.bin, 'lsp', '--stdio'],
    options: found.cwd === undefined ? {} : { cwd: found.cwd },
  };
  watcher = vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,*.ts,*.mts,*.cts,*.tsx,.gpu-drain-lint.json,.gitignore}');
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    synchronize: {
      // The server's workspace index and its config follow these files as they change on disk.
      fileEvents: watcher,
    },
  };
  output?.appendLine(`Starting ${serverOptions.command} ${serverOptions.args?.join(' ')}${found.cwd ? ` in ${found.cwd}` : ''}`);
  client = new LanguageClient(SECTION, 'gpu-drain-lint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output?.appendLine(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(`gpu-drain-lint: the language server did not start (${found.bin}). It needs Node.js 20.11 or newer as gpuDrainLint.nodePath, and a gpu-drain-lint that has the lsp command.`, 'Show Output').then((choice) => {
      if (choice) output?.show();
    });
  }
}

async function tellNotFound(context: vscode.ExtensionContext, configuredPath: string | undefined): Promise<void> {
  const message = configuredPath
    ? `gpu-drain-lint: gpuDrainLint.path (${configuredPath}) does not exist: ${NOT_FOUND_HINT}, then run "gpu-drain-lint: Restart the language server".`
    : `gpu-drain-lint was not found in this workspace's node_modules: ${NOT_FOUND_HINT}, then run "gpu-drain-lint: Restart the language server".`;
  // A workspace that merely has YAML in it should not be asked again and again.
  if (!configuredPath && context.workspaceState.get<boolean>(QUIET_KEY)) return;
  const choice = await vscode.window.showWarningMessage(message, 'Open Settings', ...(configuredPath ? [] : ["Don't Show Again"]));
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
  else if (choice === "Don't Show Again") await context.workspaceState.update(QUIET_KEY, true);
}
