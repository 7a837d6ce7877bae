import { rules } from '../../rules/index.js';
import { didYouMean } from '../config/closest.js';
import { findConfigFile, loadConfig } from '../config/load.js';
import { policyRules } from '../policy/rule.js';
import { DOCS_BASE_URL } from '../engine/rule.js';
import { ruleDoc } from '../engine/rule-docs.js';
import { UsageError } from './discover.js';
import type { Io } from './io.js';
import { renderMarkdown } from './markdown.js';
import { ruleCatalogue, type CatalogueEntry } from './rule-catalogue.js';
import { CommandError, parseCommandArgs } from './subcommand.js';
import { terminalWidth, useColor } from './terminal.js';
import { wrap } from './wrap.js';

export const EXPLAIN_HELP = `Usage: gpu-drain-lint explain <id> [options]

Show a rule's documentation (docs/rules/<id>.md, shipped with the package) formatted for the
terminal: wrapped to its width, plain text when stdout is not a terminal or colours are off.
A diagnostic (invalid-value, unused-suppression, …) is described in a few lines, a policy of the
config (acme/prod-grace) by its description, match, target and checks.

Options:
  -c, --config <path>          the config whose policies a policy id names (default: the nearest)
  --color, --no-color          force colours on or off (NO_COLOR, FORCE_COLOR honoured)
  -h, --help                   show this help

"gpu-drain-lint rules" lists the ids.
`;

export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which rule? e.g. gpu-drain-lint explain pdb-missing' : `one rule at a time, got ${positionals.length}`);
  const id = positionals[0]!;
  // A policy id is looked up in the config's policies (--config, else the nearest config file).
  const configPath = id.includes('/') ? (values.config ?? findConfigFile(io.cwd)) : undefined;
  const config = configPath ? await loadConfig(configPath, rules, io.cwd) : undefined;
  const catalogue = ruleCatalogue([...rules, ...policyRules(config?.policies ?? []).rules]);
  const entry = catalogue.find((e) => e.id === id);
  if (!entry) throw new CommandError(`unknown rule "${id}"${didYouMean(id, catalogue.map((e) => e.id))}; "gpu-drain-lint rules" lists them`);
  const markdown = entry.help ?? (entry.kind === 'rule' ? ruleDoc(id) : diagnosticDoc(entry));
  if (markdown === undefined) throw new CommandError(`the documentation of ${id} is not in this installation (docs/rules/${id}.md); read it at ${entry.docsUrl}`);
  const color = useColor(io, values.color ? { color: true } : values['no-color'] ? { color: false } : {});
  const width = terminalWidth(io);
  io.stdout(renderMarkdown(markdown, { width, color, base: entry.docsUrl ?? DOCS_BASE_URL }));
  if (entry.docsUrl) io.stdout(`\n${wrap(`Online: ${entry.docsUrl}`, width).join('\n')}\n`);
  return 0;
}

function parse(args: readonly string[]) {
  return parseCommandArgs(args, {
    config: { type: 'string', short: 'c' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, { positionals: true });
}

/** A diagnostic has no doc of its own: its description, and how its level is set. */
function diagnosticDoc(entry: CatalogueEntry): string {
  return [
    `# ${entry.id}`,
    '',
    `Default severity: **${entry.defaultLevel}** · Fixable: **none** · a diagnostic the linter reports itself, not a rule`,
    '',
    entry.description,
    '',
    `Set its level like a rule's: \`rules: { ${entry.id}: off }\` in \`.gpu-drain-lint.yaml\`, or \`--rule ${entry.id}:off\` on the command line.`,
  ].join('\n');
}
