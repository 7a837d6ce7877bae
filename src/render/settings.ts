/** One release of a chart: how `helm template` is asked to render it. Paths are relative to the current directory. */
export interface ChartRelease {
  chart: string;
  /** The release name; the chart's name when absent. */
  release?: string;
  /** The release namespace; the run's default namespace when absent. */
  namespace?: string;
  /** Values files, in order (`-f`), after the chart's own values.yaml. */
  values: string[];
}

/** How charts and overlays are rendered: config `helm`, `kustomize` and the command line's flags. */
export interface RenderSettings {
  helm: {
    /** The helm binary config names; absent: `helm` on PATH. */
    binary?: string;
    /** Releases config lists; a chart with none is rendered once with `defaults`. */
    releases: ChartRelease[];
    /** The command line's release name, namespace and values files for charts config does not list. */
    defaults: Omit<ChartRelease, 'chart'>;
  };
  kustomize: {
    /** `kubectl` (runs `kubectl kustomize`) or `kustomize` (runs `kustomize build`), or a path to either; absent: whichever is on PATH. */
    binary?: string;
  };
  defaultNamespace: string;
}
