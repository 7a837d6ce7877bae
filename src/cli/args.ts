import { parseArgs } from 'node:util';
import { UsageError } from './discover.js';

import { FORMATS, type Format } from '../formatters/index.js';
import { idList, type RuleSelection } from './rule-selection.js';
import { SUBCOMMANDS } from './subcommands.js';

export interface CliOptions {
  inputs: string[];
  format: Format;
  outputFile?: string;
  /** A SARIF report written beside the main format (the GitHub Action needs both). */
  outputSarif?: string;
  config?: string;
  context: string[];
  inlineConfig: boolean;
  stdinFilename?: string;
  /** Release name, namespace and values files for charts config does not list. */
  helmRelease?: string;
  helmNamespace?: string;
  helmValues: string[];
  /** Absent: no limit (also `--max-warnings -1`, as in ESLint). */
  maxWarnings?: number;
  /** `--threads N`: how many threads read files (1: this one only); absent: as many as cores, for runs big enough to gain. */
  threads?: number;
  quiet: boolean;
  color?: boolean;
  errorOnUnmatchedPattern: boolean;
  /** Directory walks and globs leave out what .gitignore files exclude (`--no-gitignore`: they do not). */
  gitignore: boolean;
  printConfig: boolean;
  fix: boolean;
  fixDryRun: boolean;
  unsafeFixes: boolean;
  // Baseline (issue 19): adopting the linter in a repository that has findings today.
  /** `--baseline <file>`: findings it records are not reported (overrides config `baseline`). */
  baseline?: string;
  /** `--baseline-write <file>`: record the run's findings there and exit 0. */
  baselineWrite?: string;
  /** `--baseline-prune`: rewrite the baseline without entries that match no finding. */
  baselinePrune: boolean;
  /** `--show-source`: a code frame under each finding of the stylish report. */
  showSource: boolean;
  help: boolean;
  version: boolean;
  // Rules on the command line (issue 19).
  /** `--rule id:level`, `--select a,b`, `--ignore a,b`, as given (checked against the rules by rule-selection.ts). */
  ruleSelection: RuleSelection;
  /** `--statistics`: counts per rule after the report. */
  statistics: boolean;
}

/** The formats `--statistics` adds its table to: the text ones (a machine format keeps its schema). */
export const STATISTICS_FORMATS: readonly string[] = ['stylish', 'concise'];

export const HELP = `Usage: gpu-drain-lint [options] <file|dir|glob|->...
       gpu-drain-lint <command> [options]

Lint Kubernetes manifests for mistakes that make drains, spot preemptions and
rollouts kill live GPU inference and long-lived connections.

Commands (first on the command line; ./rules lints a directory named rules):
${SUBCOMMANDS.map((command) => `  ${command.synopsis.padEnd(29)}${command.summary}\n`).join('')}  <command> --help             the command's options

Inputs:
  <file>                       a manifest, linted whatever its extension
  <dir>                        every *.yaml / *.yml below it, and TypeScript (*.ts, *.mts,
                               *.cts, *.tsx: cdk8s charts, Pulumi programs; not *.d.ts);
                               node_modules, .git and what .gitignore files exclude skipped
  <glob>                       a pattern such as 'deploy/**/*.yaml' (quote it)
  -                            read one manifest stream from stdin
  --stdin-filename <path>      the name findings on stdin are reported under (for a
                               rendered chart on stdin: the chart's directory)

Helm and Kustomize (charts are rendered with helm template, overlays with kubectl kustomize):
  --helm-release <name>        release name of charts config does not list (default: the chart's name)
  --helm-namespace <ns>        their release namespace (default: defaultNamespace)
  --helm-values <file>         a values file for them (repeatable, in order)

Output:
  -f, --format <name>          stylish (default: a headline per finding, the rest
                               wrapped to the terminal), concise (one line per finding),
                               json, sarif (code scanning), github (annotations, then every
                               finding in the log; appends a job summary when
                               GITHUB_STEP_SUMMARY is set), gitlab (GitLab Code Quality
                               report) or junit (JUnit XML, a test case per file)
  --show-source                show the lines of each finding, with a caret (stylish)
  -o, --output-file <path>     write the report to a file instead of stdout
  --output-sarif <path>        also write a SARIF report there (e.g. with --format github)
  --quiet                      report errors only
  --max-warnings <n>           exit 1 when there are more than n warnings (-1: no limit)
  --threads <n>                threads that read and parse files (default: one per core,
                               for runs of more than half a megabyte; 1: no worker threads)
  --color, --no-color          force colours on or off (NO_COLOR, FORCE_COLOR honoured)

Rules:
  --rule <id>:<level>          set a rule's level: off, warn (or warning), error; repeatable;
                               wins over --select, --ignore and the config
  --select <ids>               run only these rules (comma-separated, repeatable); a name
                               also selects the rules it begins: pdb is every pdb-… rule
  --ignore <ids>               turn these rules off (comma-separated, repeatable; prefixes too)
  --statistics                 after the report, count findings per rule (stylish, concise)

Fixing:
  --fix                        apply safe fixes and write the files
  --fix-dry-run                write nothing; print a unified diff of what --fix would change
  --unsafe-fixes               also apply fixes that may change behaviour (with --fix or --fix-dry-run)

Baseline (adopting it in a repository that has findings today; docs/baseline.md):
  --baseline-write <file>      record every finding of this run in a baseline file, exit 0
  --baseline <file>            report only findings the baseline does not record (config:
                               baseline); says how many it matched and which entries match
                               nothing any more
  --baseline-prune             with a baseline: remove the entries that match no finding

Configuration:
  -c, --config <path>          use this config file instead of the nearest .gpu-drain-lint.yaml
  --context <glob>             read these manifests for cross-resource checks (PDBs,
                               Services, HPAs) without reporting on them; repeatable
  --no-inline-config           ignore # gpu-drain-lint-disable-… comments
  --print-config               print the effective configuration as JSON and exit
  --no-error-on-unmatched-pattern
                               do not fail when an input matches no file
  --no-gitignore               also lint files .gitignore excludes (files named as inputs
                               are linted either way)

  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, config or internal error.
Rules: https://github.com/gpu-drain-lint/gpu-drain-lint#what-it-checks (each rule: docs/rules/<id>.md)
`;

/** Options whose value may be a negative number, which parseArgs would take for an option (`--max-warnings -1`). */
const NEGATIVE_VALUED = new Set(['--max-warnings']);

/** `--max-warnings -1` as `--max-warnings=-1`, before `--` only. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...args, ...argv.slice(i)];
    if (NEGATIVE_VALUED.has(arg) && /^-\d/.test(argv[i + 1] ?? '')) args.push(`${arg}=${argv[++i]}`);
    else args.push(arg);
  }
  return args;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'output-sarif': { type: 'string' },
        config: { type: 'string', short: 'c' },
        context: { type: 'string', multiple: true },
        'no-inline-config': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'helm-release': { type: 'string' },
        'helm-namespace': { type: 'string' },
        'helm-values': { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        threads: { type: 'string' },
        quiet: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'no-error-on-unmatched-pattern': { type: 'boolean' },
        'no-gitignore': { type: 'boolean' },
        'print-config': { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        baseline: { type: 'string' },
        'baseline-write': { type: 'string' },
        'baseline-prune': { type: 'boolean' },
        'show-source': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        rule: { type: 'string', multiple: true },
        select: { type: 'string', multiple: true },
        ignore: { type: 'string', multiple: true },
        statistics: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}": use ${FORMATS.join(' or ')}`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^(?:\d+|-1)$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), got "${values['max-warnings']}"`);
    maxWarnings = values['max-warnings'] === '-1' ? undefined : Number(values['max-warnings']);
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (values.threads !== undefined && (!/^\d+$/.test(values.threads) || threads! < 1)) throw new UsageError(`--threads takes a whole number of at least 1, got "${values.threads}"`);
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('stdin ("-") can be read only once');
  if (values['stdin-filename'] !== undefined && !positionals.includes('-')) {
    throw new UsageError('--stdin-filename needs "-" among the inputs');
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (values.fix && positionals.includes('-')) {
    throw new UsageError('--fix cannot write to stdin: use --fix-dry-run to print the fixed text as a diff (or with --format json)');
  }
  if (values['unsafe-fixes'] && !values.fix && !values['fix-dry-run']) {
    throw new UsageError('--unsafe-fixes goes with --fix or --fix-dry-run');
  }
  checkBaselineOptions(values);
  if (values.statistics && !STATISTICS_FORMATS.includes(format)) {
    throw new UsageError(`--statistics goes with --format ${STATISTICS_FORMATS.join(' or ')}, not ${format}`);
  }
  return {
    inputs: positionals,
    format: format as Format,
    ...(values['output-file'] !== undefined ? { outputFile: values['output-file'] } : {}),
    ...(values['output-sarif'] !== undefined ? { outputSarif: values['output-sarif'] } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    context: values.context ?? [],
    inlineConfig: !values['no-inline-config'],
    ...(values['stdin-filename'] !== undefined ? { stdinFilename: values['stdin-filename'] } : {}),
    ...(values['helm-release'] !== undefined ? { helmRelease: values['helm-release'] } : {}),
    ...(values['helm-namespace'] !== undefined ? { helmNamespace: values['helm-namespace'] } : {}),
    helmValues: values['helm-values'] ?? [],
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(threads !== undefined ? { threads } : {}),
    quiet: values.quiet ?? false,
    ...(values.color ? { color: true } : values['no-color'] ? { color: false } : {}),
    errorOnUnmatchedPattern: !values['no-error-on-unmatched-pattern'],
    gitignore: !values['no-gitignore'],
    printConfig: values['print-config'] ?? false,
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values['baseline-write'] !== undefined ? { baselineWrite: values['baseline-write'] } : {}),
    baselinePrune: values['baseline-prune'] ?? false,
    showSource: values['show-source'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    ruleSelection: { rule: values.rule ?? [], select: idList('--select', values.select), ignore: idList('--ignore', values.ignore) },
    statistics: values.statistics ?? false,
  };
}

/** A baseline is recorded from, or pruned by, findings that are really there: not a dry run's. */
function checkBaselineOptions(values: { baseline?: string; 'baseline-write'?: string; 'baseline-prune'?: boolean; 'fix-dry-run'?: boolean }): void {
  if (values['baseline-write'] !== undefined && values.baseline !== undefined) {
    throw new UsageError('--baseline and --baseline-write cannot be used together (--baseline-write records every finding)');
  }
  if (values['baseline-write'] !== undefined && values['baseline-prune']) throw new UsageError('--baseline-prune and --baseline-write cannot be used together');
  if (values['baseline-write'] !== undefined && values['fix-dry-run']) throw new UsageError('--baseline-write records the findings of the files as they are: use it with --fix, not --fix-dry-run');
  if (values['baseline-prune'] && values['fix-dry-run']) throw new UsageError('--baseline-prune judges the files as they are: use it with --fix, not --fix-dry-run');
  for (const key of ['baseline', 'baseline-write'] as const) {
    if (values[key] === '') throw new UsageError(`--${key} needs a file name`);
  }
}
