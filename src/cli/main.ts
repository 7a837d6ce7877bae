import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { rules as builtinRules } from '../../rules/index.js';
import { policyRules } from '../policy/rule.js';
import type { Rule } from '../engine/rule.js';
import { ConfigError, findConfigFile, loadConfig, type Config } from '../config/load.js';
import { countBySeverity, type FileResult } from '../core/findings.js';
import { CONFIGURABLE_DIAGNOSTICS } from '../core/diagnostics.js';
import { lint, type LintInput } from '../engine/lint.js';
import { lintOptionsFor } from './lint-options.js';
import { readWithThreads } from './threads.js';
import { loadFormatter } from '../formatters/index.js';
import type { FormatContext } from '../formatters/types.js';
import { plural } from '../core/plural.js';
import { sourceTexts } from './source-texts.js';
import { HELP, parseCli, type CliOptions } from './args.js';
import { BaselineError } from './baseline-error.js';
import { discoverFiles, MissingInputs, UsageError, type Discovery } from './discover.js';
import { specialFileKind, statOrUndefined } from './file-kind.js';
import { ReportPaths } from './report-paths.js';
import { ruleCatalogue } from './rule-catalogue.js';
import { applySelection } from './rule-selection.js';
import { CommandError, type Subcommand } from './subcommand.js';
import { subcommandNamed } from './subcommands.js';
import { packageVersion } from './version.js';
import { FALLBACK_COLUMNS, terminalWidth, useColor } from './terminal.js';
import type { Io } from './io.js';
import { writeOutputFile } from './output-file.js';
import type { RenderedInputs } from './fixes.js';
import { mapRenderedResults, translationChecks, type RenderedSource } from '../render/map-results.js';
import { planRendering, RenderInvocationError } from '../render/plan.js';
import type { RenderSettings } from '../render/settings.js';
import { TypeScriptUnavailable } from '../languages/typescript/loader.js';

export type { Io } from './io.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/** What findings on stdin are reported under without --stdin-filename. */
const STDIN_NAME = '<stdin>';

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gpu-drain-lint: ${error.message}\nRun "gpu-drain-lint --help" for usage.\n`);
    } else if (error instanceof MissingInputs) {
      for (const line of error.message.split('\n')) io.stderr(`gpu-drain-lint: ${line}\n`);
    } else if (error instanceof TypeScriptUnavailable) {
      io.stderr(`gpu-drain-lint: ${error.message}\n`);
    } else if (error instanceof RenderInvocationError) {
      io.stderr(`gpu-drain-lint: ${error.message}\n`);
    } else if (error instanceof BaselineError) {
      io.stderr(`gpu-drain-lint: ${error.message}\n`);
    } else if (error instanceof ConfigError) {
      io.stderr(`gpu-drain-lint: invalid configuration: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`gpu-drain-lint: internal error: ${message}\nPlease report it with the manifest that caused it.\n`);
      if (io.env.GPU_DRAIN_LINT_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n${error.cause instanceof Error ? `Caused by: ${error.cause.stack}\n` : ''}`);
    }
    return EXIT_TROUBLE;
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const command = subcommandNamed(argv[0]);
  if (command) return runSubcommand(command, argv.slice(1), io);
  const options = parseCli(argv);
  if (options.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const version = packageVersion();
  if (options.version) {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  const reportPaths = new ReportPaths(io.cwd, io.root ?? ReportPaths.rootOf(io.cwd), new Set(options.stdinFilename === undefined ? [STDIN_NAME] : []));
  const configPath = options.config ?? findConfigFile(io.cwd);
  let config: Config;
  try {
    config = await loadConfig(configPath, builtinRules, io.cwd);
  } catch (error) {
    // No report in any format, SARIF included: an empty upload could close open code-scanning alerts.
    // On GitHub the error is an annotation at its place in the config file.
    if (error instanceof ConfigError && options.format === 'github') {
      const { runErrorAnnotation } = await import('../formatters/github.js');
      const location = error.location && { ...error.location, file: reportPaths.show(error.location.file) };
      const annotation = runErrorAnnotation(`invalid configuration: ${error.reason}`, location);
      if (options.outputFile) writeOutputFile(io, options.outputFile, annotation, 'the report');
      else io.stdout(annotation);
    }
    throw error;
  }
  // The config's policies are rules like the built-in ones; `run` adds the one that reports policy-error.
  const policies = policyRules(config.policies);
  const rules = [...builtinRules, ...policies.rules];
  if (options.baselinePrune && options.baseline === undefined && config.baseline === undefined) {
    throw new UsageError('--baseline-prune needs a baseline: --baseline <file>, or config baseline');
  }
  config = { ...config, settings: applySelection(config.settings, options.ruleSelection, ruleCatalogue(rules)) };
  if (options.printConfig) {
    io.stderr(config.path ? `gpu-drain-lint: configuration from ${config.path}\n` : 'gpu-drain-lint: no config file: defaults\n');
    io.stdout(`${JSON.stringify(effectiveConfig(config, rules), null, 2)}\n`);
    return EXIT_OK;
  }

  let { inputs, rendered } = await readInputs(options, config, io);
  const lintOptions = await lintOptionsFor(config, inputs, {
    cwd: io.cwd,
    inlineConfig: options.inlineConfig,
    policies,
    readAhead: (read) => readWithThreads(read, options.threads, io),
  });
  const fixing = options.fix || options.fixDryRun;
  let results: FileResult[];
  let diffs = '';
  /** With --fix: what it fixed, once the results are mapped as they are reported. */
  let fixedSummary: ((after: readonly FileResult[]) => string) | undefined;
  if (fixing) {
    // Fixing is loaded only when asked for.
    const [{ fixAll }, fixes] = await Promise.all([import('../fix/fixer.js'), import('./fixes.js')]);
    const run = fixAll(inputs, lintOptions, { unsafe: options.unsafeFixes }, translationChecks(renderedTexts(inputs, rendered.sources), rendered.sources));
    // The report fixing started from, as it would have been printed.
    const before = mapRenderedResults(run.initial, rendered.sources, renderedTexts(inputs, rendered.sources));
    const fixed = await fixes.reportFixes(run, {
      io,
      options,
      lintOptions,
      inputs,
      rendered,
      reread: () => readInputs(options, config, { ...io, stderr: () => undefined }),
      reportPath: (path) => reportPaths.show(path),
    });
    ({ results, diffs, inputs, rendered } = fixed);
    if (options.fix) fixedSummary = (after) => fixes.fixedSummary(before, after, { unsafe: options.unsafeFixes }, fixed.written);
  } else {
    results = lint(inputs, lintOptions);
  }

  results = mapRenderedResults([...rendered.problems, ...results], rendered.sources, renderedTexts(inputs, rendered.sources));
  if (fixedSummary) io.stderr(`gpu-drain-lint: ${fixedSummary(results)}\n`);
  results = reportPaths.results(results, inputs.map((input) => input.path));
  const formatContext: FormatContext = {
    color: useColor(io, options),
    version,
    quiet: options.quiet,
    fixing,
    // SARIF lists the rules that ran.
    rules: rules.map((r) => r.meta).filter((meta) => (config.settings.get(meta.id)?.level ?? meta.defaultSeverity) !== 'off'),
    root: reportPaths.root,
    width: outputWidth(io, options),
    ...(options.showSource
      ? { showSource: true, sourceText: sourceTexts(results, inputs, { root: reportPaths.root, virtual: new Set(rendered.sources.map((s) => reportPaths.show(s.path))), fixed: options.fix, reportPath: (path) => reportPaths.show(path) }) }
      : {}),
  };
  // The baseline code is loaded only when a baseline is written or used.
  if (options.baselineWrite !== undefined) {
    const { baselineFile, recordBaseline } = await import('./baseline.js');
    recordBaseline(results, baselineFile(options.baselineWrite, io.cwd), formatContext.root, io);
    return EXIT_OK;
  }
  const baseline = options.baseline ?? config.baseline;
  if (baseline !== undefined) {
    const { baselineFile, useBaseline } = await import('./baseline.js');
    // A chart or overlay rendered whole had every one of its files judged.
    const judgedDirectories = rendered.sources.filter((s) => !s.reportOnly).map((s) => resolve(formatContext.root, dirname(s.home)));
    useBaseline(results, { file: baselineFile(baseline, io.cwd), prune: options.baselinePrune, root: formatContext.root, judgedDirectories }, io);
  }
  const { errors, warnings } = countBySeverity(results);
  const formatter = await loadFormatter(options.format);
  let report = formatter(results, formatContext);
  if (options.statistics) report += (await import('../formatters/statistics.js')).statistics(results, formatContext);
  if (options.format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    const { jobSummary, STEP_SUMMARY_LIMIT } = await import('../formatters/github-summary.js');
    const summaryFile = resolve(io.cwd, io.env.GITHUB_STEP_SUMMARY);
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = io.env;
    appendFileSync(
      summaryFile,
      jobSummary(results, {
        // What earlier writes in this step left of GitHub's limit.
        maxBytes: STEP_SUMMARY_LIMIT - fileSize(summaryFile),
        ...(server && repository && sha ? { links: { server, repository, sha } } : {}),
      }),
    );
  }
  // A dry run shows people the diff before the findings that would remain; JSON carries `output`.
  const forPeople = options.format === 'stylish' || options.format === 'concise';
  const diff = formatContext.color && diffs ? await coloredDiff(diffs) : diffs;
  const text = forPeople && diffs ? `${diff}${report ? `\n${report}` : ''}` : report;
  if (options.outputFile) writeOutputFile(io, options.outputFile, text, 'the report');
  else io.stdout(text);
  // Last: a run that fails (exit 2) before this point leaves no SARIF file to upload.
  if (options.outputSarif) writeOutputFile(io, options.outputSarif, (await loadFormatter('sarif'))(results, { ...formatContext, color: false }), 'the report');

  if (errors > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`gpu-drain-lint: ${plural(warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/**
 * Runs a command (`rules`, `explain`); says so when an input of its name exists, which `./name`
 * would lint. Its usage errors point to its own --help.
 */
async function runSubcommand(command: Subcommand, args: readonly string[], io: Io): Promise<number> {
  const kind = statOrUndefined(resolve(io.cwd, command.name));
  if (kind) io.stderr(`gpu-drain-lint: note: "${command.name}" is a command; to lint the ${kind.isDirectory() ? 'directory' : 'file'}, write ./${command.name}\n`);
  try {
    return await (await command.load()).run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gpu-drain-lint ${command.name}: ${error.message}\nRun "gpu-drain-lint ${command.name} --help" for usage.\n`);
      return EXIT_TROUBLE;
    }
    if (error instanceof CommandError) {
      io.stderr(`gpu-drain-lint ${command.name}: ${error.message}\n`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
}

/** The run's inputs (plain files, context files, stdin, rendered charts and overlays) and what it takes to report on the rendered ones. */
async function readInputs(options: CliOptions, config: Config, io: Io): Promise<{ inputs: LintInput[]; rendered: RenderedInputs }> {
  const inputs = options.inputs.length > 0 ? options.inputs : ['.'];
  const fromStdin = inputs.includes('-');
  const given = inputs.filter((i) => i !== '-');
  const walk = { gitignore: options.gitignore };
  const { files, unmatched, missing, skipped } = await discoverFiles(given, (path) => config.isIgnored(path), io.cwd, walk);
  warnSkipped(io, skipped);
  if (missing.length > 0 && options.errorOnUnmatchedPattern) throw new MissingInputs(missing);
  if (unmatched.length > 0 && options.errorOnUnmatchedPattern) {
    const list = unmatched.map((u) => `"${u}"`).join(', ');
    throw new UsageError(`no manifests match ${list} (use --no-error-on-unmatched-pattern to allow this)`);
  }
  const named = new Set(files.filter((file) => given.includes(file)));
  const plan = await planRendering(files, named, { cwd: io.cwd, env: io.env, settings: renderSettings(options, config) });
  for (const notice of plan.notices) io.stderr(`gpu-drain-lint: ${notice}\n`);
  const scoped = (path: string) => {
    const scope = config.scopeOf(path);
    return scope === undefined ? {} : { scope };
  };
  const read: LintInput[] = plan.plain.map((path) => ({ path, content: readManifest(io, path), reportable: true, ...scoped(path) }));
  const contextPatterns = [...options.context, ...config.context];
  if (contextPatterns.length > 0) {
    const linted = new Set(files);
    const context = await discoverFiles(contextPatterns, (path) => config.isIgnored(path) || linted.has(path), io.cwd, walk);
    for (const pattern of [...context.unmatched, ...context.missing]) io.stderr(`gpu-drain-lint: warning: context pattern "${pattern}" matches no manifest\n`);
    warnSkipped(io, context.skipped);
    for (const path of context.files) {
      const content = readManifest(io, path);
      // Context files are not reported on: one that cannot be read is said so here.
      if (!(content instanceof Uint8Array)) io.stderr(`gpu-drain-lint: warning: context file ${path}: ${content.readError}\n`);
      read.push({ path, content, reportable: false, ...scoped(path) });
    }
  }
  const sources = plan.rendered.map((r) => r.source);
  if (fromStdin) {
    const path = options.stdinFilename ?? STDIN_NAME;
    const content = await io.readStdin();
    // A `helm template` stream is reported at its chart's templates, as one release.
    const { renderedStdin } = await import('../render/stdin.js');
    const rendered = renderedStdin(Buffer.from(content).toString('utf8'), path, options.stdinFilename, io.cwd);
    if (rendered) sources.push(rendered);
    read.unshift({ path, content, reportable: true, ...(rendered ? { origin: rendered.origin, scope: path } : {}) });
  }
  read.push(...plan.rendered.map((r) => r.input));
  return { inputs: read, rendered: { sources, problems: plan.problems } };
}

/** The text of each rendered input, which its findings' fixes edit. */
function renderedTexts(inputs: readonly LintInput[], sources: readonly RenderedSource[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const source of sources) {
    const input = inputs.find((i) => i.path === source.path);
    if (input && input.content instanceof Uint8Array) texts.set(source.path, Buffer.from(input.content).toString('utf8'));
  }
  return texts;
}

function renderSettings(options: CliOptions, config: Config): RenderSettings {
  return {
    helm: {
      ...(config.helm.binary ? { binary: config.helm.binary } : {}),
      releases: config.helm.charts,
      defaults: {
        ...(options.helmRelease ? { release: options.helmRelease } : {}),
        ...(options.helmNamespace ? { namespace: options.helmNamespace } : {}),
        values: options.helmValues,
      },
    },
    kustomize: config.kustomize,
    defaultNamespace: config.defaultNamespace,
  };
}


function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function warnSkipped(io: Io, skipped: Discovery['skipped']): void {
  for (const { path, what } of skipped) io.stderr(`gpu-drain-lint: warning: ${path}: not a regular file (${what}); skipped\n`);
}

/** The file's bytes, or why they cannot be read; a FIFO or device is never opened (it could block or never end). */
function readManifest(io: Io, path: string): LintInput['content'] {
  try {
    const full = resolve(io.cwd, path);
    const what = specialFileKind(statSync(full));
    if (what) return { readError: `cannot read the file: not a regular file (${what})` };
    return readFileSync(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' ? 'permission denied'
      : code === 'EISDIR' ? 'it is a directory'
      : code === 'ENOENT' ? 'it does not exist (a broken symbolic link?)'
      : code === 'ELOOP' ? 'it is a symbolic link loop'
      : (code ?? String(error));
    return { readError: `cannot read the file: ${reason}` };
  }
}

async function coloredDiff(diff: string): Promise<string> {
  const [{ colorDiff }, { colors }] = await Promise.all([import('./diff-colors.js'), import('../formatters/colors.js')]);
  return colorDiff(diff, colors(true));
}

/** The width stylish wraps to: the terminal's when stdout is one, else (a pipe, a report file) 80. */
function outputWidth(io: Io, options: CliOptions): number {
  return options.outputFile ? FALLBACK_COLUMNS : terminalWidth(io);
}

/** The effective configuration, in the config file's own shape (it can be saved and reused). */
function effectiveConfig(config: Config, rules: readonly Rule[]) {
  const diagnostics = CONFIGURABLE_DIAGNOSTICS.map(({ id, defaultSeverity }) => ({ id, defaultSeverity, defaultOptions: {} }));
  return {
    ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
    defaultNamespace: config.defaultNamespace,
    kserve: { defaultDeploymentMode: config.kserveDefaultDeploymentMode },
    ignorePatterns: config.ignorePatterns,
    context: config.context,
    helm: { ...(config.helm.binary ? { binary: config.helm.binary } : {}), charts: config.helm.charts.map(({ chart, ...release }) => ({ path: chart, ...release })) },
    kustomize: config.kustomize,
    scopes: config.scopes,
    ...(config.baseline !== undefined ? { baseline: config.baseline } : {}),
    ignores: config.ignores.map(({ line: _line, column: _column, ...entry }) => entry),
    profiles: Object.fromEntries(
      Object.entries(config.profiles.profiles).map(([name, p]) => [
        name,
        { longestRequest: p.longestRequest, preStop: p.preStop, margin: p.marginSeconds, marginPercent: p.marginPercent, maxConcurrentDisruption: p.maxConcurrentDisruption },
      ]),
    ),
    // Those a workloadKinds entry's profile adds are printed with it, not as workloads entries.
    workloads: config.profiles.workloads.filter((d) => d.source === undefined).map(({ match, ...declared }) => ({ ...match, ...declared })),
    workloadKinds: config.workloadKinds,
    // Those of policyFiles too, inline: the printed config stands alone.
    ...(config.policies.length > 0 ? { policies: config.policies.map((p) => p.spec) } : {}),
    rules: Object.fromEntries(
      [...rules.map((r) => r.meta), ...diagnostics].map((meta) => {
        const setting = config.settings.get(meta.id);
        return [meta.id, [setting?.level ?? meta.defaultSeverity, { ...meta.defaultOptions, ...setting?.options }]];
      }),
    ),
  };
}
