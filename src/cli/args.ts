import { parseArgs } from 'node:util';
import { UsageError } from './discover.js';

import { FORMATS, type Format } from '../formatters/index.js';

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
  maxWarnings?: number;
  /** `--threads N`: how many threads read files (1: this one only); absent: as many as cores, for runs big enough to gain. */
  threads?: number;
  quiet: boolean;
  color?: boolean;
  errorOnUnmatchedPattern: boolean;
  printConfig: boolean;
  fix: boolean;
  fixDryRun: boolean;
  unsafeFixes: boolean;
  /** `--show-source`: a code frame under each finding of the stylish report. */
  showSource: boolean;
  help: boolean;
  version: boolean;
}

export const HELP = `Usage: gpu-drain-lint [options] <file|dir|glob|->...

Lint Kubernetes manifests for mistakes that make drains, spot preemptions and
rollouts kill live GPU inference and long-lived connections.

Inputs:
  <file>                       a manifest, linted whatever its extension
  <dir>                        every *.yaml / *.yml below it (node_modules, .git skipped)
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
                               json, sarif (code scanning) or github (pull-request
                               annotations; appends a job summary when GITHUB_STEP_SUMMARY
                               is set)
  --show-source                show the lines of each finding, with a caret (stylish)
  -o, --output-file <path>     write the report to a file instead of stdout
  --output-sarif <path>        also write a SARIF report there (e.g. with --format github)
  --quiet                      report errors only
  --max-warnings <n>           exit 1 when there are more than n warnings
  --threads <n>                threads that read and parse files (default: one per core,
                               for runs of more than half a megabyte; 1: no worker threads)
  --color, --no-color          force colours on or off (NO_COLOR, FORCE_COLOR honoured)

Fixing:
  --fix                        apply safe fixes and write the files
  --fix-dry-run                write nothing; print a unified diff of what --fix would change
  --unsafe-fixes               also apply fixes that may change behaviour (with --fix or --fix-dry-run)

Configuration:
  -c, --config <path>          use this config file instead of the nearest .gpu-drain-lint.yaml
  --context <glob>             read these manifests for cross-resource checks (PDBs,
                               Services, HPAs) without reporting on them; repeatable
  --no-inline-config           ignore # gpu-drain-lint-disable-… comments
  --print-config               print the effective configuration as JSON and exit
  --no-error-on-unmatched-pattern
                               do not fail when an input matches no file

  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, config or internal error.
Rules and docs: https://github.com/gpu-drain-lint/gpu-drain-lint#rules
`;

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
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
        'print-config': { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        'show-source': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
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
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number, got "${values['max-warnings']}"`);
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
    printConfig: values['print-config'] ?? false,
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    showSource: values['show-source'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
