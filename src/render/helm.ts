import type { Chart } from './chart.js';
import type { CommandRunner } from './command.js';
import type { ChartRelease } from './settings.js';

/** A release as it is rendered: every field decided. */
export interface Release {
  chart: Chart;
  name: string;
  namespace: string;
  values: string[];
}

/** What `helm template` gave: the rendered stream, or helm's own error (at the file and line it names), or a call that is broken. */
export type HelmOutcome =
  | { kind: 'rendered'; stream: string }
  | { kind: 'failed'; message: string; at?: { path: string; line: number; column: number } }
  | { kind: 'broken'; message: string };

export function releaseOf(chart: Chart, configured: Omit<ChartRelease, 'chart'>, defaultNamespace: string): Release {
  return {
    chart,
    name: configured.release ?? chart.name,
    namespace: configured.namespace ?? defaultNamespace,
    values: configured.values,
  };
}

/** The command line of `helm template` for a release, run from the current directory. */
export function helmTemplateArgs(release: Release, chartDir = release.chart.dir): string[] {
  return ['template', release.name, chartDir, '--namespace', release.namespace, ...release.values.flatMap((file) => ['--values', file])];
}

/**
 * Renders a release. Helm's errors about the chart (a required value, a missing dependency, a
 * template that does not parse) are the chart's findings; an error about the call itself (an
 * unknown flag, a binary that cannot run) is a broken invocation.
 */
export function renderRelease(helm: string, release: Release, run: CommandRunner, context: { cwd: string; env: NodeJS.ProcessEnv }, chartDir?: string): HelmOutcome {
  const outcome = run(helm, helmTemplateArgs(release, chartDir), context);
  if (!outcome.ran) return { kind: 'broken', message: `helm (${helm}) ${outcome.reason}` };
  if (outcome.code === 0) return { kind: 'rendered', stream: outcome.stdout };
  const message = helmError(outcome.stderr) || `helm exited with code ${outcome.code} and no message`;
  if (USAGE_ERROR.test(message)) return { kind: 'broken', message: `helm template ${message}` };
  const at = errorLocation(message, release.chart);
  return { kind: 'failed', message, ...(at ? { at } : {}) };
}

/**
 * Helm's error lines, without the `Error: ` prefix and its debug hint. What helm warned before its
 * error (`walk.go:75: found symbolic link in path: …`, `coalesce.go:298: warning: …`) is no part
 * of it and is left out.
 */
function helmError(stderr: string): string {
  const lines = stderr.split(/\r?\n/);
  const error = lines.findIndex((line) => line.startsWith('Error: '));
  return lines
    .slice(Math.max(0, error))
    .filter((line) => line.trim() !== '' && !/^Use --debug flag/.test(line))
    .map((line) => line.replace(/^Error: /, ''))
    .join(' ')
    .trim();
}

// cobra's messages for a call helm does not accept (helm/helm cmd/helm: cobra.Command argument checks).
const USAGE_ERROR = /^(unknown (shorthand )?flag|flag needs an argument|invalid argument|"helm template" requires|accepts (at most )?\d+ arg)/;

/** `(vllm/templates/deployment.yaml:12:20)`, `template: vllm/templates/x.yaml:4:3:`, `YAML parse error on vllm/templates/x.yaml:`: the file in the chart it names. */
function errorLocation(message: string, chart: Chart): { path: string; line: number; column: number } | undefined {
  const match = /(?:\(|template: |error on )([^\s():]+\.(?:ya?ml|tpl|txt|json))(?::(\d+))?(?::(\d+))?/.exec(message);
  if (!match) return undefined;
  const [, source, line, column] = match;
  const inChart = source!.split('/').slice(1).join('/');
  if (!inChart) return undefined;
  const path = chart.dir === '.' ? inChart : `${chart.dir}/${inChart}`;
  return { path, line: line ? Number(line) : 1, column: column ? Number(column) : 1 };
}
