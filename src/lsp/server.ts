import { basename, resolve } from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { codeActionsFor, fixAllEdit, FIX_ALL_KIND, type FixAllData } from './code-actions.js';
import { Debouncer } from './debouncer.js';
import { LintQueue } from './lint-queue.js';
import { diagnosticOf, type DiagnosticLinks } from './diagnostics.js';
import { lintDocument, type DocumentLint } from './document-lint.js';
import type { LintHost } from './host.js';
import { hoverAt } from './hover.js';
import { filePathOf, uriOf, workspacePath } from './uris.js';
import { configDiagnostic, loadWorkspaceConfig, type ConfigState } from './workspace-config.js';
import { inChart, WorkspaceFiles } from './workspace-files.js';

/** How long a document's edits must pause before it is linted. */
export const DEBOUNCE_MS = 200;

/** How long they must pause before the other open documents, which may relate to it, are linted again. */
export const RELATED_DEBOUNCE_MS = 1000;

/** The last lint of an open document, for its code actions. */
interface Linted {
  version: number;
  path: string;
  run: DocumentLint;
}

/**
 * The language server: diagnostics for the open documents (their buffers, linted with the
 * workspace's other manifests as context), kept current as they, the workspace's files and the
 * config change; code actions for the fixes and suppressions. Every handler answers: a lint that
 * fails is logged and leaves the document's diagnostics as they were.
 */
export function startServer(connection: Connection, host: LintHost): void {
  const documents = new TextDocuments(TextDocument);
  const debouncer = new Debouncer(DEBOUNCE_MS);
  const relatedDebouncer = new Debouncer(RELATED_DEBOUNCE_MS);
  const queue = new LintQueue((uri) => lintNow(uri).catch(failed(`cannot lint ${uri}`)));
  const linted = new Map<string, Linted>();
  let root = process.cwd();
  let workspace: WorkspaceFiles | undefined;
  let configState: ConfigState | undefined;
  /** The config file that last had a diagnostic, to clear it once the config loads. */
  let brokenConfig: string | undefined;
  let ready: Promise<void> = Promise.resolve();
  let watchesFiles = false;
  let resolvesEdits = false;

  const log = (message: string) => connection.console.error(`gpu-drain-lint: ${message}`);
  const failed = (what: string) => (error: unknown) => log(`${what}: ${error instanceof Error ? error.message : String(error)}`);

  /** The URI the editor knows a file by (an open document's own), else the file's. */
  function uriOfFile(path: string): string {
    return documents.all().find((document) => filePathOf(document.uri) === path)?.uri ?? uriOf(path);
  }

  /** What a file the server does not lint shows: nothing, or the config's error when it is the broken config file. */
  function unlintedDiagnostics(uri: string) {
    const broken = configState && 'error' in configState && brokenConfig !== undefined && filePathOf(uri) === brokenConfig ? configState.error : undefined;
    return broken ? [configDiagnostic(broken)] : [];
  }

  async function loadConfigAndFiles(): Promise<void> {
    configState = await loadWorkspaceConfig(root);
    const wasBroken = brokenConfig;
    if ('error' in configState) {
      brokenConfig = resolve(root, configState.error.location?.file ?? configState.path);
      if (wasBroken && wasBroken !== brokenConfig) void connection.sendDiagnostics({ uri: uriOfFile(wasBroken), diagnostics: [] });
      void connection.sendDiagnostics({ uri: uriOfFile(brokenConfig), diagnostics: [configDiagnostic(configState.error)] });
      return;
    }
    brokenConfig = undefined;
    if (wasBroken) void connection.sendDiagnostics({ uri: uriOfFile(wasBroken), diagnostics: [] });
    await workspace?.refresh(configState.config);
  }

  /** Whether the server lints this document, and under which path; undefined: it is not a manifest of the run. */
  function lintedPath(uri: string): string | undefined {
    const file = filePathOf(uri);
    if (!file || !host.isManifestName(basename(file))) return undefined;
    const path = workspacePath(root, file);
    if (configState && 'config' in configState && configState.config.isIgnored(path)) return undefined;
    return inChart(root, path) ? undefined : path;
  }

  /** The other files a document's lint reads: the workspace's, with the open buffers in place of their saved texts. */
  function contextFor(path: string): Map<string, Uint8Array> {
    const context = new Map(workspace?.entries() ?? []);
    for (const document of documents.all()) {
      const other = lintedPath(document.uri);
      if (other !== undefined && other !== path) context.set(other, Buffer.from(document.getText(), 'utf8'));
    }
    context.delete(path);
    return context;
  }

  async function lintNow(uri: string): Promise<Linted | undefined> {
    await ready;
    const document = documents.get(uri);
    if (!document || !configState) return undefined;
    const path = lintedPath(uri);
    // A broken config lints nothing (as a CLI run would not): its one diagnostic says why.
    if (path === undefined || 'error' in configState) {
      linted.delete(uri);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: unlintedDiagnostics(uri) });
      return undefined;
    }
    const version = document.version;
    const run = await lintDocument({ root, config: configState.config, host, path, text: document.getText(), context: contextFor(path) });
    // Closed (and maybe reopened) or edited meanwhile: this lint is stale (the close cleared, the edit scheduled another).
    if (documents.get(uri) !== document || document.version !== version) return undefined;
    const result = { version, path, run };
    linted.set(uri, result);
    const links = linksOf(run);
    void connection.sendDiagnostics({ uri, version, diagnostics: run.findings.map((finding) => diagnosticOf(finding, links)) });
    return result;
  }

  function scheduleLint(uri: string): void {
    debouncer.schedule(uri, () => queue.add(uri, 'next'));
  }

  /** Lints the open documents again after a file, a buffer or the config they read changed; `except` the one that did. */
  function relintOpenDocuments(except?: string): void {
    for (const document of documents.all()) if (document.uri !== except) queue.add(document.uri, 'last');
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const folderPath = folder ? filePathOf(folder) : undefined;
    if (folderPath) {
      root = folderPath;
      workspace = new WorkspaceFiles(root, host);
    }
    watchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    resolvesEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    ready = loadConfigAndFiles().catch(failed('cannot read the workspace'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
      },
      serverInfo: { name: 'gpu-drain-lint' },
    };
  });

  connection.onInitialized(() => {
    if (!watchesFiles) return;
    const names = CONFIG_FILE_NAMES.map((name) => name.replace(/^\./, '')).join(',');
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,ts,mts,cts,tsx}' }, { globPattern: `**/.{${names}}` }, { globPattern: '**/.gitignore' }],
      })
      .catch(failed('cannot watch the workspace'));
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const paths = changes.map((change) => filePathOf(change.uri)).filter((path): path is string => path !== undefined);
    const configChanged = paths.some((path) => CONFIG_FILE_NAMES.includes(basename(path)));
    const changed = new Set(paths.map((path) => workspacePath(root, path)));
    const previous = ready;
    ready = previous.then(() => {
      if (configChanged || !configState || 'error' in configState) return loadConfigAndFiles();
      return workspace?.refresh(configState.config, changed);
    }).catch(failed('cannot read the workspace'));
    relintOpenDocuments();
  });

  documents.onDidOpen(({ document }) => scheduleLint(document.uri));
  documents.onDidChangeContent(({ document }) => {
    scheduleLint(document.uri);
    // The others read this buffer as context (a PDB typed here selects a Deployment open there).
    if (documents.all().length > 1) relatedDebouncer.schedule('related', () => relintOpenDocuments(document.uri));
  });
  documents.onDidSave(({ document }) => {
    const file = filePathOf(document.uri);
    // Without file watching (a client that cannot register it), saving the config still reloads it.
    if (!watchesFiles && file && CONFIG_FILE_NAMES.includes(basename(file))) {
      ready = ready.then(loadConfigAndFiles).catch(failed('cannot read the workspace'));
      relintOpenDocuments();
      return;
    }
    const path = lintedPath(document.uri);
    if (path === undefined || !workspace?.has(path)) return;
    workspace.saved(path, Buffer.from(document.getText(), 'utf8'));
    relintOpenDocuments();
  });
  documents.onDidClose(({ document }) => {
    debouncer.cancel(document.uri);
    queue.remove(document.uri);
    linted.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: unlintedDiagnostics(document.uri) });
    // Its saved text, not its buffer, is the others' context again.
    relintOpenDocuments();
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    let last = linted.get(textDocument.uri);
    if (!last || last.version !== document.version) last = await lintNow(textDocument.uri);
    if (!last || last.version !== document.version) return [];
    return codeActionsFor({ document, path: last.path, run: last.run, range, links: linksOf(last.run), resolvesEdits, ...(context.only ? { only: context.only } : {}) });
  });

  // "Fix all" runs the fix loop: only for the action chosen, on the text it was offered for.
  connection.onCodeActionResolve(async (action) => {
    const data = action.data as FixAllData | undefined;
    const document = data && documents.get(data.uri);
    if (!data || !document || document.version !== data.version) return action;
    let last = linted.get(data.uri);
    if (!last || last.version !== document.version) last = await lintNow(data.uri);
    if (!last || last.version !== document.version) return action;
    const edit = fixAllEdit(document, last.path, last.run);
    return edit ? { ...action, edit } : action;
  });

  /** The documentation of each rule of a run (the built-in diagnostics have none), and the URIs of its paths. */
  function linksOf(run: DocumentLint): DiagnosticLinks {
    const urls = new Map(run.options.rules.map((rule) => [rule.meta.id, rule.meta.docsUrl]));
    return { docsUrl: (ruleId) => urls.get(ruleId) || undefined, uriOf: (path) => uriOf(resolve(root, path)) };
  }

  connection.onHover(({ textDocument, position }) => hoverAt(linted.get(textDocument.uri), documents.get(textDocument.uri), position));

  connection.onShutdown(() => {
    debouncer.cancelAll();
    relatedDebouncer.cancelAll();
  });

  documents.listen(connection);
  connection.listen();
}
