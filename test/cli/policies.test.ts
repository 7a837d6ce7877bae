import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFindings, expectNoCrash, gpuDeployment, parseReport, plainDeployment, positionOf, ROOT, run, runInProcess, tempDir, type RunResult } from './run.js';

const FIXTURES = join(ROOT, 'fixtures/policies');

/** A config with these policies (YAML list items, indented under `policies:`). */
function config(policies: string, extra = ''): string {
  return `policies:\n${policies}${extra}`;
}

/** A CEL policy on pod specs that wants a grace period of at least 300 s. */
const GRACE_POLICY = [
  '  - id: acme/grace',
  '    description: pods keep 300 s to drain',
  '    target: podSpec',
  '    validations:',
  '      - expression: "podSpec.?terminationGracePeriodSeconds.orValue(30) >= 300"',
  '        message: keep 300 s',
  '        fieldPath: terminationGracePeriodSeconds',
  '',
].join('\n');

function policyFindings(result: RunResult, id?: string) {
  // Suppressed findings are listed with their suppressions; they do not count.
  return allFindings(parseReport(result.stdout)).filter((f) => !(f as { suppressions?: unknown[] }).suppressions && (id ? f.ruleId === id : f.ruleId.includes('/') || f.ruleId === 'policy-error'));
}

/** Exit 2 with `file:line:col: message` on stderr, nothing on stdout, no crash. */
function expectConfigError(result: RunResult, where: string, message: string | RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expectNoCrash(result.stderr);
  // The config file is named as found (an absolute path), a policy file relative to the current directory.
  expect(result.stderr).toMatch(new RegExp(`invalid configuration: (\\S*/)?${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  expect(result.stderr).toMatch(message);
}

describe('the fixtures, through the built CLI', () => {
  const lint = (file: string, ...args: string[]) => run(['-f', 'json', ...args, file], { cwd: FIXTURES });

  it.each(['cel-pass.yaml', 'schema-pass.yaml'])('%s passes every policy and rule', (file) => {
    const result = lint(file);
    expect(result.status, result.stderr).toBe(0);
    expect(allFindings(parseReport(result.stdout))).toEqual([]);
  });

  it('cel-fail.yaml fails acme/prod-grace at its grace period, with the messageExpression', () => {
    const text = readFileSync(join(FIXTURES, 'cel-fail.yaml'), 'utf8');
    const result = lint('cel-fail.yaml');
    expect(result.status, result.stderr).toBe(1);
    expect(allFindings(parseReport(result.stdout)).map((f) => [f.ruleId, f.severity, f.line, f.column, f.message])).toEqual([
      ['acme/prod-grace', 'error', ...Object.values(positionOf(text, 'terminationGracePeriodSeconds: 180')), 'GPU pods in prod keep at least 300 s to drain, not 180'],
    ]);
  });

  it('schema-fail.yaml fails acme/registry (from the policy file) at the image', () => {
    const text = readFileSync(join(FIXTURES, 'schema-fail.yaml'), 'utf8');
    const result = lint('schema-fail.yaml');
    expect(result.status, result.stderr).toBe(1);
    const [finding, ...others] = allFindings(parseReport(result.stdout));
    expect(others).toEqual([]);
    expect([finding!.ruleId, finding!.line, finding!.column]).toEqual(['acme/registry', ...Object.values(positionOf(text, 'image: docker.io'))]);
    expect(finding!.message).toBe('images come from the internal registry: image must match pattern "^registry\\.example\\.io/"');
  });

  it('the CEL policy matches only prod namespaces: the same 180 s in staging passes it', () => {
    expect(policyFindings(lint('schema-pass.yaml'))).toEqual([]);
  });

  it('SARIF lists the policies as rules, with their help and docs', () => {
    const result = lint('cel-fail.yaml', '-f', 'sarif');
    const rules = (JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; help: { text: string } }[] } } }[] }).runs[0]!.tool.driver.rules;
    const grace = rules.find((r) => r.id === 'acme/prod-grace')!;
    expect(grace.helpUri).toBe('https://wiki.example/gpu-grace');
    expect(grace.help.text).toContain('podSpec.?terminationGracePeriodSeconds.orValue(30) >= 300');
    expect(grace.help.text).toContain('namespaces prod-*');
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['acme/registry', 'policy-error']));
  });

  it('rules lists the policies; explain shows one with its match, target and validations', () => {
    const listed = run(['rules', '-f', 'json'], { cwd: FIXTURES });
    expect(listed.status, listed.stderr).toBe(0);
    const entries = JSON.parse(listed.stdout) as { id: string; level: string; description: string; docsUrl: string | null }[];
    expect(entries.find((e) => e.id === 'acme/registry')).toMatchObject({ level: 'error', description: 'images come from the internal registry', docsUrl: null });
    const explained = run(['explain', 'acme/prod-grace'], { cwd: FIXTURES });
    expect(explained.status, explained.stderr).toBe(0);
    for (const text of ['GPU pods in prod keep at least 300 s to drain', 'kinds Deployment, StatefulSet', 'profile gpu-inference', 'podSpec', 'orValue(30) >= 300', 'https://wiki.example/gpu-grace']) {
      expect(explained.stdout).toContain(text);
    }
  });
});

describe('bad policies are configuration errors at their place', () => {
  async function lintWith(configText: string, files: Record<string, string> = {}): Promise<RunResult> {
    const dir = tempDir({ '.gpu-drain-lint.yaml': configText, 'm.yaml': gpuDeployment(), ...files });
    return runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir });
  }

  it('a CEL expression that does not compile: the place the compiler names and its message', async () => {
    const text = config('  - id: acme/broken\n    description: x\n    validations:\n      - expression: "object.spec.replicas >"\n');
    // The expression ends where an operand is missing: the compiler's EOF is the closing quote.
    const at = positionOf(text, '>"');
    expectConfigError(await lintWith(text), `.gpu-drain-lint.yaml:${at.line}:${at.column + 1}`, /policy acme\/broken: .*EOF/);
  });

  it('a variable the target does not give (container on a pod spec)', async () => {
    const text = config('  - id: acme/image\n    description: x\n    target: podSpec\n    validations:\n      - expression: container.image != ""\n');
    const at = positionOf(text, 'container.image');
    expectConfigError(await lintWith(text), `.gpu-drain-lint.yaml:${at.line}:${at.column}`, /Unknown variable: container.*variables: object, profile, replicas, pdbs, services, hpas, podSpec/);
  });

  it('a schema ajv rejects', async () => {
    const text = config('  - id: acme/typed\n    description: x\n    schema:\n      type: strin\n');
    const at = positionOf(text, 'type: strin');
    expectConfigError(await lintWith(text), `.gpu-drain-lint.yaml:${at.line}:${at.column}`, /policy acme\/typed: the schema is not valid: .*type/);
  });

  it('a schema pattern the linear-time engine cannot run is refused at its place, before any value is matched', async () => {
    const text = config('  - id: acme/redos\n    description: x\n    schema:\n      properties:\n        metadata:\n          properties:\n            name: {pattern: "^(a+)\\\\1$"}\n');
    const at = positionOf(text, '"^(a+)');
    expectConfigError(await lintWith(text), `.gpu-drain-lint.yaml:${at.line}:${at.column}`, /the pattern "\^\(a\+\)\\\\1\$": it cannot be matched in linear time/);
  });

  it('a duplicate id, also across a policy file', async () => {
    const file = '- id: acme/grace\n  description: again\n  schema: true\n';
    const result = await lintWith(config(GRACE_POLICY, 'policyFiles: [more.yaml]\n'), { 'more.yaml': file });
    expectConfigError(result, 'more.yaml:1:7', /policy id "acme\/grace" is used twice \(first at \S*\.gpu-drain-lint\.yaml:2:9\)/);
  });

  it('an id that is not namespaced (a built-in rule\'s id is never one)', async () => {
    const text = config('  - id: prestop-missing\n    description: x\n    schema: true\n');
    const at = positionOf(text, 'prestop-missing');
    expectConfigError(await lintWith(text), `.gpu-drain-lint.yaml:${at.line}:${at.column}`, /policies\.0\.id is not valid: "prestop-missing" \(a namespaced id/);
  });

  it('a policy with neither validations nor schema', async () => {
    expectConfigError(await lintWith(config('  - id: acme/empty\n    description: x\n')), '.gpu-drain-lint.yaml:2:5', /needs either validations \(CEL\) or schema/);
  });

  it('an unknown key in a policy, a wrong target', async () => {
    expectConfigError(await lintWith(config('  - id: acme/x\n    description: x\n    targt: podSpec\n    schema: true\n')), '.gpu-drain-lint.yaml:4:5', /unknown key "targt"/);
    expectConfigError(await lintWith(config('  - id: acme/x\n    description: x\n    target: pod\n    schema: true\n')), '.gpu-drain-lint.yaml:4:13', /must be one of "object", "podSpec", "container", "servingContainer"/);
  });

  it('a policy file that is not YAML, or not a list of policies', async () => {
    expectConfigError(await lintWith('policyFiles: [p.yaml]\n', { 'p.yaml': '- id: acme/x\n  description: [unclosed\n' }), 'p.yaml:3:1', /./);
    expectConfigError(await lintWith('policyFiles: [p.yaml]\n', { 'p.yaml': 'just text\n' }), 'p.yaml:1:1', /a policy file holds a list of policies/);
    expectConfigError(await lintWith('policyFiles: [p.yaml]\n', { 'p.yaml': 'policies:\n  - id: acme/x\n    description: x\n    scheme: true\n' }), 'p.yaml:4:5', /unknown key "scheme" in policies\.0/);
  });

  it('a policyFiles glob that matches nothing', async () => {
    expectConfigError(await lintWith('policyFiles:\n  - policies/*.yaml\n'), '.gpu-drain-lint.yaml:2:5', /policyFiles entry "policies\/\*\.yaml" matches no file/);
  });

  it('a level for a policy that does not exist', async () => {
    expectConfigError(await lintWith(config(GRACE_POLICY, 'rules:\n  acme/grac: warn\n')), `.gpu-drain-lint.yaml:${GRACE_POLICY.split('\n').length + 2}:3`, /unknown policy "acme\/grac" \(did you mean "acme\/grace"\?\)/);
  });
});

describe('policies are rules', () => {
  const SHORT_GRACE = gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 200'] });

  async function lintWith(configText: string, manifest: string, args: string[] = []): Promise<RunResult> {
    const dir = tempDir({ '.gpu-drain-lint.yaml': configText, 'm.yaml': manifest });
    return runInProcess(['-f', 'json', ...args, 'm.yaml'], { cwd: dir });
  }

  it('reports at the fieldPath, at the default level error', async () => {
    const result = await lintWith(config(GRACE_POLICY), SHORT_GRACE);
    expect(policyFindings(result).map((f) => [f.ruleId, f.severity, f.line, f.column, f.message])).toEqual([
      ['acme/grace', 'error', ...Object.values(positionOf(SHORT_GRACE, 'terminationGracePeriodSeconds')), 'keep 300 s'],
    ]);
    expect(result.status).toBe(1);
  });

  it('a missing field is reported at its nearest existing parent; no message: "failed expression"', async () => {
    const policy = config('  - id: acme/team\n    description: x\n    validations:\n      - expression: "\'team\' in object.metadata.?labels.orValue({})"\n        fieldPath: metadata.labels[\'team\']\n');
    const result = await lintWith(policy, SHORT_GRACE);
    expect(policyFindings(result).map((f) => [f.line, f.column, f.message])).toEqual([
      [...Object.values(positionOf(SHORT_GRACE, 'metadata:')), 'failed expression: \'team\' in object.metadata.?labels.orValue({})'],
    ]);
  });

  it('config rules levels, --rule, --select and --ignore apply to a policy', async () => {
    expect(policyFindings(await lintWith(config(GRACE_POLICY, 'rules:\n  acme/grace: warn\n'), SHORT_GRACE))[0]!.severity).toBe('warn');
    expect(policyFindings(await lintWith(config(GRACE_POLICY, 'rules:\n  acme/grace: off\n'), SHORT_GRACE))).toEqual([]);
    expect(policyFindings(await lintWith(config(GRACE_POLICY), SHORT_GRACE, ['--rule', 'acme/grace:off']))).toEqual([]);
    expect(policyFindings(await lintWith(config(GRACE_POLICY), SHORT_GRACE, ['--ignore', 'acme/grace']))).toEqual([]);
    const selected = await lintWith(config(GRACE_POLICY), SHORT_GRACE, ['--select', 'acme/grace']);
    expect(allFindings(parseReport(selected.stdout)).map((f) => f.ruleId)).toEqual(['acme/grace']);
    // A policy written off runs only when selected, at error.
    const off = config(GRACE_POLICY.replace('    description:', '    level: off\n    description:'));
    expect(policyFindings(await lintWith(off, SHORT_GRACE))).toEqual([]);
    expect(policyFindings(await lintWith(off, SHORT_GRACE, ['--select', 'acme/grace'])).map((f) => f.severity)).toEqual(['error']);
  });

  it('suppression comments, annotations and config ignores silence a policy', async () => {
    const commented = SHORT_GRACE.replace('      terminationGracePeriodSeconds', '      # gpu-drain-lint-disable-next-line acme/grace -- batch pods\n      terminationGracePeriodSeconds');
    expect(policyFindings(await lintWith(config(GRACE_POLICY), commented))).toEqual([]);
    const annotated = SHORT_GRACE.replace('  namespace: inference', '  namespace: inference\n  annotations:\n    gpu-drain-lint.io/ignore: acme/grace');
    expect(policyFindings(await lintWith(config(GRACE_POLICY), annotated))).toEqual([]);
    const ignored = config(GRACE_POLICY, 'ignores:\n  - rule: acme/grace\n    name: vllm\n    reason: batch\n');
    expect(policyFindings(await lintWith(ignored, SHORT_GRACE))).toEqual([]);
  });

  it('a baseline records a policy\'s findings and accepts them afterwards', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': config(GRACE_POLICY), 'm.yaml': SHORT_GRACE });
    const written = await runInProcess(['--baseline-write', 'b.json', 'm.yaml'], { cwd: dir });
    expect(written.status, written.stderr).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toContain('acme/grace');
    const accepted = await runInProcess(['-f', 'json', '--baseline', 'b.json', 'm.yaml'], { cwd: dir });
    expect(policyFindings(accepted)).toEqual([]);
  });

  it('a policy that cannot be evaluated on an object is a policy-error there, and the run goes on', async () => {
    const policy = config('  - id: acme/replicas\n    description: x\n    validations:\n      - expression: object.spec.replicas >= 2\n');
    // The web Deployment sets no replicas.
    const manifest = `${SHORT_GRACE}---\n${plainDeployment()}`;
    const result = await lintWith(policy, manifest);
    expectNoCrash(result.stderr);
    const findings = policyFindings(result);
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['policy-error', 'error', positionOf(manifest, 'name: web').line]]);
    expect(findings[0]!.message).toMatch(/^policy acme\/replicas could not be evaluated on Deployment web: validations\[0\]\.expression: .*replicas/);
    expect(result.status).toBe(1);
  });

  it('an expression that gives no boolean is a policy-error too', async () => {
    const result = await lintWith(config('  - id: acme/count\n    description: x\n    validations:\n      - expression: object.spec.replicas\n'), SHORT_GRACE);
    expect(policyFindings(result).map((f) => [f.ruleId, f.message])).toEqual([['policy-error', 'policy acme/count could not be evaluated on Deployment inference/vllm: validations[0].expression gave 2, not a boolean']]);
  });
});

describe('a policy\'s fix', () => {
  const FIXING = GRACE_POLICY + '    fix: {path: terminationGracePeriodSeconds, value: 300}\n';

  it('--fix sets the scalar through the verified fixer, and the policy then passes', async () => {
    const manifest = gpuDeployment({ podSpecLines: ['terminationGracePeriodSeconds: 200'] });
    const dir = tempDir({ '.gpu-drain-lint.yaml': config(FIXING), 'm.yaml': manifest });
    const before = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir });
    expect(policyFindings(before).map((f) => [f.fixable, f.fix?.safety, f.fix?.description])).toEqual([[true, 'safe', 'set terminationGracePeriodSeconds to 300']]);
    const fixed = await runInProcess(['--fix', '-f', 'json', 'm.yaml'], { cwd: dir });
    expectNoCrash(fixed.stderr);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(manifest.replace('terminationGracePeriodSeconds: 200', 'terminationGracePeriodSeconds: 300'));
    expect(policyFindings(fixed)).toEqual([]);
  });

  it('adds the key where the parent is written; says why not where it is not', async () => {
    const missing = gpuDeployment();
    const dir = tempDir({ '.gpu-drain-lint.yaml': config(FIXING), 'm.yaml': missing });
    await runInProcess(['--fix', '-f', 'json', 'm.yaml'], { cwd: dir });
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toContain('terminationGracePeriodSeconds: 300');
    const labels = config("  - id: acme/team\n    description: x\n    validations:\n      - expression: \"false\"\n    fix: {path: \"metadata.labels['team']\", value: ml}\n");
    const result = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: tempDir({ '.gpu-drain-lint.yaml': labels, 'm.yaml': missing }) });
    expect(policyFindings(result).map((f) => [f.fixable, f.message])).toEqual([[false, "failed expression: false (the fix sets metadata.labels['team'], whose parent is not written)"]]);
  });

  it('a fix path that is not a field path is a configuration error', async () => {
    const text = config(GRACE_POLICY + '    fix: {path: "a..b", value: 1}\n');
    const at = positionOf(text, '"a..b"');
    expectConfigError(await runInProcess(['m.yaml'], { cwd: tempDir({ '.gpu-drain-lint.yaml': text, 'm.yaml': gpuDeployment() }) }), `.gpu-drain-lint.yaml:${at.line}:${at.column}`, /fix path "a\.\.b" is not a field path/);
  });
});

describe('matching and targets', () => {
  const FAILS = (id: string, match: string, target = 'object', expression = 'false') =>
    `  - id: ${id}\n    description: ${id}\n    target: ${target}\n${match ? `    match:\n${match}` : ''}    validations:\n      - expression: "${expression}"\n        messageExpression: "${target === 'object' ? 'object.kind' : target === 'podSpec' ? '\'pod spec\'' : 'container.name'}"\n`;

  async function reported(policies: string, manifest: string): Promise<string[]> {
    const dir = tempDir({ '.gpu-drain-lint.yaml': config(policies), 'm.yaml': manifest });
    const result = await runInProcess(['-f', 'json', 'm.yaml'], { cwd: dir });
    expectNoCrash(result.stderr);
    return policyFindings(result).map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`);
  }

  const WEB = plainDeployment();
  const MANIFEST = `${gpuDeployment()}---\n${WEB}`;

  it('kinds, API groups, namespaces (globs, defaultNamespace) and labels', async () => {
    const gpuAt = positionOf(MANIFEST, 'name: vllm');
    const webAt = positionOf(MANIFEST, 'name: web');
    expect(await reported(FAILS('a/kinds', '      kinds: [Deployment]\n'), MANIFEST)).toEqual([`a/kinds ${gpuAt.line}:${gpuAt.column} Deployment`, `a/kinds ${webAt.line}:${webAt.column} Deployment`]);
    expect(await reported(FAILS('a/group', '      apiGroups: [""]\n'), MANIFEST)).toEqual([]);
    expect(await reported(FAILS('a/ns', '      namespaces: ["infer*"]\n'), MANIFEST)).toEqual([`a/ns ${gpuAt.line}:${gpuAt.column} Deployment`]);
    // The web Deployment names no namespace: it is in defaultNamespace.
    expect(await reported(FAILS('a/default', '      namespaces: [default]\n'), MANIFEST)).toEqual([`a/default ${webAt.line}:${webAt.column} Deployment`]);
  });

  it('labels of the object', async () => {
    const labelled = gpuDeployment().replace('  namespace: inference', '  namespace: inference\n  labels:\n    team: ml');
    expect(await reported(FAILS('a/labels', '      labels: {team: ml}\n'), `${labelled}---\n${WEB}`)).toHaveLength(1);
    expect(await reported(FAILS('a/labels', '      labels: {team: search}\n'), labelled)).toEqual([]);
  });

  it('the drain profile: gpu-inference, none', async () => {
    expect((await reported(FAILS('a/gpu', '      profile: gpu-inference\n'), MANIFEST)).map((f) => f.split(' ')[1])).toEqual([Object.values(positionOf(MANIFEST, 'name: vllm')).join(':')]);
    expect((await reported(FAILS('a/none', '      profile: none\n'), MANIFEST)).map((f) => f.split(' ')[1])).toEqual([Object.values(positionOf(MANIFEST, 'name: web')).join(':')]);
  });

  it('the profile variable holds the budget of a profiled pod spec', async () => {
    const findings = await reported(`  - id: a/budget\n    description: x\n    target: podSpec\n    match: {profile: gpu-inference}\n    validations:\n      - expression: "false"\n        messageExpression: "profile.name + \' \' + string(profile.budget) + \' \' + string(replicas)"\n`, MANIFEST);
    expect(findings).toEqual([expect.stringMatching(/ gpu-inference \d+ 2$/)]);
  });

  it('targets: each container (init containers not), the serving container, each pod spec of a CronJob', async () => {
    const sidecar = gpuDeployment({ podSpecLines: ['initContainers:', '  - name: fetch', '    image: busybox'] }).replace(
      '      containers:\n',
      '      containers:\n        - name: proxy\n          image: envoy\n',
    );
    const proxyAt = positionOf(sidecar, 'name: proxy');
    const vllmAt = positionOf(sidecar, 'name: vllm', 'containers:');
    expect(await reported(FAILS('a/each', '', 'container'), sidecar)).toEqual([`a/each ${proxyAt.line}:${proxyAt.column} proxy`, `a/each ${vllmAt.line}:${vllmAt.column} vllm`]);
    expect(await reported(FAILS('a/serving', '', 'servingContainer'), sidecar)).toEqual([`a/serving ${vllmAt.line}:${vllmAt.column} vllm`]);
    const cronJob = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers:',
      '            - name: job',
      '              image: busybox',
      '',
    ].join('\n');
    expect(await reported(FAILS('a/pods', '', 'podSpec', "podSpec.restartPolicy == 'OnFailure'"), cronJob)).toEqual([`a/pods ${Object.values(positionOf(cronJob, 'spec:', 'template:')).join(':')} pod spec`]);
  });

  it('a JSON Schema policy reports a missing required field at its parent, a wrong one at itself', async () => {
    const policy = '  - id: a/schema\n    description: containers are complete\n    target: container\n    schema:\n      type: object\n      required: [securityContext]\n      properties:\n        image: {type: string, pattern: "^ghcr\\\\.io/acme/"}\n';
    const manifest = gpuDeployment();
    const nameAt = positionOf(manifest, 'name: vllm', 'containers:');
    const imageAt = positionOf(manifest, 'image:');
    expect(await reported(policy, manifest)).toEqual([
      `a/schema ${nameAt.line}:${nameAt.column} containers are complete: securityContext is required`,
      `a/schema ${imageAt.line}:${imageAt.column} containers are complete: image must match pattern "^ghcr\\.io/acme/"`,
    ]);
  });

  it('a draft-07 schema is compiled as draft-07', async () => {
    const policy = '  - id: a/draft7\n    description: d7\n    schema:\n      $schema: "http://json-schema.org/draft-07/schema#"\n      required: [status]\n';
    expect(await reported(policy, WEB)).toHaveLength(1);
  });
});

describe('docs', () => {
  /** The YAML blocks of a Markdown file that hold policies (a config or a policy file). */
  const policyBlocks = (path: string) => [...readFileSync(join(ROOT, path), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((block) => /^(policies:|- id: )/m.test(block));

  it.each(['docs/policies.md', 'README.md'])('every policy example of %s loads, and --print-config shows its policies inline', async (path) => {
    const blocks = policyBlocks(path);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      // A policy file's example is loaded through policyFiles; a config's with the files it names, empty.
      const files: Record<string, string> = block.startsWith('- id: ') || /^# policies\//.test(block) ? { '.gpu-drain-lint.yaml': 'policyFiles: [p.yaml]\n', 'p.yaml': block } : { '.gpu-drain-lint.yaml': block, 'policies/none.yaml': '[]\n' };
      const result = await runInProcess(['--print-config'], { cwd: tempDir(files) });
      expect(result.status, `${block}\n${result.stderr}`).toBe(0);
      const printed = JSON.parse(result.stdout) as { policies: { id: string }[] };
      for (const [, id] of block.matchAll(/id: (\S+)/g)) expect(printed.policies.map((p) => p.id)).toContain(id);
    }
  });

  it('docs/policies.md shows the fixtures\' policies as they are', () => {
    const text = readFileSync(join(ROOT, 'docs/policies.md'), 'utf8');
    const fixture = readFileSync(join(FIXTURES, '.gpu-drain-lint.yaml'), 'utf8').replace(/^#.*\n/, '');
    expect(text).toContain(fixture);
    expect(text).toContain(readFileSync(join(FIXTURES, 'policies/registry.yaml'), 'utf8').replace(/^#.*\n/, ''));
  });
});
