import { relative, resolve } from 'node:path';
import { createColors } from 'picocolors';
import { rules } from '../../rules/index.js';
import { findConfigFile, loadConfig } from '../config/load.js';
import { policyRules } from '../policy/rule.js';
import type { Level } from '../core/severity.js';
import { UsageError } from './discover.js';
import type { Io } from './io.js';
import { parseCommandArgs } from './subcommand.js';
import { effectiveLevel, ruleCatalogue, type CatalogueEntry } from './rule-catalogue.js';
import { applySelection, hasSelection, idList, type RuleSelection } from './rule-selection.js';
import { terminalWidth, useColor } from './terminal.js';
import { padEnd, wrap } from './wrap.js';

export const RULES_HELP = `Usage: gpu-drain-lint rules [options]

List the rules, then the diagnostics the linter reports itself whose level a config can set:
id, default level, fix safety (safe: --fix applies it; unsafe: --fix --unsafe-fixes; none) and
what each finds. With a config file, or --rule / --select / --ignore, an "effective" column
shows the level each would run at.

Options:
  -f, --format <name>          table (default) or json (an array: id, kind, level,
                               effectiveLevel, fix, description, docsUrl)
  -c, --config <path>          use this config file instead of the nearest .gpu-drain-lint.yaml
  --rule <id>:<level>          as for linting: the effective level with this choice
  --select <ids>, --ignore <ids>
  --color, --no-color          force colours on or off (NO_COLOR, FORCE_COLOR honoured)
  -h, --help                   show this help

"gpu-drain-lint explain <id>" shows a rule's documentation.
`;

/** A gap between columns. */
const GAP = '  ';
/** Narrower than this, a description goes on lines of its own below its row. */
const MIN_DESCRIPTION_WIDTH = 40;

export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values } = parse(args);
  if (values.help) {
    io.stdout(RULES_HELP);
    return 0;
  }
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`unknown format "${format}": use table or json`);
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  const selection: RuleSelection = { rule: values.rule ?? [], select: idList('--select', values.select), ignore: idList('--ignore', values.ignore) };
  const configPath = values.config ?? findConfigFile(io.cwd);
  const config = configPath ? await loadConfig(configPath, rules, io.cwd) : undefined;
  // The config's policies are listed after the built-in rules, before the diagnostics.
  const catalogue = ruleCatalogue([...rules, ...policyRules(config?.policies ?? []).rules]);
  const settings = applySelection(config?.settings ?? new Map(), selection, catalogue);
  const levels = new Map(catalogue.map((entry) => [entry.id, effectiveLevel(entry, settings)]));
  if (format === 'json') {
    const list = catalogue.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      level: entry.defaultLevel,
      effectiveLevel: levels.get(entry.id)!,
      fix: entry.fix,
      description: entry.description,
      docsUrl: entry.docsUrl ?? null,
    }));
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const source = [
    ...(config?.path ? [relative(io.cwd, resolve(io.cwd, config.path)) || config.path] : []),
    ...(hasSelection(selection) ? ['the command line'] : []),
  ];
  const color = useColor(io, values.color ? { color: true } : values['no-color'] ? { color: false } : {});
  io.stdout(table(catalogue, source.length > 0 ? levels : undefined, { width: terminalWidth(io), color }));
  const width = terminalWidth(io);
  const notes = [
    ...(source.length > 0 ? [`effective: the level under ${source.join(' and ')}.`] : []),
    `${catalogue.filter((e) => e.kind === 'rule').length} rules. "gpu-drain-lint explain <id>" shows a rule's documentation.`,
  ];
  io.stdout(notes.map((note) => `\n${wrap(note, width).join('\n')}\n`).join(''));
  return 0;
}

function parse(args: readonly string[]) {
  return parseCommandArgs(args, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    rule: { type: 'string', multiple: true },
    select: { type: 'string', multiple: true },
    ignore: { type: 'string', multiple: true },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, { positionals: false });
}

/**
 * The rules, then the diagnostics, in columns fitted to `width`: the description wraps in its
 * column, or, when the terminal is too narrow for that, on indented lines below its row.
 */
function table(catalogue: readonly CatalogueEntry[], effective: ReadonlyMap<string, Level> | undefined, { width, color }: { width: number; color: boolean }): string {
  const c = createColors(color);
  const level = (value: Level) => (value === 'error' ? c.red(value) : value === 'warn' ? c.yellow(value) : c.dim(value));
  const headers = ['id', 'default', 'fix', ...(effective ? ['effective'] : [])];
  const rowOf = (entry: CatalogueEntry) => [entry.id, level(entry.defaultLevel), entry.fix === 'none' ? c.dim('none') : entry.fix, ...(effective ? [level(effective.get(entry.id)!)] : [])];
  const widths = headers.map((header, column) => Math.max(header.length, ...catalogue.map((entry) => plainCell(entry, column, effective).length)));
  const used = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const inColumn = width - used >= MIN_DESCRIPTION_WIDTH;
  const line = (cells: string[], description: string) => {
    const start = cells.map((cell, column) => padEnd(cell, widths[column]!)).join(GAP) + GAP;
    return inColumn
      ? wrap(description, width, start, ' '.repeat(used)).join('\n')
      : [start.trimEnd(), ...(description ? wrap(description, width, '    ') : [])].join('\n');
  };
  const section = (title: string, entries: readonly CatalogueEntry[]) => [c.bold(wrap(title, width).join('\n')), line(headers.map((h) => c.dim(h)), inColumn ? c.dim('finds') : ''), ...entries.map((entry) => line(rowOf(entry), entry.description))].join('\n');
  return [
    section('Rules', catalogue.filter((e) => e.kind === 'rule')),
    '',
    section("Diagnostics (reported by the linter itself, not rules; their level is set like a rule's)", catalogue.filter((e) => e.kind === 'diagnostic')),
    '',
  ].join('\n');
}

/** A cell's text without colour, to measure its column. */
function plainCell(entry: CatalogueEntry, column: number, effective: ReadonlyMap<string, Level> | undefined): string {
  return [entry.id, entry.defaultLevel, entry.fix, effective?.get(entry.id) ?? ''][column]!;
}
