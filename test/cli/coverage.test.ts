/**
 * Custom resources the linter does not read (RULES.md, "Custom resources": "Unknown kinds" and
 * "Coverage"): `unchecked-workload` on one that holds a GPU container, config `workloadKinds` to
 * declare its templates, and the run's statement of what it checked in every format.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGithubRequirements, expectValidSarif, parseSarif, schemaPresent } from '../integrations/helpers.js';
import { allFindings, gpuDeployment, parseReport, plainDeployment, positionOf, ROOT, runInProcess, tempDir, type JsonReport, type RunResult } from './run.js';

/** InftyAI/llmaz docs/examples/multi-nodes/service.yaml (fixtures/unknown-kinds/SOURCES.md): an OpenModel and an llmaz Service. */
const LLMAZ = readFileSync(join(ROOT, 'fixtures/unknown-kinds/llmaz-service.yaml'), 'utf8');
const LLMAZ_ENTRY =
  '{apiVersion: inference.llmaz.io/v1alpha1, kind: Service, templates: ["spec.workloadTemplate.leaderTemplate", "spec.workloadTemplate.workerTemplate"], replicas: spec.replicas}';

function container(indent: string, gpus: number | string = 1): string[] {
  return [
    `${indent}containers:`,
    `${indent}  - name: server`,
    `${indent}    image: ghcr.io/example/llm-server:1.0`,
    `${indent}    ports:`,
    `${indent}      - containerPort: 8000`,
    `${indent}    resources:`,
    `${indent}      limits:`,
    `${indent}        nvidia.com/gpu: ${gpus}`,
  ];
}

/** A custom resource with a pod template per item of `spec.roles`. */
function multiRole(gpus: number | string = 1): string {
  const role = (name: string) => [`    - name: ${name}`, '      template:', '        metadata:', '          labels:', `            role: ${name}`, '        spec:', ...container('          ', gpus)];
  return [
    'apiVersion: serving.example.com/v1',
    'kind: MultiRoleInference',
    'metadata:',
    '  name: llama',
    '  namespace: inference',
    'spec:',
    '  replicas: 2',
    '  roles:',
    ...role('prefill'),
    ...role('decode'),
    '',
  ].join('\n');
}

/** A custom resource of an unknown kind with no container at all. */
const WIDGET = 'apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n';

function unchecked(result: RunResult) {
  return allFindings(parseReport(result.stdout)).filter((f) => f.ruleId === 'unchecked-workload');
}

function lastLine(stdout: string): string {
  return stdout.trimEnd().split('\n').pop()!;
}

describe('unchecked-workload', () => {
  it('fires once on a custom resource of an unknown kind that requests a GPU, at its first GPU container, with the entry to add', async () => {
    const dir = tempDir({ 'llmaz.yaml': LLMAZ });
    const result = await runInProcess(['-f', 'json', 'llmaz.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    const findings = unchecked(result);
    // Two GPU containers (leader and worker), one finding; none on the OpenModel, which has no container.
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.severity).toBe('warn');
    expect(finding!.object).toEqual({ kind: 'Service', name: 'llama3-405b-instruct' });
    expect({ line: finding!.line, column: finding!.column }).toEqual(positionOf(LLMAZ, 'name: model-runner'));
    expect(finding!.message).toContain('gpu-drain-lint does not read Service of inference.llmaz.io');
    expect(finding!.message).toContain('requesting nvidia.com/gpu');
    expect(finding!.message).toContain(`workloadKinds: [${LLMAZ_ENTRY}]`);
  });

  it('writes [] for the list a template is in, and names the replica count when spec.replicas is one', async () => {
    const dir = tempDir({ 'm.yaml': multiRole() });
    const [finding] = unchecked(await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir }));
    expect(finding!.message).toMatch(
      /workloadKinds: \[\{apiVersion: serving\.example\.com\/v1, kind: MultiRoleInference, templates: \["spec\.roles\[\]\.template"\], replicas: spec\.replicas\}\]$/,
    );
  });

  it('the entry it shows, pasted into the config, makes the object a judged workload', async () => {
    const dir = tempDir({ 'llmaz.yaml': LLMAZ, 'm.yaml': multiRole() });
    for (const file of ['llmaz.yaml', 'm.yaml']) {
      const [finding] = unchecked(await runInProcess(['-f', 'json', file], { cwd: dir }));
      const entry = /workloadKinds: (\[.*\])$/.exec(finding!.message)![1]!;
      const config = join(dir, `${file}.config.yaml`);
      writeFileSync(config, `workloadKinds: ${entry}\n`);
      const declared = await runInProcess(['-c', config, '-f', 'json', file], { cwd: dir });
      const report = parseReport(declared.stdout);
      expect(unchecked(declared), file).toEqual([]);
      expect(report.coverage.workloads, file).toBe(1);
      // Judged like a Deployment: its GPU templates keep the default grace period.
      expect(allFindings(report).some((f) => f.ruleId === 'grace-period-default'), file).toBe(true);
    }
  });

  it('does not fire on known kinds, on custom resources without a GPU, or on a GPU count of 0', async () => {
    const dir = tempDir({
      'deploy.yaml': gpuDeployment(),
      'widget.yaml': WIDGET,
      'zero.yaml': multiRole(0),
      'zero-text.yaml': multiRole('"0"'),
      'cpu.yaml': multiRole().replace(/nvidia\.com\/gpu/g, 'cpu'),
    });
    const result = await runInProcess(['-f', 'json', 'deploy.yaml', 'widget.yaml', 'zero.yaml', 'zero-text.yaml', 'cpu.yaml'], { cwd: dir });
    expect(unchecked(result)).toEqual([]);
  });

  it('a container outside any pod template is reported without an entry: workloadKinds cannot declare it', async () => {
    const flat = [
      'apiVersion: runtimes.example.com/v1',
      'kind: FlatRuntime',
      'metadata:',
      '  name: flat',
      'spec:',
      '  runner:',
      '    name: engine',
      '    image: ghcr.io/example/llm-server:1.0',
      '    resources:',
      '      requests:',
      '        amd.com/gpu: 2',
      '',
    ].join('\n');
    const dir = tempDir({ 'flat.yaml': flat });
    const [finding] = unchecked(await runInProcess(['-f', 'json', 'flat.yaml'], { cwd: dir }));
    expect(finding!.message).toContain('requesting amd.com/gpu');
    expect(finding!.message).toContain('spec.runner is not in a pod template');
    expect(finding!.message).not.toContain('workloadKinds: [');
    expect({ line: finding!.line, column: finding!.column }).toEqual(positionOf(flat, 'runner:'));
  });

  it('is silenced like a rule: an ignore annotation on the object', async () => {
    const annotated = LLMAZ.replace(
      'kind: Service\nmetadata:\n  name: llama3-405b-instruct\n',
      'kind: Service\nmetadata:\n  name: llama3-405b-instruct\n  annotations:\n    gpu-drain-lint.io/ignore: unchecked-workload\n',
    );
    expect(annotated).not.toBe(LLMAZ);
    const dir = tempDir({ 'llmaz.yaml': annotated });
    const result = await runInProcess(['llmaz.yaml'], { cwd: dir });
    expect(result.stdout).toBe('✔ 0 workloads in 1 file checked, no problems; 2 objects of unknown kinds not checked (OpenModel, Service)\n');
  });

  it('can be turned off in the config; the coverage still lists the kind', async () => {
    const dir = tempDir({ 'llmaz.yaml': LLMAZ, 'c.yaml': 'rules:\n  unchecked-workload: off\n' });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', 'llmaz.yaml'], { cwd: dir });
    expect(unchecked(result)).toEqual([]);
    expect(parseReport(result.stdout).coverage.uncheckedKinds.map((u) => u.kind)).toEqual(['OpenModel', 'Service']);
  });
});

describe('config workloadKinds', () => {
  it('a bad template path is refused at its position', async () => {
    const text = 'workloadKinds:\n  - apiVersion: serving.example.com/v1\n    kind: MultiRoleInference\n    templates: ["spec.roles[0].template"]\n';
    const dir = tempDir({ 'm.yaml': multiRole(), 'c.yaml': text });
    const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const at = positionOf(text, '"spec.roles[0].template"');
    expect(result.stderr).toContain(`c.yaml:${at.line}:${at.column}: workloadKinds.0.templates.0 is not valid: "spec.roles[0].template"`);
  });

  it('an entry without templates, a replica path through a list, and a kind declared twice are refused at their position', async () => {
    const cases: [string, string, RegExp][] = [
      ['workloadKinds:\n  - apiVersion: a.example.com/v1\n    kind: A\n', 'c.yaml:2:5', /templates/],
      ['workloadKinds:\n  - {apiVersion: a.example.com/v1, kind: A, templates: [spec.template], replicas: "spec.groups[].replicas"}\n', 'c.yaml:2:', /replicas/],
      ['workloadKinds:\n  - {apiVersion: a.example.com/v1, kind: A, templates: [spec.template]}\n  - {apiVersion: a.example.com/v2, kind: A, templates: [spec.t]}\n', 'c.yaml:3:5', /already/],
    ];
    for (const [text, where, about] of cases) {
      const dir = tempDir({ 'm.yaml': WIDGET, 'c.yaml': text });
      const result = await runInProcess(['-c', 'c.yaml', 'm.yaml'], { cwd: dir });
      expect(result.status, text).toBe(2);
      expect(result.stderr, text).toContain(where);
      expect(result.stderr, text).toMatch(about);
    }
  });

  it('a declared path that meets the wrong type is an invalid-value there, never a crash', async () => {
    const text = 'apiVersion: x.example.com/v1\nkind: X\nmetadata:\n  name: x\nspec:\n  roles: 3\n  one: "str"\n';
    const config = 'workloadKinds:\n  - {apiVersion: x.example.com/v1, kind: X, templates: ["spec.roles[].template", "spec.one", "spec.absent.deep"], replicas: spec.one}\n';
    const dir = tempDir({ 'x.yaml': text, 'c.yaml': config });
    const report = parseReport((await runInProcess(['-c', 'c.yaml', '-f', 'json', 'x.yaml'], { cwd: dir })).stdout);
    expect(allFindings(report).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([
      '6:10 invalid-value spec.roles must be a list, got the number 3',
      '7:8 invalid-value spec.one must be a mapping, got the string "str"',
      '7:8 invalid-value spec.one must be an integer, got the string "str"',
    ]);
  });

  it('profile applies to every object of the declared kind', async () => {
    const kind = (profile: string) => `workloadKinds:\n  - {apiVersion: serving.example.com/v1, kind: MultiRoleInference, templates: ["spec.roles[].template"], profile: ${profile}}\n`;
    const dir = tempDir({ 'm.yaml': multiRole(), 'cpu.yaml': multiRole().replace(/nvidia\.com\/gpu/g, 'cpu'), 'none.yaml': kind('none'), 'gpu.yaml': kind('gpu-inference') });
    const silenced = await runInProcess(['-c', 'none.yaml', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(allFindings(parseReport(silenced.stdout))).toEqual([]);
    const declared = allFindings(parseReport((await runInProcess(['-c', 'gpu.yaml', '-f', 'json', 'cpu.yaml'], { cwd: dir })).stdout));
    expect(declared.some((f) => f.ruleId === 'grace-period-default' && f.message.includes('[gpu-inference: config workloadKinds[0]: gpu-inference'))).toBe(true);
    // Each template is named by where it is.
    expect(declared.some((f) => f.message.includes('(spec.roles[1].template)'))).toBe(true);
  });

  it('a declared kind wins over the shipped one of the same group and kind', async () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment(), 'c.yaml': 'workloadKinds:\n  - {apiVersion: apps/v1, kind: Deployment, templates: [spec.notHere]}\n' });
    const shipped = parseReport((await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    expect(allFindings(shipped).length).toBeGreaterThan(0);
    const declared = parseReport((await runInProcess(['-c', 'c.yaml', '-f', 'json', 'm.yaml'], { cwd: dir })).stdout);
    expect(allFindings(declared)).toEqual([]);
    expect(declared.coverage.workloads).toBe(1);
  });

  it('--print-config shows the entries, and prints a config that can be used again', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': `workloadKinds:\n  - ${LLMAZ_ENTRY.replace('}', ', profile: gpu-inference}')}\n` });
    const printed = await runInProcess(['--print-config'], { cwd: dir });
    expect(printed.status).toBe(0);
    const config = JSON.parse(printed.stdout) as { workloadKinds: unknown[]; workloads: unknown[] };
    expect(config.workloadKinds).toEqual([
      {
        apiVersion: 'inference.llmaz.io/v1alpha1',
        kind: 'Service',
        templates: ['spec.workloadTemplate.leaderTemplate', 'spec.workloadTemplate.workerTemplate'],
        replicas: 'spec.replicas',
        profile: 'gpu-inference',
      },
    ]);
    expect(config.workloads).toEqual([]);
    const again = tempDir({ 'saved.json': printed.stdout });
    const reprinted = await runInProcess(['--print-config', '-c', 'saved.json'], { cwd: again });
    expect(JSON.parse(reprinted.stdout)).toEqual(config);
  });
});

describe('coverage', () => {
  it('stylish ends with the workloads and files checked and the unknown kinds not checked', async () => {
    const dir = tempDir({ 'llmaz.yaml': LLMAZ, 'web.yaml': plainDeployment() });
    const result = await runInProcess(['llmaz.yaml', 'web.yaml'], { cwd: dir });
    expect(result.stdout).toMatch(/⚠ 1 problem \(0 errors, 1 warning\)\n/);
    expect(lastLine(result.stdout)).toBe('1 workload in 2 files checked; 2 objects of unknown kinds not checked (OpenModel, Service)');
  });

  it('a clean run says it passed, and still names the kinds it did not check', async () => {
    const dir = tempDir({ 'web.yaml': `${plainDeployment()}---\n${WIDGET}` });
    const result = await runInProcess(['web.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('✔ 1 workload in 1 file checked, no problems; 1 object of an unknown kind not checked (Widget)\n');
  });

  it('a kind two API groups share is named with its group', async () => {
    const other = WIDGET.replace('widgets.example.com', 'widgets.other.io');
    const dir = tempDir({ 'w.yaml': `${WIDGET}---\n${other}---\n${WIDGET.replace('name: w', 'name: w2')}` });
    const result = await runInProcess(['w.yaml'], { cwd: dir });
    expect(result.stdout).toBe('✔ 0 workloads in 1 file checked, no problems; 3 objects of unknown kinds not checked (Widget.widgets.example.com, Widget.widgets.other.io)\n');
  });

  it('JSON carries the counts and the kinds seen but not judged; context files and unused config ignores are not counted', async () => {
    const dir = tempDir({
      'llmaz.yaml': LLMAZ,
      'web.yaml': plainDeployment(),
      'context/more.yaml': `${gpuDeployment({ name: 'other' })}---\n${WIDGET}`,
      'c.yaml': 'ignores:\n  - { kind: Deployment, name: nothing-here, reason: "matches nothing" }\n',
    });
    const result = await runInProcess(['-c', 'c.yaml', '-f', 'json', '--context', 'context/*.yaml', 'llmaz.yaml', 'web.yaml'], { cwd: dir });
    // (The unused ignore's finding belongs to no object, which parseReport refuses for a rule finding.)
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(['llmaz.yaml', 'web.yaml', 'c.yaml']);
    expect(report.coverage).toEqual({
      files: 2,
      workloads: 1,
      uncheckedKinds: [
        { apiVersion: 'llmaz.io/v1alpha1', kind: 'OpenModel', count: 1 },
        { apiVersion: 'inference.llmaz.io/v1alpha1', kind: 'Service', count: 1 },
      ],
    });
  });

  it('objects another reader reads, or known to run no pods, are not unknown kinds', async () => {
    const known = [
      'apiVersion: inference.networking.k8s.io/v1\nkind: InferencePool\nmetadata:\n  name: pool\nspec:\n  selector:\n    matchLabels:\n      app: vllm\n  targetPorts:\n    - number: 8000\n',
      'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: gpu\nspec:\n  template:\n    spec:\n      nodeClassRef:\n        group: karpenter.k8s.aws\n        kind: EC2NodeClass\n        name: default\n',
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: vllm\nspec:\n  selector:\n    matchLabels:\n      app: vllm\n',
      'apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: bc\nspec:\n  connectionDraining:\n    drainingTimeoutSec: 60\n',
    ].join('---\n');
    const dir = tempDir({ 'known.yaml': known });
    const report = parseReport((await runInProcess(['-f', 'json', 'known.yaml'], { cwd: dir })).stdout);
    expect(report.coverage).toEqual({ files: 1, workloads: 0, uncheckedKinds: [] });
  });

  it('the GitHub job summary says what was checked', async () => {
    const dir = tempDir({ 'llmaz.yaml': LLMAZ, 'web.yaml': plainDeployment() });
    const summary = join(dir, 'summary.md');
    await runInProcess(['-f', 'github', 'llmaz.yaml', 'web.yaml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8')).toContain('\n1 workload in 2 files checked; 2 objects of unknown kinds not checked (OpenModel, Service).\n');
  });

  it('SARIF carries the same coverage in runs[0].properties, and stays valid', async () => {
    const dir = tempDir({ 'llmaz.yaml': LLMAZ, 'web.yaml': plainDeployment() });
    const json = parseReport((await runInProcess(['-f', 'json', 'llmaz.yaml', 'web.yaml'], { cwd: dir })).stdout);
    const sarif = await runInProcess(['-f', 'sarif', 'llmaz.yaml', 'web.yaml'], { cwd: dir });
    const log = parseSarif(sarif.stdout);
    if (schemaPresent) expectValidSarif(log, 'coverage');
    expectGithubRequirements(log);
    expect(log.runs[0]!.properties?.coverage).toEqual(json.coverage);
    expect(json.coverage.workloads).toBe(1);
    // The diagnostic is described among the rules.
    expect(log.runs[0]!.tool.driver.rules!.some((r) => r.id === 'unchecked-workload')).toBe(true);
  });
});
