import type { Subcommand } from './subcommand.js';

/**
 * The commands, by the name that comes first on the command line. A command takes precedence over
 * an input of the same name (`./rules` lints a directory called rules).
 */
export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'rules', synopsis: 'rules', summary: 'list the rules: id, default level, fix safety, what each finds', load: () => import('./rules-command.js') },
  { name: 'explain', synopsis: 'explain <id>', summary: "show a rule's documentation", load: () => import('./explain-command.js') },
  { name: 'export', synopsis: 'export vap', summary: 'write ValidatingAdmissionPolicies for the cluster (docs/policies.md)', load: () => import('./export-command.js') },
  { name: 'lsp', synopsis: 'lsp [--stdio]', summary: 'run the language server for editors, on stdin and stdout', load: () => import('./lsp-command.js') },
];

export function subcommandNamed(name: string | undefined): Subcommand | undefined {
  return SUBCOMMANDS.find((command) => command.name === name);
}
