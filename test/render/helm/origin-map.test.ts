import { describe, expect, it } from 'vitest';
import type { Origin } from '../../../src/core/origin.js';
import { helmOriginMap, type HelmChart } from '../../../src/render/helm/origin-map.js';
import { ALIASED_FILES, ALIASED_STREAM, DEMO_FILES, DEMO_STREAM, EDGE_FILES, EDGE_STREAM, PACKED_FILES, PACKED_STREAM, TAIL_FILES, TAIL_STREAM } from './charts.js';

/** A chart whose files live under `dir` (relative to the cwd), counting reads. */
function chartAt(dir: string, files: Record<string, string>): HelmChart & { reads: string[] } {
  const reads: string[] = [];
  return {
    dir,
    reads,
    readFile(relPath) {
      reads.push(relPath);
      return relPath.startsWith(`${dir}/`) ? files[relPath.slice(dir.length + 1)] : undefined;
    },
  };
}

/** The stream line (1-based) whose text is `text`, the `nth` one. */
function lineOf(stream: string, text: string, nth = 1): number {
  let seen = 0;
  const index = stream.split('\n').findIndex((line) => line === text && ++seen === nth);
  if (index === -1) throw new Error(`no line ${text}`);
  return index + 1;
}

/** Locates the whole text of a stream line (from its first non-blank column to its end). */
function locateLine(stream: string, chart: HelmChart, line: number): Origin {
  const text = stream.split('\n')[line - 1]!;
  return helmOriginMap(stream, chart).locate({ line, column: text.search(/\S/) + 1 || 1 }, { line, column: text.length + 1 });
}

const demo = () => chartAt('charts/demo', DEMO_FILES);
const DEPLOYMENT = 'charts/demo/templates/deployment.yaml';

describe('helmOriginMap: one line', () => {
  it('a verbatim line keeps its rendered columns', () => {
    const map = helmOriginMap(DEMO_STREAM, demo());
    const line = lineOf(DEMO_STREAM, '      containers:');
    expect(map.locate({ line, column: 7 }, { line, column: 17 })).toEqual({ path: DEPLOYMENT, line: 26, column: 7, endLine: 26, endColumn: 17 });
  });

  it('a templated line points at its first {{ to the end of the line, with a values hint for a plain reference', () => {
    const grace = lineOf(DEMO_STREAM, '      terminationGracePeriodSeconds: 30');
    expect(locateLine(DEMO_STREAM, demo(), grace)).toEqual({
      path: DEPLOYMENT,
      line: 21,
      column: 38,
      endLine: 21,
      endColumn: 88,
      hint: '.Values.server.terminationGracePeriodSeconds: set server.terminationGracePeriodSeconds in values.yaml',
    });
  });

  it("the hint names the release's last values file that sets the key, else the chart's values.yaml", () => {
    const grace = lineOf(DEMO_STREAM, '      terminationGracePeriodSeconds: 30');
    const files: Record<string, string> = { ...DEMO_FILES, 'env/prod.yaml': 'server:\n  terminationGracePeriodSeconds: 30\n', 'env/other.yaml': 'replicas: 3\n' };
    const chart: HelmChart = { dir: 'charts/demo', readFile: (path) => (path.startsWith('charts/demo/') ? files[path.slice('charts/demo/'.length)] : files[path]) };
    const locate = (valuesFiles: string[]) => {
      const text = DEMO_STREAM.split('\n')[grace - 1]!;
      return helmOriginMap(DEMO_STREAM, chart, valuesFiles).locate({ line: grace, column: 7 }, { line: grace, column: text.length + 1 }).hint;
    };
    expect(locate(['charts/demo/values.yaml', 'env/prod.yaml', 'env/other.yaml'])).toBe('.Values.server.terminationGracePeriodSeconds: set server.terminationGracePeriodSeconds in env/prod.yaml');
    expect(locate(['charts/demo/values.yaml', 'env/other.yaml'])).toBe('.Values.server.terminationGracePeriodSeconds: set server.terminationGracePeriodSeconds in values.yaml');
  });

  it('no hint when the value is not one plain values reference (quote, default, several actions)', () => {
    for (const text of ['              value: "30"', '              value: serve', '          image: "vllm/vllm-openai:v0.6.0"', '  name: rel-server']) {
      const origin = locateLine(DEMO_STREAM, demo(), lineOf(DEMO_STREAM, text));
      expect(origin.path).toBe(DEPLOYMENT);
      expect(origin.hint).toBeUndefined();
    }
  });

  it('a line an include printed points at the include, from its first non-blank column', () => {
    const origin = locateLine(DEMO_STREAM, demo(), lineOf(DEMO_STREAM, '    app.kubernetes.io/instance: rel'));
    expect(origin).toEqual({ path: DEPLOYMENT, line: 6, column: 5, endLine: 6, endColumn: 47 });
  });

  it('a line toYaml printed from values points at the action and says which values key to set', () => {
    const at = (text: string) => locateLine(DEMO_STREAM, demo(), lineOf(DEMO_STREAM, text));
    expect(at('              nvidia.com/gpu: 1')).toEqual({ path: DEPLOYMENT, line: 44, column: 13, endLine: 44, endColumn: 57, hint: '.Values.resources: set resources.limits["nvidia.com/gpu"] in values.yaml' });
    expect(at('              cpu: "4"').hint).toBe('.Values.resources: set resources.requests.cpu in values.yaml');
    expect(at('            limits:').hint).toBe('.Values.resources: set resources.limits in values.yaml');
    expect(at('        gpu: "true"').hint).toBe('.Values.nodeSelector: set nodeSelector.gpu in values.yaml');
    expect(at('            - --max-model-len=4096').hint).toBe('.Values.server.extraArgs: set server.extraArgs[1] in values.yaml');
  });

  it('list items of a toYaml block are counted per document', () => {
    const edge = chartAt('edge', EDGE_FILES);
    const second = lineOf(EDGE_STREAM, '      operator: Exists', 2);
    expect(locateLine(EDGE_STREAM, edge, second)).toEqual({
      path: 'edge/templates/workers.yaml',
      line: 14,
      column: 5,
      endLine: 14,
      endColumn: 51,
      hint: '.Values.tolerations: set tolerations[0].operator in values.yaml',
    });
  });

  it('lines an nindent action at the end of a text line printed: at that line, with the values key', () => {
    const tail = chartAt('tail', TAIL_FILES);
    const gpu = lineOf(TAIL_STREAM, '          nvidia.com/gpu: 2');
    expect(locateLine(TAIL_STREAM, tail, gpu)).toEqual({ path: 'tail/templates/pod.yaml', line: 11, column: 7, endLine: 11, endColumn: 61, hint: '.Values.resources: set resources.limits["nvidia.com/gpu"] in values.yaml' });
    expect(locateLine(TAIL_STREAM, tail, lineOf(TAIL_STREAM, '          cpu: 100m')).hint).toBe('.Values.sidecar.resources: set sidecar.resources.requests.cpu in values.yaml');
  });

  it('a subchart line maps to the subchart file; its values are set under the subchart name', () => {
    const origin = locateLine(DEMO_STREAM, demo(), lineOf(DEMO_STREAM, '      terminationGracePeriodSeconds: 45'));
    expect(origin).toEqual({ path: 'charts/demo/charts/sub/templates/job.yaml', line: 8, column: 38, endLine: 8, endColumn: 57, hint: '.Values.grace: set sub.grace in values.yaml' });
  });

  it('an aliased subchart: helm names it after the alias; its files are in the directory of the chart it aliases', () => {
    const origin = locateLine(ALIASED_STREAM, chartAt('aliased', ALIASED_FILES), lineOf(ALIASED_STREAM, '      terminationGracePeriodSeconds: 60'));
    expect(origin).toEqual({ path: 'aliased/charts/sub/templates/job.yaml', line: 8, column: 38, endLine: 8, endColumn: 57, hint: '.Values.grace: set worker.grace in values.yaml' });
  });

  it("a subchart's globals are set at global, not under the subchart", () => {
    const stream = '---\n# Source: top/charts/sub/templates/x.yaml\nkind: Pod\nregion: eu\nzone: a\n';
    const chart = chartAt('top', { 'charts/sub/Chart.yaml': 'name: sub\n', 'charts/sub/templates/x.yaml': 'kind: Pod\nregion: {{ .Values.global.region }}\nzone: {{ .Values.zone }}\n' });
    const map = helmOriginMap(stream, chart);
    expect(map.locate({ line: 4, column: 1 }, { line: 4, column: 11 }).hint).toBe('.Values.global.region: set global.region in values.yaml');
    expect(map.locate({ line: 5, column: 1 }, { line: 5, column: 8 }).hint).toBe('.Values.zone: set sub.zone in values.yaml');
  });

  it('a toYaml block too long to walk back through names the block only', () => {
    const keys = Array.from({ length: 6_000 }, (_, i) => `  k${i}: ${i}`);
    const stream = `---\n# Source: c/templates/x.yaml\nkind: ConfigMap\ndata:\n${keys.join('\n')}\n`;
    const map = helmOriginMap(stream, chartAt('c', { 'templates/x.yaml': 'kind: ConfigMap\ndata:\n  {{- toYaml .Values.big | nindent 2 }}\n' }));
    const started = performance.now();
    expect(map.locate({ line: 5, column: 3 }, { line: 5, column: 8 }).hint).toBe('.Values.big: set big.k0 in values.yaml');
    expect(map.locate({ line: 4_005, column: 3 }, { line: 4_005, column: 8 }).hint).toBe('.Values.big: set big.k4000 in values.yaml');
    expect(map.locate({ line: 6_004, column: 3 }, { line: 6_004, column: 8 }).hint).toBe('.Values.big: set big in values.yaml');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('the second document of a two-document template maps into its own part', () => {
    const origin = locateLine(DEMO_STREAM, demo(), lineOf(DEMO_STREAM, '  mode: serve'));
    expect(origin).toEqual({ path: 'charts/demo/templates/services.yaml', line: 17, column: 3, endLine: 17, endColumn: 14 });
  });

  it('a CRLF template: lines map with columns that do not count the \\r', () => {
    const packed = chartAt('packed', PACKED_FILES);
    const line = lineOf(PACKED_STREAM, '  grace: "10"\r');
    expect(locateLine(PACKED_STREAM, packed, line)).toEqual({ path: 'packed/templates/crlf.yaml', line: 8, column: 10, endLine: 8, endColumn: 37 });
    const mode = lineOf(PACKED_STREAM, '  mode: serve');
    expect(helmOriginMap(PACKED_STREAM, packed).locate({ line: mode, column: 3 }, { line: mode, column: 7 })).toEqual({ path: 'packed/templates/crlf.yaml', line: 9, column: 3, endLine: 9, endColumn: 7 });
  });
});

describe('helmOriginMap: fallbacks', () => {
  it('the --- and # Source: lines map to the template line 1', () => {
    const map = helmOriginMap(DEMO_STREAM, demo());
    const source = lineOf(DEMO_STREAM, '# Source: demo/templates/deployment.yaml');
    for (const line of [source - 1, source]) {
      expect(map.locate({ line, column: 1 }, { line, column: 4 })).toEqual({ path: DEPLOYMENT, line: 1, column: 1, endLine: 1, endColumn: 20 });
    }
  });

  it('a line nothing fits goes to its object first line (not a directive or comment)', () => {
    const stream = DEMO_STREAM.replace('  minAvailable: 1\n', '  edited: 1\n');
    const origin = locateLine(stream, demo(), lineOf(stream, '  edited: 1'));
    expect(origin).toEqual({ path: 'charts/demo/templates/pdb.yaml', line: 2, column: 1, endLine: 2, endColumn: 22 });
    // The blank line the comment left.
    expect(locateLine(DEMO_STREAM, demo(), lineOf(DEMO_STREAM, '      '))).toMatchObject({ path: DEPLOYMENT, line: 1 });
  });

  it('a template from a packed .tgz dependency (no directory) goes to Chart.yaml line 1', () => {
    const packed = chartAt('packed', PACKED_FILES);
    const origin = locateLine(PACKED_STREAM, packed, lineOf(PACKED_STREAM, '      terminationGracePeriodSeconds: 45'));
    expect(origin).toEqual({ path: 'packed/Chart.yaml', line: 1, column: 1, endLine: 1, endColumn: 15 });
  });

  it('a template that prints only through directives and comments, or a missing chart, goes to Chart.yaml', () => {
    const stream = '---\n# Source: c/templates/x.yaml\nkind: Pod\n';
    const onlyDirectives = chartAt('c', { 'Chart.yaml': 'name: c\n', 'templates/x.yaml': '{{- if .Values.x }}\n{{/* c */}}\n{{- end }}\n' });
    expect(helmOriginMap(stream, onlyDirectives).locate({ line: 3, column: 1 }, { line: 3, column: 5 })).toEqual({ path: 'c/Chart.yaml', line: 1, column: 1, endLine: 1, endColumn: 8 });
    const nothing = chartAt('c', {});
    expect(helmOriginMap(stream, nothing).locate({ line: 3, column: 1 }, { line: 3, column: 5 })).toEqual({ path: 'c/Chart.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('positions outside every document, and a stream that is not helm output, go to Chart.yaml', () => {
    const map = helmOriginMap(DEMO_STREAM, demo());
    expect(map.locate({ line: 500, column: 1 }, { line: 500, column: 2 })).toMatchObject({ path: 'charts/demo/Chart.yaml', line: 1 });
    expect(helmOriginMap('kind: Pod\n', demo()).locate({ line: 1, column: 1 }, { line: 1, column: 4 })).toMatchObject({ path: 'charts/demo/Chart.yaml', line: 1 });
    expect(helmOriginMap('', chartAt('.', DEMO_FILES)).locate({ line: 1, column: 1 }, { line: 1, column: 1 })).toMatchObject({ path: 'Chart.yaml', line: 1 });
  });

  it('reads each template once, however many ranges it maps', () => {
    const chart = demo();
    const map = helmOriginMap(DEMO_STREAM, chart);
    for (let line = 1; line <= 90; line++) map.locate({ line, column: 1 }, { line, column: 2 });
    expect(chart.reads.filter((path) => path === DEPLOYMENT)).toEqual([DEPLOYMENT]);
    expect(chart.reads.filter((path) => path === 'charts/demo/templates/services.yaml')).toHaveLength(1);
  });
});

describe('helmOriginMap: ranges over several lines', () => {
  const map = () => helmOriginMap(DEMO_STREAM, demo());

  it('start and end on different template lines keep both', () => {
    const start = lineOf(DEMO_STREAM, '      containers:');
    const end = lineOf(DEMO_STREAM, '          image: "vllm/vllm-openai:v0.6.0"');
    expect(map().locate({ line: start, column: 7 }, { line: end, column: 43 })).toEqual({ path: DEPLOYMENT, line: 26, column: 7, endLine: 28, endColumn: 74 });
    const literalEnd = lineOf(DEMO_STREAM, '          args:');
    expect(map().locate({ line: start, column: 7 }, { line: literalEnd, column: 16 })).toEqual({ path: DEPLOYMENT, line: 26, column: 7, endLine: 29, endColumn: 16 });
  });

  it('an end that maps before the start (a repeated range body) collapses to the start line', () => {
    const start = lineOf(DEMO_STREAM, '              protocol: TCP');
    const end = lineOf(DEMO_STREAM, '              containerPort: 9000');
    expect(map().locate({ line: start, column: 15 }, { line: end, column: 34 })).toEqual({ path: DEPLOYMENT, line: 35, column: 15, endLine: 35, endColumn: 28 });
  });

  it('an end in another document collapses to the start line', () => {
    const start = lineOf(DEMO_STREAM, '              value: serve');
    const end = lineOf(DEMO_STREAM, 'kind: Job');
    expect(map().locate({ line: start, column: 15 }, { line: end, column: 5 })).toEqual({ path: DEPLOYMENT, line: 49, column: 22, endLine: 49, endColumn: 56 });
  });

  it('an end at column 1 of a later line ends the line before it', () => {
    const start = lineOf(DEMO_STREAM, 'apiVersion: policy/v1');
    const next = lineOf(DEMO_STREAM, '---', 2);
    expect(map().locate({ line: start, column: 1 }, { line: next, column: 1 })).toEqual({ path: 'charts/demo/templates/pdb.yaml', line: 2, column: 1, endLine: 10, endColumn: 57 });
  });
});

/**
 * Blocks that printed nothing hold short verbatim lines (`limits:`, `value: "True"`) that the
 * action of a taken block printed too: the shapes of kuberay's ray-cluster (a worker whose
 * resources, lifecycle and volumes come from `with … toYaml`, then an `additionalWorkerGroups`
 * range with literal default resources) and production-stack's engine env (`toYaml` of the env,
 * then an lmcache `if` block of literal env items). GROUPS_STREAM is the real output of
 * `helm template rel groups` (helm v3.17.2), pasted as it is.
 */
const GROUPS_FILES: Record<string, string> = {
  "Chart.yaml": [
  "apiVersion: v2",
  "name: groups",
  "version: 0.1.0",
  "",
].join('\n'),
  "values.yaml": [
  "worker:",
  "  resources:",
  "    limits:",
  "      nvidia.com/gpu: 1",
  "    requests:",
  "      nvidia.com/gpu: 1",
  "  lifecycle:",
  "    preStop:",
  "      exec:",
  "        command: [\"sleep\", \"2\"]",
  "  volumes:",
  "    - name: log",
  "      emptyDir: {}",
  "additionalWorkerGroups: {}",
  "engine:",
  "  env:",
  "    - name: VLLM_ALLOW_RUNTIME_LORA_UPDATING",
  "      value: \"True\"",
  "  lmcache:",
  "    enabled: false",
  "",
].join('\n'),
  "templates/cluster.yaml": [
  "apiVersion: ray.io/v1",
  "kind: RayCluster",
  "metadata:",
  "  name: {{ .Release.Name }}",
  "spec:",
  "  workerGroupSpecs:",
  "  - groupName: worker",
  "    template:",
  "      spec:",
  "        containers:",
  "        - name: ray-worker",
  "          image: ray",
  "          {{- with .Values.worker.resources }}",
  "          resources:",
  "            {{- toYaml . | nindent 12 }}",
  "          {{- end }}",
  "          {{- with .Values.worker.lifecycle }}",
  "          lifecycle:",
  "            {{- toYaml . | nindent 12 }}",
  "          {{- end }}",
  "        {{- with .Values.worker.volumes }}",
  "        volumes:",
  "        {{- toYaml . | nindent 8 }}",
  "        {{- end }}",
  "  {{- range $name, $group := .Values.additionalWorkerGroups }}",
  "  - groupName: {{ $name }}",
  "    template:",
  "      spec:",
  "        containers:",
  "        - name: ray-worker",
  "          image: ray",
  "          {{- with $group.lifecycle }}",
  "          lifecycle:",
  "            {{- toYaml . | nindent 12 }}",
  "          {{- end }}",
  "          {{- with $group.resources }}",
  "          resources:",
  "            {{- toYaml . | nindent 12 }}",
  "          {{- else }}",
  "          resources:",
  "            limits:",
  "              nvidia.com/gpu: 1",
  "            requests:",
  "              nvidia.com/gpu: 1",
  "          {{- end }}",
  "        {{- with $group.volumes }}",
  "        volumes:",
  "        {{- toYaml . | nindent 8 }}",
  "        {{- end }}",
  "  {{- end }}",
  "",
].join('\n'),
  "templates/engine.yaml": [
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: {{ .Release.Name }}-engine",
  "spec:",
  "  template:",
  "    spec:",
  "      containers:",
  "        - name: vllm",
  "          image: vllm/vllm-openai",
  "          env:",
  "          - name: HF_HOME",
  "            value: /data",
  "          {{- with .Values.engine.env }}",
  "          {{- toYaml . | nindent 10 }}",
  "          {{- end }}",
  "          {{- if .Values.engine.lmcache.enabled }}",
  "          - name: LMCACHE_USE_EXPERIMENTAL",
  "            value: \"True\"",
  "          - name: VLLM_RPC_TIMEOUT",
  "            value: \"1000000\"",
  "          {{- end }}",
  "          ports:",
  "            - containerPort: 8000",
  "",
].join('\n'),
};
const GROUPS_STREAM = [
  "---",
  "# Source: groups/templates/engine.yaml",
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: rel-engine",
  "spec:",
  "  template:",
  "    spec:",
  "      containers:",
  "        - name: vllm",
  "          image: vllm/vllm-openai",
  "          env:",
  "          - name: HF_HOME",
  "            value: /data",
  "          - name: VLLM_ALLOW_RUNTIME_LORA_UPDATING",
  "            value: \"True\"",
  "          ports:",
  "            - containerPort: 8000",
  "---",
  "# Source: groups/templates/cluster.yaml",
  "apiVersion: ray.io/v1",
  "kind: RayCluster",
  "metadata:",
  "  name: rel",
  "spec:",
  "  workerGroupSpecs:",
  "  - groupName: worker",
  "    template:",
  "      spec:",
  "        containers:",
  "        - name: ray-worker",
  "          image: ray",
  "          resources:",
  "            limits:",
  "              nvidia.com/gpu: 1",
  "            requests:",
  "              nvidia.com/gpu: 1",
  "          lifecycle:",
  "            preStop:",
  "              exec:",
  "                command:",
  "                - sleep",
  "                - \"2\"",
  "        volumes:",
  "        - emptyDir: {}",
  "          name: log",
  "",
].join('\n');

describe('helmOriginMap: verbatim lines of blocks that did not print', () => {
  const groups = () => chartAt('charts/groups', GROUPS_FILES);
  const CLUSTER = 'charts/groups/templates/cluster.yaml';
  const ENGINE = 'charts/groups/templates/engine.yaml';
  const at = (text: string, nth = 1) => locateLine(GROUPS_STREAM, groups(), lineOf(GROUPS_STREAM, text, nth));

  it('resources a with block printed by toYaml map to that toYaml, not to the literal defaults of a range not taken', () => {
    expect(at('            limits:')).toMatchObject({ path: CLUSTER, line: 15, column: 13, hint: '.Values.worker.resources: set worker.resources.limits in values.yaml' });
    expect(at('              nvidia.com/gpu: 1', 2)).toMatchObject({ path: CLUSTER, line: 15, hint: '.Values.worker.resources: set worker.resources.requests["nvidia.com/gpu"] in values.yaml' });
    expect(at('            requests:')).toMatchObject({ path: CLUSTER, line: 15 });
  });

  it('a short preStop maps to the lifecycle toYaml of the worker, with its values key', () => {
    expect(at('          lifecycle:')).toMatchObject({ path: CLUSTER, line: 18, column: 11 });
    expect(at('            preStop:')).toMatchObject({ path: CLUSTER, line: 19, column: 13, hint: '.Values.worker.lifecycle: set worker.lifecycle.preStop in values.yaml' });
    expect(at('                - "2"')).toMatchObject({ path: CLUSTER, line: 19, hint: '.Values.worker.lifecycle: set worker.lifecycle.preStop.exec.command[1] in values.yaml' });
  });

  it('volumes map to the worker block, never into the range', () => {
    expect(at('        volumes:')).toMatchObject({ path: CLUSTER, line: 22 });
    expect(at('          name: log')).toMatchObject({ path: CLUSTER, line: 23, hint: '.Values.worker.volumes: set worker.volumes[0].name in values.yaml' });
    const stream = GROUPS_STREAM.split('\n');
    const map = helmOriginMap(GROUPS_STREAM, groups());
    stream.forEach((text, index) => {
      const origin = map.locate({ line: index + 1, column: 1 }, { line: index + 1, column: text.length + 1 });
      if (origin.path === CLUSTER) expect(origin.line).toBeLessThan(25); // line 25 opens the range over additionalWorkerGroups
    });
  });

  it('an env item toYaml printed maps to it, not to the same literal in an if not taken', () => {
    expect(at('            value: "True"')).toMatchObject({ path: ENGINE, line: 15, column: 11, hint: '.Values.engine.env: set engine.env[0].value in values.yaml' });
    expect(at('          - name: VLLM_ALLOW_RUNTIME_LORA_UPDATING')).toMatchObject({ path: ENGINE, line: 15, hint: '.Values.engine.env: set engine.env[0].name in values.yaml' });
    expect(at('            value: /data')).toMatchObject({ path: ENGINE, line: 13 }); // a verbatim line outside the if still matches
  });
});

describe('helmOriginMap: a dependency packed as a .tgz', () => {
  it("points at the dependency's entry in Chart.yaml, naming the template and where its values go", () => {
    const files = { ...PACKED_FILES, 'Chart.yaml': 'apiVersion: v2\nname: packed\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n    repository: oci://registry.example/charts\n' };
    const grace = lineOf(PACKED_STREAM, '      terminationGracePeriodSeconds: 45');
    expect(locateLine(PACKED_STREAM, chartAt('charts/packed', files), grace)).toEqual({
      path: 'charts/packed/Chart.yaml',
      line: 5,
      column: 3,
      endLine: 5,
      endColumn: 14,
      hint: 'rendered from charts/sub/templates/job.yaml of the packaged dependency sub: set its values under sub in values.yaml',
    });
  });
});

describe('helmOriginMap: a value of a range over a values list', () => {
  it("names any item of the list, and the values file of the release that has the list", () => {
    const files: Record<string, string> = {
      'charts/stack/Chart.yaml': 'apiVersion: v2\nname: stack\nversion: 0.1.0\n',
      'charts/stack/values.yaml': 'models: []\n',
      'charts/stack/templates/deployments.yaml': '{{- range $model := .Values.models }}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ $model.name }}\nspec:\n  replicas: {{ $model.replicaCount }}\n{{- end }}\n',
      'env/models.yaml': 'models:\n  - name: llama\n    replicaCount: 1\n',
    };
    const chart: HelmChart = { dir: 'charts/stack', readFile: (path) => files[path] };
    const stream = '---\n# Source: stack/templates/deployments.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llama\nspec:\n  replicas: 1\n';
    const line = lineOf(stream, '  replicas: 1');
    const origin = helmOriginMap(stream, chart, ['charts/stack/values.yaml', 'env/models.yaml']).locate({ line, column: 3 }, { line, column: 14 });
    expect(origin).toMatchObject({ path: 'charts/stack/templates/deployments.yaml', line: 8, column: 13 });
    expect(origin.hint).toBe('.Values.models[…].replicaCount: set models[…].replicaCount in env/models.yaml');
  });
});
