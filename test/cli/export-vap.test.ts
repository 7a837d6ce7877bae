import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { allFindings, expectNoCrash, gpuDeployment, parseReport, ROOT, run, runInProcess, tempDir, type RunResult } from './run.js';

const FIXTURES = join(ROOT, 'fixtures/policies');

interface Exported {
  kind: string;
  metadata: { name: string };
  spec: { validationActions?: string[]; policyName?: string };
}

function documents(text: string): Exported[] {
  return parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Exported;
  }).filter((d) => d !== null);
}

const bindings = (text: string): Record<string, string[] | undefined> =>
  Object.fromEntries(documents(text).filter((d) => d.kind === 'ValidatingAdmissionPolicyBinding').map((d) => [d.spec.policyName, d.spec.validationActions]));

function findingsOf(result: RunResult, rule: string): string[] {
  return allFindings(parseReport(result.stdout))
    .filter((f) => f.ruleId === rule)
    .map((f) => `${f.line}:${f.column} ${f.message.replace(/^acme\.prod-grace: /, '')}`);
}

describe('gpu-drain-lint export vap', () => {
  it('writes a policy and a binding per exportable rule and CEL policy, and says on stderr and in the header what it did not export, and why', () => {
    const result = run(['export', 'vap'], { cwd: FIXTURES });
    expect(result.status, result.stderr).toBe(0);
    const exported = documents(result.stdout);
    expect(exported.filter((d) => d.kind === 'ValidatingAdmissionPolicy').map((d) => d.metadata.name)).toEqual([
      'gpu-drain-lint.grace-period-default',
      'gpu-drain-lint.prestop-missing',
      'gpu-drain-lint.liveness-gates-on-load',
      'gpu-drain-lint.liveness-gates-on-load.window',
      'gpu-drain-lint.readiness-missing',
      'gpu-drain-lint.startup-probe-missing',
      'gpu-drain-lint.karpenter-deprecated-annotation',
      'acme.prod-grace',
    ]);
    // Levels give the actions: the rules at error deny, those at warn warn.
    expect(bindings(result.stdout)).toMatchObject({
      'gpu-drain-lint.grace-period-default': ['Deny'],
      'gpu-drain-lint.startup-probe-missing': ['Warn'],
      'gpu-drain-lint.liveness-gates-on-load': ['Deny'],
      'gpu-drain-lint.liveness-gates-on-load.window': ['Warn'],
      'acme.prod-grace': ['Deny'],
    });
    expect(result.stdout).toMatch(/^# Not exported:\n(#   .*\n)*#   pdb-blocks-drain: it reads other objects than the one admitted/m);
    expect(result.stdout).toContain('#   acme/registry: a JSON Schema policy has no CEL to export');
    // Plain YAML, as a platform engineer would write it: no anchors for the repeated operations.
    expect(result.stdout).not.toMatch(/[&*]a\d/);
    expect(result.stderr).toMatch(/^gpu-drain-lint: exported 7 policies: grace-period-default, .*, acme\/prod-grace\nnot exported: grace-budget-exceeded, .*acme\/registry/);
  });

  it('the exported team policy, given back to the linter as --context, reports what the policy reports, where it does', () => {
    const dir = tempDir({});
    const exported = run(['export', 'vap', '-o', join(dir, 'vap.yaml')], { cwd: FIXTURES });
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toBe('');
    const linted = run(['-f', 'json', '--context', join(dir, 'vap.yaml'), 'cel-fail.yaml', 'cel-pass.yaml'], { cwd: FIXTURES });
    expect(linted.status).toBe(1);
    const policy = findingsOf(linted, 'acme/prod-grace');
    expect(policy).toEqual(['24:7 GPU pods in prod keep at least 300 s to drain, not 180']);
    expect(findingsOf(linted, 'admission-policy')).toEqual(policy);
  });

  it('follows the levels of the config and the command line; --validation-actions binds every policy alike', async () => {
    const dir = tempDir({ '.gpu-drain-lint.yaml': 'rules:\n  readiness-missing: warn\n  karpenter-deprecated-annotation: off\n' });
    const result = await runInProcess(['export', 'vap', '--rule', 'prestop-missing:off'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(bindings(result.stdout)).toEqual({
      'gpu-drain-lint.grace-period-default': ['Deny'],
      'gpu-drain-lint.readiness-missing': ['Warn'],
      'gpu-drain-lint.startup-probe-missing': ['Warn'],
      'gpu-drain-lint.liveness-gates-on-load': ['Deny'],
      'gpu-drain-lint.liveness-gates-on-load.window': ['Warn'],
    });
    const trial = await runInProcess(['export', 'vap', '--validation-actions', 'Warn,Audit'], { cwd: dir });
    expect(new Set(Object.values(bindings(trial.stdout)).map((a) => a?.join(',')))).toEqual(new Set(['Warn,Audit']));
  });

  it('does not export a policy that reads what only the linter knows, and says which', async () => {
    const config = 'policies:\n  - id: acme/pdb\n    description: x\n    validations:\n      - expression: "pdbs.size() > 0"\n';
    const result = await runInProcess(['export', 'vap', '--select', 'acme/pdb'], { cwd: tempDir({ '.gpu-drain-lint.yaml': config }) });
    expect(result.status, result.stderr).toBe(0);
    expect(documents(result.stdout)).toEqual([]);
    expect(result.stdout).toMatch(/#   acme\/pdb: "pdbs.size\(\) > 0" reads what an admission request does not hold \(.*pdbs/);
  });

  it('a built-in rule exported is enforced offline on a manifest as the rule reports it', () => {
    const dir = tempDir({ 'm.yaml': gpuDeployment() });
    const exported = run(['export', 'vap', '--select', 'grace-period-default,prestop-missing,readiness-missing', '-o', 'vap.yaml'], { cwd: dir });
    expect(exported.status, exported.stderr).toBe(0);
    const builtin = run(['-f', 'json', '--select', 'grace-period-default,prestop-missing,readiness-missing', 'm.yaml'], { cwd: dir });
    const offline = run(['-f', 'json', '--select', 'admission-policy', '--context', 'vap.yaml', 'm.yaml'], { cwd: dir });
    const rulesFired = new Set(allFindings(parseReport(builtin.stdout)).map((f) => f.ruleId));
    const policiesFired = new Set(allFindings(parseReport(offline.stdout)).map((f) => f.message.split(':')[0]!.replace('gpu-drain-lint.', '')));
    expect(rulesFired.size).toBeGreaterThan(0);
    expect(policiesFired).toEqual(rulesFired);
  });

  it('team policies of each target, profile, namespace and label match fail the same objects offline as in the linter', () => {
    const policies = [
      '  - id: acme/registry',
      '    description: images come from our registry',
      '    target: container',
      '    validations:',
      '      - expression: "container.image.startsWith(\'registry.example.io/\')"',
      '        messageExpression: "\'image \' + container.image"',
      '  - id: acme/serving-port',
      '    description: the serving container declares its port',
      '    target: servingContainer',
      '    match: {profile: gpu-inference}',
      '    validations:',
      '      - expression: "container.?ports.orValue([]).size() > 0"',
      '        message: declare the port',
      '  - id: acme/team',
      '    description: GPU workloads of prod carry a team label',
      '    match: {profile: gpu-inference, namespaces: ["prod-*"], labels: {tier: serving}}',
      '    validations:',
      '      - expression: "\'team\' in object.metadata.?labels.orValue({})"',
      '        message: add a team label',
      '        fieldPath: metadata.labels',
      '',
    ].join('\n');
    const workload = (name: string, namespace: string, image: string, extra = '') =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: {tier: serving${extra}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: ${image}\n          resources: {limits: {nvidia.com/gpu: 1}}\n          readinessProbe: {httpGet: {path: /health, port: 8000}}\n        - name: sidecar\n          image: registry.example.io/proxy:1\n`;
    const manifest = [
      workload('a', 'prod-eu', 'vllm/vllm-openai:v0.9.0'),
      workload('b', 'prod-eu', 'registry.example.io/vllm:1', ', team: ml'),
      workload('c', 'staging', 'registry.example.io/vllm:1'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: prod-us, labels: {tier: serving}}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    ].join('---\n');
    const dir = tempDir({ '.gpu-drain-lint.yaml': `policies:\n${policies}`, 'm.yaml': manifest });
    const exported = run(['export', 'vap', '--select', 'acme/registry,acme/serving-port,acme/team', '-o', 'vap.yaml'], { cwd: dir });
    expect(exported.status, exported.stderr).toBe(0);
    const linted = run(['-f', 'json', '--select', 'acme/registry,acme/serving-port,acme/team,admission-policy', '--context', 'vap.yaml', 'm.yaml'], { cwd: dir });
    const findings = allFindings(parseReport(linted.stdout));
    // Each finding as the index of its document and its message (the exported policy's name removed).
    const documentAt = (line: number) => manifest.split('\n').slice(0, line - 1).filter((l) => l === '---').length;
    const objectsOf = (fired: typeof findings) => fired.map((f) => `${documentAt(f.line)} ${f.message.replace(/^acme\.[a-z-]+: /, '')}`).sort();
    const byPolicy = findings.filter((f) => f.ruleId.startsWith('acme/'));
    // a: a Hub image, no port, no team label; b: no port; c: no port (staging: the team policy does
    // not apply); the Pod: not profiled (only the registry policy applies, to any container).
    expect(objectsOf(byPolicy)).toEqual(['0 add a team label', '0 declare the port', '0 image vllm/vllm-openai:v0.9.0', '1 declare the port', '2 declare the port', '3 image nginx:1.27']);
    expect(objectsOf(findings.filter((f) => f.ruleId === 'admission-policy'))).toEqual(objectsOf(byPolicy));
  });

  it('usage errors exit 2 with a message', async () => {
    for (const args of [['export'], ['export', 'kyverno'], ['export', 'vap', '--validation-actions', 'Deny,Warn'], ['export', 'vap', '--validation-actions', 'Block']]) {
      const result = await runInProcess(args, { cwd: tempDir({}) });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expectNoCrash(result.stderr);
    }
  });

  it('the help names the rules it exports, as the export does', async () => {
    const help = await runInProcess(['export', '--help']);
    const exported = documents((await runInProcess(['export', 'vap'], { cwd: tempDir({}) })).stdout).filter((d) => d.kind === 'ValidatingAdmissionPolicy');
    for (const policy of exported) expect(help.stdout).toContain(policy.metadata.name.replace('gpu-drain-lint.', '').replace(/\.window$/, ''));
    expect(readFileSync(join(ROOT, 'docs/policies.md'), 'utf8')).toContain('gpu-drain-lint export vap');
  });
});
