import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from '../lsp/server.js';
import type { LintHost } from '../lsp/host.js';
import { discoverFiles, UsageError } from './discover.js';
import { isManifestName } from './glob-files.js';
import { lintOptionsFor } from './lint-options.js';
import type { Io } from './io.js';

const HELP = `Usage: gpu-drain-lint lsp [--stdio]

Runs the language server on stdin and stdout (Language Server Protocol): diagnostics for the
open documents as they are edited, with the workspace's other manifests as context, and code
actions for fixes and suppressions. Editors start it; it is not run by hand.

Options:
  --stdio                    talk over stdin and stdout (the default and only transport)
  --clientProcessId=<pid>    accepted as editors pass it (the server ends with the editor anyway)
  -h, --help                 show this help
`;

/** vscode-languageclient passes it to a server it starts; the editor's process id also comes with `initialize`. */
const CLIENT_PROCESS_ID = /^--clientProcessId=\d+$/;

/** The workspace's files and a run's options, found and built as `gpu-drain-lint .` from the workspace root does. */
const host: LintHost = {
  discover: async (root, config) => (await discoverFiles(['.'], (path) => config.isIgnored(path), root, { gitignore: true })).files,
  isManifestName,
  lintOptions: (config, inputs, root) => lintOptionsFor(config, inputs, { cwd: root, inlineConfig: true }),
};

/** `gpu-drain-lint lsp`: serves until the client says exit or closes the connection (the library ends the process then). */
export async function run(args: readonly string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(HELP);
    return 0;
  }
  const unknown = args.find((arg) => arg !== '--stdio' && !CLIENT_PROCESS_ID.test(arg));
  if (unknown !== undefined) throw new UsageError(`unknown option "${unknown}"`);
  // stdout carries the protocol only: whatever a library would print goes to stderr.
  console.log = console.info = console.debug = console.error;
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout), host);
  return new Promise<number>(() => undefined);
}
