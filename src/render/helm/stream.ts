/**
 * One document of `helm template`'s output and the template it was rendered from.
 *
 * helm v3.17.2 prints every manifest as `fmt.Fprintf(b, "---\n# Source: %s\n%s\n", m.Name, m.Content)`
 * (pkg/action/action.go, renderResources, line 206; a hidden Secret's content is a comment, line
 * 204; CRDs with --include-crds at line 190 with the file's raw text; hooks the same way in
 * cmd/helm/template.go line 116, after the manifests' strings.TrimSpace at line 108).
 * `m.Name` is the template's path in the chart, `<chart name>/templates/<file>`, and for a
 * subchart `<parent>/charts/<sub name>/templates/<file>` (pkg/engine/engine.go lines 412 and 420,
 * from ChartFullPath in pkg/chart/chart.go line 116). `m.Content` is one document of the rendered
 * file, split and trimmed by releaseutil.SplitManifests (pkg/releaseutil/manifest.go lines 36-60:
 * split at `(?:^|\s*\n)---\s*`, strings.TrimSpace each part, empty parts dropped), so it holds no
 * `---` line and neither starts nor ends with blank lines. Documents are sorted by kind
 * (releaseutil.SortManifests, a stable sort), so a file's documents need not be adjacent nor in
 * file order. Partials (`_*`, manifest_sorter.go line 91) and NOTES.txt (action.go lines 150-162)
 * are never printed.
 */
export interface RenderedTemplate {
  /** The `# Source:` path: `<chart>/templates/<file>`. */
  source: string;
  /** 1-based line in the stream of the document's first line (the one after the `# Source:` comment). */
  firstLine: number;
  lineCount: number;
}

const SEPARATOR = /^---\s*$/;
const SOURCE = /^# Source: (.+?)\s*$/;

/**
 * The documents of a `helm template` stream. A `---` not followed by a `# Source:` comment (a
 * CRD file holding several documents) continues the previous source; text before the first
 * `---` belongs to no template.
 */
export function splitHelmStream(stream: string): RenderedTemplate[] {
  const lines = stream.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const documents: RenderedTemplate[] = [];
  let current: RenderedTemplate | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (!SEPARATOR.test(line)) {
      if (current) current.lineCount++;
      continue;
    }
    const named = SOURCE.exec(lines[index + 1]?.replace(/\r$/, '') ?? '')?.[1];
    const source = named ?? current?.source;
    if (source === undefined) continue;
    if (named !== undefined) index++;
    // index is now the 0-based line just before the document's first line.
    current = { source, firstLine: index + 2, lineCount: 0 };
    documents.push(current);
  }
  return documents;
}

/**
 * The file a `# Source:` path names, relative to the cwd: the chart's name is replaced by its
 * directory (`demo/charts/sub/templates/x.yaml` → `<chartDir>/charts/sub/templates/x.yaml`).
 * Undefined when the path has no file part, climbs out of the chart, or `exists` says the file is
 * not there (a dependency packed as `charts/<sub>-<version>.tgz`). Reading the chart,
 * `templateFileIn` (chart-files.ts) also follows dependency aliases.
 */
export function templatePathIn(chartDir: string, source: string, exists?: (relPath: string) => boolean): string | undefined {
  const segments = source.split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '..' || segment === '')) return undefined;
  const path = joinPath(chartDir, segments.slice(1).join('/'));
  return exists && !exists(path) ? undefined : path;
}

/** `dir/relative` with '/' separators; a dir of '' or '.' is the cwd. */
export function joinPath(dir: string, relative: string): string {
  const base = dir.replace(/\\/g, '/').replace(/\/+$/, '');
  return base === '' || base === '.' ? relative : `${base}/${relative}`;
}

/** The subcharts a Source path goes through: `demo/charts/a/charts/b/templates/x.yaml` → ['a', 'b']. */
export function subchartsOf(source: string): string[] {
  const segments = source.split('/');
  const names: string[] = [];
  for (let index = 1; index + 1 < segments.length; index += 2) {
    if (segments[index] !== 'charts') break;
    names.push(segments[index + 1]!);
  }
  return names;
}
