/**
 * A language client for the tests: spawns the built server as vscode-languageclient does (`bin/gpu-drain-lint.js lsp --stdio --clientProcessId=<pid>`,
 * so `npm run build` first) and talks to it over its stdin and stdout with vscode-jsonrpc, as an
 * editor does. It keeps the last diagnostics published for each document, and waits for the ones
 * a test expects (polling, never timing them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { BIN } from '../cli/run.js';

export const WAIT_MS = 20_000;

export interface TestClient {
  connection: MessageConnection;
  child: ChildProcess;
  /** What the server wrote on stderr. */
  stderr(): string;
  /** The last diagnostics published for a URI (undefined: none yet). */
  diagnostics(uri: string): PublishDiagnosticsParams | undefined;
  /** Waits until the last diagnostics published for `uri` satisfy `accept`, and returns them. */
  waitForDiagnostics(uri: string, accept: (published: PublishDiagnosticsParams) => boolean, what: string): Promise<Diagnostic[]>;
  /** Shuts the server down as an editor does (shutdown, exit) and resolves with its exit code. */
  stop(): Promise<number | null>;
  kill(): void;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** Starts the server with `root` as the workspace folder and completes the initialize handshake. */
export async function startClient(root: string): Promise<TestClient> {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio', `--clientProcessId=${process.pid}`], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Set<() => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.set(params.uri, params);
    for (const waiter of [...waiters]) waiter();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: 'workspace' }],
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, resolveSupport: { properties: ['edit'] } } },
    },
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    child,
    stderr: () => stderr,
    diagnostics: (uri) => published.get(uri),
    waitForDiagnostics(uri, accept, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const last = published.get(uri);
          if (last && accept(last)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(last.diagnostics);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no diagnostics ${what} for ${uri} within ${WAIT_MS} ms; last: ${JSON.stringify(published.get(uri)?.diagnostics.map((d) => d.code))}\nserver stderr:\n${stderr}`));
        }, WAIT_MS);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
    kill() {
      connection.dispose();
      child.kill();
    },
  };
}
